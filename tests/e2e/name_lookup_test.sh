#!/usr/bin/env bash
# Issue 19 item 5: names resolve through every stored name and alias, the
# knowledge base's aliases of stored entities, and last names, case- and
# diacritic-insensitively; an ambiguous name lists the candidates.
set -euo pipefail
KG=${KG:?path of the kg binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$T/in"
cat >"$T/in/kiew.txt" <<'TXT'
date 2024-02-20 Von Testredaktion
Kiew

Wolodymyr Selenskyj traf Vitali Klitschko in Kiew. Selenskyj und Klitschko sprachen über die Lage in der Ukraine.
TXT
cat >"$T/in/schmidt.txt" <<'TXT'
date 2024-02-21 Von Testredaktion
Treffen

Anna Schmidt traf Peter Schmidt in Berlin. Anna Schmidt und Peter Schmidt sprachen lange.
TXT
"$KG" ingest "$T/in/kiew.txt" --db "$T/db" --no-progress >/dev/null
who() { "$KG" neighbors "$1" --db "$T/db" --co-mentions 2>&1 >/dev/null | tail -1; }
# A KB alias no article used (Zelenskyy), case and diacritics, a last name.
for name in Zelenskyy ZELENSKYY selenskyj "wolodymyr selenskyj" person/volodymyr-zelensky; do
  who "$name" | grep -q "of Wolodymyr Selenskyj" || fail "'$name' did not resolve: $(who "$name")"
done
who Klitschko | grep -q "of Vitali Klitschko" || fail "surname Klitschko: $(who Klitschko)"
who klitschko | grep -q "of Vitali Klitschko" || fail "surname klitschko: $(who klitschko)"
# Two people named Schmidt: ambiguous, both listed, usage-style exit.
"$KG" ingest "$T/in/schmidt.txt" --db "$T/db" --no-progress >/dev/null
rc=0; "$KG" neighbors schmidt --db "$T/db" >/dev/null 2>"$T/e" || rc=$?
[ "$rc" = 64 ] || fail "ambiguous surname: rc $rc, $(cat "$T/e")"
grep -q "ambiguous" "$T/e" && grep -q "Anna Schmidt" "$T/e" && grep -q "Peter Schmidt" "$T/e" ||
  fail "candidates not listed: $(cat "$T/e")"
who "peter schmidt" | grep -q "of Peter Schmidt" || fail "full name after ambiguity: $(who "peter schmidt")"
# Nothing close: not found, 65, with no crash.
rc=0; "$KG" neighbors "Xyzzy Quux" --db "$T/db" >/dev/null 2>"$T/e2" || rc=$?
[ "$rc" = 65 ] && grep -q 'no entity named "Xyzzy Quux"' "$T/e2" || fail "unknown name: rc $rc $(cat "$T/e2")"
echo "ok"
