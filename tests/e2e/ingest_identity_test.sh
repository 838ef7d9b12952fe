#!/usr/bin/env bash
# Issue 19 item 4: article identity beyond the path. A renamed file keeps its
# facts (support not doubled), piping an ingested file adds nothing,
# --prune-missing retracts articles whose files are gone, kg forget accepts
# the path as given / absolute / the id, kg articles lists the articles.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
articles() { "$KG" stats --db "$T/db" --format json | sed 's/.*"articles":\([0-9]*\).*/\1/'; }
support() {
  "$KG" query --db "$T/db" --format csv \
    "MATCH (a {name: 'Wladimir Putin'})-[r:MEETS]-(b {name: 'Kim Jong Un'}) RETURN r.support" | tail -1
}

mkdir -p "$T/in"
cat >"$T/in/putin.txt" <<'TXT'
date 2023-09-13 Von Testredaktion
Putin trifft Kim

Der russische Präsident Wladimir Putin hat Kim Jong Un in Wladiwostok getroffen.
TXT
cat >"$T/in/other.txt" <<'TXT'
date 2023-09-14 Von Testredaktion
Besuch

Olaf Scholz besuchte Paris.
TXT
# Cron style: absolute paths.
"$KG" ingest "$T/in" --db "$T/db" --settle 0 --no-progress >/dev/null
[ "$(articles)" = 2 ] || fail "want 2 articles, got $(articles)"
[ "$(support)" = 1 ] || fail "want support 1, got $(support)"

# Rename: the article moves, support stays 1, still 2 articles.
mv "$T/in/putin.txt" "$T/in/putin-renamed.txt"
"$KG" ingest "$T/in" --db "$T/db" --settle 0 --no-progress >"$T/o1" 2>"$T/e1"
[ "$(articles)" = 2 ] || fail "rename: want 2 articles, got $(articles); $(cat "$T/o1")"
[ "$(support)" = 1 ] || fail "rename doubled support: $(support)"
grep -q "renamed" "$T/o1" || fail "rename not reported: $(cat "$T/o1")"
"$KG" articles --db "$T/db" --format jsonl >"$T/list"
grep -q 'putin-renamed.txt' "$T/list" || fail "renamed path not listed: $(cat "$T/list")"
if grep -q '/putin.txt"' "$T/list"; then fail "old path still listed: $(cat "$T/list")"; fi

# Piping an ingested file: the same bytes are not stored twice.
"$KG" ingest - --db "$T/db" --no-progress <"$T/in/putin-renamed.txt" >"$T/o2" 2>"$T/e2"
[ "$(articles)" = 2 ] || fail "piped copy added an article: $(articles); $(cat "$T/o2")"
[ "$(support)" = 1 ] || fail "piped copy doubled support: $(support)"

# A copy beside the original: a duplicate, not stored twice.
cp "$T/in/other.txt" "$T/in/other-copy.txt"
"$KG" ingest "$T/in" --db "$T/db" --settle 0 --no-progress >"$T/o3" 2>"$T/e3"
[ "$(articles)" = 2 ] || fail "copy added an article: $(articles); $(cat "$T/o3")"
grep -q "duplicate" "$T/o3" || fail "duplicate not reported: $(cat "$T/o3")"

# kg articles: id, date, title, source and fact counts.
"$KG" articles --db "$T/db" >"$T/table" 2>/dev/null
grep -q "2023-09-13" "$T/table" && grep -q "Putin trifft Kim" "$T/table" && grep -q "Testredaktion" "$T/table" ||
  fail "kg articles table: $(cat "$T/table")"
grep -q '"relations":[1-9]' "$T/list" || fail "no fact counts: $(cat "$T/list")"

# Deleting a file and --prune-missing retracts its article.
rm "$T/in/other.txt" "$T/in/other-copy.txt"
"$KG" ingest --prune-missing "$T/in" --db "$T/db" --no-progress >"$T/o4" 2>"$T/e4"
[ "$(articles)" = 1 ] || fail "prune: want 1 article, got $(articles); $(cat "$T/o4") $(cat "$T/e4")"
grep -q "pruned" "$T/o4" || fail "prune not reported: $(cat "$T/o4")"

# kg forget with the path relative to here (cron stored the absolute path).
(cd "$T" && "$KG" forget in/putin-renamed.txt --db "$T/db" >"$T/o5") || fail "forget by relative path: $(cat "$T/o5")"
[ "$(articles)" = 0 ] || fail "forget by path left $(articles) articles"
rc=0; "$KG" forget nothing-here --db "$T/db" >/dev/null 2>"$T/e6" || rc=$?
[ "$rc" = 65 ] && grep -q "kg articles" "$T/e6" || fail "forget of an unknown id: rc $rc, $(cat "$T/e6")"

# A forgotten file stays out of directory walks (cron does not bring it back)...
"$KG" ingest --cron --settle 0 "$T/in" --db "$T/db" --no-progress >"$T/o7"
[ "$(articles)" = 0 ] || fail "a directory walk brought a forgotten file back: $(cat "$T/o7")"
# ... naming it ingests it again, once.
"$KG" ingest "$T/in/putin-renamed.txt" --db "$T/db" --no-progress >"$T/o8" 2>"$T/e8"
[ "$(articles)" = 1 ] && [ "$(support)" = 1 ] || fail "named forgotten file: $(articles) articles; $(cat "$T/o8" "$T/e8")"
"$KG" ingest --cron --settle 0 "$T/in" --db "$T/db" --no-progress >/dev/null
[ "$(articles)" = 1 ] && [ "$(support)" = 1 ] || fail "walk after re-ingest: $(articles) articles, support $(support)"
# kg forget with the absolute path.
"$KG" forget "$T/in/putin-renamed.txt" --db "$T/db" >/dev/null || fail "forget by absolute path"
[ "$(articles)" = 0 ] || fail "forget by absolute path left $(articles) articles"
# The bytes of a forgotten file piped in: stored (no "duplicate of a stored file").
"$KG" ingest - --db "$T/db" --no-progress <"$T/in/putin-renamed.txt" >"$T/o9" 2>"$T/e9"
[ "$(articles)" = 1 ] || fail "piped copy of a forgotten file: $(cat "$T/o9" "$T/e9")"
if grep -q "not stored twice" "$T/e9"; then fail "forgotten file called stored: $(cat "$T/e9")"; fi
# kg forget with the id.
id=$("$KG" articles --db "$T/db" --format jsonl | sed 's/^{"id":"\([^"]*\)".*/\1/')
case "$id" in stdin#*) ;; *) fail "piped article id: $id" ;; esac
"$KG" forget "$id" --db "$T/db" >/dev/null || fail "forget by id $id"
[ "$(articles)" = 0 ] || fail "forget by id left $(articles) articles"
echo "ok"
