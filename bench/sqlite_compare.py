#!/usr/bin/env python3
"""kg against SQLite on the same graph: load, whole-graph questions, kg stats.

usage: bench/sqlite_compare.py BUILD_DIR [--relationships 1000000] [--runs 5]
                               [--work DIR] [--reuse] [--only NAME,...]

1. `BUILD/bench/gen_graph --relationships N` writes the synthetic graph as
   `kg load` JSON Lines (power-law degrees, a 10,000-degree hub "Hub").
2. Load: `kg load FILE --db DIR` and, for SQLite 3 (the Python module's
   library, run in a child process), the same triples into
       nodes(id INTEGER PRIMARY KEY, name TEXT, label TEXT)
       edges(id INTEGER PRIMARY KEY, src, dst, type TEXT, date TEXT)
   in one transaction, then indexes on nodes(name), nodes(label, id),
   edges(src, type, dst), edges(dst, type, src) and edges(type). Entities are
   identified as kg identifies them (type + name), labels and relationship types
   are kg's ("Person", "MEETS"). Wall time and peak RSS of each child (wait4).
3. Questions: each one a Cypher query run through `kg query --format csv` and
   the equivalent SQL run through the `sqlite3` shell (-csv -header), RUNS times,
   alternating; median wall (process start to exit) and peak RSS. The result
   rows are compared (as CSV cells) and the script exits 1 when any differ.
4. `kg stats --format json` against SQLite's counts (count(*) of both tables).

Prints a Markdown table with medians and ratios kg / SQLite. Nothing is timed
inside the programs: the figures are what an analyst waits for at the shell.
--reuse keeps/reuses the generated file and both databases in --work
(default /tmp/kg_sqlite_bench_<N>), skipping the load step.
"""
import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import time

# kg stores a relationship of a symmetric type (and CO_MENTIONED) once and
# matches it by a directed pattern in either direction (query/cypher/exec.h,
# IsSymmetricRelType): the SQL counts those twice for directed patterns.
SYM = "('MEETS', 'ALLIED_WITH', 'COOPERATES_WITH', 'NEGOTIATES_WITH', 'CO_MENTIONED')"

QUESTIONS = [
    ("count all relationships",
     "MATCH ()-[r]->() RETURN count(r) AS n",
     f"SELECT (SELECT count(*) FROM edges) + "
     f"(SELECT count(*) FROM edges WHERE type IN {SYM} AND src <> dst) AS n"),
    ("count by predicate",
     "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type",
     f"SELECT type, count(*) + sum(type IN {SYM} AND src <> dst) AS n FROM edges "
     "GROUP BY type ORDER BY type"),
("count of one label",
     "MATCH (n:Country) RETURN count(n) AS n",
     "SELECT count(*) AS n FROM nodes WHERE label = 'Country'"),
    ("top 10 by degree",
     "MATCH (a)-[r]-() RETURN a.name AS actor, count(r) AS degree "
     "ORDER BY degree DESC, actor LIMIT 10",
     "SELECT n.name AS actor, d.c AS degree FROM "
     "(SELECT id, count(*) AS c FROM (SELECT src AS id FROM edges UNION ALL "
     "SELECT dst FROM edges) GROUP BY id) d JOIN nodes n ON n.id = d.id "
     "ORDER BY degree DESC, actor LIMIT 10"),
    ("top 10 by degree, type filter",
     "MATCH (a)-[r]-() WHERE type(r) <> 'CO_MENTIONED' RETURN a.name AS actor, "
     "count(r) AS degree ORDER BY degree DESC, actor LIMIT 10",
     "SELECT n.name AS actor, d.c AS degree FROM "
     "(SELECT id, count(*) AS c FROM (SELECT src AS id FROM edges WHERE type <> 'CO_MENTIONED' "
     "UNION ALL SELECT dst FROM edges WHERE type <> 'CO_MENTIONED') GROUP BY id) d "
     "JOIN nodes n ON n.id = d.id ORDER BY degree DESC, actor LIMIT 10"),
    ("2-hop, label filter, ORDER BY LIMIT",
     "MATCH (h {name: 'Hub'})--(m:Person)--(c:Country) RETURN c.name AS country, "
     "count(*) AS paths ORDER BY paths DESC, country LIMIT 10",
     "WITH h AS (SELECT id FROM nodes WHERE name = 'Hub'), "
     "m1 AS (SELECT dst AS m FROM edges WHERE src IN h UNION ALL "
     "SELECT src FROM edges WHERE dst IN h), "
     "m AS (SELECT m1.m FROM m1 JOIN nodes n ON n.id = m1.m AND n.label = 'Person'), "
     "c1 AS (SELECT e.dst AS c FROM m JOIN edges e ON e.src = m.m UNION ALL "
     "SELECT e.src FROM m JOIN edges e ON e.dst = m.m) "
     "SELECT n.name AS country, count(*) AS paths FROM c1 JOIN nodes n ON n.id = c1.c "
     "AND n.label = 'Country' GROUP BY n.id ORDER BY paths DESC, country LIMIT 10"),
]

SQLITE_LOAD = r'''
import json, sqlite3, sys
src, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db, isolation_level=None)
con.executescript("""
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;
CREATE TABLE nodes(id INTEGER PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE edges(id INTEGER PRIMARY KEY, src INTEGER NOT NULL, dst INTEGER NOT NULL,
                   type TEXT NOT NULL, date TEXT);
""")
ids = {}
nodes = []
seen = set()
def node(name, typ):
    k = (typ, name)
    i = ids.get(k)
    if i is None:
        i = ids[k] = len(ids) + 1
        nodes.append((i, name, typ[:1].upper() + typ[1:]))
    return i
def edges():
    with open(src, encoding="utf-8") as f:
        for line in f:
            j = json.loads(line)
            s = node(j["subject"], j.get("subject_type", "other"))
            o = node(j["object"], j.get("object_type", "other"))
            t = j["predicate"].upper()
            if (s, t, o) in seen:
                continue
            seen.add((s, t, o))
            yield (s, o, t, j.get("date"))
con.execute("BEGIN")
con.executemany("INSERT INTO edges(src, dst, type, date) VALUES (?, ?, ?, ?)", edges())
con.executemany("INSERT INTO nodes VALUES (?, ?, ?)", nodes)
for ddl in ["CREATE INDEX nodes_name ON nodes(name)", "CREATE INDEX nodes_label ON nodes(label, id)",
            "CREATE INDEX edges_out ON edges(src, type, dst)", "CREATE INDEX edges_in ON edges(dst, type, src)",
            "CREATE INDEX edges_type ON edges(type)", "COMMIT", "ANALYZE"]:
    con.execute(ddl)
con.close()
'''


def timed(cmd):
    """(wall s, peak RSS MB, stdout) of one child process, via fork + wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks = []
    for chunk in iter(lambda: p.stdout.read(1 << 16), b""):
        chunks.append(chunk)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"sqlite_compare: {' '.join(cmd)} failed ({p.returncode}): {err.decode()[-2000:]}")
    return wall, ru.ru_maxrss / 1024.0, b"".join(chunks).decode()


def rows(text):
    return [r for r in csv.reader(io.StringIO(text))]


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build")
    ap.add_argument("--relationships", type=int, default=1000000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work")
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--load-runs", type=int, default=1)
    ap.add_argument("--only", help="comma-separated question numbers (1-based) to run")
    a = ap.parse_args()
    kg = os.path.join(os.path.abspath(a.build), "tools", "kg")
    gen = os.path.join(os.path.abspath(a.build), "bench", "gen_graph")
    work = a.work or f"/tmp/kg_sqlite_bench_{a.relationships}"
    os.makedirs(work, exist_ok=True)
    jsonl = os.path.join(work, "graph.jsonl")
    kgdb = os.path.join(work, "kg.db")
    sqdb = os.path.join(work, "graph.sqlite")
    py = sys.executable

    print(f"# kg vs SQLite {subprocess.run(['sqlite3', '--version'], capture_output=True, text=True).stdout.split()[0]}, "
          f"{a.relationships:,} relationships, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load average {os.getloadavg()[0]:.1f}")
    table = []
    failed = False
    if not (a.reuse and os.path.exists(kgdb) and os.path.exists(sqdb)):
        with open(jsonl, "wb") as f:
            subprocess.run([gen, "--relationships", str(a.relationships)], stdout=f, check=True,
                           stderr=subprocess.DEVNULL)
        kl, sl = [], []
        for _ in range(a.load_runs):
            subprocess.run(["rm", "-rf", kgdb, sqdb], check=True)
            kl.append(timed([kg, "load", jsonl, "--db", kgdb])[:2])
            sl.append(timed([py, "-c", SQLITE_LOAD, jsonl, sqdb])[:2])
        kw = statistics.median(w for w, _ in kl)
        sw = statistics.median(w for w, _ in sl)
        km = max(m for _, m in kl)
        sm = max(m for _, m in sl)
        table.append(("load", "", kw, km, sw, sm, "—"))
        kb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(kgdb) for f in fs)
        print(f"on disk: kg {kb / 1e6:.1f} MB, SQLite {os.path.getsize(sqdb) / 1e6:.1f} MB")

    only = {int(x) for x in a.only.split(",")} if a.only else None
    for qi, (name, cypher, sql) in enumerate(QUESTIONS, 1):
        if only and qi not in only:
            continue
        kt, st = [], []
        kout = sout = None
        for _ in range(a.runs):
            w, m, kout = timed([kg, "query", "--db", kgdb, "--format", "csv", "--max-rows", "10000000",
                                "--timeout", "3600", cypher])
            kt.append((w, m))
            w, m, sout = timed(["sqlite3", "-csv", "-header", sqdb, sql])
            st.append((w, m))
        same = rows(kout) == rows(sout)
        if not same:
            failed = True
            print(f"DIFFERENT RESULTS for '{name}':\n--- kg\n{kout}--- sqlite\n{sout}", file=sys.stderr)
        table.append((name, len(rows(kout)) - 1, statistics.median(w for w, _ in kt),
                      statistics.median(m for _, m in kt), statistics.median(w for w, _ in st),
                      statistics.median(m for _, m in st), "yes" if same else "**NO**"))

    if not only or 0 in only:
        kt, st = [], []
        for _ in range(a.runs):
            w, m, kout = timed([kg, "stats", "--db", kgdb, "--format", "json"])
            kt.append((w, m))
            w, m, sout = timed(["sqlite3", sqdb, "SELECT (SELECT count(*) FROM nodes), (SELECT count(*) FROM edges)"])
            st.append((w, m))
        j = json.loads(kout)
        n, e = (int(x) for x in sout.strip().split("|"))
        same = j["entities"] == n and j["relations"] == e
        failed |= not same
        table.append(("kg stats / count(*) of both tables", "", statistics.median(w for w, _ in kt),
                      statistics.median(m for _, m in kt), statistics.median(w for w, _ in st),
                      statistics.median(m for _, m in st), "yes" if same else "**NO**"))

    print(f"\n| question | rows | kg | kg RSS | SQLite | SQLite RSS | kg ÷ SQLite | same result |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, nrows, kw, km, sw, sm, same in table:
        print(f"| {name} | {nrows} | {fmt_s(kw)} | {km:.0f} MB | {fmt_s(sw)} | {sm:.0f} MB | "
              f"{kw / sw:.2f}× | {same} |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
