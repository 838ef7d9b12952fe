#!/usr/bin/env python3
"""Convert the 10kGNAD CSV (`label;text`, quote char ') to kg's JSON Lines input.

usage: 10kgnad_to_jsonl.py [CSV] [OUT.jsonl]
  CSV defaults to $KG_SHARED_DIR/corpora/10kgnad/test.csv (KG_SHARED_DIR defaults to ../shared),
  OUT defaults to stdout. Each row becomes {"id": "10kgnad-<split>-<row>", "text", "lang": "de",
  "source": "DER STANDARD", "label"}. Rows that cannot be parsed are reported on stderr with their
  line number and skipped; the exit status is 65 when any row was bad.
The texts are CC BY-NC-SA 4.0: write the output outside the repository.
"""
import csv
import json
import os
import sys


def main(argv):
    shared = os.environ.get("KG_SHARED_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    src = argv[1] if len(argv) > 1 else os.path.join(shared, "corpora", "10kgnad", "test.csv")
    out = open(argv[2], "w", encoding="utf-8") if len(argv) > 2 else sys.stdout
    split = os.path.splitext(os.path.basename(src))[0]
    bad = 0
    with open(src, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";", quotechar="'")
        for row in reader:
            line = reader.line_num
            if len(row) < 2 or not row[1].strip():
                print(f"{src}:{line}: expected label;text", file=sys.stderr)
                bad += 1
                continue
            rec = {"id": f"10kgnad-{split}-{line}", "text": ";".join(row[1:]), "lang": "de",
                   "source": "DER STANDARD", "label": row[0]}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    return 65 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
