"""Issue 19 item 8: plain-text articles. A short German text with a
`date ... Von X` header is German (and yields its relation); --lang overrides
detection on extract and ingest; without a header, a date line or dateline in
the text gives the article date; mention and evidence offsets point into the
file as given (header line included)."""
import json
import os
import subprocess
import sys
import tempfile

KG = os.environ["KG"]
SRC = os.environ["KG_SOURCE_DIR"]


def kg(*args, rc=0):
    p = subprocess.run([KG, *args], capture_output=True)
    if p.returncode != rc:
        sys.exit(f"FAIL: kg {' '.join(args)}: rc {p.returncode}: {p.stderr.decode()}")
    return p.stdout.decode()


def extract(path, *flags):
    return [json.loads(l) for l in kg("extract", path, *flags).splitlines()]


with tempfile.TemporaryDirectory() as tmp:
    short = os.path.join(tmp, "kurz.txt")
    with open(short, "w") as f:
        f.write("date 2024-05-02 Von Ticker\n\nOlaf Scholz trifft Emmanuel Macron in Paris.\n")
    a = extract(short)[0]
    assert a["article"]["lang"] == "de", a["article"]
    assert any(r["predicate"] == "meets" for r in a["relations"]), a["relations"]
    # --lang overrides detection (extract and ingest).
    assert extract(short, "--lang", "en")[0]["article"]["lang"] == "en"
    db = os.path.join(tmp, "db")
    kg("ingest", short, "--db", db, "--lang", "de", "--no-progress")
    kg("extract", short, "--lang", "fr", rc=64)
    # Short English text.
    en = os.path.join(tmp, "short-en.txt")
    with open(en, "w") as f:
        f.write("date 2024-05-02 By Wire\n\nJoe Biden met Olaf Scholz in Washington.\n")
    assert extract(en)[0]["article"]["lang"] == "en"

    # Dates from the text: a Wikinews-style date line, a German dateline.
    wn = os.path.join(tmp, "wikinews.txt")
    with open(wn, "w") as f:
        f.write("Leaders meet in Brussels\n\nSaturday, October 9, 2010\n\n"
                "The President of France met the Chancellor of Germany in Brussels on Saturday.\n")
    assert extract(wn)[0]["article"]["date"] == "2010-10-09", extract(wn)[0]["article"]
    dl = os.path.join(tmp, "dateline.txt")
    with open(dl, "w") as f:
        f.write("Berlin, 3. März 2024 - Olaf Scholz hat Emmanuel Macron in Berlin empfangen. "
                "Die beiden sprachen über die Lage in der Ukraine.\n")
    assert extract(dl)[0]["article"]["date"] == "2024-03-03", extract(dl)[0]["article"]
    iso = os.path.join(tmp, "iso.jsonl")
    with open(iso, "w") as f:
        f.write(json.dumps({"id": "x", "text": "2023-11-30\nOlaf Scholz visited Paris."}) + "\n")
    assert extract(iso)[0]["article"]["date"] == "2023-11-30"
    # A header date wins; a date deep inside the text is not the article date.
    with open(dl, "w") as f:
        f.write("date 2024-01-05 Von Test\n\nOlaf Scholz besuchte Paris. Am 3. März 2024 reist er weiter.\n")
    assert extract(dl)[0]["article"]["date"] == "2024-01-05"
    nodate = os.path.join(tmp, "nodate.txt")
    with open(nodate, "w") as f:
        f.write("Olaf Scholz besuchte Paris. Er sagte, am 3. März 2024 reise er weiter nach Rom, "
                "wo er den Papst treffen werde, und danach nach Madrid.\n")
    assert extract(nodate)[0]["article"]["date"] == "", extract(nodate)[0]["article"]

    # Offsets into the file as given, for every sample (header line included).
    checked = 0
    for name in sorted(os.listdir(os.path.join(SRC, "samples"))):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(SRC, "samples", name)
        data = open(path, "rb").read()
        art = extract(path)[0]
        for e in art["entities"]:
            for m in e["mentions"]:
                got = data[m["start"]:m["end"]].decode("utf-8")
                assert got == m["text"], (name, m, got)
                checked += 1
        for r in art["relations"]:
            ev = r["evidence"]
            assert data[ev["start"]:ev["end"]].decode("utf-8") == ev["sentence"], (name, ev)
    assert checked > 100, checked
    print(f"ok: {checked} mention offsets match the files")
