#!/usr/bin/env bash
# scripts/phoenix_to_kb.py on a small Phoenix-format sample: only offices the dictionary names
# (title synonyms, date-line comments) become roles; people already in the curated KB, people
# whose range is ambiguous and names made of ordinary words are skipped; the output is
# deterministic. Env: KG_SOURCE_DIR (repo root), PYTHON (Debian python3).
set -u
SRC="${KG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
PY="${PYTHON:-/usr/bin/python3}"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f /usr/share/iso-codes/json/iso_3166-1.json ] || { echo "iso-codes not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/phx" "$tmp/dict"
cat >"$tmp/phx/Phoenix.Countries.actors.txt" <<'PHX'
# comment line
EGYPT_  [EGY]
+EGYPTIAN_
ADLY_MANSOUR_  # CountryInfo.txt
+PRESIDENT_ADLY_MANSOUR
+VICE_PRESIDENT_ADLY_MANSOUR
+ADLY_MAHMOUD_MANSOUR_
	[EGYELI 900101-130703]
	[EGYGOV 130704-140608]
HESHAM_QANDIL_
+PRIME_MINISTER_QANDIL
	[EGYGOV 120802-130603]
	[EGYGOV 110701-120801]
ANGELA_MERKEL_  # already in the curated KB
+CHANCELLOR_ANGELA_MERKEL
	[DEUGOV >051122]
CONDOLEEZZA_RICE_
+SECRETARY_OF_STATE_CONDOLEEZZA_RICE
	[USAGOV 050126-090120]
NABIL_FAHMY_
	[EGYGOV 130716-140616]  # Foreign Minister
PHX
cat >"$tmp/phx/Phoenix.International.actors.txt" <<'PHX'
KOFI_ANNAN_
+SECRETARY-GENERAL_KOFI_ANNAN
+K_ANNAN_
	[IGOUNO 970101-061231]
PHX
# A small curated KB of its own, so that the expected output does not follow the shipped KB.
mkdir "$tmp/kb"
cat >"$tmp/kb/countries.jsonl" <<'KB'
{"code": "EG", "name_de": "Ägypten", "name_en": "Egypt", "aliases": {"de": ["Ägypten"]}, "adjectives": {"de": ["ägyptisch"]}}
{"code": "DE", "name_de": "Deutschland", "name_en": "Germany", "aliases": {"de": ["Deutschland"]}, "adjectives": {"de": ["deutsch"]}}
{"code": "US", "name_de": "USA", "name_en": "United States", "aliases": {"de": ["USA"]}, "adjectives": {"de": ["amerikanisch"]}}
KB
echo '{"id": "person/angela-merkel", "name": "Angela Merkel", "aliases": ["Merkel"]}' >"$tmp/kb/people.jsonl"
printf '2\nrice\nmansion/S\n' >"$tmp/dict/en_US.dic"
printf '1\nhaus\n' >"$tmp/dict/de_DE.dic"
run() { "$PY" "$SRC/scripts/phoenix_to_kb.py" --phoenix "$tmp/phx" --kb "$tmp/kb" --dict "$tmp/dict" -o "$1" 2>/dev/null; }
run "$tmp/out1.jsonl" || fail "converter failed"
run "$tmp/out2.jsonl" || fail "converter failed (second run)"
cmp -s "$tmp/out1.jsonl" "$tmp/out2.jsonl" || fail "output differs between two runs"
cat >"$tmp/want.jsonl" <<'WANT'
{"id": "person/adly-mansour", "name": "Adly Mansour", "aliases": ["Adly Mahmoud Mansour"], "roles": [{"role": "head_of_state", "of": "country/EG", "from": "2013-07-04", "to": "2014-06-08"}]}
{"id": "person/kofi-annan", "name": "Kofi Annan", "aliases": [], "roles": [{"role": "secretary_general", "of": "org/un", "from": "1997", "to": "2006"}]}
{"id": "person/nabil-fahmy", "name": "Nabil Fahmy", "aliases": [], "roles": [{"role": "foreign_minister", "of": "country/EG", "from": "2013-07-16", "to": "2014-06-16"}]}
WANT
diff "$tmp/want.jsonl" "$tmp/out1.jsonl" >&2 || fail "unexpected output (want vs got above)"
# The generated file passes the KB checker next to the curated KB.
mkdir "$tmp/user"
cp "$tmp/out1.jsonl" "$tmp/user/phoenix_people.jsonl"
"$PY" "$SRC/ingest/data/kb/check.py" "$tmp/user" >/dev/null 2>&1 || fail "check.py rejects the output"
# Missing input: exit 66 with a message.
"$PY" "$SRC/scripts/phoenix_to_kb.py" --phoenix "$tmp/nowhere" --dict "$tmp/dict" -o "$tmp/x.jsonl" 2>/dev/null
[ $? -eq 66 ] || fail "missing input: expected exit 66"
echo "kb_phoenix_test: OK"
