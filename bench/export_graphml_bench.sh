#!/usr/bin/env bash
# GraphML export of a 1 M-relationship graph through the real pipeline:
# synthetic triples -> `kg load` (RocksDB) -> `kg export --format graphml`,
# timed with /usr/bin/time -v (wall, user+sys CPU, peak RSS), median of RUNS runs.
#
# usage: bench/export_graphml_bench.sh BUILD_DIR [EDGES=1000000] [NODES=100000] [RUNS=3]
# env DB=PATH keeps the loaded database there (and reuses it when it exists).
set -euo pipefail
BUILD=${1:?build dir}
EDGES=${2:-1000000}
NODES=${3:-100000}
RUNS=${4:-3}
KG="$BUILD/tools/kg"
PY=/usr/bin/python3
tmp=$(mktemp -d /tmp/kg_export_bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

db=${DB:-$tmp/db}
if [ ! -d "$db" ]; then
# Triples grouped 100 per article; entity ids "person/p<i>"; skewed objects give hubs.
$PY - "$EDGES" "$NODES" > "$tmp/triples.jsonl" <<'PY'
import json, random, sys
m, n = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
preds = ["meets", "attacks", "supplies", "supports", "opposes", "cooperates_with"]
seen = set()
i = 0
while i < m:
    s = rng.randrange(n); o = int(n * rng.random() ** 2); p = rng.choice(preds)
    if s == o or (s, p, o) in seen:
        continue
    seen.add((s, p, o))
    art = i // 100
    print(json.dumps({"subject": f"person/p{s}", "predicate": p, "object": f"person/p{o}",
                      "date": f"2023-{1 + art % 12:02d}-{1 + art % 28:02d}", "article": f"a{art}",
                      "sentence": f"P{s} {p} P{o}."}))
    i += 1
PY
start=$(date +%s.%N)
"$KG" load --db "$db" "$tmp/triples.jsonl" > "$tmp/load.txt" 2>&1 || { cat "$tmp/load.txt"; exit 1; }
end=$(date +%s.%N)
echo "load: $(echo "$end - $start" | bc) s ($(tail -1 "$tmp/load.txt"))"
fi
"$KG" stats --db "$db" --format json
echo

secs() {  # /usr/bin/time -v field -> seconds
  grep "$1" "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run() {  # label, extra flags
  local label=$1; shift
  local walls=() cpus=() rss=()
  for i in $(seq "$RUNS"); do
    /usr/bin/time -v "$KG" export --db "$db" --format graphml -o "$tmp/out.graphml" "$@" \
      2> "$tmp/time.txt" >/dev/null
    walls+=("$(secs 'Elapsed (wall clock)')")
    cpus+=("$(echo "$(secs 'User time (seconds)') + $(secs 'System time (seconds)')" | bc)")
    rss+=("$(grep 'Maximum resident set size' "$tmp/time.txt" | awk '{print $NF}')")
  done
  local med_wall med_cpu med_rss
  med_wall=$(printf '%s\n' "${walls[@]}" | median)
  med_cpu=$(printf '%s\n' "${cpus[@]}" | median)
  med_rss=$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1/1024}')
  echo "$label: median wall ${med_wall} s, median user+sys ${med_cpu} s, median peak RSS ${med_rss} MiB" \
       "(wall: ${walls[*]} s; user+sys: ${cpus[*]} s; load $(cut -d' ' -f1-3 /proc/loadavg))," \
       "$(grep -c '<edge ' "$tmp/out.graphml") edges, $(du -m "$tmp/out.graphml" | cut -f1) MiB"
}
run "kg export --format graphml" 
run "kg export --format graphml --no-evidence-counts" --no-evidence-counts
xmllint --noout --stream "$tmp/out.graphml" && echo "xmllint --stream: well-formed"
