"""Issue 19 item 9: interchange and CLI consistency. The default GEXF loads in
NetworkX's read_gexf, the Cytoscape JSON in nx.cytoscape_graph; one exit code
per fault across commands (missing input 66, usage 64, no path 1); `kg --db X
<command>`; kg rank --format jsonl has no duplicate keys; -f is --format and
-p is --predicate wherever they exist."""
import json
import os
import subprocess
import sys
import tempfile

import networkx as nx

KG = os.environ["KG"]
SRC = os.environ["KG_SOURCE_DIR"]


def run(*args, rc=0, stdin=None):
    p = subprocess.run([KG, *args], capture_output=True, text=True, input=stdin)
    if p.returncode != rc:
        sys.exit(f"FAIL: kg {' '.join(args)}: want rc {rc}, got {p.returncode}: {p.stderr}")
    return p


def no_dup_keys(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys: {keys}"
    return dict(pairs)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "db")
    run("ingest", os.path.join(SRC, "samples"), "--db", db, "--no-progress")
    n_nodes = json.loads(run("stats", "--db", db, "-f", "json").stdout)["entities"]

    gexf = os.path.join(tmp, "g.gexf")
    run("export", "--db", db, "-f", "gexf", "-o", gexf)
    G = nx.read_gexf(gexf)  # no version argument: the default must be readable
    assert len(G) == n_nodes, (len(G), n_nodes)
    cy = os.path.join(tmp, "g.cyjs")
    run("export", "--db", db, "-f", "cytoscape", "-o", cy)
    C = nx.cytoscape_graph(json.load(open(cy, encoding="utf-8")))
    assert len(C) == n_nodes and C.number_of_edges() == json.load(open(cy))["elements"]["edges"].__len__()
    assert C.is_directed() and C.is_multigraph()

    # The same fault, the same exit code, in every command.
    missing = os.path.join(tmp, "no-such-file.jsonl")
    for args in (["ingest", missing, "--db", db], ["extract", missing], ["load", missing, "--db", db],
                 ["query", "--file", missing, "--db", db], ["stats", "--db", os.path.join(tmp, "nodb")],
                 ["neighbors", "Putin", "--db", os.path.join(tmp, "nodb")]):
        p = run(*args, rc=66)
        assert "no-such-file" in p.stderr or "nodb" in p.stderr, p.stderr
    for args in (["stats", "--bogus", "--db", db], ["neighbors", "Putin", "-p", "meet", "--db", db],
                 ["export", "-p", "meet", "--db", db], ["query", "MATCH (a RETURN a", "--db", db]):
        run(*args, rc=64)
    # kg path: no path is exit 1 (documented), a path 0.
    run("path", "Kim Jong Un", "Olaf Scholz", "--db", db)
    run("path", "Kim Jong Un", "Olaf Scholz", "--db", db, "-p", "sanctions", rc=1)

    # --db before the command.
    p = run("--db", db, "stats", "-f", "json")
    assert json.loads(p.stdout)["entities"] == n_nodes
    run(f"--db={db}", "neighbors", "Kim Jong Un")

    # kg rank --format jsonl: every key once.
    for by in ("degree", "pagerank", "betweenness"):
        for line in run("rank", "--by", by, "--top", "3", "-f", "jsonl", "--db", db).stdout.splitlines():
            row = json.loads(line, object_pairs_hook=no_dup_keys)
            assert "degree" in row and row["rank"] >= 1, row

    # -f / -p mean --format / --predicate everywhere.
    for cmd in (["stats"], ["neighbors", "Kim Jong Un"], ["rank"], ["components"], ["articles"],
                ["path", "Kim Jong Un", "Russland"], ["evidence", "Kim Jong Un", "Wladimir Putin"],
                ["query", "MATCH (n) RETURN count(n) AS n"]):
        fmt = "json" if cmd == ["stats"] else "jsonl"
        out = run(*cmd, "-f", fmt, "--db", db).stdout
        json.loads(out.splitlines()[0])
    for cmd in (["neighbors", "Kim Jong Un"], ["evidence", "Kim Jong Un", "Wladimir Putin"],
                ["path", "Kim Jong Un", "Wladimir Putin"]):
        run(*cmd, "-p", "meets", "--db", db)
    out = run("export", "-f", "graphml", "-p", "meets", "--db", db).stdout
    assert "<graphml" in out and ">meets<" in out
    print("ok")
