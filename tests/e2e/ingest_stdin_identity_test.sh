#!/usr/bin/env bash
# Issue 19 item 1: articles read from stdin get an id from their content
# (stdin#<key>), so piping 100 different articles one by one stores 100
# articles, the same article piped twice is one article, and --id names it.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
articles() { "$KG" stats --db "$T/db" --format json | sed 's/.*"articles":\([0-9]*\).*/\1/'; }

# 100 different articles, one kg ingest each (as curl ... | kg ingest - in cron).
for i in $(seq 1 100); do
  if (( i % 2 )); then
    printf 'date 2024-03-%02d Von Testdesk\n\nOlaf Scholz traf Emmanuel Macron in Paris, Meldung %d.\n' $(( i % 28 + 1 )) "$i"
  else
    printf '{"text": "Joe Biden met Olaf Scholz in Washington, report %d.", "lang": "en"}\n' "$i"
  fi | "$KG" ingest - --db "$T/db" --no-progress >"$T/out.$i" 2>"$T/err.$i" || fail "ingest $i: $(cat "$T/err.$i")"
done
[ "$(articles)" = 100 ] || fail "want 100 articles after 100 different piped articles, got $(articles)"
grep -q "articles: new 1," "$T/out.100" || fail "the 100th article was not new: $(cat "$T/out.100")"

# The same article again: unchanged, still 100.
printf 'date 2024-03-02 Von Testdesk\n\nOlaf Scholz traf Emmanuel Macron in Paris, Meldung %d.\n' 1 |
  "$KG" ingest - --db "$T/db" --no-progress >"$T/again"
grep -q "articles: new 0, updated 0, unchanged 1" "$T/again" || fail "same article piped twice: $(cat "$T/again")"
[ "$(articles)" = 100 ] || fail "want 100 articles after a repeat, got $(articles)"

# Ids are derived from the content and listed by kg articles.
"$KG" articles --db "$T/db" --format jsonl >"$T/list"
[ "$(wc -l <"$T/list")" = 100 ] || fail "kg articles lists $(wc -l <"$T/list") articles"
grep -q '"id":"stdin#[0-9a-f]\{16\}"' "$T/list" || fail "no stdin#<key> id: $(head -2 "$T/list")"

# --id names a piped article; piping it again under that id changes nothing.
echo "Wladimir Putin besuchte Peking." | "$KG" ingest - --id wire-7 --db "$T/db" --no-progress >/dev/null
echo "Wladimir Putin besuchte Peking." | "$KG" ingest - --id wire-7 --db "$T/db" --no-progress >"$T/id2"
grep -q "unchanged 1" "$T/id2" || fail "--id repeat: $(cat "$T/id2")"
"$KG" articles --db "$T/db" --format jsonl | grep -q '"id":"wire-7"' || fail "article wire-7 not listed"
[ "$(articles)" = 101 ] || fail "want 101 articles, got $(articles)"
rc=0; "$KG" ingest "$T" --id x --db "$T/db" >/dev/null 2>"$T/e" || rc=$?
[ "$rc" = 64 ] || fail "--id without - should be a usage error (64), got $rc"
echo "ok"
