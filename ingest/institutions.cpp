#include "ingest/institutions.h"

#include <algorithm>
#include <map>

#include "ingest/mentions.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

using Scope = InstitutionNoun::Scope;

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

// First letter upper case (ASCII and the German umlauts).
std::string Capitalize(std::string s) {
  if (s.empty()) return s;
  if (s[0] >= 'a' && s[0] <= 'z') {
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
  } else if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC3) {
    const unsigned char c = static_cast<unsigned char>(s[1]);
    if (c == 0xA4 || c == 0xB6 || c == 0xBC) s[1] = static_cast<char>(c - 0x20);  // ä ö ü
  }
  return s;
}

// German adjective ending for a noun of this gender in the nominative with
// the definite article's strong/weak pattern of a name ("Ukrainische
// Regierung", "Französisches Innenministerium", "Bayerischer Landtag").
std::string DeAdjective(const std::string& base, char gender) {
  switch (gender) {
    case 'm': return Capitalize(base + "er");
    case 'n': return Capitalize(base + "es");
    default: return Capitalize(base + "e");
  }
}

// Scope entity id without its kind prefix, for synthesized ids: "country/AT"
// -> "at", "region/iso-at-5" -> "iso-at-5", "city/gn2761369" -> "gn2761369".
std::string ScopeSlug(const std::string& id) {
  const size_t slash = id.find('/');
  return Lower(slash == std::string::npos ? id : id.substr(slash + 1));
}

struct Head {
  const InstitutionNoun* noun = nullptr;
  int b = -1, e = -1;          // tokens of the noun (multi-word English forms span several)
  std::string prefix;          // compound part before the noun, lower case ("innen", "us-außen")
  std::string name;            // the noun's own nominative form when the lexicon says "="
  const Portfolio* portfolio = nullptr;
  int prefix_actor = -1;       // catalogue actor of a hyphenated prefix ("US-Regierung")
};

struct Qualifier {
  int ent = -1;          // catalogue country/region/city
  int adj_b = -1;        // first token of a qualifying adjective (part of the mention)
  std::string adj_base;  // its lower-case base ("ukrainisch"), or "" for an invariant form
  std::string adj_form;  // invariant city/region adjective as written ("Salzburger")
  bool home = false;     // from the article's home country
};

class Detector {
 public:
  Detector(const InstitutionContext& ctx, const Doc& doc, std::vector<MentionSpan>* added)
      : ctx_(ctx), doc_(doc), toks_(doc.seg.tokens), added_(added), de_(IsGerman(doc.lang)) {}

  void Run() {
    for (size_t s = 0; s < doc_.seg.sentences.size(); ++s) {
      const Sentence& sent = doc_.seg.sentences[s];
      for (int k = sent.tok_begin; k < sent.tok_end; ++k) {
        if (!toks_[k].Is(kWord)) continue;
        Head h;
        // English institution names are capitalised and so already an unknown
        // name ("the Foreign Ministry"): the institution takes its place.
        const int um = doc_.mention_at[k];
        const bool unknown_name = um >= 0 && !de_ && doc_.mentions[um].cat < 0 &&
                                  doc_.mentions[um].te == k + 1 && doc_.mentions[um].fixed_id.empty();
        if ((um < 0 || unknown_name) && HeadAt(k, sent.tok_begin, &h)) {
          const size_t before = added_->size();
          Institution(h, static_cast<int>(s), sent.tok_begin, sent.tok_end);
          if (unknown_name && added_->size() > before) {
            // Absorbed (te == tb): the caller drops it when merging.
            if (doc_.mentions[um].tb < added_->back().tb) added_->back().tb = doc_.mentions[um].tb;
            absorbed_.push_back(um);
          }
          k = h.e - 1;
          continue;
        }
        ImpliedMinistry(k, static_cast<int>(s), sent.tok_begin, sent.tok_end);
      }
    }
  }

 private:
  bool IsPlace(int ent) const {
    if (ent < 0) return false;
    const std::string& t = ctx_.cat->entity(ent).type;
    return t == "country" || t == "city" || t == "region";
  }

  // The institution noun at token k (German: also a compound tail or the part
  // after a hyphen; English: the last word of a multi-word form).
  bool HeadAt(int k, int sb, Head* h) const {
    const Lexicon& lex = *ctx_.lex;
    const std::string& low = toks_[k].low;
    if (!de_) {
      if (lex.institution_lasts.count(low)) {
        std::string key = low;
        for (int j = k - 1; j >= sb && j >= k - 2; --j) {
          key = toks_[j].low + " " + key;
          if (const InstitutionNoun* n = lex.institutions.Find(key)) {
            h->noun = n;
            h->b = j;
          }
        }
      }
      if (!h->noun) {
        h->noun = lex.institutions.Find(low);
        h->b = k;
      }
      h->e = k + 1;
      if (!h->noun) return false;
      if (h->noun->kind == "ministry") EnglishPortfolio(h, sb);
      return true;
    }
    // German: the whole word, the part after the last hyphen, or a compound tail.
    std::string word = low, actor;
    const size_t dash = low.rfind('-');
    if (dash != std::string::npos && dash > 0 && dash + 1 < low.size()) {
      actor = low.substr(0, low.find('-'));
      word = low.substr(dash + 1);
    }
    const InstitutionNoun* n = lex.institutions.Find(word);
    std::string prefix;
    std::string_view tail;
    if (!n && word.size() > 4) {
      const size_t p0 = std::max<size_t>(
          2, word.size() > lex.max_institution_tail ? word.size() - lex.max_institution_tail : 0);
      for (size_t p = p0; p + 3 <= word.size(); ++p) {
        if ((static_cast<unsigned char>(word[p]) & 0xC0) == 0x80) continue;
        if ((n = lex.institution_tails.Find(std::string_view(word).substr(p)))) {
          prefix = word.substr(0, p);
          tail = std::string_view(word).substr(p);
          break;
        }
      }
    }
    if (!n) return false;
    h->noun = n;
    h->b = k;
    h->e = k + 1;
    h->prefix = prefix;
    if (n->kind == "ministry") {
      h->portfolio = ctx_.roles->PortfolioOf(prefix);
      if (!h->portfolio) return false;  // "Ministerium" alone, "Superministerium"
    }
    if (n->name.empty()) {
      // The word's own nominative: the compound's first part as written plus
      // the noun's base form ("Innenministeriums" -> "Innenministerium").
      // (The surface and its lower-case key have the same byte lengths.)
      const std::string_view surf = doc_.Tok(k);
      const size_t pre = (dash == std::string::npos ? 0 : dash + 1) + prefix.size();
      const std::string head(surf.substr(0, std::min(pre, surf.size())));
      h->name = head.empty() ? Capitalize(n->base) : head + n->base;
    }
    if (!actor.empty()) {
      for (const MentionSpan& m : doc_.mentions)
        if (m.partial && m.tb == k && m.cat >= 0) h->prefix_actor = m.cat;
      if (h->prefix_actor < 0) return false;  // "Anti-Regierung", "Ex-Regierung"
      // The compound names itself: "US-Regierung" (genitive "-s" dropped).
      std::string own(doc_.Tok(k));
      if (low.size() > n->base.size() && EndsWith(low, n->base + "s")) own.pop_back();
      if (h->name.empty()) h->name = own;
    }
    return true;
  }

  // "Foreign Ministry", "Ministry of Defence", "Defense Department".
  void EnglishPortfolio(Head* h, int sb) const {
    int k = h->b - 1;
    if (k >= sb) {
      if (k - 1 >= sb)
        if (const Portfolio* p =
                ctx_.roles->PortfolioOf(toks_[k - 1].low + " " + toks_[k].low)) {
          h->portfolio = p;
          h->b = k - 1;
          return;
        }
      if (const Portfolio* p = ctx_.roles->PortfolioOf(toks_[k].low)) {
        h->portfolio = p;
        h->b = k;
        return;
      }
    }
    const int se = doc_.seg.sentences[SentenceOf(h->e - 1)].tok_end;
    if (h->e + 1 < se && toks_[h->e].low == "of") {
      int j = h->e + 1;
      if (j < se && toks_[j].low == "the") ++j;
      for (int n = 2; n >= 1; --n) {
        if (j + n > se) continue;
        std::string key = toks_[j].low;
        for (int t = j + 1; t < j + n; ++t) key += " " + toks_[t].low;
        if (const Portfolio* p = ctx_.roles->PortfolioOf(key)) {
          h->portfolio = p;
          h->e = j + n;
          return;
        }
      }
    }
  }

  int SentenceOf(int k) const {
    int lo = 0, hi = static_cast<int>(doc_.seg.sentences.size()) - 1;
    while (lo < hi) {
      const int mid = (lo + hi + 1) / 2;
      if (doc_.seg.sentences[mid].tok_begin <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // The country/region/city an institution or role at tokens [b, e) belongs
  // to, from the words around it.
  Qualifier QualifierOf(int b, int e, int sb, int se, int prefix_actor, Scope scope) const {
    Qualifier q;
    const bool prefer_region = scope == Scope::kState;
    if (prefix_actor >= 0 && IsPlace(prefix_actor)) {
      q.ent = prefix_actor;
      return q;
    }
    // An adjective right before (or two before: "die ukrainische neue Regierung").
    for (int k = b - 1; k >= sb && k >= b - 2; --k) {
      if (!toks_[k].Is(kWord)) break;
      int first = k;
      int ent = ctx_.roles->AdjectiveEntity(doc_, k, sb, &first);
      if (ent >= 0) {
        q.ent = ent;
        q.adj_b = first;
        q.adj_base = de_ ? AdjectiveBase(toks_[k].low) : std::string(doc_.Tok(k));
        return q;
      }
      if (de_) {
        ent = PlaceAdjective(*ctx_.cat, doc_, k, prefer_region);
        if (ent >= 0) {
          q.ent = ent;
          q.adj_b = k;
          if (toks_[k].Is(kUpper)) q.adj_form = std::string(doc_.Tok(k));
          else q.adj_base = AdjectiveBase(toks_[k].low);
          return q;
        }
      }
      const int m = doc_.mention_at[k];
      if (m >= 0) {
        const MentionSpan& mm = doc_.mentions[m];
        // "Russlands Regierung", "Russia's government", "the Kiev government".
        if (mm.te == b && (mm.possessive || !de_) && IsPlace(mm.cat)) q.ent = PlaceOf(mm);
        return q;
      }
      // Only plain lower-case words (other adjectives) may stand between.
      if (toks_[k].Is(kUpper) || doc_.cue[k] != 0) break;
    }
    // After: genitive ("Regierung Frankreichs", "der Regierung der Ukraine"),
    // "in/von/of X", or a place name right after ("Staatsanwaltschaft Rom").
    int k = e;
    bool linked = false;
    while (k < se && (doc_.CueAt(k, CueId::kDet) || toks_[k].low == "of" || toks_[k].low == "in" ||
                      toks_[k].low == "von" || toks_[k].low == "im")) {
      linked = true;
      ++k;
      if (k - e > 2) break;
    }
    if (k < se) {
      const int m = doc_.mention_at[k];
      if (m >= 0 && IsPlace(doc_.mentions[m].cat) &&
          (linked || doc_.mentions[m].possessive || de_)) {
        q.ent = PlaceOf(doc_.mentions[m]);
        return q;
      }
    }
    return q;
  }

  // The place a mention names: a capital's city rather than its country
  // (Assign settles metonyms later; "Regierung in Kiew" maps the capital back).
  int PlaceOf(const MentionSpan& m) const {
    for (size_t i = 0; i < m.cands.size(); ++i)
      if (ctx_.cat->entity(m.cands[i]).type == "city" &&
          (m.cand_kinds.size() != m.cands.size() || m.cand_kinds[i] == Surface::kName))
        return m.cands[i];
    return m.cat;
  }

  // A place entity as the scope of an institution of this scope kind: a
  // capital stands for its country where the institution is national.
  int ScopeEntity(int ent, Scope scope) const {
    if (ent < 0) return -1;
    const EntityInfo& info = ctx_.cat->entity(ent);
    if (info.type == "city" && scope == Scope::kNational) {
      const int c = ctx_.cat->CapitalOf(info.geonames);
      return c;  // "Regierung in Kiew"; a non-capital city has no national government
    }
    if (info.type == "country" && (scope == Scope::kState || scope == Scope::kCity)) return -1;
    return ent;
  }

  void Institution(const Head& h, int s, int sb, int se) {
    const InstitutionNoun& n = *h.noun;
    Qualifier q = QualifierOf(h.b, h.e, sb, se, h.prefix_actor, n.scope);
    int scope = ScopeEntity(q.ent, n.scope);
    // "his government", "ihre Regierung": someone's, not the home country's.
    const bool owned = h.b - 1 >= sb && doc_.CueAt(h.b - 1, CueId::kPossessive);
    if (scope < 0) {
      q = Qualifier();
      if (owned) return;
      // Without a place named, a national institution is the home country's
      // only in a datelined article ("Wien – Das Innenministerium ...").
      if (n.scope == Scope::kNational && doc_.home_country >= 0 && doc_.home_dateline &&
          !OtherCountryIn(sb, se, doc_.home_country)) {
        scope = doc_.home_country;
        q.home = true;
      } else if (n.scope == Scope::kState && doc_.home_region >= 0) {
        // "die Landesregierung", "im Landtag" in an article about one state
        // (the region it names most, clearly).
        scope = doc_.home_region;
        q.home = true;
      } else if (!(n.kind == "ministry" && h.portfolio)) {
        return;  // "die Regierung", "die Polizei" of no place named
      }
    }
    // A place adjective taken for an unknown name ("Salzburger") is the
    // institution's now.
    if (q.adj_b >= 0) {
      const int um = doc_.mention_at[q.adj_b];
      if (um >= 0 && doc_.mentions[um].cat < 0 && !doc_.mentions[um].partial) absorbed_.push_back(um);
    }
    MentionSpan m;
    m.tb = q.adj_b >= 0 ? q.adj_b : h.b;
    m.te = h.e;
    m.sentence = s;
    m.type = "organization";
    m.surface = std::string(
        doc_.text.substr(toks_[m.tb].start, toks_[m.te - 1].end - toks_[m.tb].start));
    m.key = Lower(m.surface);
    m.scope = scope;
    Name(n, h.portfolio, h.name, q, scope, &m);
    added_->push_back(std::move(m));
  }

  // Display name, aliases and id (or the KB's entity) of an institution.
  void Name(const InstitutionNoun& n, const Portfolio* portfolio, const std::string& own_name,
            const Qualifier& q, int scope, MentionSpan* m) const {
    const std::string pid = portfolio ? portfolio->id : "";
    m->inst_kind = n.kind;
    const EntityInfo* place = scope >= 0 ? &ctx_.cat->entity(scope) : nullptr;
    if (place) {
      const int kb = ctx_.cat->FindInstitution(n.kind, pid, place->id);
      if (kb >= 0) {
        m->cat = kb;
        m->cands = {kb};
        m->kind = Surface::kName;
        return;
      }
    }
    const std::string head_de = !own_name.empty() ? own_name : n.name;
    const std::string head_en = portfolio && !portfolio->name_en.empty() ? portfolio->name_en : n.name_en;
    std::vector<std::string> names;  // first = display name
    if (de_) {
      std::string adj;
      if (!q.adj_form.empty()) adj = q.adj_form;
      else if (!q.adj_base.empty()) adj = DeAdjective(q.adj_base, n.gender);
      else if (place && !place->adj_de.empty()) adj = DeAdjective(place->adj_de, n.gender);
      if (own_name.find('-') != std::string::npos) names.push_back(own_name);  // "US-Regierung"
      if (!adj.empty()) names.push_back(adj + " " + head_de);
      else if (place && !q.home) names.push_back(head_de + " " + place->name);
      names.push_back(head_de);
      if (place && !place->adj_en.empty()) names.push_back(place->adj_en + " " + head_en);
    } else {
      if (place && !place->adj_en.empty()) names.push_back(place->adj_en + " " + head_en);
      else if (place) names.push_back(head_en + " of " + place->name);
      names.push_back(head_en);
    }
    m->fixed_name = names.front();
    for (size_t i = 1; i < names.size(); ++i)
      if (names[i] != m->fixed_name) m->fixed_aliases.push_back(names[i]);
    if (place)
      m->fixed_id = "org/" + n.kind + (pid.empty() ? "" : "-" + pid) + "-" + ScopeSlug(place->id);
    else
      m->fixed_id = "org/" + Slug(m->fixed_name);
  }

  // "Sozialminister Rudolf Hundstorfer", "der französische Innenminister
  // Bernard Cazeneuve", "Außenminister Kurz", "X, the Interior Minister":
  // the ministry the title implies, as a partial mention on the title.
  void ImpliedMinistry(int k, int s, int sb, int se) {
    if (!ctx_.roles->MayEndRole(toks_[k].low)) return;
    RoleMatch rm;
    if (!ctx_.roles->At(doc_, k, sb, &rm) || rm.role->target != RoleTarget::kMinistry) return;
    if (rm.former || rm.honorary) return;
    // The next token may extend a multi-word role ("Foreign" + "Minister").
    if (k + 1 < se) {
      RoleMatch next;
      if (ctx_.roles->At(doc_, k + 1, sb, &next) && next.start <= k) return;
    }
    const Portfolio* portfolio = rm.portfolio;
    if (!portfolio && !de_ && rm.start - 1 >= sb)
      portfolio = ctx_.roles->PortfolioOf(toks_[rm.start - 1].low);  // "Health Minister"
    if (!portfolio) return;
    if (!PersonAttached(rm.start, rm.end, sb, se)) return;
    const InstitutionNoun* ministry = ctx_.lex->institutions.Find(de_ ? "ministerium" : "ministry");
    if (!ministry) return;
    Qualifier q = QualifierOf(rm.start, rm.end, sb, se, rm.prefix_ent, Scope::kNational);
    int scope = ScopeEntity(q.ent, Scope::kNational);
    if (scope < 0) {
      q = Qualifier();
      // The country whose minister the KB records the person as ("Secretary of
      // State Antony Blinken"), else the article's home country when the
      // sentence names no other.
      scope = KbMinisterCountry(*rm.role, *portfolio, rm.end, sb, se);
      if (scope < 0 && doc_.home_country >= 0 && doc_.home_dateline &&
          !OtherCountryIn(sb, se, doc_.home_country)) {
        scope = doc_.home_country;
        q.home = true;
      }
    }
    std::string own;
    if (de_) {
      // "Bundesjustizminister" -> "Bundesjustizministerium".
      const std::string_view surf = doc_.Tok(rm.end - 1);
      const size_t at = toks_[rm.end - 1].low.rfind("minister");
      if (at == std::string::npos) return;
      own = std::string(surf.substr(0, at)) + "ministerium";
      if (at == 0) return;
    }
    MentionSpan m;
    m.tb = rm.start;
    m.te = rm.end;
    m.partial = true;
    m.from_role = true;
    m.cb = static_cast<int>(toks_[rm.start].start);
    m.ce = static_cast<int>(toks_[rm.end - 1].end);
    m.sentence = s;
    m.type = "organization";
    m.surface = std::string(doc_.text.substr(m.cb, m.ce - m.cb));
    m.key = Lower(own.empty() ? portfolio->name_en : own);
    m.scope = scope;
    Name(*ministry, portfolio, own, q, scope, &m);
    added_->push_back(std::move(m));
  }

  // The country of the ministry the KB person right after the title held
  // (any date: the text states the office).
  int KbMinisterCountry(const RoleNoun& role, const Portfolio& portfolio, int e, int sb,
                        int se) const {
    const int m = e < se ? doc_.mention_at[e] : -1;
    (void)sb;
    if (m < 0) return -1;
    for (int c : doc_.mentions[m].cands.empty() ? std::vector<int>{doc_.mentions[m].cat}
                                                : doc_.mentions[m].cands) {
      if (c < 0 || ctx_.cat->entity(c).type != "person") continue;
      for (const auto& kr : ctx_.cat->entity(c).roles) {
        const bool named_role =
            std::find(role.kb_roles.begin(), role.kb_roles.end(), kr.role) != role.kb_roles.end();
        const int of = ctx_.cat->Find(kr.of);
        if (of < 0) continue;
        const EntityInfo& o = ctx_.cat->entity(of);
        if (named_role && o.type == "country" && kr.role != "minister") return of;
        if (o.kind == "ministry" && o.portfolio == portfolio.id) {
          const int c2 = ctx_.cat->Find(o.scope);
          if (c2 >= 0) return c2;
        }
      }
    }
    return -1;
  }

  bool OtherCountryIn(int sb, int se, int home) const {
    for (int k = sb; k < se; ++k) {
      const int m = doc_.mention_at[k];
      if (m < 0) continue;
      for (int c : doc_.mentions[m].cands.empty() ? std::vector<int>{doc_.mentions[m].cat}
                                                  : doc_.mentions[m].cands)
        if (c >= 0 && c != home && ctx_.cat->entity(c).type == "country") return true;
    }
    return false;
  }

  // A person's name next to the title: "Innenminister Sobotka", "X,
  // Innenminister ...", "X als Innenminister", "Interior Minister Jane Doe".
  bool PersonAttached(int b, int e, int sb, int se) const {
    if (e < se && toks_[e].Is(kWord) && toks_[e].Is(kUpper)) return true;
    int k = b - 1;
    while (k >= sb && toks_[k].Is(kWord) && !toks_[k].Is(kUpper) && doc_.cue[k] == 0) --k;  // adjectives
    while (k >= sb && doc_.CueAt(k, CueId::kDet)) --k;
    if (k >= sb && (toks_[k].low == "als" || toks_[k].low == "as")) return true;
    return k > sb && toks_[k].low == "," && doc_.mention_at[k - 1] >= 0;
  }


 public:
  std::vector<int> absorbed_;  // unknown-name mentions an institution replaces

 private:
  const InstitutionContext& ctx_;
  const Doc& doc_;
  const std::vector<Token>& toks_;
  std::vector<MentionSpan>* added_;
  const bool de_;
};

}  // namespace

int PlaceAdjective(const Catalog& cat, const Doc& doc, int k, bool prefer_region) {
  const Token& t = doc.seg.tokens[k];
  if (!t.Is(kWord) || t.low.size() < 5) return -1;
  auto find = [&](const std::string& key) -> int {
    const auto* v = cat.Lookup(key);
    if (!v) return -1;
    int city = -1, region = -1;
    for (const auto& e : *v) {
      if (e.kind != Surface::kName && e.kind != Surface::kAdjective) continue;
      const std::string& ty = cat.entity(e.entity).type;
      if (ty == "city" && city < 0) city = e.entity;
      if (ty == "region" && region < 0) region = e.entity;
    }
    if (prefer_region && region >= 0) return region;
    return city >= 0 ? city : region;
  };
  const std::string& low = t.low;
  if (t.Is(kUpper) && EndsWith(low, "er")) {
    // "Salzburger", "Wiener", "Kärntner", "Münchner", "Tiroler".
    const std::string stem = low.substr(0, low.size() - 2);
    for (const std::string& key : {stem, stem + "en", stem + "n"})
      if (int e = find(key); e >= 0) return e;
    return -1;
  }
  if (!t.Is(kUpper)) {
    // "niederösterreichische", "bayerischen".
    const std::string base = AdjectiveBase(low);
    if (!EndsWith(base, "isch")) return -1;
    const std::string stem = base.substr(0, base.size() - 4);
    for (const std::string& key : {stem, stem + "n", stem + "en"})
      if (int e = find(key); e >= 0) return e;
  }
  return -1;
}

// The key counted most often, when it is counted at least twice and more
// often than any other; else -1.
static int ClearLeader(const std::map<int, int>& count) {
  int best = -1, n1 = 0, n2 = 0;
  for (auto [c, n] : count) {
    if (n > n1) {
      n2 = n1;
      n1 = n;
      best = c;
    } else if (n > n2) {
      n2 = n;
    }
  }
  return n1 >= 2 && n1 > n2 ? best : -1;
}

int HomeRegion(const Catalog& cat, const Doc& doc) {
  std::map<int, int> count;
  for (const MentionSpan& m : doc.mentions) {
    if (m.partial || m.cat < 0) continue;
    const EntityInfo& e = cat.entity(m.cat);
    if (e.type == "region") {
      count[m.cat]++;
    } else if (e.kind == "party_branch" && e.scope.rfind("region/", 0) == 0) {
      // "Salzburger ÖVP": a region's party branch places the article there.
      if (const int r = cat.Find(e.scope); r >= 0) count[r]++;
    }
  }
  if (count.size() == 1 && count.begin()->second == 1) {
    // One mention of one region alone: enough when it is a branch's, the
    // mark of regional politics.
    for (const MentionSpan& m : doc.mentions)
      if (!m.partial && m.cat >= 0 && cat.entity(m.cat).kind == "party_branch") return count.begin()->first;
  }
  return ClearLeader(count);
}

int HomeCountry(const Catalog& cat, const Doc& doc, bool* dateline) {
  if (dateline) *dateline = false;
  const auto& toks = doc.seg.tokens;
  auto country_of = [&](int ent) -> int {
    if (ent < 0) return -1;
    const EntityInfo& info = cat.entity(ent);
    if (info.type == "country") return ent;
    if (info.type == "city") {
      if (int c = cat.CapitalOf(info.geonames); c >= 0) return c;
    }
    return info.country.empty() ? -1 : cat.Find(info.country);
  };
  // A dateline: a place at the start of a line, then (after "/Place") a dash.
  for (const MentionSpan& m : doc.mentions) {
    if (m.partial || m.cat < 0 || m.te >= static_cast<int>(toks.size())) continue;
    const uint32_t start = toks[m.tb].start;
    if (!(start == 0 || doc.text[start - 1] == '\n')) continue;
    int k = m.te;
    while (k + 1 < static_cast<int>(toks.size()) && toks[k].low == "/") {
      const int n = doc.mention_at[k + 1];
      k = n >= 0 ? doc.mentions[n].te : k + 2;
    }
    if (k < static_cast<int>(toks.size()) &&
        (toks[k].low == "–" || toks[k].low == "-" || toks[k].low == "—")) {
      int best = -1;
      for (int c : m.cands.empty() ? std::vector<int>{m.cat} : m.cands)
        if (cat.entity(c).type == "city") best = country_of(c);
      if (best < 0) best = country_of(m.cat);
      if (best >= 0) {
        if (dateline) *dateline = true;
        return best;
      }
    }
  }
  std::map<int, int> count;
  for (const MentionSpan& m : doc.mentions)
    if (m.cat >= 0 && cat.entity(m.cat).type == "country" && m.kind != Surface::kMetonym)
      count[m.cat]++;
  return ClearLeader(count);
}

void DetectInstitutions(const InstitutionContext& ctx, Doc* doc, std::vector<MentionSpan>* added) {
  Detector d(ctx, *doc, added);
  d.Run();
  for (int m : d.absorbed_) doc->mentions[m].te = doc->mentions[m].tb;
}

}  // namespace kg::ingest
