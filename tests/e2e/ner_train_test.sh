#!/usr/bin/env bash
# The name tagger's training tool round-trips: kg_train_ner trains on a tiny invented TSV, tags the
# same TSV back (--eval) without error, and kg extract with that model (KG_NER_MODEL) reports the
# invented names as typed entities. Also: the tool is deterministic (two runs, identical files) and
# a broken model file is refused with its file and line.
set -euo pipefail
: "${KG:?}"
train=$(dirname "$KG")/../ingest/kg_train_ner
[ -x "$train" ] || { echo "FAIL: no $train"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Invented sentences: names that no gazetteer holds, in contexts the rules do not type.
{
  for rep in 1 2 3 4 5 6; do
    printf '1\tQuorvex\tB-ORG\tO\n2\tmeldete\tO\tO\n3\tGewinne\tO\tO\n4\t.\tO\tO\n\n'
    printf '1\tGestern\tO\tO\n2\tkam\tO\tO\n3\tBlinzmaier\tB-PER\tO\n4\tnach\tO\tO\n5\tHause\tO\tO\n6\t.\tO\tO\n\n'
    printf '1\tDie\tO\tO\n2\tStadt\tO\tO\n3\tWabrunn\tB-LOC\tO\n4\twächst\tO\tO\n5\t.\tO\tO\n\n'
    printf '1\tQuorvex\tB-ORG\tO\n2\tund\tO\tO\n3\tBlinzmaier\tB-PER\tO\n4\tstreiten\tO\tO\n5\t.\tO\tO\n\n'
  done
} > "$tmp/train.tsv"
"$train" --min-count 1 --epochs 5 --eval "$tmp/train.tsv" "$tmp/train.tsv" "$tmp/a.model" > "$tmp/eval.txt"
cat "$tmp/eval.txt"
grep -q 'span P=1.000 R=1.000 F1=1.000' "$tmp/eval.txt" || { echo "FAIL: the tagger does not learn its own training set"; exit 1; }
"$train" --min-count 1 --epochs 5 "$tmp/train.tsv" "$tmp/b.model" 2>/dev/null
cmp -s "$tmp/a.model" "$tmp/b.model" || { echo "FAIL: two trainings differ"; exit 1; }
printf '{"id":"t1","lang":"de","text":"Quorvex meldete Gewinne. Gestern kam Blinzmaier nach Hause."}\n' > "$tmp/in.jsonl"
KG_NER_MODEL="$tmp/a.model" "$KG" extract --format jsonl "$tmp/in.jsonl" > "$tmp/out.jsonl"
grep -q '"name":"Quorvex"[^}]*"type":"organization"\|"type":"organization"[^}]*"name":"Quorvex"' "$tmp/out.jsonl" ||
  { echo "FAIL: Quorvex not an organisation"; cat "$tmp/out.jsonl"; exit 1; }
grep -q '"name":"Blinzmaier"' "$tmp/out.jsonl" || { echo "FAIL: Blinzmaier missing"; cat "$tmp/out.jsonl"; exit 1; }
printf '# scale=100\nnot-a-key\t1:5\n' > "$tmp/bad.model"
if KG_NER_MODEL="$tmp/bad.model" "$KG" extract --format jsonl "$tmp/in.jsonl" > /dev/null 2> "$tmp/err.txt"; then
  echo "FAIL: a broken model was accepted"; exit 1
fi
grep -q 'bad.model:2' "$tmp/err.txt" || { echo "FAIL: error does not name file:line"; cat "$tmp/err.txt"; exit 1; }
echo ok
