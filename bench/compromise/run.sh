#!/usr/bin/env bash
# kg against the compromise NLP library (npm) on the English articles of the development set:
# entity precision, recall and F1 by ../shared/eval/score.py, side by side. Exits 1 unless kg's
# entity F1 is at least compromise's + MARGIN (issue 18: 0.15). Needs ../shared, Node.js and npm
# (installs the pinned compromise with `npm ci`, so it reaches the npm registry: not part of CI).
# usage: bench/compromise/run.sh [BUILD_DIR]   (default build/; KG=path/to/kg to use another binary,
#        KG_SHARED_DIR=..., MARGIN=0.15, KEEP=DIR keeps both outputs and the verbose score reports)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
shared=${KG_SHARED_DIR:-$root/../shared}
margin=${MARGIN:-0.15}
dev=$shared/dev
score=$shared/eval/score.py
if [ ! -d "$dev/texts" ] || [ ! -f "$score" ]; then echo "no $dev/texts or $score" >&2; exit 77; fi
command -v npm >/dev/null || { echo "needs Node.js and npm (apt-get install nodejs npm)" >&2; exit 77; }

if [ -z "${KG:-}" ]; then
  cmake --build "$build" --target kg -j2 >/dev/null
  KG=$build/tools/kg
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/texts" "$tmp/gold"
cp "$dev"/texts/en-*.txt "$tmp/texts/"
cp "$dev"/gold/en-*.json "$tmp/gold/"
n=$(find "$tmp/texts" -name '*.txt' | wc -l)

"$KG" extract "$tmp/texts" --format jsonl >"$tmp/kg.jsonl"
node "$here/extract.mjs" "$tmp"/texts/*.txt >"$tmp/compromise.jsonl"
for sys in kg compromise; do
  python3 "$score" "$tmp/gold" "$tmp/$sys.jsonl" --json >"$tmp/$sys.score.json"
  python3 "$score" "$tmp/gold" "$tmp/$sys.jsonl" --verbose >"$tmp/$sys.report.txt"
done
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP" && cp "$tmp"/*.jsonl "$tmp"/*.report.txt "$KEEP/"
fi

version=$(node -p "require('$here/node_modules/compromise/package.json').version")
python3 - "$tmp" "$margin" "$n" "$version" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')" <<'EOF'
import json, sys
tmp, margin, n, version, commit = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = {}
for sysname in ("kg", "compromise"):
    rep = json.load(open(f"{tmp}/{sysname}.score.json"))
    tot = {"tp_pred": 0, "n_pred": 0, "tp_gold": 0, "n_gold": 0}
    for a in rep["articles"].values():
        for k in tot:
            tot[k] += a["entities"][k]
    rows[sysname] = (rep["summary"], tot)
print(f"English dev articles: {n}; gold entities: {rows['kg'][1]['n_gold']}")
print(f"| system | entities out | gold found | P | R | F1 |")
print(f"|---|---|---|---|---|---|")
for sysname, label in (("kg", f"kg ({commit})"), ("compromise", f"compromise {version}")):
    s, t = rows[sysname]
    print(f"| {label} | {t['n_pred']} | {t['tp_gold']} | {s['entity_p']:.3f} | {s['entity_r']:.3f} | {s['entity_f1']:.3f} |")
kf, cf = rows["kg"][0]["entity_f1"], rows["compromise"][0]["entity_f1"]
ok = kf >= cf + margin - 1e-9
print(f"kg - compromise entity F1: {kf - cf:+.3f} (needs >= +{margin:.2f}): {'PASS' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
EOF
