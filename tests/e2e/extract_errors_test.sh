#!/usr/bin/env bash
# Bad input lines are reported (file:line) on stderr, good ones are still extracted, exit 65.
set -euo pipefail
: "${KG:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  printf '{"id":"ok1","text":"Norwegen liefert Munition an die Ukraine."}\n'
  printf '{"id": broken\n'
  printf '{"id":"ok2","text":"Canada supplied Ukraine with drones."}\n'
} >"$tmp/in.jsonl"
printf 'date 2024-01-05 Von Testredaktion\n\nTitel\n\nChile und Peru vereinbarten eine Zusammenarbeit.\n' >"$tmp/a.txt"
set +e
"$KG" extract "$tmp/in.jsonl" "$tmp/missing.txt" "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
cat "$tmp/err"
# A missing input is 66 (EX_NOINPUT) even when another input had a bad line (65).
[ $rc -eq 66 ] || { echo "expected 66, got $rc"; exit 1; }
grep -q "missing.txt" "$tmp/err" || { echo "missing file not reported"; exit 1; }
grep -q "in.jsonl:2" "$tmp/err" || { echo "no file:line for the bad line"; exit 1; }
[ "$(wc -l <"$tmp/out")" -eq 3 ] || { echo "expected 3 articles"; cat "$tmp/out"; exit 1; }
grep -q '"country/NO"' "$tmp/out" && grep -q '"country/CA"' "$tmp/out" && grep -q '"country/CL"' "$tmp/out"
echo ok
