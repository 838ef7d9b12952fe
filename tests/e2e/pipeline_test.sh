#!/usr/bin/env bash
# Issue 2 acceptance, end to end through the kg binary:
# ingest samples (+ the seed when ../shared exists) twice -> stats byte-identical;
# GraphML node/edge counts equal stats entities/relations; neighbors/path resolve aliases;
# a relation's place is shown by name (evidence, neighbors, query, load, export).
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

# A relation's place is shown by name (stored as location_name beside the
# location id): an article of our own through extraction, and kg load lines
# (per-article batches and the bulk SST path give the same database).
mkdir -p "$tmp/loc"
cat > "$tmp/loc/treffen.txt" <<'EOF'
date 2024-03-05 Von Testdesk

Treffen an der Donau

Der ukrainische Präsident Wolodymyr Selenskyj traf am Dienstag in Wien den österreichischen Bundeskanzler Karl Nehammer. Beide sprachen über den Wiederaufbau.
EOF
"$KG" ingest --db "$tmp/loc.db" --no-progress --settle 0 "$tmp/loc" > /dev/null
"$KG" evidence --db "$tmp/loc.db" "Wolodymyr Selenskyj" "Karl Nehammer" --predicate meets > "$tmp/ev.txt" 2> /dev/null
grep -q "location Wien)" "$tmp/ev.txt" || { echo "evidence does not name the place"; cat "$tmp/ev.txt"; exit 1; }
"$KG" query --db "$tmp/loc.db" --format csv \
  "MATCH (a)-[r:MEETS]->(b) RETURN a.name, r.location, r.location_name, b.name" > "$tmp/q.csv"
grep -q "city/gn2761369,Wien," "$tmp/q.csv" || { echo "query: no location_name"; cat "$tmp/q.csv"; exit 1; }
"$KG" neighbors --db "$tmp/loc.db" "Karl Nehammer" --predicate meets > "$tmp/nb.txt" 2> /dev/null
grep -q "location Wien$" "$tmp/nb.txt" || { echo "neighbors does not name the place"; cat "$tmp/nb.txt"; exit 1; }
# kg forget takes the place and its name away with the article.
"$KG" forget --db "$tmp/loc.db" "$tmp/loc/treffen.txt" > /dev/null
[ "$("$KG" query --db "$tmp/loc.db" --format csv "MATCH ()-[r]->() RETURN count(r) AS n" | tail -1)" = 0 ] ||
  { echo "forget left relations"; exit 1; }

cat > "$tmp/triples.jsonl" <<'EOF'
{"subject": "Anna Beispiel", "subject_type": "person", "predicate": "meets", "object": "Bernd Muster", "object_type": "person", "location": "Nordhafen", "date": "2024-04-01", "article": "t1"}
{"subject": "Bernd Muster", "subject_type": "person", "predicate": "visits", "object": "city/nordhafen", "location": "city/nordhafen", "article": "t2"}
{"subject": "Anna Beispiel", "subject_type": "person", "predicate": "supports", "object": "Bernd Muster", "object_type": "person", "location": "city/gn404", "article": "t3"}
EOF
for mode in on off; do
  "$KG" load --db "$tmp/load-$mode.db" --bulk "$mode" "$tmp/triples.jsonl" > /dev/null
  "$KG" query --db "$tmp/load-$mode.db" --format csv \
    "MATCH (a)-[r]->(b) WHERE type(r) <> 'CO_MENTIONED' RETURN a.name, type(r), r.location, r.location_name, b.name ORDER BY type(r)" \
    > "$tmp/load-$mode.csv"
  "$KG" export --db "$tmp/load-$mode.db" --format neo4j -o "$tmp/neo-$mode"
done
cmp "$tmp/load-on.csv" "$tmp/load-off.csv" || { echo "bulk and per-article load differ"; diff "$tmp/load-on.csv" "$tmp/load-off.csv"; exit 1; }
cmp "$tmp/neo-on/relationships.csv" "$tmp/neo-off/relationships.csv"
grep -q "^Anna Beispiel,MEETS,city/nordhafen,Nordhafen,Bernd Muster$" "$tmp/load-on.csv" || { echo "load: no location_name"; cat "$tmp/load-on.csv"; exit 1; }
grep -q "^Bernd Muster,VISITS,city/nordhafen,Nordhafen,Nordhafen$" "$tmp/load-on.csv" || { echo "load: id location not named"; cat "$tmp/load-on.csv"; exit 1; }
grep -q "^Anna Beispiel,SUPPORTS,city/gn404,,Bernd Muster$" "$tmp/load-on.csv" || { echo "load: unknown place got a name"; cat "$tmp/load-on.csv"; exit 1; }
grep -q '"city/nordhafen","Nordhafen"' "$tmp/neo-on/relationships.csv" || { echo "neo4j export: no location_name"; cat "$tmp/neo-on/relationships.csv"; exit 1; }
echo "pipeline ok"
