#!/usr/bin/env bash
# Name detection on the GermEval-2014 NER test set (../shared/corpora/germeval2014): exact-span
# precision and F1 of kg's mentions against the PER/ORG/LOC gold spans must not fall below the
# floors (a little under the figures measured when they were set: P 0.651, F1 0.501 on
# 2026-11-28). Skips (77) without ../shared.
set -euo pipefail
: "${KG:?}" "${KG_SOURCE_DIR:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
tsv=${KG_SHARED_DIR:-}/corpora/germeval2014/NER-de-test.tsv
[ -f "$tsv" ] || { echo "skip: no $tsv"; exit 77; }
"$PYTHON" "$KG_SOURCE_DIR/scripts/germeval_ner_eval.py" "$tsv" --kg "$KG" --min-p=0.63 --min-f1=0.48
