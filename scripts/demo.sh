#!/usr/bin/env bash
# The main job: install dependencies, build, ingest samples/ into the default
# embedded RocksDB (./kg.db or $KG_DB), print example query results, and write
# the graph as GraphML (kg.graphml).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_TARGET=kg_runtime bash scripts/build.sh   # only kg: no tests, no benchmarks
KG=./build/tools/kg
echo "== kg ingest samples/"
$KG ingest samples/ --no-progress
echo "== kg stats"
$KG stats
echo "== who meets whom (kg query)"
$KG query "MATCH (a)-[r:MEETS]->(b) WHERE a.name < b.name RETURN a.name AS who, b.name AS meets, r.location_name AS location, r.date AS date ORDER BY who, meets"
echo "== shortest path Kim Jong Un -> Olaf Scholz (kg path)"
$KG path "Kim Jong Un" "Olaf Scholz"
echo "== kg export --format graphml -o kg.graphml"
$KG export --format graphml -o kg.graphml
echo "wrote kg.graphml ($(grep -c '<node ' kg.graphml) nodes, $(grep -c '<edge ' kg.graphml) edges)"
