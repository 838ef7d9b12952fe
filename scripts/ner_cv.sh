#!/usr/bin/env bash
# 5-fold cross-validation of the name tagger (ingest/ner.h) on a GermEval-style TSV (by default the
# GermEval-2014 dev file, the only GermEval file kg trains on): sentence k goes to fold k mod 5; each
# fold's model is trained on the other four and scored on it, the tagger alone (kg_train_ner --eval)
# and inside kg (scripts/germeval_ner_eval.py, rules only vs rules + tagger).
#   scripts/ner_cv.sh [BUILD_DIR] [TSV] [FOLDS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
tsv=${2:-$here/../shared/corpora/germeval2014/NER-de-dev.tsv}
folds=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" -v folds="$folds" '
  BEGIN { RS=""; ORS="\n\n" }
  { for (k = 0; k < folds; k++) print > (dir "/" (NR % folds == k ? "test" : "train") k ".tsv") }' "$tsv"
for ((k = 0; k < folds; k++)); do
  "$build/ingest/kg_train_ner" ${NER_TRAIN_ARGS:-} --eval "$tmp/test$k.tsv" "$tmp/train$k.tsv" "$tmp/m$k" 2>/dev/null |
    sed "s/^/fold $k: /"
  echo -n "fold $k rules only:    "
  KG_NER_MODEL=off /usr/bin/python3 "$here/scripts/germeval_ner_eval.py" "$tmp/test$k.tsv" --kg "$build/tools/kg" |
    grep -E '^(span|typed)' | tr '\n' ' '; echo
  echo -n "fold $k rules+tagger:  "
  KG_NER_MODEL="$tmp/m$k" /usr/bin/python3 "$here/scripts/germeval_ner_eval.py" "$tmp/test$k.tsv" --kg "$build/tools/kg" |
    grep -E '^(span|typed)' | tr '\n' ' '; echo
done
