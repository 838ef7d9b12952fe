"""Checks kg's algorithms against NetworkX on a graph kg wrote.

usage: algo_networkx_check.py GRAPHML RESULTS_JSON
  GRAPHML       written by kg (node attributes degree, pagerank)
  RESULTS_JSON  {"betweenness": {node_id: value}, "sampled_sources": [node_id...],
                 "sampled_betweenness": {node_id: value}, "components": N}
Exit 0 when everything agrees within 1e-6, 1 on a mismatch, 77 when NetworkX is missing.
Run with Debian's /usr/bin/python3 (python3-networkx).
"""
import json
import sys

try:
    import networkx as nx
    from networkx.algorithms.centrality import betweenness as nxb
except ImportError:
    print("networkx not available", file=sys.stderr)
    sys.exit(77)

TOL = 1e-6


def fail(msg):
    print("MISMATCH:", msg, file=sys.stderr)
    sys.exit(1)


def main():
    G = nx.read_graphml(sys.argv[1])
    res = json.load(open(sys.argv[2]))
    if not isinstance(G, nx.MultiDiGraph):
        G = nx.MultiDiGraph(G)
    pr = nx.pagerank(G, alpha=0.85, weight=None)
    for v, data in G.nodes(data=True):
        if abs(data["pagerank"] - pr[v]) > TOL:
            fail(f"pagerank {v}: kg {data['pagerank']} nx {pr[v]}")
        if data["degree"] != G.degree(v):
            fail(f"degree {v}: kg {data['degree']} nx {G.degree(v)}")
    U = nx.Graph(G.to_undirected())
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    bc = nx.betweenness_centrality(U, normalized=True)
    for v, x in res["betweenness"].items():
        if abs(x - bc[v]) > TOL:
            fail(f"betweenness {v}: kg {x} nx {bc[v]}")
    # Sampled: NetworkX's own Brandes steps from the same sources, rescaled as
    # betweenness_centrality(k=len(sources)) does.
    sources = res["sampled_sources"]
    sb = dict.fromkeys(U, 0.0)
    for s in sources:
        S, P, sigma, _ = nxb._single_source_shortest_path_basic(U, s)
        sb, _ = nxb._accumulate_basic(sb, S, P, sigma, s)
    sb = nxb._rescale(sb, len(U), normalized=True, directed=False, k=len(sources), endpoints=False)
    for v, x in res["sampled_betweenness"].items():
        if abs(x - sb[v]) > TOL:
            fail(f"sampled betweenness {v}: kg {x} nx {sb[v]}")
    ncomp = nx.number_weakly_connected_components(G)
    if ncomp != res["components"]:
        fail(f"components: kg {res['components']} nx {ncomp}")
    for a, b, hops in res["path_lengths"]:
        try:
            d = nx.shortest_path_length(U, a, b)
        except nx.NetworkXNoPath:
            d = -1
        if d != hops:
            fail(f"path {a}->{b}: kg {hops} nx {d}")
    print(f"ok: {len(G)} nodes, {G.number_of_edges()} edges, {len(sources)} sampled sources")


main()
