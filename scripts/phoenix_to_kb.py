#!/usr/bin/python3
"""Convert PETRARCH2's Phoenix actor dictionaries into a generated KB file of office holders.

usage: phoenix_to_kb.py [--phoenix DIR] [--kb DIR] [--dict DIR] [--since YEAR] [-o OUT]

  --phoenix DIR  the PETRARCH2 dictionaries (Phoenix.Countries.actors.txt,
                 Phoenix.International.actors.txt); default $KG_SHARED_DIR/lexicons/petrarch2
                 (KG_SHARED_DIR defaults to ../shared beside the repository)
  --kb DIR       the curated KB (default ingest/data/kb beside this script); its people win:
                 a Phoenix person whose name or alias is already listed there is skipped
  --dict DIR     Hunspell dictionaries en_US.dic and de_DE.dic (default /usr/share/hunspell;
                 Debian packages hunspell-en-us and hunspell-de-de): names made of ordinary
                 words are skipped
  --since YEAR   keep only roles that end in or after YEAR (default 2000)
  -o OUT         output file (default DIR of --kb/phoenix_people.jsonl)

The Phoenix dictionaries code a person's affiliation as COUNTRY + SECTOR (AUTGOV, USAGOVMIL,
IGOUNO) with date ranges; they do not name the office. A role of our vocabulary is only
derived where the dictionary says which office it is:
  * a synonym that is a title plus the person's name ("PRESIDENT_BARACK_OBAMA",
    "PRIME_MINISTER_DAVID_CAMERON", "SECRETARY_OF_STATE_CONDOLEEZZA_RICE",
    "DEFENSE_SECRETARY_CHUCK_HAGEL", "SECRETARY-GENERAL_KOFI_ANNAN"), or
  * a comment on a date line ("[RUSGOV >20040309] # Foreign Minister"),
and the office is then dated by the person's single government range of that country (a
person with several such ranges is skipped: the dictionary does not say which one is the
office). Titles: PRESIDENT, KING, QUEEN, EMIR -> head_of_state; PRIME_MINISTER, PREMIER,
CHANCELLOR -> head_of_government; FOREIGN_MINISTER, (US) SECRETARY_OF_STATE ->
foreign_minister; DEFENSE/DEFENCE_MINISTER, DEFENSE_SECRETARY, SECRETARY_OF_DEFENSE ->
defence_minister; SECRETARY-GENERAL of IGOUNO -> secretary_general of org/un. VICE-,
DEPUTY, FORMER, UNDER, ACTING and -ELECT titles are ignored.

Dates: YYMMDD (YY <= 30 -> 20YY) or YYYYMMDD; a day of 01 (or a month end) is kept to the
month, 0101 / 1231 to the year (the dictionary uses them as placeholders). Open ranges
(">date") end at the latest date found in the input (2015-02 for the shipped
dictionaries). Names are proper-cased ("Ban Ki-moon", "Ursula von der Leyen", "McAllister").
Skipped: one-word names, names whose words are all ordinary English words, people whose
surname is an ordinary word, a listed given name, the surname of a curated KB person or of
another Phoenix person (the engine derives a bare surname from every name), and countries
the KB does not list. The output is sorted and deterministic. Exit 0, 66 when an input is
missing, 64 on usage errors. Standard library only.
"""
import argparse
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du", "dos", "das",
             "bin", "ibn", "al", "el", "zu", "ten", "ter", "y", "e", "bint", "ben", "abu"}
TITLE_WORDS = {"PRESIDENT", "PRIME", "MINISTER", "SECRETARY", "SECRETARY-GENERAL", "CHANCELLOR", "PREMIER",
               "KING", "QUEEN", "EMIR", "SULTAN", "SENATOR", "GENERAL", "GOVERNOR", "MR", "MR.", "MRS", "MRS.",
               "MS", "DR", "DR.", "PRESIDENT-ELECT", "FORMER", "VICE", "DEPUTY", "LEADER", "CHAIRMAN", "SHEIKH",
               "AMBASSADOR", "SPEAKER", "MAYOR", "COLONEL", "MARSHAL", "ADMIRAL", "CAPTAIN", "LT", "GEN", "GEN.",
               "SEN", "SEN.", "REP", "REP.", "U.S.", "US", "UN", "U.N."}
SKIP_PREFIX = {"VICE", "VICE-PRESIDENT", "DEPUTY", "FORMER", "UNDER", "UNDERSECRETARY", "ASSISTANT", "EX",
               "ACTING", "PRESIDENT-ELECT", "INTERIM", "LATE"}
TITLES = [  # (token sequence, role, country restriction or None)
    (("SECRETARY", "OF", "STATE"), "foreign_minister", "USA"),
    (("SECRETARY", "OF", "DEFENSE"), "defence_minister", "USA"),
    (("SECRETARY", "OF", "DEFENCE"), "defence_minister", None),
    (("DEFENSE", "SECRETARY"), "defence_minister", None),
    (("DEFENCE", "SECRETARY"), "defence_minister", None),
    (("DEFENSE", "MINISTER"), "defence_minister", None),
    (("DEFENCE", "MINISTER"), "defence_minister", None),
    (("FOREIGN", "MINISTER"), "foreign_minister", None),
    (("FOREIGN", "SECRETARY"), "foreign_minister", "GBR"),
    (("PRIME", "MINISTER"), "head_of_government", None),
    (("PREMIER",), "head_of_government", None),
    (("CHANCELLOR",), "head_of_government", ("DEU", "AUT")),
    (("PRESIDENT",), "head_of_state", None),
    (("KING",), "head_of_state", None),
    (("QUEEN",), "head_of_state", None),
    (("EMIR",), "head_of_state", None),
    (("SECRETARY-GENERAL",), "secretary_general", "IGOUNO"),
    (("SECRETARY", "GENERAL"), "secretary_general", "IGOUNO"),
]
COMMENT_ROLES = [  # comment on a date line -> role
    (re.compile(r"^(foreign minister)$", re.I), "foreign_minister"),
    (re.compile(r"^(secretary of state|sec state)$", re.I), "foreign_minister"),
    (re.compile(r"^(sec def|secretary of defen[cs]e)$", re.I), "defence_minister"),
    (re.compile(r"^(prime minister|pm|chancellor of germany)$", re.I), "head_of_government"),
    (re.compile(r"^(president of germany|supreme leader)$", re.I), "head_of_state"),
]


def fold(s):
    """Comparison key: no diacritics, case-folded, hyphens and runs of spaces as one space."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s\-]+", " ", s).strip()


def slug(s):
    s = fold(s).replace("ß", "ss")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def proper(tokens):
    out = []
    for n, t in enumerate(tokens):
        low = t.lower()
        if n > 0 and n < len(tokens) - 1 and low in PARTICLES:
            out.append(low)
            continue

        def cap(w):
            if not w:
                return w
            if w.startswith("mc") and len(w) > 2:
                return "Mc" + w[2].upper() + w[3:]
            if w.startswith("o'") and len(w) > 2:
                return "O'" + w[2].upper() + w[3:]
            return w[0].upper() + w[1:]
        # hyphenated: Ki-moon keeps the second part lower (Korean names), others capitalise
        parts = low.split("-")
        if len(parts) == 2 and n == len(tokens) - 1 and len(tokens) >= 2 and len(parts[1]) <= 4 and \
                tokens[0].upper() in ("BAN",):
            out.append(cap(parts[0]) + "-" + parts[1])
        else:
            out.append("-".join(cap(p) for p in parts))
    return " ".join(out)


def parse_date(s, end):
    """'081202' / '20081202' -> ISO date with the precision the dictionary can bear, or None."""
    if not re.fullmatch(r"\d{6}|\d{8}", s):
        return None
    if len(s) == 6:
        yy = int(s[:2])
        y, m, d = (2000 + yy if yy <= 30 else 1900 + yy), int(s[2:4]), int(s[4:6])
    else:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if (m, d) in ((1, 1), (12, 31)):
        return "%04d" % y
    if d == 1 or d >= 28 and end:
        return "%04d-%02d" % (y, m)
    return "%04d-%02d-%02d" % (y, m, d)


def parse_range(spec):
    """'070111-081202' | '>081202' | '<081202' | '' -> (from, to) or None."""
    spec = spec.strip()
    if not spec:
        return None
    if spec.startswith(">"):
        f = parse_date(spec[1:], False)
        return (f, None) if f else None
    if spec.startswith("<"):
        return None   # "before": no start
    m = re.fullmatch(r"(\d+)-(\d+)", spec)
    if not m:
        return None
    f, t = parse_date(m.group(1), False), parse_date(m.group(2), True)
    return (f, t) if f and t and t[:4] >= f[:4] else None


def read_records(path):
    """Yields dicts: phrase, synonyms, ranges [(code, range-spec, comment)], default code."""
    rec = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _, comment = line.partition("#")
            body = body.split(";")[0]
            if line[0] in " \t":
                m = re.match(r"\s*\[([A-Z]+)\s*([^\]]*)\]", body)
                if m and rec is not None:
                    rec["ranges"].append((m.group(1), m.group(2), comment.strip()))
                continue
            if body.startswith("+"):
                if rec is not None:
                    rec["synonyms"].append(body[1:].strip())
                continue
            if rec is not None:
                yield rec
            m = re.match(r"(\S+)\s*(?:\[([A-Z]*)\])?", body.strip())
            rec = {"phrase": m.group(1) if m else body.strip(), "default": m.group(2) if m else None,
                   "synonyms": [], "ranges": []}
    if rec is not None:
        yield rec


def tokens(phrase):
    return [t for t in phrase.strip().strip("_").split("_") if t]


def load_words(dict_dir):
    words = set()
    for name in ("en_US.dic", "de_DE.dic"):
        path = os.path.join(dict_dir, name)
        if not os.path.exists(path):
            raise FileNotFoundError(path)
        with open(path, encoding="utf-8", errors="replace") as fh:
            next(fh, None)  # entry count
            for line in fh:
                w = line.split("/")[0].strip()
                if w and w[0].islower():
                    words.add(w)
    return words


def load_kb(kb_dir):
    countries, people_names, people_surnames, all_aliases, ids = set(), set(), set(), set(), set()
    for f in sorted(os.listdir(kb_dir)):
        if not f.endswith(".jsonl") or f == "phoenix_people.jsonl":
            continue
        with open(os.path.join(kb_dir, f), encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                o = json.loads(line)
                i = o.get("id") or "country/" + o.get("code", "")
                ids.add(i)
                if i.startswith("country/"):
                    countries.add(i[8:])
                names = [o.get("name"), o.get("name_de"), o.get("name_en")]
                al = o.get("aliases") or []
                names += [x for v in al.values() for x in v] if isinstance(al, dict) else list(al)
                names += list(o.get("abbrev") or [])
                for n in names:
                    if isinstance(n, str):
                        all_aliases.add(fold(n))
                if i.startswith("person/"):
                    for n in [o.get("name")] + list(o.get("aliases") or []):
                        people_names.add(fold(n))
                        if " " in n:
                            people_surnames.add(fold(n.split()[-1]))
    return countries, people_names, people_surnames, all_aliases, ids


def iso3_to_2():
    path = "/usr/share/iso-codes/json/iso_3166-1.json"
    with open(path, encoding="utf-8") as fh:
        return {c["alpha_3"]: c["alpha_2"] for c in json.load(fh)["3166-1"]}


def title_roles(rec, name_toks):
    """Roles named by title synonyms: [(role, restriction)]."""
    found = []
    for syn in rec["synonyms"] + [rec["phrase"]]:
        st = tokens(syn.upper())
        for seq, role, restr in TITLES:
            n = len(seq)
            for k in range(len(st) - n + 1):
                if tuple(st[k:k + n]) != seq:
                    continue
                before, after = st[:k], st[k + n:]
                if any(b in SKIP_PREFIX or b.startswith("VICE") for b in before) or not after:
                    continue
                if before and len(before) > 2:
                    continue
                # the rest must be the person's name or its last part (PRESIDENT_OBAMA)
                if after != name_toks[-len(after):]:
                    continue
                found.append((role, restr))
    return found


def main(argv):
    ap = argparse.ArgumentParser(add_help=True, description=__doc__.split("\n")[0])
    shared = os.environ.get("KG_SHARED_DIR") or os.path.join(ROOT, "..", "shared")
    ap.add_argument("--phoenix", default=os.path.join(shared, "lexicons", "petrarch2"))
    ap.add_argument("--kb", default=os.path.join(ROOT, "ingest", "data", "kb"))
    ap.add_argument("--dict", default="/usr/share/hunspell")
    ap.add_argument("--since", type=int, default=2000)
    ap.add_argument("-o", "--out")
    try:
        args = ap.parse_args(argv[1:])
    except SystemExit as e:
        return 64 if e.code else 0
    out_path = args.out or os.path.join(args.kb, "phoenix_people.jsonl")
    files = [os.path.join(args.phoenix, f) for f in ("Phoenix.Countries.actors.txt",
                                                       "Phoenix.International.actors.txt")]
    for f in files:
        if not os.path.exists(f):
            print("phoenix_to_kb: missing input %s" % f, file=sys.stderr)
            return 66
    try:
        words = load_words(args.dict)
    except FileNotFoundError as e:
        print("phoenix_to_kb: missing dictionary %s (install hunspell-en-us / hunspell-de-de)" % e,
              file=sys.stderr)
        return 66
    given = set()
    with open(os.path.join(ROOT, "ingest", "data", "lexicon", "de", "first_names.txt"), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                given.update(w.casefold() for w in line.split())
    countries, kb_people, kb_surnames, kb_aliases, kb_ids = load_kb(args.kb)
    a3 = iso3_to_2()
    stats = {"records": 0, "with_title": 0, "in_kb": 0, "ambiguous_range": 0, "word_name": 0,
             "bad_surname": 0, "old": 0, "no_country": 0}
    # what an open range (">date") means: in office at least until the dictionaries' latest date
    latest = ""
    for path in files:
        for rec in read_records(path):
            for _, spec, _ in rec["ranges"]:
                for d in re.findall(r"\d{6,8}", spec):
                    iso = parse_date(d, False) if len(d) in (6, 8) else None
                    if iso and iso > latest:
                        latest = iso
    dict_date = latest[:7]
    cands = {}
    for path in files:
        for rec in read_records(path):
            name_toks = tokens(rec["phrase"].upper())
            if len(name_toks) < 2 or not all(re.fullmatch(r"[A-Z][A-Z'.\-]*", t) for t in name_toks):
                continue
            stats["records"] += 1
            roles_by_title = title_roles(rec, name_toks)
            ranges = [(c, parse_range(spec), cm) for c, spec, cm in rec["ranges"]]
            roles = []
            for role, restr in roles_by_title:
                if restr == "IGOUNO":
                    cand = [r for c, r, _ in ranges if c == "IGOUNO" and r]
                    of = "org/un"
                else:
                    govs = {}
                    for c, r, _ in ranges:
                        if r and len(c) >= 6 and c[3:] in ("GOV",) + (("GOVMIL",) if role == "defence_minister" else ()):
                            govs.setdefault(c[:3], []).append(r)
                    if len(govs) != 1:
                        stats["ambiguous_range"] += 1
                        continue
                    ctry, cand = next(iter(govs.items()))
                    if restr and (ctry not in (restr if isinstance(restr, tuple) else (restr,))):
                        continue
                    if ctry not in a3 or a3[ctry] not in countries:
                        stats["no_country"] += 1
                        continue
                    of = "country/" + a3[ctry]
                if len(cand) != 1:
                    stats["ambiguous_range"] += 1
                    continue
                roles.append((role, of, cand[0]))
            for c, r, cm in ranges:
                for rx, role in COMMENT_ROLES:
                    if cm and r and rx.match(cm.strip()) and c[:3] in a3 and a3[c[:3]] in countries:
                        roles.append((role, "country/" + a3[c[:3]], r))
            if not roles:
                continue
            stats["with_title"] += 1
            name = proper(name_toks)
            aliases = []
            for syn in rec["synonyms"]:
                st = tokens(syn.upper())
                if len(st) < 2 or any(t in TITLE_WORDS or t in SKIP_PREFIX for t in st):
                    continue
                if not all(re.fullmatch(r"[A-Z][A-Z'.\-]*", t) for t in st) or any(len(t) == 1 for t in st):
                    continue
                a = proper(st)
                if a != name and a not in aliases:
                    aliases.append(a)
            keys = [fold(name)] + [fold(a) for a in aliases]
            if any(k in kb_people for k in keys) or "person/" + slug(name) in kb_ids:
                stats["in_kb"] += 1
                continue
            if all(t.lower() in words for t in name_toks):
                stats["word_name"] += 1
                continue
            sur = name.split()[-1]
            if sur.lower() in words or sur.casefold() in given or fold(sur) in kb_surnames or len(sur) < 3:
                stats["bad_surname"] += 1
                continue
            out_roles = []
            for role, of, (f, t) in roles:
                t = t or dict_date
                if int(t[:4]) < args.since:
                    continue
                r = {"role": role, "of": of, "from": f, "to": t}
                if r not in out_roles:
                    out_roles.append(r)
            if not out_roles:
                stats["old"] += 1
                continue
            aliases = [a for a in aliases if fold(a) not in kb_aliases]
            cands.setdefault("person/" + slug(name), []).append(
                {"id": "person/" + slug(name), "name": name, "aliases": aliases,
                 "roles": sorted(out_roles, key=lambda r: (r["from"], r["role"], r["of"]))})
    # one entity per id; a surname shared by two selected people is ambiguous for the engine
    people = {i: v[0] for i, v in cands.items() if len(v) == 1}
    surnames = {}
    for p in people.values():
        surnames.setdefault(fold(p["name"].split()[-1]), []).append(p["id"])
    shared = {i for ids in surnames.values() if len(ids) > 1 for i in ids}
    stats["bad_surname"] += len(shared)
    owners = {}
    for i in sorted(people):
        if i in shared:
            continue
        for a in people[i]["aliases"]:
            owners.setdefault(fold(a), set()).add(i)
    with open(out_path, "w", encoding="utf-8") as fh:
        n = 0
        for i in sorted(people):
            if i in shared:
                continue
            p = people[i]
            p["aliases"] = [a for a in p["aliases"] if len(owners[fold(a)]) == 1]
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
            n += 1
    print("phoenix_to_kb: %d people written to %s (%s)" % (
        n, out_path, ", ".join("%s=%d" % kv for kv in sorted(stats.items()))), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
