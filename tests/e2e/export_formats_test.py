"""Every export format, end to end through the kg binary, on a graph full of
hostile names (<, &, quotes, ]]>, control characters, non-characters, emoji,
pipes, backslashes): GraphML loads in NetworkX read_graphml and python-igraph
Read_GraphML with equal counts and round-tripping attributes; GEXF 1.3 and
1.2draft load in NetworkX read_gexf; N-Triples parse with rapper; Neo4j CSV
headers follow the admin-import format; xmllint finds every XML well-formed;
Cytoscape JSON parses; the filters work.

Data goes in with `kg load` (extract JSON Lines) when it exists, else this test
skips (exit 77). Run with Debian's /usr/bin/python3 (networkx, igraph).
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

KG = os.environ.get("KG")
if not KG or not os.path.exists(KG):
    print("KG not set", file=sys.stderr)
    sys.exit(77)


def kg(*args, check=True, **kw):
    p = subprocess.run([KG, *args], capture_output=True, **kw)
    if check and p.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
    return p


commands = kg("help").stdout.decode()
if " load " not in commands:
    print("kg load is not built yet: skipping", file=sys.stderr)
    sys.exit(77)
try:
    import networkx as nx
    import igraph as ig
    from networkx.readwrite.gexf import GEXFReader
except ImportError as e:
    print(f"missing python module: {e}", file=sys.stderr)
    sys.exit(77)
for tool in ("xmllint", "rapper"):
    if not shutil.which(tool):
        print(f"{tool} missing", file=sys.stderr)
        sys.exit(77)

HOSTILE = 'Evil <b>&amp; "quoted" \'single\' ]]> end'
CTRL = "Ctrl\u0001\u0002\u001f\u007f mid \u0085 nonchar \ufffe end"
EMOJI = "Emoji \U0001F600 Ünïcödé ß"
BACK = "back\\slash \\u0041 {braces} `tick` ^caret |pipe| <tag/>"
ENTITIES = [
    {"id": "person/hostile", "name": HOSTILE, "type": "person",
     "aliases": ["a|b", "tab\there", "line\nbreak", "cdata ]]> end"], "mentions": []},
    {"id": "org/ctrl", "name": CTRL, "type": "organization", "aliases": [], "mentions": []},
    {"id": "person/emoji", "name": EMOJI, "type": "person", "aliases": ["Ëmoji"], "mentions": []},
    {"id": "group/back", "name": BACK, "type": "group", "aliases": [], "mentions": []},
    {"id": "country/RU", "name": "Russland", "type": "country", "aliases": ["Russia"], "mentions": []},
    {"id": "city/gn2013348", "name": "Wladiwostok", "type": "city", "aliases": [], "mentions": []},
]


def rel(s, p, o, date, sentence, location=None, modality="asserted"):
    return {"subject": s, "predicate": p, "object": o, "location": location, "date": date,
            "modality": modality, "confidence": 0.9,
            "evidence": {"sentence": sentence, "start": 0, "end": len(sentence.encode())}}


ARTICLES = [
    {"article": {"id": "hostile-1", "title": "Titel <&> \"]]>\"", "date": "2023-09-13",
                 "source": "Src & <Co>", "lang": "de", "path": "hostile-1.jsonl"},
     "entities": ENTITIES,
     "relations": [
         rel("person/hostile", "meets", "person/emoji", "2023-09-13",
             "Sentence with <xml> & \"quotes\" ]]> and \u0001 control.", "city/gn2013348"),
         rel("person/hostile", "attacks", "person/emoji", "2023-09", "Second <relation>."),
         rel("org/ctrl", "supplies", "country/RU", "2023", "Ctrl supplies.", modality="reported"),
         rel("group/back", "opposes", "country/RU", "2023-09-14", "Back opposes."),
     ],
     "co_mentions": [{"a": "org/ctrl", "b": "person/hostile", "count": 2}]},
    {"article": {"id": "hostile-2", "title": "second", "date": "2024-01-05", "source": "x",
                 "lang": "en", "path": "hostile-2.jsonl"},
     "entities": [ENTITIES[0], ENTITIES[4]],
     "relations": [rel("person/hostile", "visits", "country/RU", "2024-01-05", "Visit.")],
     "co_mentions": []},
]

tmp = tempfile.mkdtemp(prefix="kg_export_e2e_")
try:
    db = os.path.join(tmp, "kg.db")
    facts = os.path.join(tmp, "facts.jsonl")
    with open(facts, "w", encoding="utf-8") as f:
        for a in ARTICLES:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    kg("load", "--db", db, facts)
    # A line with raw invalid UTF-8 in a name: the loader repairs or rejects it,
    # the exports must stay valid either way.
    bad = os.path.join(tmp, "bad.jsonl")
    line = json.dumps({"article": {"id": "bad-utf8", "title": "t", "date": "2023-10-01", "source": "s",
                                   "lang": "en", "path": "bad"},
                       "entities": [{"id": "person/broken", "name": "BROKEN_NAME", "type": "person",
                                     "aliases": [], "mentions": []}, ENTITIES[4]],
                       "relations": [rel("person/broken", "meets", "country/RU", "2023-10-01", "x")],
                       "co_mentions": []})
    with open(bad, "wb") as f:
        f.write(line.replace("BROKEN_NAME", "Bro\\u006ben").encode().replace(b"Brok", b"Br\xff\xc3(k") + b"\n")
    p = kg("load", "--db", db, bad, check=False)
    assert p.returncode in (0, 65), p

    def export(fmt, *extra):
        out = os.path.join(tmp, "out." + fmt)
        kg("export", "--db", db, "--format", fmt, "-o", out, *extra)
        return out

    # ---- GraphML -------------------------------------------------------------
    gml = export("graphml")
    subprocess.run(["xmllint", "--noout", gml], check=True)
    G = nx.read_graphml(gml)
    n_nodes, n_edges = len(G), G.number_of_edges()
    assert n_nodes >= 6 and n_edges >= 6, (n_nodes, n_edges)
    if " stats " in commands:
        stats = json.loads(kg("stats", "--db", db, "--format", "json").stdout)
        assert stats["entities"] == n_nodes, (stats, n_nodes)
        assert stats["relations"] == n_edges, (stats, n_edges)
    names = {v: d["name"] for v, d in G.nodes(data=True)}
    assert names["person/hostile"] == HOSTILE, names["person/hostile"]
    assert names["person/emoji"] == EMOJI
    assert names["group/back"] == BACK
    assert G.nodes["person/hostile"]["label"] == HOSTILE
    # controls and U+FFFE are not XML characters: replaced by U+FFFD, the rest survives
    assert names["org/ctrl"].startswith("Ctrl\ufffd") and names["org/ctrl"].endswith("end"), names["org/ctrl"]
    assert "\u0001" not in names["org/ctrl"]
    aliases = G.nodes["person/hostile"]["aliases"].split("|")
    assert "a\u00a6b" in aliases and "tab\there" in aliases and "line\nbreak" in aliases, aliases
    assert "cdata ]]> end" in aliases
    assert G.nodes["country/RU"]["type"] == "country"
    assert isinstance(G.nodes["country/RU"]["degree"], int)
    assert isinstance(G.nodes["country/RU"]["pagerank"], float)
    # parallel relations are separate edges with distinct ids and a predicate
    def between(graph, a, b):  # edge data of a pair, both directions (symmetric predicates may flip)
        return [d for u, v, d in graph.edges(data=True) if {u, v} == {a, b}]

    par = between(G, "person/hostile", "person/emoji")
    preds = sorted(d["predicate"] for d in par)
    assert preds == ["attacks", "meets"], par
    assert len({d["id"] for d in par}) == 2
    meets = next(d for d in par if d["predicate"] == "meets")
    assert meets["location"] == "city/gn2013348" and meets["first_seen"] == "2023-09-13", meets
    assert meets["location_name"] == "Wladiwostok", meets
    assert isinstance(meets["weight"], float) and meets["weight"] >= 1.0
    assert meets["evidence_count"] == 1, meets
    co = between(G, "org/ctrl", "person/hostile")
    assert [d["predicate"] for d in co] == ["co_mentioned"], co

    g = ig.Graph.Read_GraphML(gml)
    assert g.vcount() == n_nodes and g.ecount() == n_edges, (g.vcount(), g.ecount())
    inames = dict(zip(g.vs["id"], g.vs["name"]))
    assert inames["person/hostile"] == HOSTILE and inames["person/emoji"] == EMOJI
    assert set(g.es["predicate"]) >= {"attacks", "meets", "co_mentioned"}, set(g.es["predicate"])
    for e in g.es:
        assert e["weight"] >= 1.0

    # ---- GEXF ----------------------------------------------------------------
    gexf13 = os.path.join(tmp, "out13.gexf")
    kg("export", "--db", db, "--format", "gexf", "--gexf-version", "1.3", "-o", gexf13)
    subprocess.run(["xmllint", "--noout", gexf13], check=True)
    # NetworkX 2.8 knows GEXF 1.1draft/1.2draft only; register the 1.3 namespace.
    GEXFReader.versions["1.3"] = dict(GEXFReader.versions["1.2draft"],
                                      NS_GEXF="http://gexf.net/1.3", VERSION="1.3")
    X = nx.read_gexf(gexf13, version="1.3")
    assert len(X) == n_nodes and X.number_of_edges() == n_edges
    assert X.graph["mode"] == "dynamic"
    xm = [d for d in between(X, "person/hostile", "person/emoji") if d["label"] == "meets"][0]
    assert xm["start"] == "2023-09-13" and xm["end"] == "2023-09-13", xm
    assert xm["location_name"] == "Wladiwostok", xm
    assert X.nodes["person/hostile"]["label"] == HOSTILE
    # The default (1.2draft) loads in NetworkX without help.
    gexf12 = export("gexf")
    subprocess.run(["xmllint", "--noout", gexf12], check=True)
    X12 = nx.read_gexf(gexf12)
    assert len(X12) == n_nodes and X12.number_of_edges() == n_edges

    # ---- N-Triples -------------------------------------------------------------
    nt = export("ntriples")
    p = subprocess.run(["rapper", "-i", "ntriples", "-c", nt], capture_output=True, text=True)
    assert p.returncode == 0 and "Error" not in p.stderr, p.stderr
    n_lines = sum(1 for _ in open(nt, encoding="ascii"))
    assert f"returned {n_lines} triples" in p.stderr, (n_lines, p.stderr)

    # ---- Neo4j CSV ---------------------------------------------------------------
    neo = os.path.join(tmp, "neo")
    p = kg("export", "--db", db, "--format", "neo4j", "-o", neo)
    assert "neo4j-admin database import full" in p.stderr.decode()
    with open(os.path.join(neo, "nodes.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["id:ID", ":LABEL"], rows[0]
    assert len(rows) == n_nodes + 1
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["person/hostile"][2] == HOSTILE
    assert by_id["person/hostile"][1] == "Person"
    with open(os.path.join(neo, "relationships.csv"), newline="", encoding="utf-8") as f:
        rrows = list(csv.reader(f))
    assert rrows[0][:3] == [":START_ID", ":END_ID", ":TYPE"], rrows[0]
    assert len(rrows) == n_edges + 1
    assert all(len(r) == len(rrows[0]) for r in rrows)
    assert {r[2] for r in rrows[1:]} >= {"MEETS", "ATTACKS", "CO_MENTIONED"}
    for r in rrows[1:]:
        assert r[0] in by_id and r[1] in by_id
    col = {name: i for i, name in enumerate(rrows[0])}
    nm = [r for r in rrows[1:] if r[col[":TYPE"]] == "MEETS" and r[col["location"]] == "city/gn2013348"]
    assert nm and nm[0][col["location_name"]] == "Wladiwostok", (rrows[0], nm)

    # ---- Cytoscape.js JSON, DOT ------------------------------------------------------
    cy = json.load(open(export("cytoscape"), encoding="utf-8"))
    assert len(cy["elements"]["nodes"]) == n_nodes and len(cy["elements"]["edges"]) == n_edges
    cnames = {n["data"]["id"]: n["data"]["name"] for n in cy["elements"]["nodes"]}
    assert cnames["person/hostile"] == HOSTILE and cnames["group/back"] == BACK
    assert "\u0001" in cnames["org/ctrl"]  # JSON can carry controls (escaped)
    cm = [e["data"] for e in cy["elements"]["edges"] if e["data"].get("location") == "city/gn2013348"]
    assert cm and cm[0]["location_name"] == "Wladiwostok", cm
    dot = open(export("dot"), encoding="utf-8").read()
    assert 'location_name="Wladiwostok"' in dot
    assert dot.count(" -> ") == n_edges
    if shutil.which("dot"):
        subprocess.run(["dot", "-Tcanon", "-o", os.devnull, os.path.join(tmp, "out.dot")], check=True)

    # ---- filters ---------------------------------------------------------------------
    def graphml_with(*flags):
        out = os.path.join(tmp, "f.graphml")
        kg("export", "--db", db, "-o", out, *flags)
        subprocess.run(["xmllint", "--noout", out], check=True)
        return nx.read_graphml(out)

    F = graphml_with("--predicate", "meets")
    assert {d["predicate"] for _, _, d in F.edges(data=True)} == {"meets"}
    F = graphml_with("--no-co-mentions")
    assert "co_mentioned" not in {d["predicate"] for _, _, d in F.edges(data=True)}
    assert F.number_of_edges() == n_edges - 1
    F = graphml_with("--around", "person/emoji", "--depth", "1")
    assert set(F) == {"person/emoji", "person/hostile"}, set(F)
    F = graphml_with("--around", "Ëmoji", "--depth", "2", "--no-co-mentions")
    assert "country/RU" in F and "org/ctrl" not in F, set(F)
    F = graphml_with("--since", "2024")
    assert [d["predicate"] for _, _, d in F.edges(data=True)] == ["visits"], list(F.edges(data=True))
    F = graphml_with("--until", "2023-09-13", "--no-co-mentions")
    # first_seen is the article date (2023-09-13) for all four relations of hostile-1
    got = {d["predicate"] for _, _, d in F.edges(data=True)}
    assert got == {"meets", "attacks", "supplies", "opposes"}, got
    F = graphml_with("--min-support", "2")  # typed relations have support 1; the co-mention weight 2
    assert [d["predicate"] for _, _, d in F.edges(data=True)] == ["co_mentioned"], list(F.edges(data=True))
    if " query " in commands:
        F = graphml_with("--cypher", "MATCH (a)-[r:MEETS]->(b) RETURN a, r, b")
        assert {d["predicate"] for _, _, d in F.edges(data=True)} == {"meets"}, list(F.edges(data=True))
        F = graphml_with("--cypher", "MATCH p=(a {id: 'group/back'})-[*1..2]-(b) RETURN p")
        assert "group/back" in F and "country/RU" in F and "person/hostile" in F, set(F)
        F = graphml_with("--cypher", "MATCH (n:Country) RETURN n")
        assert F.number_of_edges() == 0 and set(F) == {"country/RU"}, set(F)
        p = kg("export", "--db", db, "--cypher", "MATCH (n) SET n.x = 1 RETURN n", check=False)
        assert p.returncode == 64, p
    p = kg("export", "--db", db, "--since", "13.09.2023", check=False)
    assert p.returncode == 64, p
    p = kg("export", "--db", db, "--format", "neo4j", check=False)
    assert p.returncode == 64, p
    p = kg("export", "--db", db, "--around", "Nobody At All", check=False)
    assert p.returncode != 0 and b"no entity" in p.stderr, p
    print(f"export formats ok: {n_nodes} nodes, {n_edges} edges")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
