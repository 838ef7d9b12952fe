#!/usr/bin/env bash
# Cron-mode ingest (issue 4 items 3, 4, 6): re-ingest is idempotent (stats
# byte-identical), unchanged files are not read again, an edited article's old
# facts are gone, unsettled files wait, a bad file fails with file:line and
# exit 65 while good files are stored, forget and backup/restore work.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$T/in/sub"
cat >"$T/in/putin.txt" <<'TXT'
date 2023-09-13 Von Testredaktion
Putin trifft Kim

Der russische Präsident Wladimir Putin hat Kim Jong Un in Wladiwostok getroffen.
TXT
cat >"$T/in/sub/feed.jsonl" <<'JSON'
{"id":"feed-1","title":"Angriff","date":"2024-02-01","lang":"de","text":"Russland griff die Ukraine an."}
{"id":"feed-2","title":"Besuch","date":"2024-02-02","lang":"en","text":"Olaf Scholz visited Washington. Joe Biden met Olaf Scholz."}
JSON

"$KG" ingest "$T/in" --db "$T/db" --settle 0 >"$T/o1"
grep -q "ingested 2 files: new 2, updated 0, unchanged 0, failed 0, skipped-unsettled 0" "$T/o1" || { cat "$T/o1"; fail "first run"; }
"$KG" stats --db "$T/db" --format json >"$T/s1"
grep -q '"articles":3' "$T/s1" || fail "want 3 articles: $(cat "$T/s1")"

# Unchanged: nothing read, nothing written, stats byte-identical.
"$KG" ingest "$T/in" --db "$T/db" --settle 0 >"$T/o2"
grep -q "new 0, updated 0, unchanged 2, failed 0" "$T/o2" || { cat "$T/o2"; fail "second run"; }
"$KG" stats --db "$T/db" --format json >"$T/s2"
cmp "$T/s1" "$T/s2" || fail "stats changed after identical re-ingest"
# Touched but identical bytes: still unchanged.
touch "$T/in/putin.txt"
"$KG" ingest "$T/in" --db "$T/db" --settle 0 >"$T/o3"
grep -q "unchanged 2" "$T/o3" || { cat "$T/o3"; fail "touched file"; }
"$KG" stats --db "$T/db" --format json | cmp - "$T/s1" || fail "stats changed after touch"

# The same articles via stdin are always read but change nothing.
"$KG" ingest - --db "$T/db" <"$T/in/sub/feed.jsonl" >"$T/o4"
grep -q "articles: new 0, updated 0, unchanged 2" "$T/o4" || { cat "$T/o4"; fail "stdin"; }

# Edit: the article now says something else; its old facts must be gone.
"$KG" export --db "$T/db" --format graphml | grep -c "<edge" >"$T/e1" || true
grep -q 'ATTACKS\|attacks' <("$KG" export --db "$T/db" --format graphml) || fail "no attacks edge before edit"
cat >"$T/in/sub/feed.jsonl" <<'JSON'
{"id":"feed-1","title":"Angriff","date":"2024-02-01","lang":"de","text":"Das Wetter in Berlin war gut."}
JSON
"$KG" ingest "$T/in" --db "$T/db" --settle 0 >"$T/o5"
grep -q "updated 1" "$T/o5" || { cat "$T/o5"; fail "edit not detected"; }
grep -q "retracted 1" "$T/o5" || { cat "$T/o5"; fail "removed line feed-2 not retracted"; }
if "$KG" export --db "$T/db" --format graphml | grep -q '>attacks<\|>ATTACKS<'; then
  fail "old 'attacks' fact still present after the edit"
fi
"$KG" stats --db "$T/db" --format json | grep -q '"articles":2' || fail "want 2 articles after edit"

# Unsettled: a file just written in a walked directory waits for the next run.
find "$T/in" -type f -exec touch -d '2 hours ago' {} +
echo '{"id":"late","text":"Emmanuel Macron besuchte Berlin."}' >"$T/in/late.jsonl"
"$KG" ingest "$T/in" --db "$T/db" --settle 600 >"$T/o6"
grep -q "unchanged 2, failed 0, skipped-unsettled 1" "$T/o6" || { cat "$T/o6"; fail "unsettled file not skipped"; }
"$KG" ingest "$T/in" --db "$T/db" --settle 0 >"$T/o7"
grep -q "new 1" "$T/o7" || { cat "$T/o7"; fail "settled file not ingested"; }

# A bad line fails the file (exit 65, file:line on stderr); good lines are still stored.
printf '{"id":"ok-1","text":"Joe Biden besuchte Kiew."}\n{broken\n' >"$T/in/bad.jsonl"
rc=0
"$KG" ingest "$T/in" --db "$T/db" --settle 0 >"$T/o8" 2>"$T/e8" || rc=$?
[[ $rc -eq 65 ]] || fail "bad file: exit $rc, want 65"
grep -q "bad.jsonl:2" "$T/e8" || { cat "$T/e8"; fail "error does not name file:line"; }
grep -q "failed 1" "$T/o8" || { cat "$T/o8"; fail "summary"; }
"$KG" stats --db "$T/db" --format json | grep -q '"articles":4' || fail "good line of the bad file not stored"
rm "$T/in/bad.jsonl"

# forget retracts an article; unknown ids are reported.
"$KG" forget --db "$T/db" late >/dev/null
"$KG" stats --db "$T/db" --format json | grep -q '"articles":3' || fail "forget"
rc=0; "$KG" forget --db "$T/db" no-such-id 2>"$T/e9" || rc=$?
[[ $rc -ne 0 ]] && grep -q "no-such-id" "$T/e9" || fail "forget of unknown id"

# backup: an openable copy with the same content; restore = use the copy.
"$KG" stats --db "$T/db" --format json >"$T/s10"
"$KG" backup --db "$T/db" "$T/backup" >/dev/null
"$KG" stats --db "$T/backup" --format json | cmp - "$T/s10" || fail "backup differs"
rm -rf "$T/db" && cp -a "$T/backup" "$T/db"
"$KG" stats --db "$T/db" --format json | cmp - "$T/s10" || fail "restored copy differs"
rc=0; "$KG" backup --db "$T/db" "$T/backup" 2>/dev/null || rc=$?
[[ $rc -ne 0 ]] || fail "backup over an existing directory must fail"
"$KG" stats --db "$T/db" | grep -q "db size on disk" || fail "stats table lacks size"
echo "PASS"
