#!/usr/bin/env bash
# kg load (issue 4 item 7): minimal triple lines and `kg extract` lines, bad
# lines reported as file:line (exit 65), idempotent re-load, and the SST bulk
# path giving the same graph as per-article batches.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat >"$T/tri.jsonl" <<'EOF2'
{"subject":"Wladimir Putin","subject_type":"person","predicate":"meets","object":"Kim Jong Un","object_type":"person","date":"2023-09-13","location":"Wladiwostok"}
{"subject":"Kim Jong Un","subject_type":"person","predicate":"LEADER_OF","object":"country/KP","article":"x1"}
{"subject":"Russland","subject_type":"country","predicate":"attacks","object":"Ukraine","object_type":"country","article":"x1"}
{"subject":"Russland","subject_type":"country","predicate":"attacks","object":"Ukraine","object_type":"country","article":"x2","modality":"reported"}
{"subject":"A","predicate":"frobs","object":"B"}
{"article":{"id":"ext-1","title":"t","date":"2024-01-01","source":"s","lang":"en","path":"p"},"entities":[{"id":"person/joe-biden","name":"Joe Biden","type":"person","aliases":["Biden"]},{"id":"country/UA","name":"Ukraine","type":"country"}],"relations":[{"subject":"person/joe-biden","predicate":"visits","object":"country/UA","location":null,"date":"2024-01-01","modality":"asserted","confidence":0.9,"evidence":{"sentence":"Biden visited Ukraine.","start":0,"end":22}}],"co_mentions":[{"a":"country/UA","b":"person/joe-biden","count":2}]}
not json
EOF2
rc=0
"$KG" load "$T/tri.jsonl" --db "$T/a" --bulk off >"$T/o1" 2>"$T/e1" || rc=$?
[[ $rc -eq 65 ]] || fail "exit $rc, want 65 for bad lines"
grep -q "tri.jsonl:5: unknown predicate" "$T/e1" || { cat "$T/e1"; fail "bad predicate not reported with file:line"; }
grep -q "tri.jsonl:7: malformed JSON" "$T/e1" || { cat "$T/e1"; fail "bad JSON not reported"; }
"$KG" stats --db "$T/a" --format json >"$T/s1"
grep -q '"articles":4,"entities":8,"relations":5,"typed_relations":4,"co_mentions":1' "$T/s1" || fail "counts: $(cat "$T/s1")"
"$KG" neighbors --db "$T/a" "Kim Jong Un" | grep -q "Putin" || fail "neighbors after load"
"$KG" neighbors --db "$T/a" Biden | grep -q "Ukraine" || fail "alias lookup after load"

# Re-load changes nothing.
"$KG" load "$T/tri.jsonl" --db "$T/a" >"$T/o2" 2>/dev/null || true
grep -q "new 0, updated 0, unchanged 4" "$T/o2" || { cat "$T/o2"; fail "re-load"; }
"$KG" stats --db "$T/a" --format json | cmp - "$T/s1" || fail "stats changed on re-load"

# Bulk (SST) path into an empty database gives the same graph.
"$KG" load "$T/tri.jsonl" --db "$T/b" --bulk on >"$T/o3" 2>/dev/null || true
grep -q "bulk SST ingest" "$T/o3" || { cat "$T/o3"; fail "bulk path not used"; }
"$KG" stats --db "$T/b" --format json | cmp - "$T/s1" || fail "bulk stats differ"
cmp <("$KG" export --db "$T/a" --format graphml) <("$KG" export --db "$T/b" --format graphml) || fail "bulk export differs"
# And the bulk-loaded database takes normal writes afterwards.
echo '{"subject":"Olaf Scholz","subject_type":"person","predicate":"visits","object":"country/UA"}' >"$T/more.jsonl"
"$KG" load "$T/more.jsonl" --db "$T/b" >/dev/null
"$KG" stats --db "$T/b" --format json | grep -q '"articles":5' || fail "write after bulk load"
echo PASS
