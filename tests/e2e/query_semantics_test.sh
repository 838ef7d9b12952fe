#!/usr/bin/env bash
# Issue 19 item 6: Cypher answers that were silently wrong. Typed --param
# (a date stays a string), notes for unknown labels / relationship types /
# property keys (stderr, rc 0), -p with an unknown predicate lists the valid
# ones, undated relations have r.date = null, symmetric predicates (MEETS)
# match a directed pattern in either direction.
set -euo pipefail
KG=${KG:?path of the kg binary}
SRC=${KG_SOURCE_DIR:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$KG" ingest "$SRC/samples" --db "$T/db" --no-progress >/dev/null
# An article without any date: its relations are undated.
echo '{"id": "undated", "text": "Joe Biden met Emmanuel Macron in Paris.", "lang": "en"}' >"$T/undated.jsonl"
# Meetings stored with Scholz as object (Macron) and as subject (Putin).
echo '{"id": "m1", "date": "2024-03-01", "text": "Olaf Scholz traf Emmanuel Macron in Paris."}' >>"$T/undated.jsonl"
echo '{"id": "m2", "date": "2024-03-02", "text": "Olaf Scholz traf Wladimir Putin in Moskau."}' >>"$T/undated.jsonl"
"$KG" ingest "$T/undated.jsonl" --db "$T/db" --no-progress >/dev/null
q() { "$KG" query --db "$T/db" --format csv "$@"; }

# --param from=2024-01-01 is the string '2024-01-01', not 2022.
# (Relation dates are date values: date($from) reads the string.)
n=$(q --param from=2024-01-01 "MATCH ()-[r]->() WHERE r.date >= date(\$from) RETURN count(r)" | tail -1)
m=$(q "MATCH ()-[r]->() WHERE r.date >= date('2024-01-01') RETURN count(r)" | tail -1)
[ "$n" = "$m" ] && [ "$n" -gt 0 ] || fail "date param: $n rows, literal: $m"
[ "$(q --param n=3 'RETURN $n + 1 AS x' | tail -1)" = 4 ] || fail "numeric JSON param"
[ "$(q --param 's="007"' 'RETURN $s AS x' | tail -1)" = 007 ] || fail "JSON string param"
[ "$(q --param "s='Olaf Scholz'" 'RETURN $s AS x' | tail -1)" = "Olaf Scholz" ] || fail "Cypher string param"
[ "$(q --param 'l=[1, 2]' 'RETURN size($l) AS x' | tail -1)" = 2 ] || fail "list param"

# Unknown relationship type, label, property key: empty result, rc 0, a note.
q "MATCH (a)-[:MEET]->(b) RETURN a.name" >"$T/o1" 2>"$T/e1" || fail "rc != 0 for :MEET"
grep -q "unknown relationship type :MEET" "$T/e1" || fail "no note for :MEET: $(cat "$T/e1")"
q "MATCH (a:Persn) RETURN a.name" >/dev/null 2>"$T/e2" || fail "rc != 0 for :Persn"
grep -q "unknown label :Persn" "$T/e2" || fail "no note for :Persn: $(cat "$T/e2")"
q "MATCH (a:Person) RETURN a.nmae LIMIT 1" >/dev/null 2>"$T/e3" || fail "rc != 0 for a.nmae"
grep -q "unknown property key 'nmae'" "$T/e3" || fail "no note for a.nmae: $(cat "$T/e3")"
q "MATCH (a:Person)-[r:MEETS]->(b) RETURN a.name, r.date LIMIT 1" >/dev/null 2>"$T/e4"
[ ! -s "$T/e4" ] || fail "notes for a correct query: $(cat "$T/e4")"

# -p meet: the valid predicates are listed.
rc=0; "$KG" neighbors "Olaf Scholz" -p meet --db "$T/db" >/dev/null 2>"$T/e5" || rc=$?
[ "$rc" = 64 ] && grep -q 'did you mean "meets"' "$T/e5" && grep -q "negotiates_with" "$T/e5" ||
  fail "-p meet: rc $rc $(cat "$T/e5")"

# Undated relations: r.date is null, never "".
[ "$(q "MATCH ()-[r]->() WHERE r.date = '' RETURN count(r)" | tail -1)" = 0 ] || fail "empty-string dates"
[ "$(q "MATCH ({name: 'Joe Biden'})-[r:MEETS]-({name: 'Emmanuel Macron'}) WHERE r.date IS NULL RETURN count(r)" | tail -1)" = 1 ] ||
  fail "the undated meeting has no null date: $(q "MATCH ({name: 'Joe Biden'})-[r:MEETS]-({name: 'Emmanuel Macron'}) RETURN r.date, properties(r)")"

# MEETS is symmetric: directed and undirected patterns find the same partners.
d=$(q "MATCH (a)-[:MEETS]->(b {name: 'Olaf Scholz'}) RETURN count(DISTINCT a)" | tail -1)
u=$(q "MATCH (a)-[:MEETS]-(b {name: 'Olaf Scholz'}) RETURN count(DISTINCT a)" | tail -1)
l=$(q "MATCH (a)<-[:MEETS]-(b {name: 'Olaf Scholz'}) RETURN count(DISTINCT a)" | tail -1)
[ "$d" = "$u" ] && [ "$l" = "$u" ] && [ "$u" -ge 3 ] || fail "MEETS directions: -> $d, <- $l, undirected $u"
# Directed relations keep their direction.
v=$(q "MATCH (a {name: 'Kim Jong Un'})-[:VISITS]->(b) RETURN count(b)" | tail -1)
w=$(q "MATCH (a {name: 'Kim Jong Un'})<-[:VISITS]-(b) RETURN count(b)" | tail -1)
[ "$v" -ge 1 ] && [ "$w" = 0 ] || fail "VISITS direction: out $v in $w"
echo "ok"
