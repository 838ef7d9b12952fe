#include "ingest/affiliation.h"

#include <algorithm>

#include "ingest/roles.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

class Affiliations {
 public:
  Affiliations(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out)
      : ctx_(ctx),
        doc_(doc),
        toks_(doc.seg.tokens),
        roles_(*ctx.cat, *ctx.lex),
        out_(out),
        de_(IsGerman(doc.lang)),
        parts_at_(toks_.size()) {
    for (size_t m = 0; m < doc.mentions.size(); ++m)
      if (doc.mentions[m].partial && doc.mentions[m].ent >= 0)
        for (int k = doc.mentions[m].tb; k < doc.mentions[m].te; ++k)
          parts_at_[k].push_back(static_cast<int>(m));
  }

  void Run() {
    for (size_t s = 0; s < doc_.seg.sentences.size(); ++s) {
      const Sentence& sent = doc_.seg.sentences[s];
      const int sb = sent.tok_begin, se = sent.tok_end;
      for (int k = sb; k < se; ++k) {
        if (!toks_[k].Is(kWord)) continue;
        if (const int m = doc_.mention_at[k]; m >= 0 && !doc_.mentions[m].from_role) continue;
        if (!roles_.MayEndRole(toks_[k].low)) continue;
        RoleMatch rm;
        if (!roles_.At(doc_, k, sb, &rm)) continue;
        if (k + 1 < se) {  // the next token may extend a multi-word role
          RoleMatch next;
          if (roles_.At(doc_, k + 1, sb, &next) && next.start <= k) continue;
        }
        Role(rm, static_cast<int>(s), sb, se);
      }
      Parentheses(static_cast<int>(s), sb, se);
      Prepositions(static_cast<int>(s), sb, se);
    }
  }

 private:
  // ---- entities ----
  int SentenceOf(int k) const {
    int lo = 0, hi = static_cast<int>(doc_.seg.sentences.size()) - 1;
    while (lo < hi) {
      const int mid = (lo + hi + 1) / 2;
      if (doc_.seg.sentences[mid].tok_begin <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  int EntAt(int k) const {
    if (k < 0 || k >= static_cast<int>(toks_.size())) return -1;
    const int m = doc_.mention_at[k];
    return m >= 0 ? doc_.mentions[m].ent : -1;
  }
  const std::string& Type(int ent) const { return doc_.entities[ent].type; }
  bool IsPerson(int ent) const { return ent >= 0 && Type(ent) == "person"; }
  bool IsOrg(int ent) const {
    return ent >= 0 && (Type(ent) == "organization" || Type(ent) == "group");
  }
  // A government or ministry (institutions.cpp, or the KB's of that kind).
  bool IsInstitution(int ent) const {
    if (!IsOrg(ent)) return false;
    const std::string& k = doc_.entities[ent].kind;
    return k == "ministry" || k == "government";
  }

  bool IsPlace(int ent) const {
    return ent >= 0 && (Type(ent) == "country" || Type(ent) == "city" || Type(ent) == "region");
  }
  const MentionSpan* MentionOf(int k) const {
    const int m = k >= 0 && k < static_cast<int>(toks_.size()) ? doc_.mention_at[k] : -1;
    return m >= 0 ? &doc_.mentions[m] : nullptr;
  }
  // The doc entity of a catalogue entity, -1 when the article does not name it.
  int DocEntity(int cat) const {
    if (cat < 0) return -1;
    auto it = doc_.entity_by_id.find(ctx_.cat->entity(cat).id);
    if (it == doc_.entity_by_id.end() || doc_.entities[it->second].mentions.empty()) return -1;
    return it->second;
  }

  bool Word(int k, std::initializer_list<std::string_view> words) const {
    if (k < 0 || k >= static_cast<int>(toks_.size())) return false;
    for (std::string_view w : words)
      if (toks_[k].low == w) return true;
    return false;
  }

  // ---- people ----
  // A person named right at k (optionally after a comma), and people
  // coordinated with it ("X und Y"). Returns the token after the last one.
  int PeopleAt(int k, int se, std::vector<int>* people) const {
    if (k < se && toks_[k].low == ",") {
      ++k;
      // ", der georgische Expräsident X": another role phrase in apposition.
      int j = k;
      while (j < se && (doc_.CueAt(j, CueId::kDet) || doc_.role_tok[j] || doc_.adjective[j] ||
                        (toks_[j].Is(kWord) && !toks_[j].Is(kUpper) && doc_.cue[j] == 0)))
        ++j;
      RoleMatch rm;
      if (j < se && j > k && roles_.At(doc_, j, doc_.seg.sentences[SentenceOf(j)].tok_begin, &rm))
        k = j + 1;
    }
    const MentionSpan* m = k < se ? MentionOf(k) : nullptr;
    if (!m || !IsPerson(m->ent) || m->from_role) return -1;
    people->push_back(m->ent);
    int end = m->te;
    while (end + 1 < se && (doc_.CueAt(end, CueId::kCoord) || toks_[end].low == ",")) {
      const MentionSpan* n = MentionOf(end + 1);
      if (!n || !IsPerson(n->ent) || n->from_role) break;
      people->push_back(n->ent);
      end = n->te;
    }
    return end;
  }

  // "X, der SPÖ-Chef": the person before a comma that opens an apposition at
  // `first` (articles skipped).
  int PersonBefore(int first, int sb) const {
    int k = first - 1;
    while (k >= sb && doc_.CueAt(k, CueId::kDet)) --k;
    // "X, Arzt und Senator der Y": coordinated nouns before the role.
    while (k - 1 > sb && doc_.CueAt(k, CueId::kCoord) && toks_[k - 1].Is(kUpper) &&
           doc_.mention_at[k - 1] < 0)
      k -= 2;
    if (k - 1 < sb || toks_[k].low != ",") return -1;
    // "X (56), Y": skip a parenthesis after the name.
    int j = k - 1;
    if (toks_[j].low == ")") {
      while (j > sb && toks_[j].low != "(") --j;
      --j;
    }
    const MentionSpan* m = MentionOf(j);
    return m && IsPerson(m->ent) && !m->from_role ? m->ent : -1;
  }

  bool Copula(int k) const {
    return Word(k, {"ist", "war", "wird", "wurde", "bleibt", "is", "was", "became", "becomes",
                    "remains", "als", "as"});
  }

  // "X ist Betriebsratsvorsitzender", "X was the director", "X will als
  // Sozialminister ...": the clause subject before a copula or "als".
  int CopulaSubject(int first, int sb) const {
    int k = first - 1;
    // Articles, adjectives and short time adverbials: "ist seit 2010
    // Klubobmann", "is now the director".
    while (k >= sb && (doc_.CueAt(k, CueId::kDet) || toks_[k].Is(kNumber) ||
                       Word(k, {"seit", "since", "nun", "now", "jetzt", "derzeit", "currently",
                                "bereits", "schon", "already", "auch", "also", "zudem"}) ||
                       (toks_[k].Is(kWord) && !toks_[k].Is(kUpper) && doc_.cue[k] == 0 && !Copula(k))))
      --k;
    if (k < sb || !Copula(k)) return -1;
    const bool als = Word(k, {"als", "as"});
    for (int j = k - 1, steps = 0; j >= sb && steps < (als ? 12 : 6); --j, ++steps) {
      if (toks_[j].low == "," && !als) break;
      const MentionSpan* m = MentionOf(j);
      if (m && IsPerson(m->ent) && !m->from_role) return m->ent;
      if (m) {
        j = m->tb;
        continue;
      }
    }
    return -1;
  }

  // ---- emit ----
  void Emit(int person, int target, bool leader, int s, int tb, int te, const std::string& rule) {
    if (person < 0 || target < 0 || person == target) return;
    RelCandidate c;
    c.subj = person;
    c.obj = target;
    c.predicate = leader ? "leader_of" : "member_of";
    c.sentence = s;
    c.conf = 0.85;
    c.rule = ctx_.lex->lang + ".affil." + rule;
    for (int k = std::max(0, tb); k < te && k < static_cast<int>(toks_.size()) && c.tokens.size() < 40; ++k)
      c.tokens.emplace_back(doc_.Tok(k));
    c.date = doc_.date;
    out_->push_back(std::move(c));
  }

  // ---- roles ----
  // Does an entity fit what the role is held in?
  bool Fits(RoleTarget t, int ent, bool leader) const {
    if (ent < 0 || IsPerson(ent)) return false;
    const std::string& ty = Type(ent);
    switch (t) {
      case RoleTarget::kCountry:
        return ty == "country" || ty == "organization" || ty == "group" || ty == "region";
      case RoleTarget::kMinistry:
      case RoleTarget::kGovernment:
      case RoleTarget::kParty:
        return ty == "organization" || ty == "group";
      case RoleTarget::kRegion:
        return ty == "region" || ty == "city";
      case RoleTarget::kCity:
        return ty == "city" || ty == "region";
      case RoleTarget::kOrg:
        return ty == "organization" || ty == "group" || (leader && ty == "country");
      case RoleTarget::kTeam:
        return ty == "country" || ty == "organization" || ty == "group";
      case RoleTarget::kAny:
        return true;
    }
    return false;
  }

  // A former holder: "Ex-", "ehemalige", "former", "late" right before.
  bool Former(const RoleMatch& rm, int sb) const {
    if (rm.former || rm.honorary) return true;
    for (int k = std::max(sb, rm.start - 3); k < rm.start; ++k)
      if (doc_.CueAt(k, CueId::kFormer) &&
          !Word(k, {"damalige", "damaligen", "damaliger", "designierte", "designierten",
                    "künftige", "künftigen", "then"}))
        return true;
    return false;
  }
  bool Deputy(const RoleMatch& rm, int sb) const {
    if (rm.deputy) return true;
    for (int k = std::max(sb, rm.start - 2); k < rm.start; ++k)
      if (Word(k, {"stellvertretende", "stellvertretenden", "stellvertretender", "deputy", "vice",
                   "assistant", "acting"}))
        return true;
    return false;
  }

  // What the role at rm is held in, and how the text says so. *after: the
  // token after a qualifier that follows the role ("des ÖGB", "of the party").
  int Target(const RoleMatch& rm, int sb, int se, bool leader, int* after, std::string* how) const {
    const RoleTarget t = rm.role->target;
    *after = rm.end;
    // The ministry a minister's title implies.
    for (int m : parts_at_[rm.start]) {
      const MentionSpan& pm = doc_.mentions[m];
      if (pm.from_role && pm.type == "organization" && t == RoleTarget::kMinistry) {
        *how = "ministry";
        return pm.ent;
      }
    }
    // A compound's prefix: "SPÖ-Kandidat", "OGM-Chef", "Kremlchef".
    for (int m : parts_at_[rm.start]) {
      const MentionSpan& pm = doc_.mentions[m];
      if (!pm.from_role && Fits(t, pm.ent, leader)) {
        *how = "compound";
        return pm.ent;
      }
    }
    if (rm.prefix_ent >= 0) {
      const int e = DocEntity(rm.prefix_ent);
      if (Fits(t, e, leader)) {
        *how = "compound";
        return e;
      }
    }
    // Before: an adjective ("der Wiener Bürgermeister", "der grüne Kandidat",
    // "der französische Präsident"), a possessive ("Chinas Präsident",
    // "New Zealand's Prime Minister") or an English noun adjunct ("NASA
    // Administrator", "Panama coach").
    for (int k = rm.start - 1; k >= sb && k >= rm.start - 2; --k) {
      const MentionSpan* m = MentionOf(k);
      if (m) {
        const bool adjunct = !de_ && m->te == rm.start && !m->possessive;
        if ((m->possessive || m->kind == Surface::kAdjective || adjunct) && Fits(t, m->ent, leader)) {
          *how = m->possessive ? "possessive" : m->kind == Surface::kAdjective ? "adjective" : "adjunct";
          return m->ent;
        }
        break;
      }
      if (doc_.role_tok[k] || doc_.adjective[k]) {
        int first = k;
        const int e = DocEntity(roles_.AdjectiveEntity(doc_, k, sb, &first));
        if (Fits(t, e, leader)) {
          *how = "adjective";
          return e;
        }
      }
      if (!toks_[k].Is(kWord) || toks_[k].Is(kUpper) || doc_.cue[k] != 0) break;
    }
    // After: a genitive or a preposition ("des ÖGB", "der Demokratischen
    // Partei", "des Vereins Neustart", "of the Labour Party", "at the Saudi
    // Gazette", "von Amnesty International").
    int k = rm.end;
    bool linked = false;
    while (k < se && (doc_.CueAt(k, CueId::kDet) ||
                      Word(k, {"of", "at", "for", "von", "vom", "bei", "beim", "from", "with"}))) {
      linked = true;
      ++k;
    }
    if (linked && de_ && k + 1 < se && toks_[k].Is(kUpper) && doc_.mention_at[k] < 0 &&
        doc_.cue[k] == 0 && MentionOf(k + 1))
      ++k;  // "des Vereins Neustart"
    if (const MentionSpan* m = k < se ? MentionOf(k) : nullptr;
        m && (linked || (de_ && m->possessive)) && Fits(t, m->ent, leader)) {
      *after = m->te;
      *how = "genitive";
      return m->ent;
    }
    return -1;
  }

  // The office the KB records for the person ("Präsident Petro Poroschenko"
  // + head_of_state of UA): the text states the role; the KB says of what.
  int KbOffice(const RoleMatch& rm, int person) const {
    const int cat = doc_.entities[person].cat;
    if (cat < 0 || rm.role->kb_roles.empty()) return -1;
    for (const auto& kr : ctx_.cat->entity(cat).roles) {
      if (std::find(rm.role->kb_roles.begin(), rm.role->kb_roles.end(), kr.role) ==
          rm.role->kb_roles.end())
        continue;
      if (const int e = DocEntity(ctx_.cat->Find(kr.of)); e >= 0) return e;
    }
    return -1;
  }

  // A compound of a role and a common noun names a post inside a body, not
  // the body's head: "Betriebsratsvorsitzender", "Kampagnenleiter",
  // "Klubobmann" (but "Parteichef", "Konzernchef", "Vorstandschef" lead).
  bool SubPost(const RoleMatch& rm) const {
    // "EU-Parlamentspräsident", "ÖVP-Delegationsleiter", "SPÖ-Landtagsklubchef":
    // a body inside the actor is led, even after the actor's prefix.
    {
      const std::string& w = toks_[rm.start].low;
      const size_t dash = w.rfind('-');
      const std::string_view tail = dash == std::string::npos ? std::string_view(w)
                                                              : std::string_view(w).substr(dash + 1);
      for (std::string_view p : {"parlaments", "delegations", "landtags", "klub", "bundesrats", "senats",
                                 "gemeinderats", "stadtrats"})
        if (tail.size() > p.size() + 3 && tail.substr(0, p.size()) == p) return true;
    }
    if (rm.prefix.empty() || rm.prefix_ent >= 0 || rm.portfolio) return false;
    for (std::string_view p : {"partei", "bundespartei", "konzern", "firmen",
                               "unternehmens", "vorstands", "staats", "regierungs", "bundes",
                               "gewerkschafts", "verbands", "vereins", "bank", "team",
                               "stadt", "kreml", "fraktions", "general", "ober", "haupt",
                               "gruppen", "heeres", "armee", "welt", "ministerpräsidenten"})
      if (rm.prefix == p) return false;
    for (int m : parts_at_[rm.start])
      if (!doc_.mentions[m].from_role) return false;  // "ÖVP-Chef": the prefix is the body
    return true;
  }

  void Role(const RoleMatch& rm, int s, int sb, int se) {
    const RoleNoun& role = *rm.role;
    if (role.title || (!role.leader && !role.member) || Former(rm, sb)) return;
    const bool deputy = Deputy(rm, sb);
    bool leader = role.leader && !deputy && !SubPost(rm);
    int after = rm.end;
    std::string how;
    int target = Target(rm, sb, se, leader, &after, &how);
    // "der italienische Kapitän X", "der deutsche Verteidiger X": a
    // nationality makes a national side only where the sentence is about a
    // match (a sport word besides the role: "traf in der 80. Minute").
    if (role.target == RoleTarget::kTeam && target >= 0 && how == "adjective" && Type(target) == "country") {
      bool match = false;
      for (int k = sb; k < se && !match; ++k)
        match = (k < rm.start || k >= rm.end) && ctx_.lex->sport_words.Find(toks_[k].low);
      if (!match) target = -1;
    }
    // A minister of something that is no ministry ("Kriegsminister des IS")
    // is a member of it.
    if (role.target == RoleTarget::kMinistry && how != "ministry") leader = false;
    // The person: the role phrase itself when it stands for the KB holder
    // ("der CSU-Chef"), after the role (and its qualifier), before it in
    // apposition, or the subject of a copula / "als"; a role coordinated with
    // the previous one shares its people ("ist Vorsitzender der X und
    // SPÖ-Klubobmann").
    std::vector<int> people;
    std::string where = "";
    int end = -1;
    // "will US-Präsident werden", "wants to become president": not the holder.
    const bool becoming = after < se && Word(after, {"werden", "become", "zu"});
    if (const MentionSpan* h = MentionOf(rm.start); h && h->from_role && IsPerson(h->ent) && !becoming) {
      people.push_back(h->ent);
      end = after;
      where = ".holder";
    }
    if (people.empty()) {
      end = PeopleAt(after, se, &people);
      // "der SPÖ-Klubchef im Gemeinderat, Karl Weiß": past a short place phrase.
      if (people.empty() && de_ && after < se &&
          doc_.CueAnyAt(after, {CueId::kLocationPrep, CueId::kArticlePrep})) {
        int j = after + 1;
        while (j < se && j <= after + 4 && toks_[j].low != "," && !doc_.CueAt(j, CueId::kCoord)) ++j;
        if (j < se && toks_[j].low == ",") end = PeopleAt(j, se, &people);
      }
      // One holder per singular role: "US-Präsident Joe Biden und Modi".
      // English plurals share it ("Senators X and Y").
      const std::string& w = toks_[rm.end - 1].low;
      if (people.size() > 1 && (de_ || w.empty() || w.back() != 's')) people.resize(1);
    }
    if (people.empty() && s == last_sentence_ && !last_people_.empty()) {
      int k = rm.start - 1;
      while (k >= sb && (doc_.role_tok[k] || doc_.adjective[k] ||
                         (toks_[k].Is(kWord) && !toks_[k].Is(kUpper) && doc_.cue[k] == 0)))
        --k;
      if (k >= sb && (doc_.CueAt(k, CueId::kCoord) || toks_[k].low == ",") && k <= last_end_ + 1 &&
          k >= last_end_ - 1) {
        people = last_people_;
        end = after;
        where = ".coordinated";
      }
    }
    if (people.empty()) {
      int first = rm.start;
      // "Kevin Long, a NASA instructor": the role's own organisation before it.
      auto target_at = [&](int k) {
        const MentionSpan* tm = MentionOf(k);
        return tm && target >= 0 && tm->ent == target && tm->te == rm.start ? tm->tb : -1;
      };
      while (first - 1 >= sb && (doc_.role_tok[first - 1] || doc_.adjective[first - 1] ||
                                 target_at(first - 1) >= 0 ||
                                 (toks_[first - 1].Is(kWord) && !toks_[first - 1].Is(kUpper) &&
                                  doc_.cue[first - 1] == 0 && !Copula(first - 1))))
        first = target_at(first - 1) >= 0 ? target_at(first - 1) : first - 1;
      if (const int p = PersonBefore(first, sb); p >= 0) {
        people.push_back(p);
        where = ".apposition";
      } else if (const int c = CopulaSubject(first, sb); c >= 0) {
        people.push_back(c);
        where = ".predicate";
      }
      end = after;
    }
    // "..., erklärte der SPD-Politiker": a member role with its party and
    // an article, no name: the person named last, in this sentence or the
    // one before, when that is the only person named there.
    // Only as a clause subject: right after a verb of saying ("erklärte der
    // SPD-Politiker") or opening the sentence before a verb ("Der
    // SPD-Politiker sagte"), never with a name after it.
    const bool definite = rm.start > sb && Word(rm.start - 1, {"der", "die"});
    const bool said = definite && rm.start - 2 >= sb && doc_.CueAt(rm.start - 2, CueId::kReported);
    const bool opens = definite && rm.start - 1 == sb && after < se && toks_[after].Is(kWord) &&
                       !toks_[after].Is(kUpper) && doc_.cue[after] == 0;
    if (people.empty() && !leader && target >= 0 && IsOrg(target) && how == "compound" && (said || opens) &&
        !(after < se && MentionOf(after))) {
      const int lo = doc_.seg.sentences[std::max(0, s - 1)].tok_begin;
      std::vector<int> seen;
      for (int k = rm.start - 1; k >= lo; --k) {
        const MentionSpan* m = MentionOf(k);
        if (m && IsPerson(m->ent) && !m->from_role &&
            std::find(seen.begin(), seen.end(), m->ent) == seen.end())
          seen.push_back(m->ent);
      }
      if (seen.size() == 1) {
        people = seen;
        where = ".anaphor";
        end = after;
      }
    }
    if (people.empty()) return;
    last_sentence_ = s;
    last_people_ = people;
    last_end_ = std::max(end, after);
    for (int p : people) {
      int t = target;
      std::string h = how;
      if (role.verify_kb) {
        // "sein ägyptischer Kollege X": only an office the KB records for X.
        const int kb = KbOffice(rm, p);
        if (kb < 0 || (t >= 0 && kb != t)) continue;
        t = kb;
        h = "kb_office";
      }
      if (t < 0) {
        t = KbOffice(rm, p);
        h = "kb_office";
      }
      if (t < 0 && role.target == RoleTarget::kRegion && leader) {
        // "Landeshauptmann X" in an article about one region.
        t = DocEntity(doc_.home_region);
        h = "home_region";
      }
      if (t < 0) continue;
      // Sides in sport are marked: only they make a person member_of a country.
      Emit(p, t, leader, s, rm.start, std::max(end, after),
           h + where + (role.target == RoleTarget::kTeam ? ".team" : ""));
      // A head of government also leads the government the article names
      // ("Ministerpräsident X" and "die ukrainische Regierung").
      if (leader && Type(t) == "country" &&
          std::find(role.kb_roles.begin(), role.kb_roles.end(), "head_of_government") !=
              role.kb_roles.end()) {
        const std::string& cid = doc_.entities[t].id;  // "country/AT"
        int g = DocEntity(ctx_.cat->FindInstitution("government", "", cid));
        if (g < 0) {
          auto it = doc_.entity_by_id.find("org/government-" + Lower(cid.substr(cid.find('/') + 1)));
          if (it != doc_.entity_by_id.end() && !doc_.entities[it->second].mentions.empty()) g = it->second;
        }
        if (g >= 0) Emit(p, g, true, s, rm.start, std::max(end, after), h + where + ".government");
      }
    }
  }

  // ---- patterns without a role noun ----
  // "Michael Häupl (SPÖ)", "Gerda Schaffelhofer (Katholische Aktion)",
  // "Hans Sima (SPÖ, 61)".
  // "(ENG)": a parenthesised three-letter capital code the catalogue does not know.
  bool UnknownCode(int k) const {
    const int m = doc_.mention_at[k];
    return k >= 1 && toks_[k - 1].low == "(" && k + 1 < static_cast<int>(toks_.size()) &&
           toks_[k + 1].low == ")" && toks_[k].low.size() == 3 && toks_[k].Is(kAllCaps) &&
           (m < 0 || doc_.mentions[m].ent < 0 || doc_.entities[doc_.mentions[m].ent].cat < 0);
  }
  // Such codes right after a person's name in the sentence.
  int CodesIn(int sb, int se) const {
    int n = 0;
    for (int k = sb + 2; k + 1 < se; ++k) {
      if (!UnknownCode(k)) continue;
      const MentionSpan* p = MentionOf(k - 2);
      n += p && IsPerson(p->ent);
    }
    return n;
  }

  // Whether the one-token acronym at `acr` spells the initials of the words
  // right before `end` ("Ask me Anything (AMA)"): it names them, it is no
  // affiliation of theirs.
  bool Abbreviates(int acr, int end) const {
    const std::string& a = toks_[acr].low;
    const int n = static_cast<int>(a.size());
    if (n < 2 || !toks_[acr].Is(kAllCaps) || end - n < 0) return false;
    for (int j = 0; j < n; ++j) {
      const std::string& w = toks_[end - n + j].low;
      if (w.empty() || w[0] != a[j]) return false;
    }
    return true;
  }

  void Parentheses(int s, int sb, int se) {
    for (int k = sb; k + 3 < se; ++k) {
      if (toks_[k].low != "(") continue;
      const MentionSpan* p = MentionOf(k - 1);
      const MentionSpan* o = MentionOf(k + 1);
      if (!p || !o || !IsPerson(p->ent) || p->from_role || !IsOrg(o->ent)) continue;
      if (o->te >= se || !(toks_[o->te].low == ")" || toks_[o->te].low == ",")) continue;
      // "X (SWE) vor Chris Paisley (ENG)", "Tyler Butterfield (BER) 8:23:09":
      // unknown three-letter codes in a result list are nations in sport, not
      // parties (one unknown code alone, "Gerhard Dörfler (FPK)", stays).
      const bool code = o->te == k + 2 && toks_[k + 1].low.size() == 3 && toks_[k + 1].Is(kAllCaps);
      if (code && CodesIn(sb, se) >= 2) continue;  // a result list: even "(SCO)" is a nation
      if (code && ctx_.lex->sport_codes.Contains(toks_[k + 1].low)) continue;  // "(NED)", "(ENG)"
      if (UnknownCode(k + 1) && o->te + 1 < se && toks_[o->te + 1].Is(kNumber)) continue;
      if (o->te == k + 2 && Abbreviates(k + 1, k)) continue;  // "Ask me Anything (AMA)"
      Emit(p->ent, o->ent, false, s, p->tb, o->te + 1, "parenthesis");
    }
  }

  // "DAB's Ben Chan", "Lee Cheuk-yan of the Labour Party", "Alvin Yeung from
  // the Civic Party", "Andreas Khol von der ÖVP", "die Demokratin Hillary
  // Clinton".
  void Prepositions(int s, int sb, int se) {
    for (int k = sb; k < se; ++k) {
      const MentionSpan* a = MentionOf(k);
      if (!a || a->tb != k) continue;
      const MentionSpan* b = a->te < se ? MentionOf(a->te) : nullptr;
      // Organisation's person, party member noun + person ("DAB's Ben Chan",
      // "die Demokratin Hillary Clinton", German "dem Grünen Alexander X").
      if (b && IsOrg(a->ent) && IsPerson(b->ent) && !b->from_role &&
          (a->possessive || a->kind == Surface::kDemonym ||
           (de_ && a->te - a->tb == 1 && a->tb > sb && doc_.CueAt(a->tb - 1, CueId::kDet)))) {
        std::vector<int> people;
        const int end = PeopleAt(b->tb, se, &people);  // "DAB's Ben Chan and Leung Che-cheung"
        for (int p : people)
          Emit(p, a->ent, false, s, a->tb, std::max(end, b->te), a->possessive ? "possessive" : "party_noun");
      }
      // "die republikanische Senatorin X": the party adjective of a role
      // phrase makes the person named after it a member.
      if (a->party_adjective) {
        int j = a->te;
        while (j < se && (doc_.role_tok[j] || doc_.adjective[j]) && !MentionOf(j)) ++j;
        const MentionSpan* p = j < se && j > a->te ? MentionOf(j) : nullptr;
        if (p && p->tb == j && IsPerson(p->ent)) {
          std::vector<int> people;
          const int end = PeopleAt(p->tb, se, &people);
          for (int q : people) Emit(q, a->ent, false, s, a->tb, std::max(end, p->te), "party_adjective");
        }
      }
      // In a match report a country's possessive names a player of its side:
      // "Norway's Per Olsen", "Finlands Timo Laine".
      if (b && doc_.sport && a->possessive && a->kind != Surface::kDemonym &&
          Type(a->ent) == "country" && IsPerson(b->ent) &&
          !b->from_role) {
        std::vector<int> people;
        const int end = PeopleAt(b->tb, se, &people);
        for (int p : people) Emit(p, a->ent, false, s, a->tb, std::max(end, b->te), "possessive.team");
      }
      // A person's ministry or government: "Hundstorfers Sozialministerium".
      if (b && IsPerson(a->ent) && a->possessive && !a->from_role && IsInstitution(b->ent)) {
        Emit(a->ent, b->ent, true, s, a->tb, b->te, "possessive_institution");
      }
      if (!IsPerson(a->ent) || a->from_role) continue;
      if (doc_.sport) ForSide(s, k, se, *a);
      int j = a->te;
      if (!(Word(j, {"of", "from", "von", "vom"}))) continue;
      const bool vom = Word(j, {"vom"});
      ++j;
      if (!vom && j < se && doc_.CueAt(j, CueId::kDet)) ++j;
      else if (Word(a->te, {"von"})) continue;  // German "von" needs its article: "von der ÖVP"
      // English "of the band Night Owls": the organisation's head noun in apposition.
      if (!de_ && j < se && toks_[j].Is(kWord) && !toks_[j].Is(kUpper) && !MentionOf(j) &&
          doc_.CueAt(j, CueId::kOrgHead))
        ++j;
      const MentionSpan* o = j < se ? MentionOf(j) : nullptr;
      if (!o || !IsOrg(o->ent) || o->tb != j) continue;
      // Not a verb's complement ("... sprach mit X von der Polizei" is fine;
      // "X of the group said" too): the organisation ends the phrase.
      Emit(a->ent, o->ent, false, s, a->tb, o->te, "preposition");
    }
  }

  // A match report: the person playing "for" a country ("X scored for
  // Norway", "Y's header, a chance to equalise for Korea") is on its side;
  // the person must be the last one named before "for", in one clause.
  void ForSide(int s, int k, int se, const MentionSpan& a) {
    // "X, Y and Z making attempts to put Belgium into the lead": a list of
    // players shares the side.
    std::vector<int> people{a.ent};
    int j = a.te;
    while (j + 1 < se && (toks_[j].low == "," || doc_.CueAt(j, CueId::kCoord))) {
      int n = j + 1;
      if (n < se && doc_.CueAt(n, CueId::kCoord)) ++n;  // ", and"
      const MentionSpan* m = n < se ? MentionOf(n) : nullptr;
      if (!m || m->tb != n || !IsPerson(m->ent)) break;
      people.push_back(m->ent);
      j = m->te;
    }
    auto emit = [&](const MentionSpan* c, const char* how) {
      if (c && Type(c->ent) == "country")
        for (int p : people) Emit(p, c->ent, false, s, k, c->te, how);
    };
    for (; j + 1 < se && j < a.te + 20; ++j) {
      const MentionSpan* m = MentionOf(j);
      if (m && m->tb == j && IsPerson(m->ent)) return;  // someone else is nearer
      if (toks_[j].low == ";" || toks_[j].low == ":" || doc_.CueAt(j, CueId::kSubordinator) ||
          doc_.CueAt(j, CueId::kRelative))
        return;
      // "to put Sweden in the lead", "brachte Schweden in Führung".
      if (Word(j, {"put", "puts", "putting", "brachte", "bringt", "brachten"})) {
        const MentionSpan* c = MentionOf(j + 1);
        if (c && c->tb == j + 1 && c->te + 1 < se &&
            (Word(c->te, {"in", "into", "ahead"}) && (Word(c->te, {"ahead"}) || Word(c->te + 1, {"the", "führung"})))) {
          emit(c, "for_side.lead.team");
          return;
        }
        continue;
      }
      if (!Word(j, {"for", "für"})) continue;
      const MentionSpan* c = MentionOf(j + 1);
      if (c && c->tb == j + 1) emit(c, "for_side.team");
      return;
    }
  }

  const RelationContext& ctx_;
  const Doc& doc_;
  const std::vector<Token>& toks_;
  RoleFinder roles_;
  std::vector<RelCandidate>* out_;
  const bool de_;
  std::vector<std::vector<int>> parts_at_;  // token -> partial mentions on it
  // The last role's people, for a coordinated role that follows it.
  int last_sentence_ = -1, last_end_ = -1;
  std::vector<int> last_people_;
};

}  // namespace

namespace {

// A match report: "X replaced Y", "Y was replaced by X", "X came on for Y",
// "X wurde für Y eingewechselt": a substitute joins the side of the player
// he replaces, when the article puts that player on a side.
void Substitutions(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out) {
  if (!doc.sport) return;
  const auto& toks = doc.seg.tokens;
  auto person_at = [&](int k) {
    const int m = k >= 0 && k < static_cast<int>(toks.size()) ? doc.mention_at[k] : -1;
    return m >= 0 && doc.mentions[m].ent >= 0 && doc.entities[doc.mentions[m].ent].type == "person" ? m : -1;
  };
  auto side_of = [&](int person) {
    for (const RelCandidate& r : *out)
      if (r.subj == person && r.predicate == "member_of" && r.rule.find(".team") != std::string::npos) return r.obj;
    return -1;
  };
  for (const Sentence& sent : doc.seg.sentences) {
    for (int k = sent.tok_begin; k < sent.tok_end; ++k) {
      const std::string& w = toks[k].low;
      int in = -1, outp = -1;
      if (w == "replaced" || w == "replacing" || w == "ersetzte" || w == "ersetzt") {
        // "X replaced Y" / "Y was replaced by X" / "Y wurde durch X ersetzt".
        int before = -1;
        for (int j = k - 1; j >= sent.tok_begin && j >= k - 4; --j)
          if (const int m = person_at(j); m >= 0) { before = m; break; }
        int after = -1, by = -1;
        for (int j = k + 1; j < sent.tok_end && j <= k + 4; ++j) {
          if (toks[j].low == "by" || toks[j].low == "durch") by = j;
          if (const int m = person_at(j); m >= 0) { after = m; break; }
        }
        if (before < 0 || after < 0) continue;
        const bool passive = by >= 0;
        in = doc.mentions[passive ? after : before].ent;
        outp = doc.mentions[passive ? before : after].ent;
      } else if ((w == "for" || w == "für") && k + 1 < sent.tok_end) {
        // "X came on for Y", "X wurde für Y eingewechselt".
        bool sub = false;
        for (int j = sent.tok_begin; j < sent.tok_end; ++j)
          for (std::string_view c : {"came on", "substitut", "eingewechselt", "kam für"})
            if (toks[j].low.rfind(std::string(c.substr(0, c.find(' '))), 0) == 0 &&
                (c.find(' ') == std::string_view::npos ||
                 (j + 1 < sent.tok_end && toks[j + 1].low == c.substr(c.find(' ') + 1))))
              sub = true;
        const int o = person_at(k + 1);
        int i = -1;
        for (int j = k - 1; j >= sent.tok_begin && j >= k - 6 && i < 0; --j) i = person_at(j);
        if (!sub || o < 0 || i < 0) continue;
        in = doc.mentions[i].ent;
        outp = doc.mentions[o].ent;
      }
      if (in < 0 || outp < 0 || in == outp) continue;
      const int side = side_of(outp);
      if (side < 0 || side_of(in) >= 0) continue;
      RelCandidate c;
      c.subj = in;
      c.obj = side;
      c.predicate = "member_of";
      c.sentence = static_cast<int>(&sent - &doc.seg.sentences[0]);
      c.conf = 0.7;
      c.rule = ctx.lex->lang + ".affil.substitution.team";
      for (int t = std::max(sent.tok_begin, k - 4); t < std::min(sent.tok_end, k + 5); ++t)
        c.tokens.emplace_back(doc.Tok(t));
      c.date = doc.date;
      out->push_back(std::move(c));  // read back by side_of: chains of substitutes
    }
  }
}

}  // namespace

void ExtractAffiliations(const RelationContext& ctx, const Doc& doc,
                         std::vector<RelCandidate>* out) {
  Affiliations(ctx, doc, out).Run();
  Substitutions(ctx, doc, out);
}

}  // namespace kg::ingest
