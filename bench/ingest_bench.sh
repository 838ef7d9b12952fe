#!/bin/bash
# bench/ingest_bench.sh BUILD [RUNS]
#
# Ingest throughput on the 10kGNAD test split (../shared/corpora/10kgnad/test.csv):
#   1. kg ingest into a fresh database   (extraction + store, what cron runs)
#   2. kg extract alone                  (extraction only, facts to a file)
#   3. kg load --bulk off of those facts (store only: every article through the
#                                         same per-article apply as kg ingest)
#   4. kg ingest / kg extract --jobs 2   (extraction on two threads: wall time
#                                         and articles per wall-second)
# Steps 1-2 and the startup row run with --jobs 1 (the sequential path).
# Each RUNS times (default 5); prints the median wall, user+sys CPU, articles
# per CPU-second and per wall-second. Skips (exit 0 with a message) when
# ../shared is absent.
set -euo pipefail

BUILD=${1:?usage: bench/ingest_bench.sh BUILD [RUNS]}
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")/.." && pwd)
KG=$(cd "$BUILD" && pwd)/tools/kg
SHARED=${KG_SHARED_DIR:-$HERE/../shared}
CSV=$SHARED/corpora/10kgnad/test.csv
PY=${PYTHON:-/usr/bin/python3}
if [[ ! -f $CSV ]]; then
  echo "ingest_bench: $CSV not found (../shared absent): skipped"
  exit 0
fi
[[ -x $KG ]] || { echo "ingest_bench: no kg binary at $KG" >&2; exit 64; }

WORK=$(mktemp -d /tmp/kg-ingest-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$PY" "$HERE/scripts/10kgnad_to_jsonl.py" "$CSV" "$WORK/gnad.jsonl" >/dev/null
N=$(grep -c . "$WORK/gnad.jsonl")
head -n 1 "$WORK/gnad.jsonl" >"$WORK/one.jsonl"
"$KG" extract --jobs 1 "$WORK/gnad.jsonl" >"$WORK/facts.jsonl"

# run NAME CMD...: appends "wall cpu" of one run to $WORK/NAME.times
run() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/t" "$@" >/dev/null 2>"$WORK/err" || {
    echo "ingest_bench: $name failed:" >&2
    cat "$WORK/err" >&2
    exit 1
  }
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$WORK/t" >>"$WORK/$name.times"
}

for ((i = 0; i < RUNS; i++)); do
  rm -rf "$WORK/db"
  run ingest "$KG" ingest --jobs 1 "$WORK/gnad.jsonl" --db "$WORK/db" --no-progress
  run extract "$KG" extract --jobs 1 "$WORK/gnad.jsonl"
  rm -rf "$WORK/db"
  run load "$KG" load "$WORK/facts.jsonl" --db "$WORK/db" --bulk off
  # Fixed cost of one run (loading lexicons, gazetteers, KB, Hunspell; one article).
  run startup "$KG" extract --jobs 1 "$WORK/one.jsonl"
  rm -rf "$WORK/db"
  run ingest1 "$KG" ingest --jobs 1 "$WORK/one.jsonl" --db "$WORK/db" --no-progress
  rm -rf "$WORK/db"
  run ingest2 "$KG" ingest --jobs 2 "$WORK/gnad.jsonl" --db "$WORK/db" --no-progress
  run extract2 "$KG" extract --jobs 2 "$WORK/gnad.jsonl"
done

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "10kGNAD test split: $N articles, $RUNS runs each, medians ($KG)"
printf "%-34s %8s %8s %14s %15s\n" "step" "wall s" "cpu s" "articles/cpu-s" "articles/wall-s"
for name in ingest extract load startup ingest1 ingest2 extract2; do
  wall=$(cut -d' ' -f1 "$WORK/$name.times" | median)
  cpu=$(cut -d' ' -f2 "$WORK/$name.times" | median)
  case $name in
    ingest) label="kg ingest (fresh db)" ;;
    extract) label="kg extract (extraction only)" ;;
    ingest2) label="kg ingest --jobs 2 (fresh db)" ;;
    extract2) label="kg extract --jobs 2" ;;
    load) label="kg load --bulk off (store only)" ;;
    startup) label="kg extract of 1 article (startup)" ;;
    ingest1) label="kg ingest of 1 article (startup)" ;;
  esac
  n=$N
  [[ $name == startup || $name == ingest1 ]] && n=1
  printf "%-34s %8.2f %8.2f %14.0f %15.0f\n" "$label" "$wall" "$cpu" \
    "$(awk -v n="$n" -v c="$cpu" 'BEGIN {print (c > 0) ? n / c : 0}')" \
    "$(awk -v n="$n" -v w="$wall" 'BEGIN {print (w > 0) ? n / w : 0}')"
done
# The per-article rate once started: the other N-1 articles over the CPU the
# full ingest takes beyond the one-article ingest (start-up, RocksDB open and
# close, Hunspell's dictionary load are paid once per run).
ci=$(cut -d' ' -f2 "$WORK/ingest.times" | median)
c1=$(cut -d' ' -f2 "$WORK/ingest1.times" | median)
awk -v n="$N" -v a="$ci" -v b="$c1" 'BEGIN {
  if (a > b) printf "kg ingest per article beyond start-up: %.3f ms CPU = %.0f articles per CPU-second\n", 1000 * (a - b) / (n - 1), (n - 1) / (a - b) }'
