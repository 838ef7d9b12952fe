#!/usr/bin/env bash
# kg query on the 1 M-relationship synthetic graph: the README example queries
# (who meets whom, 2-hop neighbourhood, shortest path, top actors by degree,
# relations in a date range with and without the date index, evidence of one
# relation, and RETURN 1 for process start + open), each run RUNS times
# through the real CLI (`kg query --format csv > /dev/null`), median wall time
# and peak RSS from /usr/bin/time.
#
# usage: bench/query_bench.sh BUILD_DIR [DB] [RUNS=3]
#   DB defaults to /tmp/kg_query_bench_s1m; when it does not exist it is built with
#   BUILD_DIR/bench/gen_graph --relationships 1000000 | kg load.
set -euo pipefail
BUILD=${1:?build dir}
DB=${2:-/tmp/kg_query_bench_s1m}
RUNS=${3:-3}
KG="$BUILD/tools/kg"
if [ ! -d "$DB" ]; then
  tmp=$(mktemp /tmp/kg_query_bench.XXXXXX.jsonl)
  "$BUILD/bench/gen_graph" --relationships 1000000 > "$tmp"
  "$KG" load "$tmp" --db "$DB" > /dev/null
  rm -f "$tmp"
fi

declare -a NAMES QUERIES
add() { NAMES+=("$1"); QUERIES+=("$2"); }
add "who meets whom (all MEETS rows)" \
  "MATCH (a)-[r:MEETS]->(b) RETURN a.name AS who, b.name AS meets, r.date AS date"
add "2-hop neighbourhood of an actor (Entity 1000)" \
  "MATCH (a {name: 'Entity 1000'})-[*1..2]-(b) RETURN count(DISTINCT b) AS reached"
add "2-hop neighbourhood of the 10,000-degree hub" \
  "MATCH (a {name: 'Hub'})-[*1..2]-(b) RETURN count(DISTINCT b) AS reached"
add "shortest path between two actors" \
  "MATCH p = shortestPath((a {name: 'Entity 1000'})-[*..10]-(b {name: 'Entity 150000'})) RETURN length(p) AS hops"
add "top 10 actors by degree" \
  "MATCH (a)-[r]-() RETURN a.name AS actor, count(r) AS degree ORDER BY degree DESC LIMIT 10"
add "relations within a date range (one week, date index)" \
  "MATCH (a)-[r]->(b) WHERE r.date >= date('2024-03-01') AND r.date < date('2024-03-08') RETURN r.date AS date, a.name AS subject, type(r) AS predicate, b.name AS object"
add "relations since a date (< 1,000 rows, date index)" \
  "MATCH ()-[r]->() WHERE r.date >= date('2024-12-30') RETURN id(r) AS id, type(r) AS rel, r.date AS date"
add "relations since a date (the same, date(r.date): full scan)" \
  "MATCH ()-[r]->() WHERE date(r.date) >= date('2024-12-30') RETURN id(r) AS id, type(r) AS rel, r.date AS date"
add "process start and open (RETURN 1)" \
  "RETURN 1 AS one"
add "evidence behind one relation" \
  "MATCH (a {name: 'Hub'})-[r]-(b {name: 'Entity 1'}) RETURN type(r) AS rel, r.support AS support, evidence_count(r) AS evidence"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| query | rows | median wall | peak RSS |"
echo "|---|---|---|---|"
for i in "${!NAMES[@]}"; do
  q=${QUERIES[$i]}
  walls=(); rss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o /tmp/kg_query_bench.time "$KG" query --db "$DB" --format csv \
      --max-rows 5000000 --timeout 600 "$q" > /tmp/kg_query_bench.out
    read -r w m < /tmp/kg_query_bench.time
    walls+=("$w"); rss+=("$m")
  done
  rows=$(($(wc -l < /tmp/kg_query_bench.out) - 1))
  w=$(printf '%s\n' "${walls[@]}" | median)
  m=$(printf '%s\n' "${rss[@]}" | median)
  echo "| ${NAMES[$i]} | $rows | ${w} s | $((m / 1024)) MB |"
done
rm -f /tmp/kg_query_bench.time /tmp/kg_query_bench.out
