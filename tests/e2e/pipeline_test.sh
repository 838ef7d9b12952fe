#!/usr/bin/env bash
# Issue 2 acceptance, end to end through the kg binary:
# ingest samples (+ the seed when ../shared exists) twice -> stats byte-identical;
# GraphML node/edge counts equal stats entities/relations; neighbors/path resolve aliases.
set -euo pipefail
: "${KG:?}" "${KG_SOURCE_DIR:?}" "${PYTHON:=/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/kg.db"
inputs=("$KG_SOURCE_DIR/samples")
seed="${KG_SHARED_DIR:-}/seed/euronews-putin-kim-2023-09.txt"
[ -f "$seed" ] && inputs+=("$seed")

"$KG" ingest --db "$db" --no-progress --settle 0 "${inputs[@]}" > "$tmp/ingest1.txt"
"$KG" stats --db "$db" --format json > "$tmp/stats1.json"
"$KG" ingest --db "$db" --no-progress --settle 0 "${inputs[@]}" > "$tmp/ingest2.txt"
"$KG" stats --db "$db" --format json > "$tmp/stats2.json"
cmp "$tmp/stats1.json" "$tmp/stats2.json" || { echo "stats changed on re-ingest"; diff "$tmp/stats1.json" "$tmp/stats2.json"; exit 1; }

"$KG" export --db "$db" --format graphml -o "$tmp/g.graphml"
"$PYTHON" - "$tmp/stats1.json" "$tmp/g.graphml" <<'PY'
import json, sys, xml.etree.ElementTree as ET
stats = json.load(open(sys.argv[1]))
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[2]).getroot()
nodes = root.findall(".//g:node", ns)
edges = root.findall(".//g:edge", ns)
assert stats["articles"] >= 6, stats
assert len(nodes) == stats["entities"], (len(nodes), stats)
assert len(edges) == stats["relations"], (len(edges), stats)
print("graphml matches stats:", len(nodes), "nodes,", len(edges), "edges")
PY

# Aliases resolve: an English spelling finds the German-named entity.
"$KG" neighbors --db "$db" "Vladimir Putin" > "$tmp/nb.txt"
grep -q "Wladimir Putin" "$tmp/nb.txt" || { echo "neighbors did not resolve alias"; cat "$tmp/nb.txt"; exit 1; }
"$KG" neighbors --db "$db" "Nobody Atall" 2> "$tmp/err.txt" && { echo "unknown name should fail"; exit 1; }
grep -q "no entity named" "$tmp/err.txt"
# A misspelt name fails too, suggesting the nearest entity names.
"$KG" neighbors --db "$db" "Wladimir Putn" 2> "$tmp/err.txt" && { echo "misspelt name should fail"; exit 1; }
grep -q 'did you mean "Wladimir Putin"?' "$tmp/err.txt" || { echo "no suggestion"; cat "$tmp/err.txt"; exit 1; }
echo "pipeline ok"
