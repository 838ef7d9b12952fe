#!/usr/bin/env bash
# `kg extract --lexicon DIR` adds an actor (KB people.jsonl) and a verb (de/relations.tsv).
set -euo pipefail
: "${KG:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lex/de"
cat >"$tmp/lex/people.jsonl" <<'J'
{"id": "person/tomas-probst", "name": "Tomas Probst", "aliases": ["Probst"], "roles": [{"role": "head_of_government", "of": "country/LU", "from": "2021-01-01"}]}
J
printf 'meets\tverb\tkonferiert,konferierte,konferierten\tobj=prep:mit\n' >"$tmp/lex/de/relations.tsv"
printf '{"id":"a1","lang":"de","date":"2024-05-02","text":"Probst konferierte am Donnerstag mit Finnland."}\n' >"$tmp/in.jsonl"
"$KG" extract "$tmp/in.jsonl" >"$tmp/plain.jsonl"
"$KG" extract "$tmp/in.jsonl" --lexicon "$tmp/lex" --explain >"$tmp/lex.jsonl"
"$PYTHON" - "$tmp/plain.jsonl" "$tmp/lex.jsonl" <<'PY'
import json, sys
plain = json.loads(open(sys.argv[1]).readline())
lex = json.loads(open(sys.argv[2]).readline())
def has(d):
    return any(r["predicate"] == "meets" and {r["subject"], r["object"]} == {"person/tomas-probst", "country/FI"}
               for r in d["relations"])
assert not has(plain), "relation found without the lexicon"
assert has(lex), "relation missing with --lexicon: %s" % lex["relations"]
r = [r for r in lex["relations"] if r["predicate"] == "meets"][0]
assert r["evidence"]["rule"].startswith("de.verb.meets.konferiert"), r["evidence"]
assert r["date"] == "2024-05-02", r["date"]
print("ok")
PY
# A broken lexicon line is reported with file and line, exit 65.
printf 'meets\tverb\n' >"$tmp/lex/de/relations.tsv"
set +e
"$KG" extract "$tmp/in.jsonl" --lexicon "$tmp/lex" >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 65 ] || { echo "expected exit 65, got $rc"; cat "$tmp/err"; exit 1; }
grep -q "relations.tsv:1" "$tmp/err" || { echo "error does not name file:line"; cat "$tmp/err"; exit 1; }
echo ok
