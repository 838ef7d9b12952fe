#!/usr/bin/python3
"""Distributed ingest on a Dask cluster: extraction on the workers, one store.

usage: scripts/kg_dask.py [--scheduler ADDRESS | --local-workers N] --db DB
                          [--kg PATH] [--shard-articles N] [--lang de|en]
                          [--lexicon DIR]... [--keep-facts FILE] INPUT...

INPUT is what `kg ingest` takes: files (.txt/.text plain-text articles,
.jsonl/.ndjson feeds) and directories (walked as kg walks them: sorted, hidden
entries and README/LICENSE/NOTICE skipped, symbolic links followed only inside
the given paths). The client cuts the inputs into shards (a JSON Lines file into
runs of --shard-articles lines, plain-text files into groups), sends each
shard's bytes to a worker, the worker runs `kg extract --jobs 1` on it (kg is
stateless there: no database), and the client gathers the JSON Lines in input
order and runs `kg load` into DB once. Article ids and paths are those a
single-machine `kg ingest` gives (a shard's temporary file name is mapped back to
the input path), so the graph is the same as `kg ingest INPUT...` makes.

Workers need only the `kg` binary and its data (no shared file system):
--kg names it for the client and the workers (default: `kg` next to this
script's build, build/tools/kg, else `kg` on PATH); a worker without that path
uses `kg` on its own PATH.

Exit status: 0; 65 when some article or line could not be read or extracted
(reported with file and line; everything else is still loaded); kg load's
status when loading fails; 64 usage; 69 when the cluster cannot be reached.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ARTICLE_EXT = {".txt", ".text", ".jsonl", ".ndjson"}
JSONL_EXT = {".jsonl", ".ndjson"}


def find_kg(given):
    if given:
        return os.path.abspath(given)
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.path.join(here, "..", "build", "tools", "kg"), os.path.join(here, "kg")):
        if os.access(cand, os.X_OK):
            return os.path.normpath(cand)
    found = shutil.which("kg")
    if not found:
        sys.exit("kg_dask: no kg binary (give --kg PATH, build kg, or put it on PATH)")
    return found


def is_article_file(path):
    stem, ext = os.path.splitext(os.path.basename(path))
    return ext.lower() in ARTICLE_EXT and stem.upper() not in ("README", "LICENSE", "NOTICE")


def list_inputs(paths):
    """Files in the order `kg ingest` reads them (ingest/reader.cpp's walk)."""
    roots = [os.path.realpath(p) for p in paths if os.path.exists(p)]
    seen_dirs, out = set(), []

    def inside(target):
        return any(target == r or target.startswith(r.rstrip("/") + "/") for r in roots)

    def walk(d):
        real = os.path.realpath(d)
        if real in seen_dirs:
            return
        seen_dirs.add(real)
        for name in sorted(os.listdir(d)):
            if name.startswith("."):
                continue
            p = os.path.join(d, name)
            if os.path.islink(p) and not inside(os.path.realpath(p)):
                print(f"kg_dask: {p}: not followed: symbolic link outside the given paths", file=sys.stderr)
                continue
            if os.path.isdir(p):
                walk(p)
            elif os.path.isfile(p) and is_article_file(p):
                out.append(p)

    for p in paths:
        if os.path.isdir(p):
            walk(p)
        elif os.path.isfile(p):
            out.append(p)
        else:
            sys.exit(f"kg_dask: {p}: no such file or directory")
    return out


def make_shards(files, per_shard):
    """Shards: lists of (path, first line number, bytes). A JSON Lines file is
    cut at line boundaries every per_shard lines; plain-text files are grouped."""
    shards, group = [], []
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        if os.path.splitext(path)[1].lower() in JSONL_EXT:
            if group:  # keep the input order
                shards.append(group)
                group = []
            lines = [line + b"\n" for line in data.split(b"\n")]  # kg splits at \n only
            if data.endswith(b"\n") or not data:
                lines.pop()  # the empty rest after the last newline
            else:
                lines[-1] = lines[-1][:-1]  # a last line without newline stays so
            for i in range(0, len(lines), per_shard):
                shards.append([(path, i, b"".join(lines[i:i + per_shard]))])
        else:
            group.append((path, 0, data))
            if len(group) >= per_shard:
                shards.append(group)
                group = []
    if group:
        shards.append(group)
    return shards


def extract_shard(kg, args, shard):
    """Runs on a worker: writes the shard to a temporary directory, runs kg
    extract there and maps the temporary names back to the input paths (article
    ids, paths, and "FILE:LINE:" in messages). Returns (stdout, stderr, exit code)."""
    import json
    import os
    import re
    import shutil
    import subprocess
    import tempfile

    if not os.access(kg, os.X_OK):
        kg = shutil.which("kg") or kg
    tmp = tempfile.mkdtemp(prefix="kg_dask_")
    try:
        names, back = [], {}
        for i, (path, first_line, data) in enumerate(shard):
            name = os.path.join(tmp, f"{i:06d}{os.path.splitext(path)[1]}")
            with open(name, "wb") as f:
                f.write(data)
            names.append(name)
            back[name] = (path, first_line)
        p = subprocess.run([kg, "extract", "--jobs", "1", *args, *names], capture_output=True)
        out = []
        for line in p.stdout.decode("utf-8", "replace").splitlines():
            facts = json.loads(line)
            art = facts["article"]
            path, _ = back.get(art.get("path"), (None, 0))
            if path is not None:
                tmpname = art["path"]
                art["path"] = path
                if art["id"] == tmpname:
                    art["id"] = path
                elif art["id"].startswith(tmpname + "#"):
                    art["id"] = path + art["id"][len(tmpname):]
            out.append(json.dumps(facts, ensure_ascii=False, separators=(",", ":")))

        def fix(m):
            path, first = back[m.group(1)]
            return f"{path}:{int(m.group(2)) + first}:" if m.group(2) else f"{path}:"

        err = p.stderr.decode("utf-8", "replace")
        if names:
            pat = re.compile("(" + "|".join(re.escape(n) for n in names) + r"):(?:(\d+):)?")
            err = pat.sub(fix, err)
        return "\n".join(out) + ("\n" if out else ""), err, p.returncode
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://HOST:8786)")
    where.add_argument("--local-workers", type=int, help="start a LocalCluster of N worker processes")
    ap.add_argument("--db", required=True, help="database to load into (created when missing)")
    ap.add_argument("--kg", help="kg binary (default: build/tools/kg beside this script, else PATH)")
    ap.add_argument("--shard-articles", type=int, default=200,
                    help="JSON Lines lines / plain-text files per shard (default 200)")
    ap.add_argument("--lang", choices=["de", "en"], help="passed to kg extract")
    ap.add_argument("--lexicon", action="append", default=[], help="passed to kg extract (path on the workers)")
    ap.add_argument("--keep-facts", help="also keep the gathered JSON Lines in this file")
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    a = ap.parse_args()
    if a.local_workers is not None and a.local_workers < 1:
        ap.error("--local-workers must be >= 1")
    if a.shard_articles < 1:
        ap.error("--shard-articles must be >= 1")

    kg = find_kg(a.kg)
    files = list_inputs(a.inputs)
    shards = make_shards(files, a.shard_articles)
    xargs = (["--lang", a.lang] if a.lang else []) + [x for d in a.lexicon for x in ("--lexicon", d)]

    from dask.distributed import Client, LocalCluster

    cluster = None
    try:
        if a.local_workers is not None:
            cluster = LocalCluster(n_workers=a.local_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(a.scheduler, timeout=30)
    except OSError as e:
        print(f"kg_dask: cannot reach the Dask cluster: {e}", file=sys.stderr)
        return 69
    bad = False
    facts_fd, facts_path = tempfile.mkstemp(prefix="kg_dask_", suffix=".jsonl")
    try:
        futures = client.map(extract_shard, [kg] * len(shards), [xargs] * len(shards), shards, pure=False)
        articles = 0
        with os.fdopen(facts_fd, "w", encoding="utf-8") as out:
            for fut in futures:  # input order
                text, err, rc = fut.result()
                sys.stderr.write(err)
                if rc == 65:
                    bad = True
                elif rc != 0:
                    print(f"kg_dask: kg extract failed on a worker (exit {rc})", file=sys.stderr)
                    return rc
                out.write(text)
                articles += text.count("\n")
        workers = len(client.scheduler_info()["workers"])
        print(f"kg_dask: {len(files)} file(s), {len(shards)} shard(s), {articles} article(s) extracted "
              f"on {workers} worker(s)", file=sys.stderr)
        client.close()
        if cluster is not None:
            cluster.close()
            cluster = None
        if a.keep_facts:
            shutil.copyfile(facts_path, a.keep_facts)
        p = subprocess.run([kg, "load", facts_path, "--db", a.db])
        if p.returncode != 0:
            return p.returncode
        return 65 if bad else 0
    finally:
        if cluster is not None:
            cluster.close()
        os.unlink(facts_path)


if __name__ == "__main__":
    sys.exit(main())
