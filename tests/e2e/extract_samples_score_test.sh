#!/usr/bin/env bash
# Relation F1 of `kg extract` on the project's samples against samples/gold must stay >= 0.8.
# Needs ../shared/eval/score.py (skips with 77 when absent).
set -euo pipefail
: "${KG:?}" "${KG_SOURCE_DIR:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
score=${KG_SHARED_DIR:-}/eval/score.py
[ -f "$score" ] || { echo "skip: no $score"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shopt -s nullglob
inputs=("$KG_SOURCE_DIR"/samples/*.txt "$KG_SOURCE_DIR"/samples/*.jsonl)
[ ${#inputs[@]} -gt 0 ] || { echo "no samples"; exit 1; }
"$KG" extract "${inputs[@]}" --format jsonl >"$tmp/out.jsonl"
"$PYTHON" "$score" "$KG_SOURCE_DIR/samples/gold" "$tmp/out.jsonl" | tee "$tmp/score.txt"
f1=$(sed -n 's/.*relation_f1=\([0-9.]*\).*/\1/p' "$tmp/score.txt")
found=$(sed -n 's/.*articles_found=\([0-9]*\).*/\1/p' "$tmp/score.txt")
total=$(sed -n 's/^articles=\([0-9]*\).*/\1/p' "$tmp/score.txt")
[ "$found" = "$total" ] || { echo "FAIL: only $found of $total gold articles have a prediction"; exit 1; }
"$PYTHON" -c "import sys; sys.exit(0 if float('$f1') >= 0.8 else 1)" || { echo "FAIL: relation_f1=$f1 < 0.8"; exit 1; }
echo "ok: relation_f1=$f1"
