#!/usr/bin/env bash
# Validates the curated knowledge base (ingest/data/kb) with its checker, and checks that the
# checker really rejects bad user lexicon files (so the CI gate cannot pass vacuously).
# Env: KG_SOURCE_DIR (repo root), PYTHON (Debian python3; default /usr/bin/python3).
set -u
SRC="${KG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
PY="${PYTHON:-/usr/bin/python3}"
CHECK="$SRC/ingest/data/kb/check.py"
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The shipped KB is clean.
out=$("$PY" "$CHECK" 2>&1) || fail "base KB does not validate:
$out"
echo "$out" | tail -n 1
for kind in country org person group event region city; do
  echo "$out" | grep -q "$kind=[1-9]" || fail "no $kind entities counted: $out"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 2. A valid user dir layered on top (overrides an existing id, adds a new person) passes.
mkdir "$tmp/good"
cat >"$tmp/good/people.jsonl" <<'EOF'
{"id":"person/olaf-scholz","name":"Olaf Scholz","aliases":["Scholz"],"gender":"m","roles":[{"role":"head_of_government","of":"country/DE","from":"2021-12-08","to":"2025-05-06"}]}

{"id":"person/jane-example","name":"Jane Example","aliases":["Jane Q. Example"],"gender":"f","roles":[{"role":"leader","of":"org/nato","from":"2030"}]}
EOF
mkdir "$tmp/good/kb"   # kg reads DIR and DIR/kb; other file names are read by "type"
echo '{"id":"org/example-corp","type":"organization","name":"Example Corp","seat":"country/DE"}' >"$tmp/good/kb/extra.jsonl"
out=$("$PY" "$CHECK" "$tmp/good" 2>&1) || fail "valid user dir rejected:
$out"

# 2b. Parties (and other national bodies) of different countries may share a generic name.
mkdir "$tmp/shared"
echo '{"id":"org/example-greens","type":"organization","name":"Example Greens","aliases":["Grüne"],"kind":"party","country":"country/FR"}' >"$tmp/shared/organizations.jsonl"
out=$("$PY" "$CHECK" "$tmp/shared" 2>&1) || fail "a party name shared across countries was rejected:
$out"

# 3. Each kind of error is reported with file:line and exit status 65.
mkdir "$tmp/bad"
cat >"$tmp/bad/people.jsonl" <<'EOF'
{"id":"person/a-b","name":"A B","aliases":[],"gender":"m","roles":[{"role":"head_of_state","of":"country/ZZ","from":"2020-01-01"}]}
{"id":"person/c-d","name":"C D","aliases":[],"roles":[{"role":"emperor","of":"country/DE","from":"2020-13-01"}]}
{"id":"person/kim-test","name":"Kim Test","aliases":["Kim"],"roles":[]}
{"id":"person/e-f","name":"E F","roles":[{"role":"leader","of":"org/nato","from":"2020","to":"2019"}]}
{"id":"person/a-b","name":"Dup","roles":[]}
{not json
{"id":"person/g-h","name":"G H","colour":"red"}
{"id":"person/i-j","name":"I J","roles":[{"role":"minister","of":"org/nato","from":"2020"},{"role":"leader","of":"org/spd","from":"2020"},{"role":"state_premier","of":"country/DE","from":"2020"}]}
EOF
cat >"$tmp/bad/organizations.jsonl" <<'EOF'
{"id":"org/bad-kind","type":"organization","name":"Bad Kind","kind":"club"}
{"id":"org/bad-portfolio","type":"organization","name":"Bad Portfolio","kind":"party","portfolio":"foreign","country":"country/DE"}
{"id":"org/bad-branch","type":"organization","name":"Bad Branch","kind":"party_branch","parent":"org/nato"}
{"id":"org/bad-ministry","type":"organization","name":"Bad Ministry","kind":"ministry","country":"country/DE"}
{"id":"org/bad-shared","type":"organization","name":"Bad Shared","aliases":["Bundestag"],"kind":"party"}
EOF
cat >"$tmp/bad/places.jsonl" <<'EOF'
{"id":"city/gn999999999","type":"city","name":"Nowhere","aliases":{"de":["Nirgendwo"]}}
{"id":"region/x","type":"region","name":"X","aliases":{"de":["Krim"]}}
EOF
echo '{"id":"org/bad-seat","type":"organization","name":"Bad Seat","seat":"country/QQ"}' >"$tmp/bad/mine.jsonl"
out=$("$PY" "$CHECK" "$tmp/bad" 2>&1); rc=$?
[ "$rc" -eq 65 ] || fail "bad dir: expected exit 65, got $rc:
$out"
expect() {
  echo "$out" | grep -qF -- "$1" || fail "missing diagnostic '$1' in:
$out"
}
expect "mine.jsonl:1: 'seat' refers to unknown id 'country/QQ'"
expect "people.jsonl:1: roles[0]: 'of' refers to unknown id 'country/ZZ'"
expect "people.jsonl:2: roles[0]: 'role' must be one of"
expect "people.jsonl:2: roles[0]: 'from' must be an ISO date"
expect "people.jsonl:3: bare surname alias 'Kim' of person/kim-test is shared with"
expect "people.jsonl:4: roles[0]: 'to' 2019 is before 'from' 2020"
expect "people.jsonl:5: duplicate id 'person/a-b'"
expect "people.jsonl:6: invalid JSON"
expect "people.jsonl:7: unknown field 'colour'"
if [ -f /usr/share/locale/de/LC_MESSAGES/geonames.mo ]; then  # libgeonames-common installed
  expect "places.jsonl:1: GeoNames id 999999999 is not in the geonames.mo catalogue"
fi
expect "places.jsonl:2: alias 'Krim' of region/x is also claimed by region/crimea"
# v2 fields (ingest/data/kb/README.md): kinds, portfolios, branches, role targets
expect "organizations.jsonl:1: 'kind' must be one of"
expect "organizations.jsonl:2: 'portfolio' is only for kind=ministry"
expect "organizations.jsonl:3: kind=party_branch needs a 'region'"
expect "organizations.jsonl:3: party_branch org/bad-branch: parent org/nato is not kind=party"
expect "organizations.jsonl:4: kind=ministry needs a 'portfolio'"
expect "alias 'Bundestag' of org/bundestag is also claimed by org/bad-shared"
expect "people.jsonl:8: roles[0]: 'minister' needs an org of kind ministry; org/nato has kind 'international'"
expect "people.jsonl:8: roles[1]: 'leader' of party org/spd: use 'party_leader'"
expect "people.jsonl:8: roles[2]: 'of' must be an id of kind ('region',)"

base_orgs=$("$PY" "$CHECK" | sed -n 's/.*org=\([0-9]*\).*/\1/p')
"$PY" "$CHECK" "$tmp/good" | grep -q "org=$(( base_orgs + 1 ))" \
  || fail "org from good/kb/extra.jsonl was not read"

# 4. Usage errors.
"$PY" "$CHECK" "$tmp/does-not-exist" >/dev/null 2>&1; rc=$?
[ "$rc" -eq 64 ] || fail "missing dir: expected exit 64, got $rc"
echo "kb_check_test: OK"
