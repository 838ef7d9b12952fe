#!/usr/bin/env python3
"""Scores kg's name detection against the GermEval-2014 NER test set.

    scripts/germeval_ner_eval.py NER-de-test.tsv [--kg PATH] [--verbose] [--min-p=X] [--min-f1=X]

Exit status: 0 ok, 1 when span precision or F1 is below --min-p / --min-f1 (or kg fails), 2 when
the TSV or the kg binary (--kg, else $KG, else `kg` on PATH) is missing.

Method: every sentence of the TSV (token, outer BIO tag per line; the nested column is not used)
is rebuilt as text by joining its tokens with single spaces, recording each token's byte offsets;
all sentences go, one JSON Lines article each ({"id": "germeval-N", "text", "lang": "de"}),
through one `kg extract --format jsonl` run. kg's entity mentions (byte offsets `start`/`end`)
that start and end on token boundaries become predicted spans; mentions that cut a token are
ignored (counted in the output). Gold spans are the outer PER, ORG and LOC spans. OTH and the
*deriv / *part spans ("Deutschen", "SPD-Chef") are not gold, and a prediction on exactly such a
span is ignored too (neither right nor wrong). Reported: exact-span precision, recall and F1
ignoring the type, and the same requiring the mapped type (kg person -> PER, organization -> ORG,
country/city/region -> LOC; group, event and other can only match untyped).

Limits: exact match only (a mention one token too long or too short is a false positive and a
false negative); the token-joined text is not the original spacing ("Berlin ." not "Berlin.",
quotes and brackets stand apart), so punctuation attaches differently than in real text;
sentences are scored without their article (kg links surnames and repeats within an article);
GermEval is Wikipedia and web-news prose with many names kg's gazetteers do not hold, and kg only
reports actors it can type. The figures track changes of kg; they do not rank it against trained
taggers.
"""
import argparse
from collections import Counter
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

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
    """Outer PER/ORG/LOC spans as {(first_token, end_token): type}, and the other spans (OTH,
    *deriv, *part) as a set; an I- tag without a matching B- starts no span."""
    spans, other, start, typ = {}, set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag.startswith("I-") and typ is not None and tag[2:] == typ
        if not inside:
            if start is not None:
                if typ in ("PER", "ORG", "LOC"):
                    spans[(start, i)] = typ
                else:
                    other.add((start, i))
            start, typ = (i, tag[2:]) if tag.startswith("B-") else (None, None)
    return spans, other


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
        print(f"germeval_ner_eval: {a.tsv}: no such file", file=sys.stderr)
        return 2
    kg = shutil.which(a.kg)
    if kg is None:
        print(f"germeval_ner_eval: kg binary not found or not executable: {a.kg} (use --kg PATH or KG=PATH)",
              file=sys.stderr)
        return 2
    sents = list(read_sentences(a.tsv))
    docs = []  # (text, token byte offsets, gold spans, OTH/deriv/part spans)
    for toks in sents:
        text, offs = "", []
        for tok, _ in toks:
            if text:
                text += " "
            start = len(text.encode())
            text += tok
            offs.append((start, len(text.encode())))
        docs.append((text, offs) + gold_spans([t for _, t in toks]))
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "germeval.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for i, (text, _, _, _) in enumerate(docs):
                f.write(json.dumps({"id": f"germeval-{i}", "text": text, "lang": "de"}, ensure_ascii=False) + "\n")
        t0 = time.monotonic()
        try:
            run = subprocess.run([kg, "extract", "--format", "jsonl", "--no-co-mentions", inp],
                                 capture_output=True, text=True)
        except OSError as e:
            print(f"germeval_ner_eval: cannot run kg ({kg}): {e}", file=sys.stderr)
            return 2
        secs = time.monotonic() - t0
    if run.returncode != 0:
        print(f"germeval_ner_eval: kg extract failed ({run.returncode}): {run.stderr.strip()[:500]}",
              file=sys.stderr)
        return 1
    pred = {}  # doc index -> {(tb, te): kg type}
    unaligned, on_other = 0, set()  # mentions cutting a token; spans exactly on OTH/deriv/part
    for line in run.stdout.splitlines():
        d = json.loads(line)
        idx = int(d["article"]["id"].split("-")[1])
        starts = {s: k for k, (s, _) in enumerate(docs[idx][1])}
        ends = {e: k + 1 for k, (_, e) in enumerate(docs[idx][1])}
        for e in d.get("entities", []):
            for m in e.get("mentions", []):
                if m["start"] not in starts or m["end"] not in ends:
                    unaligned += 1
                    continue
                span = (starts[m["start"]], ends[m["end"]])
                if span in docs[idx][3]:
                    on_other.add((idx, span))
                else:
                    pred.setdefault(idx, {})[span] = e["type"]
    n_gold = sum(len(g) for _, _, g, _ in docs)
    n_pred = sum(len(p) for p in pred.values())
    tp = tp_typed = 0
    fps, fns = [], []
    for i, (_, _, gold, _) in enumerate(docs):
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
    print(f"sentences={len(docs)} gold={n_gold} predicted={n_pred} kg_extract_seconds={secs:.2f}")
    print(f"span   P={P:.3f} R={R:.3f} F1={F:.3f}")
    print(f"typed  P={tP:.3f} R={tR:.3f} F1={tF:.3f}")
    missed = Counter(typ for _, _, typ in fns)
    gold_by_type = Counter(typ for d in docs for typ in d[2].values())
    print("span recall by gold type: " + " ".join(
        f"{t}={1 - missed[t] / n:.3f} ({n})" for t, n in sorted(gold_by_type.items())))
    print(f"ignored: {unaligned} mentions not on token boundaries, "
          f"{len(on_other)} predicted spans exactly on OTH/deriv/part spans")
    if a.verbose:
        def show(kind, items, per_type=12):
            by_type = {}
            for item in items:
                by_type.setdefault(item[2], []).append(item)
            for typ, group in sorted(by_type.items(), key=lambda kv: -len(kv[1])):
                print(f"--- {kind} {typ}: {len(group)} (first {min(per_type, len(group))})")
                for i, (tb, te), _ in group[:per_type]:
                    toks = docs[i][0].split(" ")
                    ctx = " ".join(toks[max(0, tb - 6):tb] + ["[" + " ".join(toks[tb:te]) + "]"] + toks[te:te + 4])
                    print(f"  germeval-{i}: {ctx}")
        show("false positives, kg type", fps)
        show("false negatives, gold type", fns)
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
