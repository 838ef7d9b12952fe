#!/usr/bin/env bash
# kg extract / kg ingest --jobs N (tools/parallel_extract.h): the output and the
# database do not depend on N. For samples/, a feed with a malformed line and
# duplicated ids, a cron re-run where an article moves between files, and (when
# ../shared is present) the 10kGNAD test split, --jobs 1 and --jobs 3 must give
# byte-identical extract output and stderr, the same summary line and exit
# code, and identical `kg stats` / graphml / ntriples exports.
set -euo pipefail
: "${KG:?path of the kg binary}" "${KG_SOURCE_DIR:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# extract_both NAME INPUT...: kg extract with --jobs 1 and 3; stdout, stderr and exit code must match.
extract_both() {
  local name=$1
  shift
  for j in 1 3; do
    set +e
    "$KG" extract --jobs $j "$@" >"$T/$name.x$j" 2>"$T/$name.xerr$j"
    echo $? >"$T/$name.xrc$j"
    set -e
  done
  cmp "$T/$name.x1" "$T/$name.x3" || fail "$name: kg extract output differs between --jobs 1 and 3"
  cmp "$T/$name.xerr1" "$T/$name.xerr3" || fail "$name: kg extract stderr differs"
  cmp "$T/$name.xrc1" "$T/$name.xrc3" || fail "$name: kg extract exit code differs"
}

# ingest_both NAME INPUT...: kg ingest with --jobs 1 into $T/NAME.db1 and --jobs 3 into
# $T/NAME.db3 (kept across calls: cron re-runs); summary, stderr, exit code and
# database contents must match.
ingest_both() {
  local name=$1
  shift
  for j in 1 3; do
    set +e
    "$KG" ingest --jobs $j --db "$T/$name.db$j" --settle 0 --no-progress "$@" >"$T/$name.i$j" 2>"$T/$name.ierr$j"
    echo $? >"$T/$name.irc$j"
    set -e
    "$KG" stats --db "$T/$name.db$j" --format json >"$T/$name.stats$j"
    "$KG" export --db "$T/$name.db$j" --format graphml >"$T/$name.graphml$j"
    "$KG" export --db "$T/$name.db$j" --format ntriples >"$T/$name.nt$j"
  done
  for part in i ierr irc stats graphml nt; do
    cmp "$T/$name.${part}1" "$T/$name.${part}3" || fail "$name: kg ingest $part differs between --jobs 1 and 3"
  done
}

# 1. The repository's samples.
extract_both samples "$KG_SOURCE_DIR/samples"
[ "$(cat "$T/samples.xrc1")" = 0 ] || fail "samples: extract exit $(cat "$T/samples.xrc1")"
[ "$(wc -l <"$T/samples.x1")" -ge 15 ] || fail "samples: too few articles extracted"
ingest_both samples "$KG_SOURCE_DIR/samples"
[ "$(cat "$T/samples.irc1")" = 0 ] || fail "samples: ingest exit $(cat "$T/samples.irc1")"
grep -q '"articles":1[0-9]' "$T/samples.stats1" || fail "samples: stats $(cat "$T/samples.stats1")"

# 2. A feed of 40 articles (enough for several workers) with a malformed line in the
# middle and duplicated ids: "dup-a" twice with the same text (the second is
# unchanged), "dup-b" twice with different texts (the second updates the first).
mkdir -p "$T/feed"
"$PYTHON" - "$KG_SOURCE_DIR/samples" "$T/feed/feed.jsonl" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
texts = []
for name in sorted(os.listdir(src)):
    if name.endswith(".txt"):
        with open(os.path.join(src, name), encoding="utf-8") as fh:
            texts.append(fh.read().split("\n\n", 2)[-1])
lines = []
for i in range(40):
    lines.append(json.dumps({"id": f"feed-{i}", "text": texts[i % len(texts)]}, ensure_ascii=False))
lines.insert(5, json.dumps({"id": "dup-a", "text": texts[0]}, ensure_ascii=False))
lines.insert(8, json.dumps({"id": "dup-b", "text": texts[1]}, ensure_ascii=False))
lines.insert(20, '{"id": "broken", "text": ')
lines.insert(22, json.dumps({"id": "dup-a", "text": texts[0]}, ensure_ascii=False))
lines.insert(23, json.dumps({"id": "dup-b", "text": texts[2]}, ensure_ascii=False))
with open(out, "w", encoding="utf-8") as fh:
    fh.write("\n".join(lines) + "\n")
PY
extract_both feed "$T/feed/feed.jsonl"
[ "$(cat "$T/feed.xrc1")" = 65 ] || fail "feed: extract exit $(cat "$T/feed.xrc1"), want 65"
grep -q "feed.jsonl:21:" "$T/feed.xerr1" || { cat "$T/feed.xerr1"; fail "feed: malformed line 21 not named"; }
[ "$(wc -l <"$T/feed.x1")" -eq 44 ] || fail "feed: want 44 extracted articles, got $(wc -l <"$T/feed.x1")"
ingest_both feed "$T/feed/feed.jsonl"
[ "$(cat "$T/feed.irc1")" = 65 ] || fail "feed: ingest exit $(cat "$T/feed.irc1"), want 65"
grep -q "feed.jsonl:21:" "$T/feed.ierr1" || { cat "$T/feed.ierr1"; fail "feed: ingest did not name line 21"; }
grep -q "failed 1, skipped-unsettled 0 (articles: new 42, updated 1, unchanged 1, failed 1" "$T/feed.i1" ||
  { cat "$T/feed.i1"; fail "feed: summary"; }
grep -q '"articles":42' "$T/feed.stats1" || fail "feed: want 42 articles: $(cat "$T/feed.stats1")"

# 3. Cron re-runs over a directory: an article moves from one file to a later one
# (retracted at the end of the first file, then stored again from the second),
# one file is only touched, one is listed twice.
mkdir -p "$T/cron"
head -n 12 "$T/feed/feed.jsonl" >"$T/cron/a.jsonl"
sed -n '13,20p' "$T/feed/feed.jsonl" >"$T/cron/b.jsonl"
sed -n '25,31p' "$T/feed/feed.jsonl" >"$T/cron/c.jsonl"
ingest_both cron "$T/cron" "$T/cron/b.jsonl"
grep -q "articles: new 27" "$T/cron.i1" || { cat "$T/cron.i1"; fail "cron: first run"; }
# a.jsonl loses feed-0 (to c.jsonl) and gets new texts for feed-1..4, so its end
# (the retraction) is still pending when c.jsonl's feed-0 is read.
"$PYTHON" - "$T/cron" <<'PY'
import json, os, sys
d = sys.argv[1]
a = [json.loads(l) for l in open(os.path.join(d, "a.jsonl"), encoding="utf-8")]
with open(os.path.join(d, "c.jsonl"), "a", encoding="utf-8") as fh:
    fh.write(json.dumps(a[0], ensure_ascii=False) + "\n")
for art in a[1:5]:
    art["text"] = a[-1]["text"] + " " + art["id"]
with open(os.path.join(d, "a.jsonl"), "w", encoding="utf-8") as fh:
    fh.writelines(json.dumps(art, ensure_ascii=False) + "\n" for art in a[1:])
PY
touch "$T/cron/b.jsonl"
ingest_both cron "$T/cron" "$T/cron/b.jsonl"
grep -q "new 0, updated 2, unchanged 2, failed 0, skipped-unsettled 0 (articles: new 1, updated 4, unchanged 14, failed 0, retracted 1)" "$T/cron.i1" ||
  { cat "$T/cron.i1"; fail "cron: second run"; }
grep -q '"articles":27' "$T/cron.stats1" || fail "cron: want 27 articles: $(cat "$T/cron.stats1")"

# 4. The 10kGNAD test split, when ../shared is present.
csv=${KG_SHARED_DIR:-}/corpora/10kgnad/test.csv
if [ -f "$csv" ]; then
  "$PYTHON" "$KG_SOURCE_DIR/scripts/10kgnad_to_jsonl.py" "$csv" "$T/gnad.jsonl" >/dev/null
  extract_both gnad "$T/gnad.jsonl"
  [ "$(wc -l <"$T/gnad.x1")" -eq "$(wc -l <"$T/gnad.jsonl")" ] || fail "gnad: article count"
  ingest_both gnad "$T/gnad.jsonl"
  [ "$(cat "$T/gnad.irc1")" = 0 ] || fail "gnad: ingest exit $(cat "$T/gnad.irc1")"
else
  echo "note: $csv absent: 10kGNAD part skipped"
fi
echo ok
