#!/usr/bin/env bash
# One writer at a time (issue 4 item 5): while an ingest holds the database a
# second ingest exits 75 with "database is busy"; with --wait it waits and
# succeeds; readers keep working during the ingest and see a consistent
# snapshot; after both ingests every article is stored.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
FIFO_PID=
cleanup() {
  [[ -n "$FIFO_PID" ]] && kill "$FIFO_PID" 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT

article() {  # id text
  printf '{"id":"%s","title":"%s","date":"2024-01-%02d","lang":"de","text":"%s"}\n' "$1" "$1" "$3" "$2"
}
mkdir "$T/in1" "$T/in2"
article a1 "Wladimir Putin traf Kim Jong Un in Wladiwostok." 1 >"$T/in1/a.jsonl"
article b1 "Olaf Scholz besuchte Paris. Emmanuel Macron empfing ihn." 2 >"$T/in2/b.jsonl"
article b2 "Russland griff die Ukraine an." 3 >>"$T/in2/b.jsonl"

"$KG" ingest "$T/in1" --db "$T/db" --settle 0 >/dev/null
before=$("$KG" stats --db "$T/db" --format json)

# Writer 1 reads stdin from a FIFO: it holds the lock until we close the FIFO.
mkfifo "$T/fifo"
"$KG" ingest - --db "$T/db" --settle 0 --wait 30 <"$T/fifo" >"$T/w1.out" 2>"$T/w1.err" &
W1=$!
exec 3>"$T/fifo"
article s1 "Joe Biden traf Xi Jinping in San Francisco." 4 >&3
# Wait until writer 1 has the lock: a probe writer (forget of an unknown id)
# gets 65 while the database is free and 75 once writer 1 holds it.
held=0
for _ in $(seq 1 200); do
  prc=0
  "$KG" forget no-such-article --db "$T/db" >/dev/null 2>&1 3>&- || prc=$?
  if [[ $prc -eq 75 ]]; then held=1; break; fi
  sleep 0.05
done
[[ $held -eq 1 ]] || { echo "FAIL: writer 1 never took the lock"; exit 1; }
rc=0
"$KG" ingest "$T/in2" --db "$T/db" --settle 0 >"$T/w2.out" 2>"$T/w2.err" 3>&- || rc=$?
[[ $rc -eq 75 ]] || { echo "FAIL: second writer exit $rc, want 75"; cat "$T/w2.err"; exit 1; }
grep -q "database is busy" "$T/w2.err" || { echo "FAIL: no 'database is busy' message"; cat "$T/w2.err"; exit 1; }
if grep -qi "lock hold\|Resource temporarily unavailable\|IO error" "$T/w2.err"; then
  echo "FAIL: raw RocksDB message leaked"; cat "$T/w2.err"; exit 1
fi
# Readers work during the ingest and see the committed state.
during=$("$KG" stats --db "$T/db" --format json)
[[ "$during" == "$before" ]] || { echo "FAIL: reader saw $during, want $before"; exit 1; }
"$KG" export --db "$T/db" --format graphml >/dev/null

# A waiting writer succeeds once the first finishes.
"$KG" ingest "$T/in2" --db "$T/db" --settle 0 --wait 60 >"$T/w3.out" 2>"$T/w3.err" 3>&- &
W3=$!
sleep 1
exec 3>&-  # writer 1 reaches EOF and finishes
wait "$W1" || { echo "FAIL: writer 1 failed"; cat "$T/w1.err"; exit 1; }
wait "$W3" || { echo "FAIL: waiting writer failed"; cat "$T/w3.err"; exit 1; }
grep -q "articles: new 2" "$T/w3.out" || { cat "$T/w3.out"; exit 1; }
after=$("$KG" stats --db "$T/db" --format json)
echo "$after" | grep -q '"articles":4' || { echo "FAIL: want 4 articles, got $after"; exit 1; }
echo "PASS: $after"
