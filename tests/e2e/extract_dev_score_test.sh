#!/usr/bin/env bash
# Development set ($KG_SHARED_DIR/dev: 44 real articles, gold written outside the team): a
# ratchet that fails when relation F1, relation precision or entity F1 fall below the figures
# reached (raise the floors when a change lifts them). Measured when last raised (2026-12-08,
# 05:55, 61f5908): entity F1 0.846, relation P 0.924 R 0.401 F1 0.560 (before: 74e549b: 0.832,
# 0.923, 0.393, 0.551; cbfdbe2: 0.805, 0.914, 0.375, 0.532; 2026-12-07, da93315: 0.805, 0.904,
# 0.373, 0.528). Skips (77) without the dev set.
set -euo pipefail
: "${KG:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
dev=${KG_SHARED_DIR:-}/dev
score=${KG_SHARED_DIR:-}/eval/score.py
[ -d "$dev/texts" ] && [ -d "$dev/gold" ] && [ -f "$score" ] || { echo "skip: no shared dev set"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$KG" extract "$dev/texts" --format jsonl >"$tmp/out.jsonl"
"$PYTHON" "$score" "$dev/gold" "$tmp/out.jsonl" | tail -1 | tee "$tmp/score.txt"
get() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$tmp/score.txt"; }
"$PYTHON" - "$(get relation_f1)" "$(get relation_p)" "$(get entity_f1)" <<'PY'
import sys
f, p, e = map(float, sys.argv[1:])
floors = (("relation_f1", f, .55), ("relation_p", p, .90), ("entity_f1", e, .84))
bad = ["%s %.3f < %.2f" % (n, v, t) for n, v, t in floors if v < t]
print("FAIL: " + ", ".join(bad) if bad else "ok")
sys.exit(1 if bad else 0)
PY
