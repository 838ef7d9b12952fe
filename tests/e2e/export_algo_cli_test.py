"""kg rank / path / components / evidence end to end, and the ranks agree with
NetworkX on kg's own GraphML export (PageRank and betweenness within 1e-6).

Data goes in with `kg load` (extract JSON Lines); skips (exit 77) while that
command does not exist. Run with Debian's /usr/bin/python3.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

KG = os.environ.get("KG")
if not KG or not os.path.exists(KG):
    sys.exit(77)


def kg(*args, check=True):
    p = subprocess.run([KG, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


if " load " not in kg("help").stdout:
    print("kg load is not built yet: skipping", file=sys.stderr)
    sys.exit(77)
try:
    import networkx as nx
except ImportError:
    sys.exit(77)

PEOPLE = [("person/kim-jong-un", "Kim Jong Un"), ("person/vladimir-putin", "Wladimir Putin"),
          ("country/UA", "Ukraine"), ("country/RU", "Russland"), ("person/olaf-scholz", "Olaf Scholz"),
          ("person/joe-biden", "Joe Biden"), ("country/KP", "Nordkorea"), ("org/nato", "NATO")]
TYPES = {"person": "person", "country": "country", "org": "organization"}


def ent(eid, name):
    return {"id": eid, "name": name, "type": TYPES[eid.split("/")[0]], "aliases": [], "mentions": []}


def rel(s, p, o, sentence, date="2023-09-13"):
    return {"subject": s, "predicate": p, "object": o, "location": None, "date": date,
            "modality": "asserted", "confidence": 0.9,
            "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)}}


# A chain Kim -meets- Putin -attacks-> Ukraine <-supports- Scholz, plus Biden and
# NATO on a second shortest route, and a random layer of extra entities.
ARTS = [{"article": {"id": "a1", "title": "T1", "date": "2023-09-13", "source": "Agentur Eins",
                     "lang": "de", "path": "a1"},
         "entities": [ent(*p) for p in PEOPLE],
         "relations": [rel("person/kim-jong-un", "meets", "person/vladimir-putin",
                           "Kim Jong Un traf Wladimir Putin in Wladiwostok."),
                       rel("person/vladimir-putin", "attacks", "country/UA", "Putin greift die Ukraine an."),
                       rel("person/olaf-scholz", "supports", "country/UA", "Scholz unterstützt die Ukraine."),
                       rel("person/vladimir-putin", "leader_of", "country/RU", "Putin führt Russland."),
                       rel("person/kim-jong-un", "leader_of", "country/KP", "Kim führt Nordkorea."),
                       rel("person/joe-biden", "supports", "country/UA", "Biden unterstützt die Ukraine."),
                       rel("person/joe-biden", "meets", "person/olaf-scholz", "Biden trifft Scholz.")],
         "co_mentions": [{"a": "country/KP", "b": "org/nato", "count": 3}]},
        {"article": {"id": "a2", "title": "T2", "date": "2023-10-01", "source": "Source Two",
                     "lang": "en", "path": "a2"},
         "entities": [ent(*PEOPLE[0]), ent(*PEOPLE[1])],
         "relations": [rel("person/vladimir-putin", "meets", "person/kim-jong-un",
                           "Putin met Kim again.", "2023-10-01")],
         "co_mentions": []}]
rng = random.Random(7)
extra = [(f"person/x{i}", f"Extra Person {i}") for i in range(40)]
all_ids = [p[0] for p in PEOPLE] + [e[0] for e in extra]
rels = []
for _ in range(120):
    s, o = rng.sample(all_ids, 2)
    rels.append(rel(s, rng.choice(["meets", "supports", "opposes", "supplies"]), o, f"{s} and {o}."))
rels.append(rel("person/lonely-a", "meets", "person/lonely-b", "The lonely pair meets."))
ARTS.append({"article": {"id": "a3", "title": "T3", "date": "2024-01-01", "source": "S3", "lang": "en",
                         "path": "a3"},
             "entities": [ent(*p) for p in PEOPLE] + [ent(*e) for e in extra] +
                         [ent("person/lonely-a", "Lonely A"), ent("person/lonely-b", "Lonely B")],
             "relations": rels, "co_mentions": [{"a": all_ids[i], "b": all_ids[i + 9], "count": 1}
                                                for i in range(0, 30, 3)]})

tmp = tempfile.mkdtemp(prefix="kg_algo_e2e_")
try:
    db = os.path.join(tmp, "kg.db")
    facts = os.path.join(tmp, "f.jsonl")
    with open(facts, "w", encoding="utf-8") as f:
        for a in ARTS[:2]:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    kg("load", "--db", db, facts)

    # ---- path ------------------------------------------------------------------
    out = kg("path", "--db", db, "Kim Jong Un", "Ukraine").stdout.strip()
    assert out == "Kim Jong Un -[meets]->/<-[meets]- Wladimir Putin -[attacks]-> Ukraine" or \
        out == "Kim Jong Un <-[meets]-/-[meets]-> Wladimir Putin -[attacks]-> Ukraine" or \
        out in ("Kim Jong Un -[meets]-> Wladimir Putin -[attacks]-> Ukraine",
                "Kim Jong Un <-[meets]- Wladimir Putin -[attacks]-> Ukraine"), out
    out = kg("path", "--db", db, "Wladimir Putin", "Joe Biden", "--all-shortest").stdout.splitlines()
    assert out == ["Wladimir Putin -[attacks]-> Ukraine <-[supports]- Joe Biden"], out
    out = kg("path", "--db", db, "Kim Jong Un", "Olaf Scholz", "--format", "jsonl").stdout.splitlines()
    hops = json.loads(out[0])
    assert hops["hops"] == 3 and hops["nodes"][0]["id"] == "person/kim-jong-un", hops
    p = kg("path", "--db", db, "Kim Jong Un", "Olaf Scholz", "--max-depth", "2", check=False)
    assert p.returncode == 1 and "no path" in p.stderr, p
    p = kg("path", "--db", db, "Nordkorea", "NATO", check=False)
    assert p.returncode == 1 and "--include-co-mentions" in p.stderr, p
    out = kg("path", "--db", db, "Nordkorea", "NATO", "--include-co-mentions").stdout.strip()
    assert out == "Nordkorea -[co_mentioned]-> NATO" or out == "Nordkorea <-[co_mentioned]- NATO", out
    p = kg("path", "--db", db, "Kim Jong Un", check=False)
    assert p.returncode == 64, p

    # ---- evidence ----------------------------------------------------------------
    out = kg("evidence", "--db", db, "Wladimir Putin", "Kim Jong Un").stdout
    assert "Kim Jong Un traf Wladimir Putin in Wladiwostok." in out, out
    assert "Putin met Kim again." in out and "[a1]" in out and "[a2]" in out, out
    assert "2023-10-01" in out and "Agentur Eins" in out and "asserted" in out, out
    rows = [json.loads(l) for l in kg("evidence", "--db", db, "Wladimir Putin", "Ukraine",
                                      "--predicate", "attacks", "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["sentence"] == "Putin greift die Ukraine an.", rows
    assert rows[0]["article"] == "a1" and rows[0]["source"] == "Agentur Eins", rows
    p = kg("evidence", "--db", db, "Olaf Scholz", "Nordkorea", check=False)
    assert p.returncode == 1, p

    # ---- rank / components vs NetworkX on the export -------------------------------
    with open(facts, "w", encoding="utf-8") as f:
        f.write(json.dumps(ARTS[2], ensure_ascii=False) + "\n")
    kg("load", "--db", db, facts)
    gml = os.path.join(tmp, "g.graphml")
    kg("export", "--db", db, "-o", gml)
    G = nx.read_graphml(gml)
    if not G.is_multigraph():
        G = nx.MultiDiGraph(G)
    n = len(G)
    pr = nx.pagerank(G, weight=None)
    U = nx.Graph(G.to_undirected())
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    bc = nx.betweenness_centrality(U, normalized=True)
    kpr = {r["id"]: r for r in map(json.loads, kg("rank", "--db", db, "--by", "pagerank", "--top", str(n),
                                                  "--format", "jsonl").stdout.splitlines())}
    kbc = {r["id"]: r for r in map(json.loads, kg("rank", "--db", db, "--by", "betweenness", "--top",
                                                  str(n), "--format", "jsonl").stdout.splitlines())}
    kdeg = {r["id"]: r for r in map(json.loads, kg("rank", "--db", db, "--by", "degree", "--top", str(n),
                                                   "--format", "jsonl").stdout.splitlines())}
    assert len(kpr) == n and len(kbc) == n, (len(kpr), len(kbc), n)
    for v in G:
        assert abs(kpr[v]["pagerank"] - pr[v]) < 1e-6, (v, kpr[v], pr[v])
        assert abs(G.nodes[v]["pagerank"] - pr[v]) < 1e-6, (v, G.nodes[v]["pagerank"], pr[v])
        assert abs(kbc[v]["betweenness"] - bc[v]) < 1e-6, (v, kbc[v], bc[v])
        assert kdeg[v]["degree"] == G.degree(v), (v, kdeg[v], G.degree(v))
    ranks = [r["rank"] for r in kpr.values()]
    assert sorted(ranks) == list(range(1, n + 1))
    top = kg("rank", "--db", db, "--by", "pagerank", "--top", "3").stdout.splitlines()
    assert len(top) == 3 and top[0].split()[0] == "1", top
    comps = [json.loads(l) for l in kg("components", "--db", db, "--format", "jsonl", "--top", "100").stdout.splitlines()]
    assert len(comps) == nx.number_weakly_connected_components(G), comps
    assert sum(c["nodes"] for c in comps) == n
    sizes = [c["nodes"] for c in comps]
    assert sizes == sorted(sizes, reverse=True)
    typed = [json.loads(l) for l in kg("components", "--db", db, "--format", "jsonl", "--top", "100",
                                       "--no-co-mentions").stdout.splitlines()]
    assert sum(c["relations"] for c in typed) == sum(
        1 for _, _, d in G.edges(data=True) if d["predicate"] != "co_mentioned")
    print(f"algo cli ok: {n} nodes, {G.number_of_edges()} edges, {len(comps)} components")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
