#include "ingest/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ingest/stemmer.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    std::string part = Trim(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (!part.empty()) out.push_back(part);
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

// Calls fn(fields, line_number) for each non-comment line; fn returns an
// error message or "".
template <typename Fn>
Status ForLines(const std::string& path, Fn fn) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::OK();
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read " + path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    std::vector<std::string> fields;
    size_t i = 0;
    while (true) {
      size_t j = line.find('\t', i);
      fields.push_back(Trim(line.substr(i, j == std::string::npos ? std::string::npos : j - i)));
      if (j == std::string::npos) break;
      i = j + 1;
    }
    std::string err = fn(fields);
    if (!err.empty()) return Status::Corruption(path + ":" + std::to_string(n) + ": " + err);
  }
  return Status::OK();
}

std::string ParseFrame(const std::string& spec, Frame* f, bool noun) {
  f->obj = noun ? ObjMode::kNone : ObjMode::kDirect;
  for (const auto& part : SplitWs(spec)) {
    auto eq = part.find('=');
    std::string k = part.substr(0, eq), v = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (k == "obj") {
      if (v == "direct") f->obj = ObjMode::kDirect;
      else if (v == "none") f->obj = ObjMode::kNone;
      else if (v == "appos") f->obj = ObjMode::kAppos;
      else if (v == "group") f->obj = ObjMode::kGroup;
      else if (v.rfind("prep:", 0) == 0) {
        f->obj = ObjMode::kPrep;
        for (auto& p : SplitOn(v.substr(5), '|')) f->preps.push_back(Lower(p));
      } else {
        return "unknown obj= value '" + v + "'";
      }
    } else if (k == "pair") {
      f->obj = ObjMode::kPair;
      for (auto& p : SplitOn(v, '|')) f->preps.push_back(Lower(p));
    } else if (k == "passive") {
      f->passive = true;
    } else if (k == "gen") {
      if (v == "subj") f->gen = 1;
      else if (v == "obj") f->gen = 2;
      else return "gen= must be subj or obj";
    } else if (k == "cue") {
      for (auto& p : SplitOn(v, '|')) f->cues.push_back(Lower(p));
    } else if (k == "nocue") {
      for (auto& p : SplitOn(v, '|')) f->nocues.push_back(Lower(p));
    } else if (k == "sym") {
      f->sym_group = true;
    } else if (k == "nosport") {
      f->nosport = true;
    } else if (k == "conf") {
      f->conf = std::atof(v.c_str());
      if (f->conf <= 0 || f->conf > 1) return "conf= must be in (0, 1]";
    } else {
      return "unknown frame field '" + k + "'";
    }
  }
  return "";
}

// roles.tsv third column: "leader target=ministry portfolio=interior", ...
std::string ParseRoleFlags(const std::string& spec, RoleNoun* r) {
  for (const auto& part : SplitWs(spec)) {
    auto eq = part.find('=');
    const std::string k = part.substr(0, eq), v = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (k == "leader") r->leader = true;
    else if (k == "member") r->member = true;
    else if (k == "deputy") r->deputy = true;
    else if (k == "verify" && v == "kb") r->verify_kb = true;
    else if (k == "portfolio") r->portfolio = v;
    else if (k == "target") {
      static const std::pair<const char*, RoleTarget> kTargets[] = {
          {"any", RoleTarget::kAny},       {"country", RoleTarget::kCountry},
          {"ministry", RoleTarget::kMinistry}, {"government", RoleTarget::kGovernment},
          {"region", RoleTarget::kRegion}, {"city", RoleTarget::kCity},
          {"org", RoleTarget::kOrg},       {"party", RoleTarget::kParty},
          {"team", RoleTarget::kTeam}};
      bool ok = false;
      for (const auto& [name, t] : kTargets)
        if (v == name) {
          r->target = t;
          ok = true;
        }
      if (!ok) return "unknown target '" + v + "'";
    } else {
      return "unknown role flag '" + part + "'";
    }
  }
  if (r->deputy) r->leader = false, r->member = true;
  return "";
}

bool KnownPredicate(const std::string& p) {
  static const std::unordered_set<std::string> k = {
      "meets", "visits", "located_in", "leader_of", "member_of", "allied_with", "cooperates_with",
      "supplies", "attacks", "supports", "opposes", "threatens", "sanctions", "negotiates_with"};
  return k.count(p) > 0;
}

}  // namespace

bool ParseCueId(std::string_view name, CueId* out) {
  static const char* const kCueNames[] = {
      "speculated",    "reported",       "report_prefix", "negation",        "negation_exception",
      "location_prep", "place_prep",     "origin_prep",   "agent_prep",      "prep",
      "det",           "possessive",     "relative",      "coord",           "passive_aux",
      "particle",      "person_context", "org_suffix",    "place_noun",      "date_rel",
      "subordinator",  "pronoun",        "actor_head",    "anaphor_country", "singular",
      "article_prep",  "org_head",       "place_head",    "event_head",      "person_head",
      "anaphor_event", "former",        "actor_verb", "content_noun",    "place_context"};
  static_assert(sizeof(kCueNames) / sizeof(kCueNames[0]) == static_cast<size_t>(CueId::kCount));
  for (size_t i = 0; i < static_cast<size_t>(CueId::kCount); ++i)
    if (name == kCueNames[i]) {
      *out = static_cast<CueId>(i);
      return true;
    }
  return false;
}

namespace {

// One verb of a PETRARCH/TABARI dictionary as a trigger of `predicate`.
void AddVerbTrigger(const std::string& predicate, const std::string& form, const Frame& frame,
                    const std::string& rule, const Stemmer& stemmer, Lexicon* lex) {
  Trigger t;
  t.predicate = predicate;
  t.frame = frame;
  t.rule = rule;
  const std::string stem = stemmer.Stem(form);
  if (stem.size() >= 3) lex->verb_heads.insert(Head3(stem));
  else lex->short_verb_stem = true;
  auto& vec = lex->verbs[stem];
  for (const Trigger& x : vec)
    if (x.predicate == predicate && x.particle.empty()) return;  // the hand-made line wins
  vec.push_back(std::move(t));
}

// PETRARCH/TABARI CAMEO verb dictionaries (format: PETRARCH2's
// dictionaries.rst): blocks "--- NAME [code] ---" of verbs, one per line,
// optionally with irregular forms in {} and their own [code]; pattern lines
// ("- * ...") are not used. `codes` maps code prefixes to predicates.
Status LoadVerbsFile(const std::string& path, const std::vector<CameoCode>& codes,
                     const std::string& lang, const Stemmer& stemmer, Lexicon* lex) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read " + path);
  auto map_code = [&](const std::string& code) -> const CameoCode* {
    const CameoCode* best = nullptr;
    for (const CameoCode& c : codes)
      if ((!best || c.prefix.size() > best->prefix.size()) &&
          code.compare(0, c.prefix.size(), c.prefix) == 0)
        best = &c;
    return best && best->predicate != "-" ? best : nullptr;
  };
  auto code_in = [](const std::string& s) -> std::string {  // "[042:043]" -> "042"
    const size_t a = s.find('[');
    if (a == std::string::npos) return "";
    const size_t b = s.find_first_of(":]", a + 1);
    if (b == std::string::npos) return "";
    return s.substr(a + 1, b - a - 1);
  };
  std::string line, block_code;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (const size_t h = line.find('#'); h != std::string::npos) line.resize(h);
    const std::string t = Trim(line);
    if (t.empty()) continue;
    if (t.rfind("---", 0) == 0) {
      block_code = code_in(t);
      continue;
    }
    // Patterns ("- * ..."), multi-word verbs ("+DRESS_DOWN", "COME_AFTER") and
    // synonym-set markers ("~") are not single-word verbs.
    if (t[0] == '-' || t[0] == '+' || t[0] == '&' || t[0] == '[' || t[0] == '~') continue;
    const size_t sp = t.find_first_of(" \t{[");
    const std::string lemma = Lower(t.substr(0, sp));
    if (lemma.empty() || lemma.find('_') != std::string::npos) continue;
    bool ok = true;
    for (char c : lemma) ok &= (c >= 'a' && c <= 'z') || c == '-' || c == '\'';
    if (!ok) return Status::Corruption(path + ":" + std::to_string(n) + ": unexpected verb '" + lemma + "'");
    std::string code = code_in(t.substr(std::min(t.size(), t.find('}') == std::string::npos ? sp : t.find('}'))));
    if (code.empty()) code = block_code;
    const CameoCode* target = code.empty() || code == "---" ? nullptr : map_code(code);
    if (!target || (!target->only.empty() && !target->only.count(lemma))) continue;
    std::vector<std::string> forms = {lemma};
    if (const size_t a = t.find('{'); a != std::string::npos) {
      const size_t b = t.find('}', a);
      for (const auto& f : SplitWs(t.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1)))
        forms.push_back(Lower(f));
    }
    for (const auto& form : forms)
      AddVerbTrigger(target->predicate, form, target->frame,
                     lang + ".verb." + target->predicate + "." + form + ".cameo" + code, stemmer, lex);
  }
  return Status::OK();
}

}  // namespace

Status LoadLexiconDir(const std::string& dir, const std::string& lang, const Stemmer& stemmer,
                      Lexicon* lex) {
  lex->lang = lang;
  std::string base = dir + "/" + lang + "/";
  KG_RETURN_IF_ERROR(ForLines(base + "relations.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 3) return "expected: predicate<TAB>verb|noun<TAB>forms[<TAB>frame]";
    if (!KnownPredicate(f[0])) return "unknown predicate '" + f[0] + "'";
    if (f[1] != "verb" && f[1] != "noun") return "kind must be verb or noun";
    bool noun = f[1] == "noun";
    Frame frame;
    std::string err = ParseFrame(f.size() > 3 ? f[3] : "", &frame, noun);
    if (!err.empty()) return err;
    for (const auto& form : SplitOn(f[2], ',')) {
      Trigger t;
      t.predicate = f[0];
      t.noun = noun;
      t.frame = frame;
      std::string word = Lower(form);
      auto plus = word.find('+');
      if (plus != std::string::npos) {
        t.particle = word.substr(plus + 1);
        word = word.substr(0, plus);
      }
      t.rule = lang + "." + f[1] + "." + f[0] + "." + word + (t.particle.empty() ? "" : "+" + t.particle);
      std::string stem = stemmer.Stem(word);
      if (noun) lex->max_noun_stem = std::max(lex->max_noun_stem, stem.size());
      if (noun && stem.size() >= 3) lex->noun_tails.insert(Tail3(stem));
      if (!noun && stem.size() >= 3) lex->verb_heads.insert(Head3(stem));
      if (!noun && stem.size() < 3) lex->short_verb_stem = true;
      auto& vec = (noun ? lex->nouns : lex->verbs)[stem];
      vec.push_back(std::move(t));
    }
    return "";
  }));
  // PETRARCH/TABARI verb dictionaries (*.verbs) with the event codes of
  // cameo_codes.tsv (this directory's, else the last one loaded).
  KG_RETURN_IF_ERROR(ForLines(base + "cameo_codes.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 2) return "expected: code<TAB>predicate|-[<TAB>frame[<TAB>only=verb,...]]";
    if (f[1] != "-" && !KnownPredicate(f[1])) return "unknown predicate '" + f[1] + "'";
    CameoCode c;
    c.prefix = f[0];
    c.predicate = f[1];
    c.frame.conf = 0.7;
    if (f.size() > 2) {
      std::string err = ParseFrame(f[2], &c.frame, false);
      if (!err.empty()) return err;
    }
    if (f.size() > 3) {
      if (f[3].rfind("only=", 0) != 0) return "fourth column must be only=verb,verb,...";
      for (const auto& v : SplitOn(f[3].substr(5), ',')) c.only.insert(Lower(v));
    }
    lex->cameo_codes.push_back(std::move(c));
    return "";
  }));
  {
    std::error_code ec;
    std::vector<std::string> files;
    if (std::filesystem::is_directory(base, ec))
      for (const auto& e : std::filesystem::directory_iterator(base, ec))
        if (e.path().extension() == ".verbs") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (lex->cameo_codes.empty())
        return Status::Corruption(f + ": no cameo_codes.tsv maps its event codes to predicates");
      KG_RETURN_IF_ERROR(LoadVerbsFile(f, lex->cameo_codes, lang, stemmer, lex));
    }
  }
  KG_RETURN_IF_ERROR(ForLines(base + "roles.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 2) return "expected: forms<TAB>kb_roles|title[<TAB>flags]";
    RoleNoun r;
    if (f[1] == "title") r.title = true;
    else if (f[1] != "-") r.kb_roles = SplitOn(f[1], ',');
    if (f.size() > 2) {
      std::string err = ParseRoleFlags(f[2], &r);
      if (!err.empty()) return err;
    }
    for (const auto& form : SplitOn(f[0], ',')) {
      std::string k = NormKey(form);
      lex->roles[k] = r;
      lex->max_role = std::max(lex->max_role, k.size());
      if (k.size() >= 3) lex->role_tails.insert(Tail3(k));
      if (k.find(' ') != std::string::npos)
        for (const auto& part : SplitWs(k)) lex->role_parts.TryEmplace(part);
    }
    return "";
  }));
  KG_RETURN_IF_ERROR(ForLines(base + "institutions.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 6) return "expected: forms<TAB>kind<TAB>gender<TAB>name<TAB>English name<TAB>scope";
    InstitutionNoun n;
    n.kind = f[1];
    if (f[2] == "m" || f[2] == "f" || f[2] == "n") n.gender = f[2][0];
    else if (f[2] == "pl") n.gender = 'p';
    else if (f[2] != "-") return "gender must be m, f, n, pl or -";
    n.name = f[3] == "=" ? "" : f[3];
    n.name_en = f[4];
    if (f[5] == "national") n.scope = InstitutionNoun::Scope::kNational;
    else if (f[5] == "state") n.scope = InstitutionNoun::Scope::kState;
    else if (f[5] == "city") n.scope = InstitutionNoun::Scope::kCity;
    else if (f[5] == "place") n.scope = InstitutionNoun::Scope::kPlace;
    else return "scope must be national, state, city or place";
    const std::vector<std::string> forms = SplitOn(f[0], ',');
    if (forms.empty()) return "no forms";
    n.base = NormKey(forms[0][0] == '*' ? forms[0].substr(1) : forms[0]);
    for (const auto& form : forms) {
      const bool tail = form[0] == '*';
      const std::string k = NormKey(tail ? form.substr(1) : form);
      if (k.empty()) return "empty form";
      if (tail) {
        lex->institution_tails[k] = n;
        lex->max_institution_tail = std::max(lex->max_institution_tail, k.size());
      }
      lex->institutions[k] = n;
      if (k.find(' ') != std::string::npos) lex->institution_lasts.TryEmplace(k.substr(k.rfind(' ') + 1));
    }
    return "";
  }));
  KG_RETURN_IF_ERROR(ForLines(base + "portfolios.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 2) return "expected: word<TAB>portfolio[<TAB>English name]";
    Portfolio p{Lower(f[1]), f.size() > 2 ? f[2] : ""};
    const std::string k = NormKey(f[0]);
    lex->max_portfolio = std::max(lex->max_portfolio, k.size());
    lex->portfolios[k] = std::move(p);
    return "";
  }));
  KG_RETURN_IF_ERROR(ForLines(base + "cues.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 2) return "expected: word<TAB>kind[<TAB>value]";
    std::string w = NormKey(f[0]);
    for (const auto& k : SplitOn(f[1], ',')) {
      CueId id;
      if (!ParseCueId(k, &id)) return "unknown cue kind '" + k + "' (see ingest/data/README.md)";
      auto& e = lex->cues[w];
      if (e.first.empty()) e.first = k;
      e.mask |= CueBit(id);
    }
    if (f.size() > 2) lex->cue_values[w] = std::atoi(f[2].c_str());
    return "";
  }));
  KG_RETURN_IF_ERROR(ForLines(base + "abbreviations.txt", [&](const std::vector<std::string>& f) -> std::string {
    std::string a = NormKey(f[0]);
    while (!a.empty() && a.back() == '.') a.pop_back();
    if (!a.empty()) lex->abbreviations.insert(a);
    return "";
  }));
  KG_RETURN_IF_ERROR(
      ForLines(dir + "/common/sport_codes.txt", [&](const std::vector<std::string>& f) -> std::string {
        for (auto& w : SplitWs(f[0])) lex->sport_codes.TryEmplace(NormKey(w));
        return "";
      }));
  for (const std::string& file : {base + "first_names.txt", dir + "/common/given_names.txt"})
    KG_RETURN_IF_ERROR(ForLines(file, [&](const std::vector<std::string>& f) -> std::string {
      for (auto& w : SplitWs(f[0])) lex->first_names.TryEmplace(NormKey(w));
      return "";
    }));
  KG_RETURN_IF_ERROR(
      ForLines(base + "stopwords.txt", [&](const std::vector<std::string>& f) -> std::string {
        for (auto& w : SplitWs(f[0])) lex->stopwords.TryEmplace(NormKey(w));
        return "";
      }));
  KG_RETURN_IF_ERROR(
      ForLines(base + "ordinal_nouns.txt", [&](const std::vector<std::string>& f) -> std::string {
        for (auto& w : SplitWs(f[0])) lex->ordinal_nouns.TryEmplace(NormKey(w));
        return "";
      }));
  KG_RETURN_IF_ERROR(
      ForLines(base + "sport_words.txt", [&](const std::vector<std::string>& f) -> std::string {
        for (auto& w : SplitWs(f[0])) lex->sport_words.TryEmplace(NormKey(w));
        return "";
      }));
  KG_RETURN_IF_ERROR(
      ForLines(base + "party_adjectives.tsv", [&](const std::vector<std::string>& f) -> std::string {
        if (f.size() < 3) return "expected: adjective<TAB>country id<TAB>party id";
        lex->party_adjectives[NormKey(f[0])].emplace_back(f[1], f[2]);
        return "";
      }));
  KG_RETURN_IF_ERROR(
      ForLines(base + "media_heads.txt", [&](const std::vector<std::string>& f) -> std::string {
        for (auto& w : SplitWs(f[0])) lex->media_heads.TryEmplace(NormKey(w));
        return "";
      }));
  KG_RETURN_IF_ERROR(ForLines(base + "months.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 2) return "expected: name<TAB>month number";
    lex->months[NormKey(f[0])] = std::atoi(f[1].c_str());
    return "";
  }));
  KG_RETURN_IF_ERROR(ForLines(base + "weekdays.tsv", [&](const std::vector<std::string>& f) -> std::string {
    if (f.size() < 2) return "expected: name<TAB>ISO weekday (1 = Monday)";
    lex->weekdays[NormKey(f[0])] = std::atoi(f[1].c_str());
    return "";
  }));
  return Status::OK();
}

}  // namespace kg::ingest
