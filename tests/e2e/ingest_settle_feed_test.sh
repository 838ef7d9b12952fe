#!/usr/bin/env bash
# Issue 19 item 3: a directory given on the command line is ingested now
# (settling applies only with --cron or an explicit --settle, and the summary
# says what waits and why); a JSON Lines feed still being appended to (last
# line without a newline) is not a failure: the complete lines are stored and
# the file is read again next run.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
articles() { "$KG" stats --db "$T/$1" --format json | sed 's/.*"articles":\([0-9]*\).*/\1/'; }

mkdir -p "$T/new"
for i in 1 2 3; do
  printf 'date 2024-01-0%d Von Test\n\nOlaf Scholz besuchte Paris, Teil %d.\n' "$i" "$i" >"$T/new/a$i.txt"
done
# Files written a moment ago, first ingest of the folder: stored now.
"$KG" ingest "$T/new" --db "$T/db1" --no-progress >"$T/o1"
[ "$(articles db1)" = 3 ] || fail "fresh folder: want 3 articles, got $(articles db1); $(cat "$T/o1")"

# --cron: fresh files wait, and the summary says so and why. Touched again
# first: the ingest above can take longer than the 5 s settling time on a
# slow machine (a sanitized build under load), which would settle them.
touch "$T"/new/a*.txt
"$KG" ingest --cron "$T/new" --db "$T/db2" --no-progress >"$T/o2"
[ "$(articles db2)" = 0 ] || fail "--cron stored unsettled files"
grep -q "skipped-unsettled 3" "$T/o2" && grep -q "changed in the last 5 s left for the next run" "$T/o2" ||
  fail "--cron summary: $(cat "$T/o2")"
"$KG" ingest --cron --settle 0 "$T/new" --db "$T/db2" --no-progress >/dev/null
[ "$(articles db2)" = 3 ] || fail "--cron --settle 0 did not store"

# A feed whose last line is still being written.
printf '{"id": "f1", "text": "Joe Biden met Olaf Scholz.", "lang": "en"}\n{"id": "f2", "text": "Joe Bi' >"$T/feed.jsonl"
rc=0
"$KG" ingest "$T/feed.jsonl" --db "$T/db3" --no-progress >"$T/o3" 2>"$T/e3" || rc=$?
[ "$rc" = 0 ] || fail "incomplete last line failed the run (rc $rc): $(cat "$T/e3")"
[ "$(articles db3)" = 1 ] || fail "want the complete line stored, got $(articles db3)"
grep -q "feed.jsonl:2: warning: incomplete last line" "$T/e3" || fail "no warning naming the line: $(cat "$T/e3")"
grep -q "incomplete line" "$T/o3" || fail "summary does not mention the incomplete file: $(cat "$T/o3")"
# The writer finishes the line: the next run reads the file again and stores it.
printf 'den met Emmanuel Macron.", "lang": "en"}\n' >>"$T/feed.jsonl"
"$KG" ingest "$T/feed.jsonl" --db "$T/db3" --no-progress >"$T/o4" 2>"$T/e4" || fail "second run: $(cat "$T/e4")"
[ "$(articles db3)" = 2 ] || fail "completed line not stored: $(cat "$T/o4")"
grep -q "articles: new 1, updated 0, unchanged 1" "$T/o4" || fail "second run summary: $(cat "$T/o4")"
# Now complete: the third run does not read it.
"$KG" ingest "$T/feed.jsonl" --db "$T/db3" --no-progress >"$T/o5"
grep -q "unchanged 1, failed 0" "$T/o5" || fail "third run: $(cat "$T/o5")"
# A malformed line in the middle still fails (65), naming file and line.
printf '{"id": "g1", "text": "Joe Biden met Olaf Scholz."}\n{broken\n{"id": "g2", "text": "x y."}\n' >"$T/bad.jsonl"
rc=0; "$KG" ingest "$T/bad.jsonl" --db "$T/db4" --no-progress >/dev/null 2>"$T/e6" || rc=$?
[ "$rc" = 65 ] && grep -q "bad.jsonl:2: malformed JSON line" "$T/e6" || fail "malformed middle line: rc $rc $(cat "$T/e6")"
echo "ok"
