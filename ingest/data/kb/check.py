#!/usr/bin/python3
"""Validate the curated knowledge base (ingest/data/kb/*.jsonl) and user lexicon dirs.

Usage:
  check.py                 validate the files next to this script
  check.py DIR [DIR ...]   validate the base KB plus user dirs layered on top (later lines
                           with the same id override earlier ones, as `kg ... --lexicon DIR` does)
  check.py --only DIR      validate DIR on its own (references must resolve inside DIR)

Every *.jsonl file of a directory is read (standard names decide the entity kind; other
files are read by each line's "type"), as is DIR/kb/ of a user dir. The v2 fields
(organisations: kind, portfolio, country, region, city, parent; regions: adjectives; the
roles minister, deputy_head_of_government, state_premier, state_minister, mayor,
party_leader, member, head, parliament_member) are validated: a role's `of` must be the
right kind of entity (a ministry for `minister`, a party for `party_leader`, a region for
`state_premier`, ...), a party branch names its party and region, and an alias may be shared
only by national bodies of different countries (README.md: "Names shared across countries"). Lines starting with '#'
are NOT allowed here (keep the files comment-free). Checks: JSON syntax (one object per line), required fields and their types, no unknown
fields, id schemes, references (`of`, `members`, `seat`, `country`, `location`) resolve to
defined ids, ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) with from <= to, no duplicate ids
within one directory, no alias claimed by two different entities, no bare (one-word)
person alias that is also the surname of another listed person, and that every GeoNames
id exists in libgeonames' catalogue when that catalogue is installed.
Exit status: 0 ok, 65 data errors, 64 usage. Standard library only.
"""
import gettext
import json
import os
import re
import sys

FILES = ["countries.jsonl", "organizations.jsonl", "groups.jsonl", "events.jsonl",
         "places.jsonl", "people.jsonl"]
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "leader", "secretary_general", "president_of",
         # v2 (kb_schema_v2): cabinet members, deputies, sub-national offices, parties
         "minister", "deputy_head_of_government", "state_premier", "state_minister", "mayor",
         "party_leader", "member", "head", "parliament_member"}
# What a role's `of` must name: id prefixes, and for org ids the allowed `kind`s (None = any
# org; an org without `kind` passes only where None is allowed).
ROLE_OF = {
    "head_of_state": (("country",), None),
    "head_of_government": (("country",), None),
    "deputy_head_of_government": (("country",), None),
    "foreign_minister": (("country", "org"), None),
    "defence_minister": (("country",), None),
    "minister": (("org",), {"ministry"}),
    "state_premier": (("region",), None),
    "state_minister": (("region",), None),
    "mayor": (("city",), None),
    "party_leader": (("org",), {"party", "party_branch"}),
    "parliament_member": (("org",), {"parliament", "state_parliament"}),
    "leader": (("org", "group", "country"), None),
    "secretary_general": (("org",), None),
    "president_of": (("org",), None),
    "member": (("org",), None),
    "head": (("org",), None),
}
ORG_KINDS = {"party", "party_branch", "government", "parliament", "ministry", "armed_forces",
             "police", "intelligence", "court", "central_bank", "agency", "state_government",
             "state_parliament", "city_government", "city_council", "media", "news_agency",
             "company", "ngo", "union", "church", "international", "sports", "university",
             "think_tank", "other"}
PORTFOLIOS = {"foreign", "defence", "interior", "finance", "justice", "health", "social", "labour",
              "economy", "education", "science", "environment", "agriculture", "transport",
              "infrastructure", "family", "women", "culture", "development", "energy", "digital",
              "europe", "integration", "sport", "tourism", "housing", "trade", "chancellery",
              "other"}
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
GEONAMES_MO = "/usr/share/locale/%s/LC_MESSAGES/geonames.mo"
LANGS = ("de", "en")


class Checker:
    def __init__(self):
        self.errors = []
        self.entities = {}      # id -> (file, line, obj)
        self.geonames = self._load_geonames()

    @staticmethod
    def _load_geonames():
        ids = set()
        for lang in ("de", "en"):
            path = GEONAMES_MO % lang
            if os.path.exists(path):
                with open(path, "rb") as fh:
                    ids.update(k for k in gettext.GNUTranslations(fh)._catalog if k)
        return ids or None

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    # ---- field helpers -------------------------------------------------
    def str_field(self, where, obj, key, required=True):
        v = obj.get(key)
        if v is None:
            if required:
                self.err(where, "missing required field '%s'" % key)
            return None
        if not isinstance(v, str) or not v.strip() or v != v.strip():
            self.err(where, "'%s' must be a non-empty trimmed string" % key)
            return None
        return v

    def str_list(self, where, v, key, allow_empty=True):
        if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() and s == s.strip()
                                              for s in v):
            self.err(where, "'%s' must be a list of non-empty trimmed strings" % key)
            return []
        if not v and not allow_empty:
            self.err(where, "'%s' must not be empty" % key)
        if len(set(v)) != len(v):
            self.err(where, "'%s' lists a string twice" % key)
        return v

    def lang_map(self, where, obj, key, required=True):
        v = obj.get(key)
        if v is None:
            if required:
                self.err(where, "missing required field '%s'" % key)
            return {}
        if not isinstance(v, dict) or not v or any(k not in LANGS for k in v):
            self.err(where, "'%s' must be an object with keys among %s" % (key, LANGS))
            return {}
        return {k: self.str_list(where, lst, "%s.%s" % (key, k)) for k, lst in v.items()}

    def check_date(self, where, v, key):
        if not isinstance(v, str) or not DATE_RE.match(v):
            self.err(where, "'%s' must be an ISO date YYYY, YYYY-MM or YYYY-MM-DD, got %r" % (key, v))
            return None
        return v

    def check_gn(self, where, gid):
        if self.geonames is not None and str(gid) not in self.geonames:
            self.err(where, "GeoNames id %s is not in the geonames.mo catalogue" % gid)

    def unknown(self, where, obj, allowed):
        for k in obj:
            if k not in allowed:
                self.err(where, "unknown field '%s' (allowed: %s)" % (k, ", ".join(sorted(allowed))))

    # ---- per-file record checks; each returns the entity id or None ----
    def country(self, where, o):
        self.unknown(where, o, {"code", "name_de", "name_en", "aliases", "adjectives", "demonyms",
                                "metonyms", "capital_geonames"})
        code = self.str_field(where, o, "code")
        if code and not re.match(r"^[A-Z]{2}$", code):
            self.err(where, "'code' must be an ISO 3166-1 alpha-2 code")
            code = None
        self.str_field(where, o, "name_de")
        self.str_field(where, o, "name_en")
        self.lang_map(where, o, "aliases")
        self.lang_map(where, o, "adjectives")
        self.lang_map(where, o, "demonyms", required=False)
        self.lang_map(where, o, "metonyms", required=False)
        if "capital_geonames" in o:
            g = o["capital_geonames"]
            if not isinstance(g, int) or isinstance(g, bool) or g <= 0:
                self.err(where, "'capital_geonames' must be a positive integer")
            else:
                self.check_gn(where, g)
        return "country/" + code if code else None

    def check_id(self, where, o, prefixes):
        i = self.str_field(where, o, "id")
        if i is None:
            return None
        pre, _, rest = i.partition("/")
        if pre not in prefixes:
            self.err(where, "id %r must start with one of %s" % (i, ["%s/" % p for p in prefixes]))
            return None
        if pre == "city":
            m = re.match(r"^gn(\d+)$", rest)
            if not m:
                self.err(where, "city id must be city/gn<GeoNames id>, got %r" % i)
                return None
            self.check_gn(where, m.group(1))
        elif not SLUG_RE.match(rest):
            self.err(where, "id %r: the part after '/' must be a lower-case ascii slug" % i)
            return None
        return i

    def organization(self, where, o):
        self.unknown(where, o, {"id", "type", "name", "aliases", "abbrev", "ambiguous_abbrev",
                                "seat", "members", "kind", "portfolio", "country", "region",
                                "city", "parent"})
        i = self.check_id(where, o, ("org",))
        if o.get("type") not in ("organization", "group"):
            self.err(where, "'type' must be \"organization\" or \"group\"")
        self.str_field(where, o, "name")
        self.str_list(where, o.get("aliases", []), "aliases")
        abbrev = self.str_list(where, o.get("abbrev", []), "abbrev")
        if isinstance(o.get("ambiguous_abbrev"), dict):
            # Per language ({"de": ["VP"]}): only in articles of that language.
            self.lang_map(where, o, "ambiguous_abbrev", required=False)
        else:
            for a in self.str_list(where, o.get("ambiguous_abbrev", []), "ambiguous_abbrev"):
                if a not in abbrev:
                    self.err(where, "ambiguous_abbrev %r is not listed in 'abbrev'" % a)
        self.refs.append((where, "seat", o.get("seat"), ("country",)))
        for m in self.str_list(where, o.get("members", []), "members"):
            self.refs.append((where, "members", m, ("country", "org")))
        # v2 fields
        kind = o.get("kind")
        if kind is not None and kind not in ORG_KINDS:
            self.err(where, "'kind' must be one of %s" % sorted(ORG_KINDS))
        if "portfolio" in o:
            if kind != "ministry":
                self.err(where, "'portfolio' is only for kind=ministry")
            elif o["portfolio"] not in PORTFOLIOS:
                self.err(where, "'portfolio' must be one of %s" % sorted(PORTFOLIOS))
        elif kind == "ministry":
            self.err(where, "kind=ministry needs a 'portfolio'")
        if "country" in o and "seat" in o and o["country"] != o["seat"]:
            self.err(where, "'country' and 'seat' differ")
        self.refs.append((where, "country", o.get("country"), ("country",)))
        self.refs.append((where, "region", o.get("region"), ("region",)))
        self.refs.append((where, "city", o.get("city"), ("city",)))
        self.refs.append((where, "parent", o.get("parent"), ("org",)))
        if kind in ("party_branch", "state_government", "state_parliament") and "region" not in o:
            self.err(where, "kind=%s needs a 'region'" % kind)
        if kind == "party_branch" and "parent" not in o:
            self.err(where, "kind=party_branch needs a 'parent' (the party)")
        if kind in ("ministry", "party", "government", "parliament") and not (
                o.get("country") or o.get("seat")):
            self.err(where, "kind=%s needs a 'country'" % kind)
        if kind in ("city_government", "city_council") and "city" not in o:
            self.err(where, "kind=%s needs a 'city'" % kind)
        return i

    def simple(self, where, o, prefixes, types, extra):
        self.unknown(where, o, {"id", "type", "name", "aliases"} | set(extra))
        i = self.check_id(where, o, prefixes)
        if o.get("type") not in types:
            self.err(where, "'type' must be one of %s" % (types,))
        elif i and i.split("/")[0] != o["type"]:
            self.err(where, "id prefix of %r does not match type %r" % (i, o["type"]))
        self.str_field(where, o, "name")
        self.lang_map(where, o, "aliases")
        return i

    def group(self, where, o):
        return self.simple(where, o, ("group",), ("group",), ())

    def event(self, where, o):
        i = self.simple(where, o, ("event",), ("event",), ("location",))
        self.refs.append((where, "location", o.get("location"), ("city", "country", "region")))
        return i

    def place(self, where, o):
        i = self.simple(where, o, ("region", "city"), ("region", "city"), ("country", "adjectives"))
        if "adjectives" in o:   # regions: "steirisch", "bavarian" (German lower case)
            if not str(o.get("id", "")).startswith("region/"):
                self.err(where, "'adjectives' is only for regions (cities use their country's)")
            self.lang_map(where, o, "adjectives")
        self.refs.append((where, "country", o.get("country"), ("country",)))
        return i

    def person(self, where, o):
        self.unknown(where, o, {"id", "name", "aliases", "gender", "roles"})
        i = self.check_id(where, o, ("person",))
        self.str_field(where, o, "name")
        self.str_list(where, o.get("aliases", []), "aliases")
        if o.get("gender", "m") not in ("m", "f"):
            self.err(where, "'gender' must be \"m\" or \"f\"")
        roles = o.get("roles", [])
        if not isinstance(roles, list):
            self.err(where, "'roles' must be a list")
            roles = []
        for n, r in enumerate(roles):
            w = "%s: roles[%d]" % (where, n)
            if not isinstance(r, dict):
                self.err(w, "role must be an object")
                continue
            self.unknown(w, r, {"role", "of", "from", "to"})
            if r.get("role") not in ROLES:
                self.err(w, "'role' must be one of %s" % sorted(ROLES))
                self.refs.append((w, "of", r.get("of"), ("country", "org", "group")))
            else:
                prefixes, kinds = ROLE_OF[r["role"]]
                self.refs.append((w, "of", r.get("of"), prefixes))
                if kinds is not None or r["role"] == "leader":
                    self.role_kinds.append((w, r["role"], r.get("of"), kinds))
            if r.get("of") is None:
                self.err(w, "missing required field 'of'")
            f = self.check_date(w, r["from"], "from") if "from" in r else None
            if "from" not in r:
                self.err(w, "missing required field 'from'")
            t = self.check_date(w, r["to"], "to") if "to" in r else None
            if f and t and t[:len(f)] < f[:len(t)]:
                self.err(w, "'to' %s is before 'from' %s" % (t, f))
        return i

    # ---- driver --------------------------------------------------------
    def load_dir(self, d, required):
        handlers = {"countries.jsonl": self.country, "organizations.jsonl": self.organization,
                    "groups.jsonl": self.group, "events.jsonl": self.event,
                    "places.jsonl": self.place, "people.jsonl": self.person}
        seen = {}
        extra = sorted(f for f in os.listdir(d) if f.endswith(".jsonl") and f not in FILES)
        for name in FILES + extra:
            path = os.path.join(d, name)
            if not os.path.exists(path):
                if required:
                    self.err(path, "file missing")
                continue
            with open(path, "rb") as fh:
                raw = fh.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                self.err(path, "not UTF-8 (%s)" % e)
                continue
            for ln, line in enumerate(text.split("\n"), 1):
                where = "%s:%d" % (path, ln)
                if not line.strip():
                    continue
                try:
                    o = json.loads(line)
                except ValueError as e:
                    self.err(where, "invalid JSON: %s" % e)
                    continue
                if not isinstance(o, dict):
                    self.err(where, "line must be a JSON object")
                    continue
                handler = handlers.get(name) or self.by_type(where, o)
                if handler is None:
                    continue
                i = handler(where, o)
                if i is None:
                    continue
                if i in seen:
                    self.err(where, "duplicate id %r (first at %s)" % (i, seen[i]))
                seen[i] = where
                self.entities[i] = (where, o)

    def by_type(self, where, o):
        """Handler for a line of a file with a non-standard name (the engine reads those by
        their "type" field; country lines are recognised by "code")."""
        t = o.get("type")
        h = {"organization": self.organization, "group": None, "event": self.event,
             "region": self.place, "city": self.place, "person": self.person}
        if t == "group":   # org-style armed group (org/ id) or collective actor (group/ id)
            return self.organization if str(o.get("id", "")).startswith("org/") else self.group
        if t in h:
            return h[t]
        if "code" in o:
            return self.country
        if str(o.get("id", "")).startswith("person/"):
            return self.person
        self.err(where, "cannot tell the entity kind: add \"type\" (organization, group, event, "
                 "region, city, person) or use a standard file name (%s)" % ", ".join(FILES))
        return None

    def check_refs(self):
        for where, key, ref, kinds in self.refs:
            if ref is None:
                continue
            if not isinstance(ref, str) or ref.split("/")[0] not in kinds:
                self.err(where, "'%s' must be an id of kind %s, got %r" % (key, kinds, ref))
            elif ref not in self.entities and not ref.startswith("city/"):
                self.err(where, "'%s' refers to unknown id %r" % (key, ref))
            elif ref.startswith("city/"):
                m = re.match(r"^city/gn(\d+)$", ref)
                if not m:
                    self.err(where, "'%s': bad city id %r" % (key, ref))
                else:
                    self.check_gn(where, m.group(1))

    def check_role_kinds(self):
        """`minister` names a ministry, `party_leader` a party (or branch), `parliament_member` a
        parliament; `leader` of a party is `party_leader`."""
        for w, role, of, kinds in self.role_kinds:
            ent = self.entities.get(of)
            if ent is None or not of.startswith("org/"):
                continue
            kind = ent[1].get("kind")
            if kinds is None:
                if role == "leader" and kind in ("party", "party_branch"):
                    self.err(w, "'leader' of party %s: use 'party_leader'" % of)
            elif kind not in kinds:
                self.err(w, "'%s' needs an org of kind %s; %s has kind %r"
                         % (role, "/".join(sorted(kinds)), of, kind))
        for i, (w, o) in sorted(self.entities.items()):
            if not i.startswith("org/"):
                continue
            p = self.entities.get(o.get("parent"))
            if o.get("kind") == "party_branch" and p and p[1].get("kind") != "party":
                self.err(w, "party_branch %s: parent %s is not kind=party" % (i, o["parent"]))

    def shared_ok(self, i, j):
        """Two organisations may share a name when both are national bodies (with a `kind`) of
        different countries ("Grüne", "Bundesrat", "Nationalrat", "Bundesregierung"): which one a
        text means depends on the country it is about (until the engine weighs that, the entity
        loaded first wins a tie; files load in name order)."""
        if not (i.startswith("org/") and j.startswith("org/")):
            return False
        a, b = self.entities[i][1], self.entities[j][1]
        ca, cb = a.get("country") or a.get("seat"), b.get("country") or b.get("seat")
        return bool(a.get("kind") and b.get("kind") and ca and cb and ca != cb)

    def check_aliases(self):
        owners = {}   # alias key -> [(id, where)]
        for i, (where, o) in sorted(self.entities.items()):
            names = set()
            if i.startswith("country/"):
                names.update([o.get("name_de"), o.get("name_en")])
                for lst in (o.get("aliases") or {}).values():
                    names.update(lst)
            elif i.startswith("person/") or i.startswith("org/"):
                names.add(o.get("name"))
                names.update(o.get("aliases") or [])
                names.update(o.get("abbrev") or [])
            else:
                names.add(o.get("name"))
                for lst in (o.get("aliases") or {}).values():
                    names.update(lst)
            for n in sorted(n for n in names if isinstance(n, str)):
                key = n.casefold()
                prev = owners.setdefault(key, [])
                for pi, pw in prev:
                    if pi != i and not self.shared_ok(pi, i):
                        self.err(where, "alias %r of %s is also claimed by %s (%s)"
                                 % (n, i, pi, pw))
                        break
                if all(pi != i for pi, _ in prev):
                    prev.append((i, where))

    def check_surnames(self):
        """A one-word person alias must not be another listed person's surname.

        Surname = last token of a multi-word name/alias; the first token also counts when it
        starts the names of two or more other people (family-name-first names: Kim, Li, Wang).
        A first token used by a single other person is a given name (Petro Poroshenko) and
        does not block the bare surname of someone else (Gustavo Petro -> "Petro")."""
        people = {i: (w, o) for i, (w, o) in self.entities.items() if i.startswith("person/")}
        last, first = {}, {}   # token -> set of person ids
        for i, (w, o) in people.items():
            for n in [o.get("name")] + list(o.get("aliases") or []):
                if isinstance(n, str) and " " in n:
                    toks = n.split()
                    last.setdefault(toks[-1], set()).add(i)
                    first.setdefault(toks[0], set()).add(i)
        for i, (w, o) in sorted(people.items()):
            for a in o.get("aliases") or []:
                if not isinstance(a, str) or " " in a:
                    continue
                others = last.get(a, set()) - {i}
                firsts = first.get(a, set()) - {i}
                if len(firsts) >= 2:
                    others |= firsts
                if others:
                    self.err(w, "bare surname alias %r of %s is shared with %s"
                             % (a, i, ", ".join(sorted(others))))

    def run(self, dirs, base_required):
        self.refs = []
        self.role_kinds = []
        for n, d in enumerate(dirs):
            self.load_dir(d, required=(n == 0 and base_required))
            if n > 0 and os.path.isdir(os.path.join(d, "kb")):   # kg also reads DIR/kb
                self.load_dir(os.path.join(d, "kb"), required=False)
        self.check_refs()
        self.check_role_kinds()
        self.check_aliases()
        self.check_surnames()
        return self.errors


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if args and args[0] == "--only":
        if len(args) != 2:
            print("usage: check.py --only DIR", file=sys.stderr)
            return 64
        dirs, base_required = [args[1]], False
    else:
        dirs, base_required = [here] + args, True
    for d in dirs:
        if not os.path.isdir(d):
            print("check.py: not a directory: %s" % d, file=sys.stderr)
            return 64
    c = Checker()
    errors = c.run(dirs, base_required)
    for e in errors:
        print(e, file=sys.stderr)
    counts = {}
    for i in c.entities:
        counts[i.split("/")[0]] = counts.get(i.split("/")[0], 0) + 1
    print("kb check: %s; %d error(s)" % (", ".join("%s=%d" % kv for kv in sorted(counts.items())),
                                         len(errors)))
    return 65 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
