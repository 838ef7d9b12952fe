"""scripts/kg_dask.py on a LocalCluster of 2 worker processes gives the graph
`kg ingest` gives for the same inputs: equal `kg stats --format json` (apart
from the bytes on disk) and equal GraphML. Inputs: samples/ (plain text) plus a
JSON Lines feed cut into many shards, with one malformed line (reported with the
input's file and line, the rest still loaded, exit 65 as kg ingest); and the
10kGNAD test split as one JSON Lines file when ../shared is there (issue 24).
Needs Debian's python3-distributed (scripts/setup.sh installs it).
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

KG = os.environ["KG"]
SRC = os.environ["KG_SOURCE_DIR"]
SHARED = os.environ.get("KG_SHARED_DIR", "")
PY = os.environ.get("PYTHON", "/usr/bin/python3")
DASK = os.path.join(SRC, "scripts", "kg_dask.py")

try:
    import distributed  # noqa: F401
except ImportError:
    sys.exit("python3-distributed is missing: run scripts/setup.sh")


def run(*cmd, rc=0):
    p = subprocess.run(cmd, capture_output=True, text=True)
    assert p.returncode == rc, (cmd, p.returncode, p.stderr[-3000:])
    return p


def signature(db, tmp):
    stats = json.loads(run(KG, "stats", "--db", db, "--format", "json").stdout)
    stats.pop("db_bytes", None)
    gml = os.path.join(tmp, "sig.graphml")
    run(KG, "export", "--db", db, "--format", "graphml", "-o", gml)
    with open(gml, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return stats, digest


def compare(inputs, tmp, tag, rc=0, shard=3):
    single, dist = os.path.join(tmp, tag + "-ingest.db"), os.path.join(tmp, tag + "-dask.db")
    p1 = run(KG, "ingest", "--db", single, "--no-progress", "--settle", "0", *inputs, rc=rc)
    p2 = run(PY, DASK, "--local-workers", "2", "--kg", KG, "--db", dist, "--shard-articles", str(shard),
             *inputs, rc=rc)
    assert "on 2 worker(s)" in p2.stderr, p2.stderr
    s1, s2 = signature(single, tmp), signature(dist, tmp)
    assert s1 == s2, (tag, s1, s2)
    print(f"{tag}: identical graphs: {s1[0]}, GraphML sha256 {s1[1][:16]}")
    return p1, p2


def main():
    with tempfile.TemporaryDirectory() as tmp:
        # A feed of the samples' texts (no ids: derived from path and text) with a bad line 4.
        feed = os.path.join(tmp, "feed", "sample-feed.jsonl")
        os.makedirs(os.path.dirname(feed))
        texts = sorted(f for f in os.listdir(os.path.join(SRC, "samples")) if f.endswith(".txt"))
        with open(feed, "w", encoding="utf-8") as out:
            for i, name in enumerate(texts):
                if i == 3:
                    out.write("{not json\n")
                with open(os.path.join(SRC, "samples", name), encoding="utf-8") as f:
                    out.write(json.dumps({"text": f.read(), "lang": name[:2]}, ensure_ascii=False) + "\n")
        p1, p2 = compare([os.path.join(SRC, "samples"), os.path.dirname(feed)], tmp, "samples", rc=65)
        # The malformed line is reported with the input's own file name and line number.
        assert f"{feed}:4:" in p2.stderr, p2.stderr
        assert f"{feed}:4:" in p1.stderr, p1.stderr

        gnad = os.path.join(SHARED, "corpora", "10kgnad", "test.csv") if SHARED else ""
        if gnad and os.path.exists(gnad):
            d = os.path.join(tmp, "gnad")
            os.makedirs(d)
            with open(os.path.join(d, "10kgnad-test.jsonl"), "w") as f:
                subprocess.run([PY, os.path.join(SRC, "scripts", "10kgnad_to_jsonl.py"), gnad], stdout=f, check=True)
            compare([d], tmp, "10kgnad", shard=100)
        else:
            print("10kGNAD not found; only the samples were compared")
        # Usage errors.
        run(PY, DASK, "--db", os.path.join(tmp, "x.db"), "--kg", KG, feed, rc=2)
    print("ok")


if __name__ == "__main__":
    main()
