#!/usr/bin/env bash
# Robustness: `kg extract` over every text of ../shared/corpora (10kGNAD converted to JSONL, GUM news,
# holdout) finishes without a crash or hang; prints entity/relation counts per article (--stats).
set -euo pipefail
: "${KG:?}" "${KG_SOURCE_DIR:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
corp=${KG_SHARED_DIR:-}/corpora
[ -d "$corp" ] || { echo "skip: no $corp"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=()
if [ -f "$corp/10kgnad/test.csv" ]; then
  "$PYTHON" "$KG_SOURCE_DIR/scripts/10kgnad_to_jsonl.py" "$corp/10kgnad/test.csv" "$tmp/10kgnad.jsonl"
  inputs+=("$tmp/10kgnad.jsonl")
fi
for d in gum-news holdout; do
  for f in "$corp/$d"/*.txt; do
    case "$(basename "$f")" in LICENSE*|*LICENSE*) continue ;; esac
    inputs+=("$f")
  done
done
expected=0
for f in "${inputs[@]}"; do
  case "$f" in *.jsonl) expected=$((expected + $(wc -l <"$f"))) ;; *) expected=$((expected + 1)) ;; esac
done
timeout 300 "$KG" extract "${inputs[@]}" --stats >"$tmp/out.jsonl" 2>"$tmp/stats.txt"
n=$(wc -l <"$tmp/out.jsonl")
grep -c "entities=" "$tmp/stats.txt" >/dev/null
"$PYTHON" - "$tmp/stats.txt" <<'PY'
import re, sys
rows = [l for l in open(sys.argv[1]) if "\tentities=" in l]
ents = [int(re.search(r"entities=(\d+)", l).group(1)) for l in rows]
rels = [int(re.search(r"relations=(\d+)", l).group(1)) for l in rows]
print(f"articles={len(rows)} entities/article mean={sum(ents)/len(rows):.1f} max={max(ents)} "
      f"relations/article mean={sum(rels)/len(rows):.2f} max={max(rels)} with_relations={sum(1 for r in rels if r)}")
for l in rows:
    if "holdout" in l or "GUM_" in l:
        print("  " + l.strip().split("/")[-1])
PY
[ "$n" -eq "$expected" ] || { echo "FAIL: $n of $expected articles extracted"; exit 1; }
# The word index (de_DE.kgwords beside kg) only saves Hunspell calls: the same
# facts without it.
if [ -f "$(dirname "$KG")/de_DE.kgwords" ]; then
  KG_WORD_INDEX=off timeout 300 "$KG" extract "${inputs[@]}" >"$tmp/noindex.jsonl" 2>/dev/null
  cmp -s "$tmp/out.jsonl" "$tmp/noindex.jsonl" || { echo "FAIL: output differs without the word index"; exit 1; }
  echo "ok: identical output without the word index"
fi
# The gazetteer snapshot (gazetteers.kgcat beside kg) only saves start-up
# work: the same facts when the catalogue is built from the files.
if [ -f "$(dirname "$KG")/gazetteers.kgcat" ]; then
  KG_GAZETTEER_SNAPSHOT=off timeout 300 "$KG" extract "${inputs[@]}" >"$tmp/nosnap.jsonl" 2>/dev/null
  cmp -s "$tmp/out.jsonl" "$tmp/nosnap.jsonl" || { echo "FAIL: output differs without the gazetteer snapshot"; exit 1; }
  echo "ok: identical output without the gazetteer snapshot"
fi
echo "ok: $n articles"
