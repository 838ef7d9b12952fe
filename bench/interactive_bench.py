"""kg's CLI against in-process peers on one graph, side by side in one run.

usage: /usr/bin/python3 bench/interactive_bench.py --kg BUILD/tools/kg [--db DB]
           [--gen BUILD/bench/gen_graph] [--relationships 1000000] [--pairs 20] [--repeat 5] [--slow-repeat 1]
           [--no-networkx] [--no-sqlite] [--ops path,hop1,hop2,hop3,cypher3,pagerank,components,export]

When --db does not exist it is built with `gen_graph --relationships N | kg load`.
The peers read the same graph: `kg export --format graphml` once (timed), igraph
reads that GraphML (timed: the acceptance compares kg's whole process against
igraph's load plus its call), NetworkX and SQLite (an edge table with indexes
on both ends) are built from igraph's edge list (not timed).

kg is timed as whole processes (`kg path A B`, `kg neighbors --depth K`, `kg
query`, `kg rank`, `kg components`: start-up, opening the database, the work and
printing, output to /dev/null); the peers as the call alone, in process. Each
operation runs --repeat times (paths: once per pair, --pairs random pairs drawn
with a fixed seed among entities with at least one relationship); the table
shows medians and the ratio kg / igraph. Prints a Markdown table for
BENCHMARKS.md, then one JSON line with every figure.
"""
import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import igraph as ig


WALLS = {}  # kg command name -> wall-clock seconds of each run (the host is shared: CPU is the figure)


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wall(cmd, **kw):
    """Runs a kg process; returns (CPU seconds user+sys of the process, stdout)."""
    c, t = child_cpu(), time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    WALLS.setdefault(cmd[1], []).append(time.perf_counter() - t)
    dt = child_cpu() - c
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd} failed ({p.returncode}): {p.stderr[:500]}")
    return dt, p.stdout


def timed(fn, repeat):
    """Median CPU seconds of fn() in this process (kg processes: the CPU wall() returns)."""
    out, times = None, []
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        dt = time.process_time() - t
        if isinstance(out, tuple) and len(out) == 2 and isinstance(out[0], float):
            dt = out[0]  # a kg process: its own CPU time
        times.append(dt)
    return statistics.median(times), out


def fmt(s):
    if s is None:
        return "–"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", required=True)
    ap.add_argument("--db", default="/tmp/kg_interactive_s1m")
    ap.add_argument("--gen", help="gen_graph binary (default: next to kg, ../bench/gen_graph)")
    ap.add_argument("--relationships", type=int, default=1_000_000)
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--slow-repeat", type=int, default=1,
                    help="runs of kg neighbors --depth 2/3 and the Cypher 3-hop (default 1)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-networkx", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--ops", default="path,hop1,hop2,hop3,cypher3,pagerank,components,stats,export")
    a = ap.parse_args()
    ops = set(a.ops.split(","))
    kg = os.path.abspath(a.kg)
    gen = a.gen or os.path.join(os.path.dirname(kg), "..", "bench", "gen_graph")
    tmp = tempfile.mkdtemp(prefix="kg_ibench_")

    if not os.path.isdir(a.db):
        src = os.path.join(tmp, "graph.jsonl")
        with open(src, "w") as f:
            subprocess.run([gen, "--relationships", str(a.relationships)], stdout=f, check=True)
        t = time.perf_counter()
        subprocess.run([kg, "load", src, "--db", a.db], stdout=subprocess.DEVNULL, check=True)
        print(f"kg load: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        os.remove(src)

    rows = []  # (operation, kg figure, kg how, igraph, networkx, sqlite)
    figures = {}

    gml = os.path.join(tmp, "graph.graphml")
    export_s, _ = wall([kg, "export", "--db", a.db, "--format", "graphml", "-o", gml])
    t = time.process_time()
    g = ig.Graph.Read_GraphML(gml)
    ig_load = time.process_time() - t
    figures.update(kg_export_graphml=export_s, igraph_read_graphml=ig_load)
    print(f"graph: {g.vcount()} nodes, {g.ecount()} relationships; kg export {export_s:.2f} s, "
          f"igraph Read_GraphML {ig_load:.2f} s", file=sys.stderr)
    names = g.vs["name"] if "name" in g.vs.attributes() else [str(i) for i in range(g.vcount())]
    ids = g.vs["id"]
    deg = g.degree(mode="all")
    hub = max(range(g.vcount()), key=lambda i: deg[i])
    hub_name = names[hub]
    edges = g.get_edgelist()
    rng = random.Random(a.seed)
    connected = [i for i in range(g.vcount()) if deg[i] > 0]
    pairs = [(rng.choice(connected), rng.choice(connected)) for _ in range(a.pairs)]

    nxg = None
    if not a.no_networkx:
        import networkx as nx
        nxg = nx.Graph()
        nxg.add_nodes_from(range(g.vcount()))
        nxg.add_edges_from(edges)
    db = None
    if not a.no_sqlite:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE e(s INTEGER, d INTEGER)")
        db.executemany("INSERT INTO e VALUES(?, ?)", edges)
        db.execute("CREATE INDEX es ON e(s, d)")
        db.execute("CREATE INDEX ed ON e(d, s)")
        db.execute("CREATE VIEW u AS SELECT s AS a, d AS b FROM e UNION ALL SELECT d, s FROM e")

    def add(op, kg_s, how, ig_s, nx_s=None, sq_s=None):
        rows.append((op, kg_s, how, ig_s, nx_s, sq_s))
        figures[op] = {"kg": kg_s, "igraph": ig_s, "networkx": nx_s, "sqlite": sq_s}

    if "path" in ops:
        kg_t, ig_t, nx_t, sq_t, hops_kg, hops_ig = [], [], [], [], [], []
        for u, v in pairs:
            dt, out = wall([kg, "path", "--db", a.db, "--include-co-mentions", "--format", "jsonl", ids[u], ids[v]])
            kg_t.append(dt)
            hops_kg.append(json.loads(out.splitlines()[0])["hops"] if out.strip() else -1)
            t = time.process_time()
            p = g.get_shortest_paths(u, v, mode="all", output="vpath")[0]
            ig_t.append(time.process_time() - t)
            hops_ig.append(len(p) - 1)
            if nxg is not None:
                t = time.process_time()
                try:
                    nx.shortest_path_length(nxg, u, v)
                except nx.NetworkXNoPath:
                    pass
                nx_t.append(time.process_time() - t)
            if db is not None and len(p) - 1 <= 3 and len(sq_t) < 5:  # recursive CTE: costly, a few pairs
                t = time.process_time()
                db.execute("""WITH RECURSIVE r(n, d) AS (SELECT ?, 0 UNION SELECT u.b, r.d + 1 FROM r JOIN u
                              ON u.a = r.n WHERE r.d < ?) SELECT min(d) FROM r WHERE n = ?""",
                           (u, len(p) - 1, v)).fetchone()
                sq_t.append(time.process_time() - t)
        if hops_kg != hops_ig:
            print(f"WARNING: path lengths differ: kg {hops_kg} igraph {hops_ig}", file=sys.stderr)
        figures["path_hops"] = hops_kg
        figures["path_kg_max"] = max(kg_t)
        add(f"shortest path, {len(pairs)} random pairs (median; max kg {fmt(max(kg_t))})",
            statistics.median(kg_t), "`kg path A B`", statistics.median(ig_t),
            statistics.median(nx_t) if nx_t else None, statistics.median(sq_t) if sq_t else None)

    def khop(k):
        return lambda: len(g.neighborhood(hub, order=k, mode="all", mindist=1))

    def nx_khop(k):
        return lambda: len(nx.single_source_shortest_path_length(nxg, hub, cutoff=k)) - 1

    def sq_khop(k):
        q = {1: "SELECT count(DISTINCT b) FROM u WHERE a = ?1",
             2: "SELECT count(*) FROM (SELECT b FROM u WHERE a = ?1 UNION SELECT u2.b FROM u u1 JOIN u u2 "
                "ON u2.a = u1.b WHERE u1.a = ?1) WHERE b != ?1"}.get(k)
        return (lambda: db.execute(q, (hub,)).fetchone()[0]) if q else None

    for k in (1, 2, 3):
        if f"hop{k}" not in ops:
            continue
        ig_s, reached = timed(khop(k), a.repeat)
        nx_s = timed(nx_khop(k), a.repeat)[0] if nxg is not None else None
        sq_s = timed(sq_khop(k), a.repeat)[0] if db is not None and sq_khop(k) else None
        cmd = [kg, "neighbors", "--db", a.db, "--co-mentions", "--depth", str(k), "--limit", "100000000",
               "--format", "jsonl", ids[hub]]
        kg_s, out = timed(lambda: wall(cmd), a.repeat if k == 1 else a.slow_repeat)
        got = len(out[1].splitlines())
        if got != reached:
            print(f"WARNING: {k}-hop: kg {got} igraph {reached}", file=sys.stderr)
        add(f"{k}-hop of the top hub ({reached:,} reached)", kg_s, f"`kg neighbors --depth {k}`", ig_s, nx_s, sq_s)

    if "cypher3" in ops:
        ig_s, reached = timed(khop(3), a.repeat)
        q = f"MATCH (a {{id: '{ids[hub]}'}})-[*1..3]-(x) WHERE x <> a RETURN count(DISTINCT x) AS n"
        cmd = [kg, "query", "--db", a.db, "--format", "csv", "--timeout", "600", q]
        kg_s, out = timed(lambda: wall(cmd), a.slow_repeat)
        got = out[1].splitlines()[-1] if out[1] else "?"
        if got != str(reached):
            print(f"WARNING: Cypher 3-hop: kg {got} igraph {reached}", file=sys.stderr)
        add("Cypher 3-hop `count(DISTINCT x)` of the top hub", kg_s, "`kg query`", ig_s)

    ig_pr = None
    if "pagerank" in ops:
        ig_pr, _ = timed(lambda: g.pagerank(directed=True), a.repeat)
        nx_s = None
        if nxg is not None:
            nxd = nx.DiGraph()
            nxd.add_nodes_from(range(g.vcount()))
            nxd.add_edges_from(edges)
            nx_s, _ = timed(lambda: nx.pagerank(nxd), 1)
        kg_s, _ = timed(lambda: wall([kg, "rank", "--db", a.db, "--by", "pagerank", "--top", "20"]), a.repeat)
        add("PageRank", kg_s, "`kg rank --by pagerank`", ig_pr, nx_s)
        add("PageRank, igraph incl. Read_GraphML", kg_s, "`kg rank --by pagerank`", ig_load + ig_pr)
    if "components" in ops:
        ig_s, _ = timed(lambda: g.connected_components(mode="weak"), a.repeat)
        nx_s = timed(lambda: nx.number_connected_components(nxg), 1)[0] if nxg is not None else None
        kg_s, _ = timed(lambda: wall([kg, "components", "--db", a.db]), a.repeat)
        add("weakly connected components", kg_s, "`kg components`", ig_s, nx_s)
        add("components, igraph incl. Read_GraphML", kg_s, "`kg components`", ig_load + ig_s)
    if "stats" in ops:
        kg_s, _ = timed(lambda: wall([kg, "stats", "--db", a.db]), a.repeat)
        add("graph statistics", kg_s, "`kg stats`", timed(lambda: (g.vcount(), g.ecount()), a.repeat)[0])
    if "export" in ops:
        add("GraphML export (kg) / Read_GraphML (igraph)", export_s, "`kg export -f graphml`", ig_load)

    print(f"\n{a.relationships:,} relationships, {g.vcount():,} entities; top hub {hub_name} "
          f"(degree {deg[hub]:,}); medians of {a.repeat} runs, CPU seconds (user+sys); kg = whole CLI "
          f"processes, peers in process\n")
    print("| operation | kg | kg command | igraph | kg / igraph | NetworkX | SQLite |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for op, kg_s, how, ig_s, nx_s, sq_s in rows:
        ratio = f"{kg_s / ig_s:.2f}x" if ig_s else "–"
        print(f"| {op} | {fmt(kg_s)} | {how} | {fmt(ig_s)} | {ratio} | {fmt(nx_s)} | {fmt(sq_s)} |")
    figures["kg_wall_medians"] = {k: statistics.median(v) for k, v in WALLS.items()}
    print(json.dumps(figures))
    os.remove(gml)


if __name__ == "__main__":
    main()
