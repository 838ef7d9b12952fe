#!/usr/bin/env bash
# kg query end to end on an ingested graph: relation and article dates as date
# values (README examples "who met whom in June 2024", "relations per month"),
# --now, the note for a date compared with a string, the procedures
# kg.articles() / kg.evidence(r) / db.labels(), and the date index (the same
# rows with and without it: a database written before the index existed is
# indexed at its first writable open).
set -euo pipefail
: "${KG:?path of the kg binary}" "${KG_SOURCE_DIR:?}"
tmp=$(mktemp -d /tmp/kg_query_temporal_e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export KG_DB="$tmp/db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$KG" ingest "$KG_SOURCE_DIR/samples" --no-progress > /dev/null

# Who met whom in June 2024 (a date range on r.date).
out=$("$KG" query --format csv "MATCH (a:Person)-[r:MEETS]-(b:Person) WHERE r.date >= date('2024-06-01') AND r.date < date('2024-07-01') RETURN a.name AS who, b.name AS met, r.date AS date ORDER BY date, who")
grep -q '^To Lam,Wladimir Putin,2024-06-20$' <<<"$out" || fail "June 2024 meetings: $out"
grep -q '2023-' <<<"$out" && fail "June 2024 meetings include 2023: $out"

# Relations per month: every month counted once, months ascending.
out=$("$KG" query --format csv "MATCH ()-[r]->() WHERE type(r) <> 'CO_MENTIONED' AND r.date IS NOT NULL RETURN date.truncate('month', r.date) AS month, count(*) AS relations ORDER BY month")
[ "$(head -1 <<<"$out")" = "month,relations" ] || fail "per month header: $out"
months=$(tail -n +2 <<<"$out" | cut -d, -f1)
[ "$months" = "$(sort -u <<<"$months")" ] || fail "per month: months repeated or unsorted: $out"
grep -q '^2023-09-01,' <<<"$out" || fail "per month: no September 2023: $out"
total=$(tail -n +2 <<<"$out" | awk -F, '{s += $2} END {print s}')
want=$("$KG" query --format csv "MATCH ()-[r]->() WHERE type(r) <> 'CO_MENTIONED' AND r.date IS NOT NULL RETURN count(*) AS n" | tail -1)
[ "$total" = "$want" ] || fail "per month: $total relations in the months, $want with a date"

# Partial dates keep their precision.
prec=$("$KG" query --format csv "MATCH ()-[r]->() WHERE r.date IS NOT NULL RETURN DISTINCT r.date_precision AS p ORDER BY p")
grep -q '^day$' <<<"$prec" || fail "date_precision: $prec"
# ... and is a known key (derived, never stored): no "unknown property key" note.
err=$("$KG" query "MATCH ()-[r]->() WHERE r.date_precision = 'month' RETURN count(*) AS n" 2>&1 >/dev/null)
[ -z "$err" ] || fail "note for date_precision: $err"

# A date compared with a string: no rows, and a note that says why.
err=$("$KG" query "MATCH ()-[r:MEETS]->() WHERE r.date >= '2024-06-01' RETURN count(*) AS n" 2>&1 >/dev/null)
grep -q "note: a Date compared with a string is null" <<<"$err" || fail "no note for date vs string: $err"

# --now fixes date() and datetime().
out=$("$KG" query --format csv --now 2024-06-15T10:30Z "RETURN date() AS d, datetime() AS t, date() - duration('P30D') AS since")
[ "$(tail -1 <<<"$out")" = "2024-06-15,2024-06-15T10:30Z,2024-05-16" ] || fail "--now: $out"
set +e
"$KG" query --now yesterday "RETURN date()" > /dev/null 2>&1; rc=$?
set -e
[ $rc -eq 64 ] || fail "--now yesterday: exit $rc"

# Procedures on the ingested graph.
out=$("$KG" query --format csv "CALL kg.articles() YIELD id, date, date_precision WHERE date >= date('2024-06-01') RETURN id, date, date_precision ORDER BY date LIMIT 1")
grep -q 'samples/en-putin-pyongyang-2024-06.txt,2024-06-19,day$' <<<"$out" || fail "kg.articles: $out"
n=$("$KG" query --format csv "MATCH (a {name: 'Wladimir Putin'})-[r:MEETS]-(b {name: 'Kim Jong Un'}) CALL kg.evidence(r) YIELD sentence RETURN count(sentence) AS n" | tail -1)
m=$("$KG" query --format csv "MATCH (a {name: 'Wladimir Putin'})-[r:MEETS]-(b {name: 'Kim Jong Un'}) RETURN evidence_count(r) AS n" | tail -1)
[ "$n" -ge 1 ] && [ "$n" = "$m" ] || fail "kg.evidence: $n sentences, evidence_count $m"
"$KG" query --format csv "CALL db.labels()" | grep -q '^Person$' || fail "db.labels: no Person"
set +e
err=$("$KG" query "CALL kg.nothing()" 2>&1 >/dev/null); rc=$?
set -e
[ $rc -eq 64 ] || fail "unknown procedure: exit $rc"
grep -q "line 1, column 1: there is no procedure 'kg.nothing'" <<<"$err" || fail "unknown procedure: $err"

# The date index answers exactly what the full scan answers.
q="MATCH (a)-[r]->(b) WHERE r.date >= date('2023-09-01') AND r.date <= date('2023-09-30') RETURN id(r) AS id ORDER BY id"
with_index=$("$KG" query --format csv "$q")
scan=$("$KG" query --format csv "MATCH (a)-[r]->(b) WHERE r.date.year = 2023 AND r.date.month = 9 RETURN id(r) AS id ORDER BY id")
[ "$with_index" = "$scan" ] || fail "date index and scan differ"
[ "$(wc -l <<<"$scan")" -gt 10 ] || fail "date index: too few September 2023 relations"

# A date set by Cypher reads as its ISO text outside Cypher (exports, kg neighbors),
# and the date index and kg check follow it.
"$KG" query "MATCH (a {name: 'To Lam'})-[r:MEETS]-(b {name: 'Wladimir Putin'}) SET r.date = date('2024-06-21')" > /dev/null
"$KG" export --format graphml -o "$tmp/g.graphml" > /dev/null 2>&1
grep -q '<data key="e_date">2024-06-21</data>' "$tmp/g.graphml" || fail "graphml: Cypher date not as text: $(grep -o '<data key="e_date">[^<]*' "$tmp/g.graphml" | grep -v '>20' | head -2)"
grep -q '~date' "$tmp/g.graphml" && fail "graphml: stored form of a date leaks"
"$KG" neighbors "To Lam" | grep -q 'Wladimir Putin.*2024-06-21' || fail "neighbors: no Cypher date: $("$KG" neighbors "To Lam")"
n=$("$KG" query --format csv "MATCH ()-[r:MEETS]->() WHERE r.date = date('2024-06-21') RETURN count(DISTINCT r) AS n" | tail -1)
[ "$n" = 1 ] || fail "date index after SET r.date: $n"
"$KG" check > /dev/null || fail "kg check after SET r.date"
