"""kg vs NetworkX on one synthetic 1 M-edge multigraph: PageRank, sampled
betweenness (the same k sources for both), shortest paths, and kg's GraphML
export of the graph (time + peak RSS via /usr/bin/time -v).

usage: /usr/bin/python3 bench/algo_vs_networkx.py --bench BUILD/bench/algo_bench
           [--nodes 100000] [--edges 1000000] [--k 64] [--seed 42] [--pairs 20] [--repeat 3]

Both sides read the same edge list; graph construction is not timed on either
side (kg: snapshot from the edge list; NetworkX: MultiDiGraph, and the
undirected simple view for betweenness/paths). kg's figures include building
its Boost CSR views inside each call. Prints a Markdown table for BENCHMARKS.md.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

import networkx as nx
from networkx.algorithms.centrality import betweenness as nxb


def run_timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (stdout lines as JSON, wall s, peak RSS MiB)."""
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{cmd} failed: {p.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    secs = sum(x * 60 ** i for i, x in enumerate(reversed(parts)))
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")], secs, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--k", type=int, default=64)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only-path", action="store_true", help="compare shortest paths only")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    types = ["MEETS", "ATTACKS", "SUPPLIES", "SUPPORTS", "CO_MENTIONED", "CO_MENTIONED"]
    tmp = tempfile.mkdtemp(prefix="kg_bench_")
    edges_path = os.path.join(tmp, "edges.tsv")
    edges = []
    with open(edges_path, "w") as f:
        for _ in range(a.edges):
            u = rng.randrange(a.nodes)
            v = int(a.nodes * rng.random() ** 2)  # skewed targets: hubs at low ids
            t = rng.choice(types)
            edges.append((u, v))
            f.write(f"{u}\t{v}\t{t}\n")
    sources = random.Random(a.seed).sample(range(a.nodes), a.k)
    with open(os.path.join(tmp, "sources.txt"), "w") as f:
        f.write("\n".join(map(str, sources)) + "\n")
    pairs = [(rng.randrange(a.nodes), rng.randrange(a.nodes)) for _ in range(a.pairs)]
    with open(os.path.join(tmp, "pairs.txt"), "w") as f:
        for u, v in pairs:
            f.write(f"{u}\t{v}\n")

    if a.only_path:
        rows, _, _ = run_timed([a.bench, "--edges", edges_path, "--nodes", str(a.nodes), "--pairs",
                                os.path.join(tmp, "pairs.txt"), "--repeat", str(a.repeat), "--ops", "path"])
        kp = {r["op"]: r for r in rows}["path"]
        U = nx.Graph()
        U.add_nodes_from(range(a.nodes))
        U.add_edges_from((u, v) for u, v in edges if u != v)
        cpu = []
        for _ in range(a.repeat):
            c = time.process_time()
            lengths = []
            for u, v in pairs:
                try:
                    lengths.append(len(nx.shortest_path(U, u, v)) - 1)
                except nx.NetworkXNoPath:
                    lengths.append(-1)
            cpu.append((time.process_time() - c) * 1000)
        assert kp["lengths"] == lengths
        n_cpu = statistics.median(cpu)
        print(f"| shortest path, {a.pairs} pairs (bidirectional BFS) | {kp['median_cpu_ms']:.1f} | "
              f"{n_cpu:.1f} | {n_cpu / kp['median_cpu_ms']:.0f}x | {kp['median_ms']:.1f} | | {a.repeat} / {a.repeat} |")
        return

    # ---- kg ----------------------------------------------------------------
    values = os.path.join(tmp, "values.json")
    kg_rows, kg_wall, kg_rss = run_timed([
        a.bench, "--edges", edges_path, "--nodes", str(a.nodes), "--sources",
        os.path.join(tmp, "sources.txt"), "--pairs", os.path.join(tmp, "pairs.txt"), "--repeat",
        str(a.repeat), "--ops", "pagerank,betweenness,path", "--out-values", values])
    kg = {r["op"]: r for r in kg_rows}
    kgv = json.load(open(values))
    graphml = os.path.join(tmp, "out.graphml")
    gm_rows, gm_wall, gm_rss = run_timed([
        a.bench, "--edges", edges_path, "--nodes", str(a.nodes), "--repeat", "1", "--ops",
        "graphml", "--graphml", graphml])
    gm = {r["op"]: r for r in gm_rows}
    graphml_mb = os.path.getsize(graphml) / 2**20
    os.remove(graphml)

    # ---- NetworkX ------------------------------------------------------------
    G = nx.MultiDiGraph()
    G.add_nodes_from(range(a.nodes))
    G.add_edges_from(edges)
    U = nx.Graph(G.to_undirected())
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    pr_ms, pr_cpu = [], []
    for _ in range(a.repeat):
        t, c = time.perf_counter(), time.process_time()
        pr = nx.pagerank(G, alpha=0.85, weight=None)
        pr_cpu.append((time.process_time() - c) * 1000)
        pr_ms.append((time.perf_counter() - t) * 1000)
    t, c = time.perf_counter(), time.process_time()
    bc = dict.fromkeys(U, 0.0)
    for s in sources:
        S, P, sigma, _ = nxb._single_source_shortest_path_basic(U, s)
        bc, _ = nxb._accumulate_basic(bc, S, P, sigma, s)
    bc = nxb._rescale(bc, len(U), normalized=True, directed=False, k=len(sources), endpoints=False)
    bc_ms = (time.perf_counter() - t) * 1000
    bc_cpu = (time.process_time() - c) * 1000
    path_ms, path_cpu = [], []
    for _ in range(a.repeat):
        t, c = time.perf_counter(), time.process_time()
        lengths = []
        for u, v in pairs:
            try:
                lengths.append(len(nx.shortest_path(U, u, v)) - 1)
            except nx.NetworkXNoPath:
                lengths.append(-1)
        path_cpu.append((time.process_time() - c) * 1000)
        path_ms.append((time.perf_counter() - t) * 1000)

    pr_diff = max(abs(kgv["pagerank"][i] - pr[i]) for i in range(a.nodes))
    bc_diff = max(abs(kgv["betweenness"][i] - bc[i]) for i in range(a.nodes))
    assert pr_diff < 1e-6, pr_diff
    assert bc_diff < 1e-6, bc_diff
    assert kg["path"]["lengths"] == lengths, (kg["path"]["lengths"], lengths)

    med = statistics.median
    rows = [
        ("PageRank (power iteration, tol 1e-6)", kg["pagerank"], med(pr_cpu), med(pr_ms), a.repeat),
        (f"betweenness, k={a.k} sampled sources", kg["betweenness"], bc_cpu, bc_ms, 1),
        (f"shortest path, {a.pairs} pairs (bidirectional BFS)", kg["path"], med(path_cpu), med(path_ms),
         a.repeat),
    ]
    print(f"graph: {a.nodes} nodes, {a.edges} edges (directed multigraph), seed {a.seed}; "
          f"undirected simple view {U.number_of_edges()} edges")
    print(f"agreement: max |PageRank diff| {pr_diff:.2e}, max |betweenness diff| {bc_diff:.2e}, "
          f"path lengths equal")
    print()
    print("| operation | kg CPU ms | NetworkX CPU ms | NetworkX / kg (CPU) | kg wall ms | NetworkX wall ms | runs (kg / nx) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, k, n_cpu, n_ms, runs in rows:
        print(f"| {name} | {k['median_cpu_ms']:.1f} | {n_cpu:.1f} | {n_cpu / k['median_cpu_ms']:.0f}x | "
              f"{k['median_ms']:.1f} | {n_ms:.1f} | {a.repeat} / {runs} |")
    print(f"| (kg path: one-off CSR build, not in the row above) | | | | {kg['path']['median_build_ms']:.1f} | | |")
    print()
    print(f"kg algo process: wall {kg_wall:.1f} s, peak RSS {kg_rss:.0f} MiB "
          f"(snapshot load {kg['load']['ms']:.0f} ms)")
    print(f"GraphML export of {a.edges} edges (degree + PageRank + write): "
          f"{gm['graphml']['median_ms'] / 1000:.2f} s wall ({gm['graphml']['median_cpu_ms'] / 1000:.2f} s CPU), file {graphml_mb:.0f} MiB; "
          f"whole process (incl. reading the edge list) wall {gm_wall:.1f} s, peak RSS {gm_rss:.0f} MiB")


if __name__ == "__main__":
    main()
