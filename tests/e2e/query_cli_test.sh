#!/usr/bin/env bash
# kg query end to end: ingest samples/ into a temporary database, then check
# table/jsonl/csv output, --file, stdin, --param, the guards (--max-rows, --max-hops)
# and that malformed queries exit 64 with a positioned one-line error.
set -euo pipefail
: "${KG:?path of the kg binary}" "${KG_SOURCE_DIR:?}"
tmp=$(mktemp -d /tmp/kg_query_e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export KG_DB="$tmp/db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$KG" ingest "$KG_SOURCE_DIR/samples" --no-progress > /dev/null

# Table output with a row count; who meets whom includes the Kim-Putin summit.
out=$("$KG" query "MATCH (a:Person)-[r:MEETS]-(b:Person) WHERE a.name = 'Kim Jong Un' RETURN b.name AS met, r.date AS date")
grep -q "Wladimir Putin" <<<"$out" || fail "table: Kim Jong Un should meet Wladimir Putin: $out"
grep -Eq '^\([0-9]+ rows?\)$' <<<"$out" || fail "table: no row count"

# jsonl: one object per row keyed by column, null as JSON null.
"$KG" query --format jsonl "MATCH (n:Country) RETURN n.name AS name, null AS nothing LIMIT 3" > "$tmp/out.jsonl"
[ "$(wc -l < "$tmp/out.jsonl")" -eq 3 ] || fail "jsonl: expected 3 lines"
${PYTHON:-/usr/bin/python3} - "$tmp/out.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    row = json.loads(line)
    assert set(row) == {"name", "nothing"}, row
    assert row["nothing"] is None and isinstance(row["name"], str), row
PY

# csv with header; null is an empty cell.
csv=$("$KG" query --format csv "RETURN 'a,b' AS x, null AS y, 2 AS z")
[ "$csv" = $'x,y,z\n"a,b",,2' ] || fail "csv: got $csv"

# --file FILE with --param, and stdin.
echo 'MATCH (p:Person {name: $who})-[r]-() RETURN count(r) AS degree' > "$tmp/q.cypher"
deg=$("$KG" query --format csv --file "$tmp/q.cypher" --param "who='Olaf Scholz'" | tail -1)
[ "$deg" -gt 0 ] || fail "-f/--param: degree of Olaf Scholz is $deg"
cnt=$(echo "MATCH (n:Country) RETURN count(n) AS c" | "$KG" query --format csv | tail -1)
[ "$cnt" -gt 5 ] || fail "stdin: $cnt countries"

# Shortest path between two actors exists in the demo graph.
"$KG" query --format jsonl "MATCH p = shortestPath((a {name: 'Kim Jong Un'})-[*..6]-(b {name: 'Olaf Scholz'})) RETURN length(p) AS len" | grep -q '"len":' \
  || fail "shortestPath found nothing"

# Malformed query: exit 64, first line names line and column, caret line follows.
set +e
err=$("$KG" query "MATCH (a:Person RETURN a" 2>&1 >/dev/null); rc=$?
set -e
[ $rc -eq 64 ] || fail "malformed query exit $rc"
head -1 <<<"$err" | grep -q "line 1, column 17: expected ')'" || fail "malformed query message: $err"
grep -q '^ *\^$' <<<"$err" || fail "no caret line: $err"

# Guards: --max-rows stops with a message (exit 75); --max-hops notes the cut.
set +e
err=$("$KG" query --max-rows 2 "MATCH (n) RETURN n.name" 2>&1 >/dev/null); rc=$?
set -e
[ $rc -eq 75 ] || fail "--max-rows exit $rc"
grep -q "more than 2 rows" <<<"$err" || fail "--max-rows message: $err"
err=$("$KG" query --max-hops 1 "MATCH (a {name: 'Kim Jong Un'})-[*]-(b) RETURN count(*) AS n" 2>&1 >/dev/null)
grep -q "cut at 1 hops" <<<"$err" || fail "--max-hops note: $err"

# Writes: CREATE opens the database for writing; the fact is then queryable.
"$KG" query "MATCH (a {name: 'Olaf Scholz'}), (b {name: 'Kim Jong Un'}) CREATE (a)-[:OPPOSES {date: '2024-01-01', modality: 'asserted'}]->(b)" 2> "$tmp/stats"
grep -q "1 relationships created" "$tmp/stats" || fail "write stats: $(cat "$tmp/stats")"
n=$("$KG" query --format csv "MATCH ({name: 'Olaf Scholz'})-[r:OPPOSES]->({name: 'Kim Jong Un'}) RETURN count(r) AS n" | tail -1)
[ "$n" -eq 1 ] || fail "created relationship not found ($n)"
echo "kg query e2e: ok"
