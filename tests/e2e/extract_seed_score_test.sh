#!/usr/bin/env bash
# Seed article (../shared/seed): relation_r >= 0.9, relation_p >= 0.8, entity_f1 >= 0.9.
set -euo pipefail
: "${KG:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
seed=${KG_SHARED_DIR:-}/seed
score=${KG_SHARED_DIR:-}/eval/score.py
[ -d "$seed" ] && [ -f "$score" ] || { echo "skip: no shared seed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$KG" extract "$seed"/*.txt --format jsonl >"$tmp/out.jsonl"
"$PYTHON" "$score" "$seed" "$tmp/out.jsonl" | tee "$tmp/score.txt"
get() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$tmp/score.txt"; }
"$PYTHON" - "$(get relation_r)" "$(get relation_p)" "$(get entity_f1)" <<'PY'
import sys
r, p, f = map(float, sys.argv[1:])
bad = [n for n, v, t in (("relation_r", r, .9), ("relation_p", p, .8), ("entity_f1", f, .9)) if v < t]
print("FAIL: " + ", ".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
PY
