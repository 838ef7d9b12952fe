"""Issue 19 item 2: `kg neighbors` lists every relation between an entity and
each neighbour (all types, both directions) with support and evidence count,
the same relations the equivalent Cypher query returns; compared for every
entity of the samples graph, in jsonl and in the table."""
import json
import os
import subprocess
import sys
import tempfile

KG = os.environ["KG"]
SRC = os.environ["KG_SOURCE_DIR"]


def kg(*args):
    p = subprocess.run([KG, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAIL: kg {' '.join(args)}: rc {p.returncode}: {p.stderr}")
    return p.stdout


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "db")
    kg("ingest", os.path.join(SRC, "samples"), "--db", db, "--no-progress")
    rows = kg("query", "--db", db, "--format", "jsonl", "--max-rows", "1000000",
              "MATCH (a)-[r]-(b) WHERE type(r) <> 'CO_MENTIONED' "
              "RETURN a.id AS a, b.id AS b, type(r) AS t, r.support AS s, evidence_count(r) AS e, "
              "startNode(r) = a AS out")
    want = {}
    for line in rows.splitlines():
        r = json.loads(line)
        want.setdefault(r["a"], set()).add((r["b"], r["t"].lower(), r["s"], r["e"], "out" if r["out"] else "in"))
    assert len(want) > 50, len(want)
    checked = 0
    for ent, rels in sorted(want.items()):
        got = set()
        for line in kg("neighbors", ent, "--db", db, "--format", "jsonl").splitlines():
            n = json.loads(line)
            for r in n["relations"]:
                got.add((n["id"], r["predicate"], r["support"], r["evidence"], r["direction"]))
        if got != rels:
            sys.exit(f"FAIL: {ent}: neighbors {sorted(got - rels)} missing {sorted(rels - got)}")
        checked += 1
    # The table shows the same relations, one line each, grouped per neighbour.
    table = kg("neighbors", "Kim Jong Un", "--db", db)
    kim = want["person/kim-jong-un"]
    lines = [l for l in table.splitlines() if l.strip()]
    assert len(lines) == len(kim), (lines, kim)
    assert any("-[meets]-" in l and "Wladimir Putin" in l and "support 2, evidence 2" in l for l in lines), table
    names = [l.split(">")[-1].split("(")[0].strip() if "->" in l else l.split("]-")[-1].split("(")[0].strip()
             for l in lines]
    for i, nm in enumerate(names):  # grouped: a neighbour's lines are adjacent
        assert nm not in names[:i] or names[i - 1] == nm, names
    print(f"ok: {checked} entities, neighbors == Cypher")
