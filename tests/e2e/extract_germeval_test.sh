#!/usr/bin/env bash
# Name detection on the GermEval-2014 NER test set ($KG_SHARED_DIR/corpora/germeval2014): exact-span
# precision and F1 of kg's mentions against the outer PER/ORG/LOC gold spans (ignoring the type)
# must not fall below the floors. Measured when the floors were set (2026-11-28, kg at 9952d14,
# scripts/germeval_ner_eval.py ignoring predictions exactly on OTH/deriv/part spans): 5,100
# sentences, 4,495 gold, 2,773 predicted, P 0.717 R 0.442 F1 0.547 (typed F1 0.482); at 58f6957
# P 0.694 R 0.406 F1 0.512; 2026-12-07 (given names, lone surnames, compound prefixes, regions):
# P 0.727 R 0.483 F1 0.581 (typed 0.517), floors raised to P 0.72, F1 0.57; 2026-12-07 with the
# name tagger (ingest/ner.h, trained on the GermEval dev file only): P 0.730 R 0.621 F1 0.671
# (typed 0.594), F1 floor raised to 0.66; 2026-12-08 (74e549b, companies KB, tagger gate): P 0.732
# R 0.628 F1 0.676 (typed 0.602), F1 floor raised to 0.67; 61f5908 (dictionary proper names,
# 'für' organisations, place context, tagger gate in training): P 0.743 R 0.687 F1 0.714 (typed
# 0.630), floors raised to P 0.73, F1 0.71.
# Skips (77) without the corpus.
set -euo pipefail
: "${KG:?}" "${KG_SOURCE_DIR:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
tsv=${KG_SHARED_DIR:-}/corpora/germeval2014/NER-de-test.tsv
[ -f "$tsv" ] || { echo "skip: no $tsv"; exit 77; }
"$PYTHON" "$KG_SOURCE_DIR/scripts/germeval_ner_eval.py" "$tsv" --kg "$KG" --min-p=0.73 --min-f1=0.71
