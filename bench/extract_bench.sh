#!/usr/bin/env bash
# Extraction throughput and peak RSS over the 10kGNAD test texts (one core).
# usage: bench/extract_bench.sh [BUILD_DIR]   (default build/; needs ../shared)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shared=${KG_SHARED_DIR:-$here/../shared}
csv=$shared/corpora/10kgnad/test.csv
[ -f "$csv" ] || { echo "no $csv" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/scripts/10kgnad_to_jsonl.py" "$csv" "$tmp/10kgnad.jsonl"
cmake --build "$build" --target extract_bench -j2 >/dev/null
echo "== extract_bench (steady state, 5 passes)"
taskset -c 0 "$build/bench/extract_bench" --repeat 5 "$tmp/10kgnad.jsonl"
echo "== kg extract end to end (one pass incl. startup and JSON output), /usr/bin/time -v"
/usr/bin/time -v taskset -c 0 "$build/tools/kg" extract "$tmp/10kgnad.jsonl" --format jsonl >"$tmp/out.jsonl" 2>"$tmp/time.txt" || true
grep -E "Elapsed|Maximum resident|User time" "$tmp/time.txt"
echo "articles: $(wc -l <"$tmp/out.jsonl")"
