#!/usr/bin/env python3
"""Scores kg's name detection against the GermEval-2014 NER test set.

    scripts/germeval_ner_eval.py NER-de-test.tsv [--kg PATH] [--verbose] [--min-p=X] [--min-f1=X]

Method: every sentence of the TSV (token, outer BIO tag per line) is rebuilt as text by joining
its tokens with single spaces; all sentences go through one `kg extract --format jsonl` run as
German articles. kg's entity mentions (byte offsets) that start and end on token boundaries
become predicted spans; gold spans are the outer PER, ORG and LOC spans (OTH and the *deriv /
*part tags are not names of actors and are left out, as are predictions covering them only
partly). Reported: exact-span precision, recall and F1 ignoring the type, and the same with the
type (kg person -> PER, organization -> ORG, country/city/region -> LOC; group, event and other
count only untyped).

Limits: the token-joined text is not the original spacing ("Berlin ." not "Berlin."), sentences
are scored without their article context (kg links surnames and repeats within an article), and
GermEval is Wikipedia and news prose with many names that kg's gazetteers do not hold, so the
figures track changes of kg rather than rank it against trained taggers.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

TYPE_MAP = {"person": "PER", "organization": "ORG", "country": "LOC", "city": "LOC", "region": "LOC"}


def read_sentences(path):
    """Yields lists of (token, outer_tag) per sentence."""
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 3:
                sent.append((cols[1], cols[2]))
    if sent:
        yield sent


def gold_spans(tags):
    """Outer PER/ORG/LOC spans as {(first_token, end_token): type}."""
    spans, start, typ = {}, None, None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag.startswith("I-") and typ is not None and tag[2:] == typ
        if not inside:
            if start is not None and typ in ("PER", "ORG", "LOC"):
                spans[(start, i)] = typ
            start, typ = (i, tag[2:]) if tag.startswith("B-") else (None, None)
    return spans


def prf(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tsv")
    ap.add_argument("--kg", default=os.environ.get("KG", "kg"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--min-p", type=float, default=0.0)
    ap.add_argument("--min-f1", type=float, default=0.0)
    a = ap.parse_args()
    if not os.path.isfile(a.tsv):
        sys.exit(f"germeval_ner_eval: {a.tsv}: no such file")
    sents = list(read_sentences(a.tsv))
    docs = []  # (text, token byte offsets, gold spans)
    for toks in sents:
        text, offs = "", []
        for tok, _ in toks:
            if text:
                text += " "
            start = len(text.encode())
            text += tok
            offs.append((start, len(text.encode())))
        docs.append((text, offs, gold_spans([t for _, t in toks])))
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "germeval.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for i, (text, _, _) in enumerate(docs):
                f.write(json.dumps({"id": f"germeval-{i}", "text": text, "lang": "de"}, ensure_ascii=False) + "\n")
        try:
            run = subprocess.run([a.kg, "extract", "--format", "jsonl", inp], capture_output=True, text=True)
        except OSError as e:
            sys.exit(f"germeval_ner_eval: cannot run kg ({a.kg}): {e}")
    if run.returncode != 0:
        sys.exit(f"germeval_ner_eval: kg extract failed ({run.returncode}): {run.stderr.strip()[:500]}")
    pred = {}  # doc index -> {(tb, te): kg type}
    for line in run.stdout.splitlines():
        d = json.loads(line)
        idx = int(d["article"]["id"].split("-")[1])
        starts = {s: k for k, (s, _) in enumerate(docs[idx][1])}
        ends = {e: k + 1 for k, (_, e) in enumerate(docs[idx][1])}
        for e in d.get("entities", []):
            for m in e.get("mentions", []):
                if m["start"] in starts and m["end"] in ends:
                    pred.setdefault(idx, {})[(starts[m["start"]], ends[m["end"]])] = e["type"]
    n_gold = sum(len(g) for _, _, g in docs)
    n_pred = sum(len(p) for p in pred.values())
    tp = tp_typed = 0
    fps, fns = [], []
    for i, (text, offs, gold) in enumerate(docs):
        p = pred.get(i, {})
        for span, typ in p.items():
            if span in gold:
                tp += 1
                tp_typed += TYPE_MAP.get(typ) == gold[span]
            else:
                fps.append((i, span, typ))
        fns.extend((i, span, typ) for span, typ in gold.items() if span not in p)
    P, R, F = prf(tp, n_pred, n_gold)
    tP, tR, tF = prf(tp_typed, n_pred, n_gold)
    print(f"sentences={len(docs)} gold={n_gold} predicted={n_pred}")
    print(f"span   P={P:.3f} R={R:.3f} F1={F:.3f}")
    print(f"typed  P={tP:.3f} R={tR:.3f} F1={tF:.3f}")
    if a.verbose:
        def show(kind, items):
            print(f"--- {kind} ({len(items)}; first 40)")
            for i, (tb, te), typ in items[:40]:
                toks = docs[i][0].split(" ")
                ctx = " ".join(toks[max(0, tb - 4):tb] + ["[" + " ".join(toks[tb:te]) + "]"] + toks[te:te + 3])
                print(f"  {typ:13} {ctx}")
        show("false positives", fps)
        show("false negatives", fns)
    failed = []
    if P < a.min_p:
        failed.append(f"span precision {P:.3f} < {a.min_p}")
    if F < a.min_f1:
        failed.append(f"span F1 {F:.3f} < {a.min_f1}")
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
