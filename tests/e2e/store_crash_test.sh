#!/usr/bin/env bash
# Crash test (issue 4): `kg ingest` of the 10kGNAD test split (1,028 articles)
# is killed with SIGKILL at random moments several times, then rerun to
# completion; the result must equal an uninterrupted ingest exactly (stats and
# the full GraphML export), and no article may be half stored.
set -euo pipefail
KG=${KG:?path of the kg binary}
PY=${PYTHON:-/usr/bin/python3}
SHARED=${KG_SHARED_DIR:-}
CSV="$SHARED/corpora/10kgnad/test.csv"
if [[ -z "$SHARED" || ! -f "$CSV" ]]; then
  echo "SKIP: $CSV not available"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# label;text with quote char ' -> JSON Lines (ids and dates are synthetic but stable).
"$PY" - "$CSV" "$T/gnad.jsonl" <<'PYEOF'
import csv, json, sys
n = 0
with open(sys.argv[1], encoding="utf-8", newline="") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, row in enumerate(csv.reader(f, delimiter=";", quotechar="'")):
        if len(row) < 2 or not row[1].strip():
            continue
        out.write(json.dumps({"id": "gnad-%04d" % i, "title": row[0], "text": row[1], "lang": "de",
                              "source": "10kGNAD", "date": "2016-%02d-%02d" % (i % 12 + 1, i % 28 + 1)},
                             ensure_ascii=False) + "\n")
        n += 1
assert n >= 1000, n
PYEOF
# Split into several files so kills also land between files.
split -l 200 -d --additional-suffix=.jsonl "$T/gnad.jsonl" "$T/in-part-"
mkdir "$T/in" && mv "$T"/in-part-*.jsonl "$T/in/"

# Reference: uninterrupted ingest.
"$KG" ingest "$T/in" --db "$T/ref" --settle 0 --no-progress >/dev/null
"$KG" stats --db "$T/ref" --format json >"$T/ref.stats"
"$KG" export --db "$T/ref" --format graphml -o "$T/ref.graphml"
ref_articles=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["articles"])' "$T/ref.stats")
[[ "$ref_articles" -ge 1000 ]] || { echo "FAIL: reference has only $ref_articles articles"; exit 1; }

# Interrupted ingests: SIGKILL after a random delay, several times.
kills=0
for round in 1 2 3 4 5; do
  "$KG" ingest "$T/in" --db "$T/crash" --settle 0 --no-progress >/dev/null 2>"$T/err.$round" &
  pid=$!
  delay=$("$PY" -c 'import random; print(round(random.uniform(0.3, 2.5), 2))')
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  # Between kills the database must open and every stored article must be whole:
  # a reader sees a consistent state at any moment.
  if [[ -d "$T/crash" ]]; then
    "$KG" stats --db "$T/crash" --format json >"$T/mid.$round" || { echo "FAIL: stats after kill $round"; exit 1; }
  fi
done
echo "killed $kills times"
[[ $kills -ge 2 ]] || echo "note: ingest finished before most kills (fast machine)"

# Rerun to completion.
"$KG" ingest "$T/in" --db "$T/crash" --settle 0 --no-progress >"$T/final.out"
cat "$T/final.out"
"$KG" stats --db "$T/crash" --format json >"$T/crash.stats"
"$KG" export --db "$T/crash" --format graphml -o "$T/crash.graphml"

if ! cmp -s "$T/ref.stats" "$T/crash.stats"; then
  echo "FAIL: stats differ"; cat "$T/ref.stats" "$T/crash.stats"; exit 1
fi
if ! cmp -s "$T/ref.graphml" "$T/crash.graphml"; then
  echo "FAIL: GraphML exports differ"; diff "$T/ref.graphml" "$T/crash.graphml" | head -20; exit 1
fi
# A further run finds nothing to do.
"$KG" ingest "$T/in" --db "$T/crash" --settle 0 --no-progress >"$T/again.out"
grep -q "new 0, updated 0, unchanged 6, failed 0" "$T/again.out" || { cat "$T/again.out"; exit 1; }
echo "PASS: $(cat "$T/crash.stats")"
