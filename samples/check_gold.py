#!/usr/bin/env python3
"""Validate samples/gold/*.json against the articles in samples/.

usage: check_gold.py [SAMPLES_DIR]

Checks, per gold file: the JSON parses; the article exists (samples/<id>.txt or a
line of samples/feed.jsonl with that id); entity types and predicates come from the
vocabulary in DEVELOPERS.md; every relation's subject/object/location is an entity
name of the same file; every entity has a name or alias that occurs in the article;
every evidence string is a verbatim substring of the article. Exit 1 on any error.
"""
import json
import os
import re
import sys

TYPES = {"person", "organization", "country", "city", "region", "group", "event", "other"}
PREDICATES = {"meets", "visits", "located_in", "leader_of", "member_of", "allied_with",
              "cooperates_with", "supplies", "attacks", "supports", "opposes", "threatens",
              "sanctions", "negotiates_with"}
MODALITIES = {"asserted", "reported", "speculated"}


def load_articles(d):
    arts = {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".txt"):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                arts[f[:-4]] = fh.read()
    feed = os.path.join(d, "feed.jsonl")
    if os.path.exists(feed):
        with open(feed, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                o = json.loads(line)
                missing = {"id", "title", "text", "date", "source", "url", "lang"} - o.keys()
                if missing:
                    raise SystemExit(f"{feed}:{n}: missing fields {sorted(missing)}")
                arts[o["id"]] = "\n\n".join([o["source"], o["title"], o["text"]])
    return arts


def main(argv):
    d = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    arts = load_articles(d)
    gdir = os.path.join(d, "gold")
    errors = 0
    for f in sorted(os.listdir(gdir)):
        if not f.endswith(".json"):
            continue
        path = os.path.join(gdir, f)

        def err(msg):
            nonlocal errors
            errors += 1
            print(f"{path}: {msg}")
        try:
            with open(path, encoding="utf-8") as fh:
                g = json.load(fh)
        except json.JSONDecodeError as e:
            err(f"not JSON: {e}")
            continue
        text = arts.get(g.get("id"))
        if text is None:
            err(f"no article with id {g.get('id')!r}")
            continue
        names = set()
        for e in g["entities"]:
            if e["type"] not in TYPES:
                err(f"entity {e['name']!r}: bad type {e['type']!r}")
            if e["name"] in names:
                err(f"duplicate entity {e['name']!r}")
            names.add(e["name"])
            # A ministry named only through a minister's title ("Außenminister X", per
            # shared/dev/GUIDE.md) gives that title as "implied_by".
            forms = [e["name"]] + e.get("aliases", []) + ([e["implied_by"]] if "implied_by" in e else [])
            if not any(re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", text) for a in forms):
                err(f"entity {e['name']!r}: no name or alias occurs in the article")
        for i, r in enumerate(g["relations"]):
            for k in ("subject", "object", "location"):
                if k in r and r[k] not in names:
                    err(f"relation {i}: {k} {r[k]!r} is not an entity name")
            if r["predicate"] not in PREDICATES:
                err(f"relation {i}: bad predicate {r['predicate']!r}")
            if r.get("modality", "asserted") not in MODALITIES:
                err(f"relation {i}: bad modality {r['modality']!r}")
            if not isinstance(r.get("required"), bool):
                err(f"relation {i}: 'required' must be true or false")
            if r.get("evidence", "") not in text:
                err(f"relation {i}: evidence is not a substring of the article")
        req = sum(1 for r in g["relations"] if r.get("required"))
        print(f"{g['id']}: {len(g['entities'])} entities, {len(g['relations'])} relations "
              f"({req} required, {len(g['relations']) - req} optional)")
    print("OK" if not errors else f"{errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
