#include "ingest/resolve.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "ingest/institutions.h"
#include "ingest/mentions.h"
#include "ingest/roles.h"
#include "ingest/text_util.h"

namespace kg::ingest {

bool AfterPlacePrep(const Doc& doc, const Lexicon& lex, int tb, int sb) {
  const auto& toks = doc.seg.tokens;
  for (int k = tb - 1, steps = 0; k >= sb && steps < 4; --k, ++steps) {
    const bool cue_word = doc.cue[k] != 0;
    if (doc.CueAnyAt(k, {CueId::kPlacePrep, CueId::kLocationPrep, CueId::kOriginPrep}))
      return true;
    if (doc.CueAnyAt(k, {CueId::kDet, CueId::kPlaceNoun})) continue;
    // "to Moscow and Beijing": the second conjunct shares the first one's preposition.
    if (steps == 0 && (doc.CueAt(k, CueId::kCoord) || toks[k].low == ",")) {
      int m = k - 1 >= sb ? doc.mention_at[k - 1] : -1;
      if (m >= 0) return AfterPlacePrep(doc, lex, doc.mentions[m].tb, sb);
    }

    if (toks[k].Is(kWord) && !toks[k].Is(kUpper)) continue;
    if (toks[k].Is(kWord) && IsGerman(lex.lang) && steps < 3 && doc.mention_at[k] < 0) {
      // "in der Großstadt Wladiwostok": a common noun between prep and name.
      if (!cue_word) continue;
    }
    return false;
  }
  return false;
}

namespace {

struct Resolver {
  const ResolveContext& ctx;
  Doc* doc;
  const std::vector<Token>& toks;
  RoleFinder roles;
  std::vector<MentionSpan> added;  // role-phrase mentions

  int MentionAt(int k) const { return k >= 0 && k < static_cast<int>(toks.size()) ? doc->mention_at[k] : -1; }

  bool Det(int k) const { return k >= 0 && doc->CueAt(k, CueId::kDet); }

  // "der ehemalige deutsche Kanzler", "the former German chancellor": a
  // `former` cue word among the two tokens before the phrase or inside it.
  bool Former(int first, int role_start, int sb) const {
    for (int k = std::max(sb, first - 2); k < role_start; ++k)
      if (doc->CueAt(k, CueId::kFormer)) return true;
    return false;
  }

  void RolePhrases() {
    const Lexicon& lex = *ctx.lex;
    std::unordered_set<int> named_people;  // catalogue people the article names
    for (const auto& m : doc->mentions) {
      if (m.cat >= 0 && ctx.cat->entity(m.cat).type == "person") named_people.insert(m.cat);
      for (int c : m.cands)
        if (ctx.cat->entity(c).type == "person") named_people.insert(c);
    }
    for (size_t s = 0; s < doc->seg.sentences.size(); ++s) {
      const Sentence& sent = doc->seg.sentences[s];
      int sb = sent.tok_begin, se = sent.tok_end;
      for (int r = sb; r < se; ++r) {
        if (!toks[r].Is(kWord) || MentionAt(r) >= 0) continue;
        if (!roles.MayEndRole(toks[r].low) && !(r + 1 < se && roles.MayEndRole(toks[r + 1].low)))
          continue;
        // Prefer the longest role ending here or one token later ("Prime Minister").
        RoleMatch rm;
        if (r + 1 < se && MentionAt(r + 1) < 0 && roles.At(*doc, r + 1, sb, &rm) && rm.start <= r)
          continue;  // handled at r + 1
        if (!roles.At(*doc, r, sb, &rm, /*titles=*/true)) continue;
        // "Altkanzler", "Ex-Präsident", "Vizekanzler", "Ehrenpräsident": not the
        // holder of the role itself.
        if (rm.former || rm.deputy || rm.honorary) continue;
        const RoleNoun* role = rm.role;
        const int prefix_ent = rm.prefix_ent;
        const int role_start = rm.start;
        if (role->title) {
          int m = MentionAt(r + 1);
          if (m >= 0 && doc->mentions[m].cat < 0) doc->mentions[m].type = "person";
          continue;
        }
        int of_cat = prefix_ent, of_mention = -1, first = role_start;
        // "Tirols SPÖ-Chef": the prefix was read as the party's regional
        // branch (mentions.cpp PartyBranches); the role is the branch's.
        if (prefix_ent >= 0)
          for (const MentionSpan& pm : doc->mentions)
            if (pm.partial && pm.tb >= rm.start && pm.tb < rm.end && pm.cat >= 0 &&
                ctx.cat->entity(pm.cat).parent == ctx.cat->entity(prefix_ent).id)
              of_cat = pm.cat;
        int adj_span_b = -1, adj_span_e = -1;  // country adjective tokens
        // Before the role: adjective or possessive/genitive mention.
        if (of_cat < 0) {
          int k = role_start - 1;
          int adj_first = role_start;
          int e = roles.AdjectiveEntity(*doc, k, sb, &adj_first);
          if (e < 0 && k - 1 >= sb && toks[k].Is(kWord) && !toks[k].Is(kUpper)) {
            e = roles.AdjectiveEntity(*doc, k - 1, sb, &adj_first);  // "der russische neue Präsident"
          }
          if (e >= 0) {
            of_cat = e;
            first = adj_first;
            adj_span_b = adj_first;
            adj_span_e = role_start;
          } else if (int m = role_start - 1 >= sb ? MentionAt(role_start - 1) : -1;
                     m >= 0 && (doc->mentions[m].possessive || !IsGerman(lex.lang))) {
            const auto& mm = doc->mentions[m];
            const std::string ty = mm.cat >= 0 ? ctx.cat->entity(mm.cat).type : "";
            if (ty == "country" || ty == "organization" || ty == "group") { of_mention = m; first = mm.tb; }
          }
        }
        int after = r + 1;
        // After the role: "Präsident Russlands", "der Ukraine", "of Russia".
        if (of_cat < 0 && of_mention < 0 && after < se) {
          int k = after;
          bool of = false;
          while (k < se && (doc->CueAt(k, CueId::kDet) || toks[k].low == "of" ||
                            toks[k].low == "von")) {
            of = true;
            ++k;
          }
          int m = MentionAt(k);
          if (m >= 0 && (of || doc->mentions[m].possessive) && doc->mentions[m].cat >= 0 &&
              ctx.cat->entity(doc->mentions[m].cat).type != "person" && doc->mentions[m].type != "person") {
            of_mention = m;
            after = doc->mentions[m].te;
          }
        }
        if (of_cat < 0 && of_mention >= 0) of_cat = doc->mentions[of_mention].cat;
        // The person: right after (optionally a comma), or before ", der ... Präsident".
        int pm = -1;
        int k = after;
        if (k < se && toks[k].low == ",") ++k;
        if (int m = MentionAt(k); m >= 0) {
          auto& mm = doc->mentions[m];
          bool person = mm.cat >= 0 ? ctx.cat->entity(mm.cat).type == "person" : true;
          if (person) {
            pm = m;
            if (mm.cat < 0) mm.type = "person";
          }
        }
        if (pm < 0) {
          int d = first - 1;
          while (d >= sb && Det(d)) --d;
          if (d > sb && toks[d].low == ",") {
            int m = MentionAt(d - 1);
            if (m >= 0 && (doc->mentions[m].cat < 0 ? doc->mentions[m].type == "person"
                                                    : ctx.cat->entity(doc->mentions[m].cat).type == "person"))
              pm = m;
          }
        }
        if (pm >= 0) {
          for (int x = first; x < after && x < se; ++x) doc->role_tok[x] = 1;
          if (of_mention >= 0)
            for (int x = doc->mentions[of_mention].tb; x < doc->mentions[of_mention].te; ++x) doc->role_tok[x] = 1;
          const int before = role_start - 1 >= sb ? MentionAt(role_start - 1) : -1;
          const bool unknown_before = before >= 0 && doc->mentions[before].cat < 0 &&
                                      doc->mentions[before].te - doc->mentions[before].tb == 1 &&
                                      !doc->mentions[before].partial;
          if (adj_span_b < 0 && role_start - 1 >= sb && (before < 0 || unknown_before)) {
            // "der Wiener Bürgermeister X", "der Kärntner Landeshauptmann X":
            // a city or region adjective names the place (also where it was
            // taken for an unknown name).
            const int place = PlaceAdjective(*ctx.cat, *doc, role_start - 1,
                                             role->target == RoleTarget::kRegion);
            if (place >= 0) {
              of_cat = place;
              adj_span_b = role_start - 1;
              adj_span_e = role_start;
              if (unknown_before) {
                MentionSpan& um = doc->mentions[before];
                um.cat = place;
                um.cands = {place};
                um.cand_kinds.clear();
                um.kind = Surface::kAdjective;
                um.type = ctx.cat->entity(place).type;
              }
            }
          }
          if (adj_span_b >= 0 && of_cat >= 0 && MentionAt(adj_span_b) < 0) {
            // "Austrian Chancellor X": the adjective mentions the country.
            MentionSpan am;
            am.tb = adj_span_b;
            am.te = adj_span_e;
            am.sentence = static_cast<int>(s);
            am.cat = of_cat;
            am.kind = Surface::kAdjective;
            am.type = ctx.cat->entity(of_cat).type;
            am.surface = std::string(doc->text.substr(toks[am.tb].start, toks[am.te - 1].end - toks[am.tb].start));
            added.push_back(std::move(am));
          }
          // The leader_of fact itself is the affiliation rules' (affiliation.cpp).
          continue;
        }
        // No name: the KB person holding the role at the article date (not for
        // a former holder).
        if (of_cat < 0 || role->kb_roles.empty() || Former(first, role_start, sb)) continue;
        std::string_view surf = doc->Tok(r);
        bool plural =
            (IsGerman(lex.lang) &&
             (surf.back() == 's' || (surf.size() > 2 && surf.substr(surf.size() - 2) == "en"))) ||
            (!IsGerman(lex.lang) && surf.back() == 's');
        if (plural && !doc->CueAt(r, CueId::kSingular)) continue;
        const std::string& of_id = ctx.cat->entity(of_cat).id;
        // A holder the article names ("Horst Seehofer (CSU) ... der CSU-Chef"),
        // else the holder at the reference date; none without a date.
        std::vector<int> holders;
        for (int h : ctx.cat->Holders(role->kb_roles, of_id, "*"))
          if (named_people.count(h)) holders.push_back(h);
        if (holders.empty() && !doc->ref_date.empty())
          holders = ctx.cat->Holders(role->kb_roles, of_id, doc->ref_date);
        if (holders.empty()) continue;
        MentionSpan m;
        m.tb = first;
        m.te = r + 1;
        if (of_mention >= 0) {
          m.tb = std::min(m.tb, doc->mentions[of_mention].tb);
          m.te = std::max(m.te, doc->mentions[of_mention].te);
          doc->mentions[of_mention].te = doc->mentions[of_mention].tb;  // absorbed
        }
        m.sentence = static_cast<int>(s);
        m.cat = holders.front();
        m.cands = holders;
        m.type = "person";
        m.from_role = true;
        m.surface = std::string(doc->text.substr(toks[m.tb].start, toks[m.te - 1].end - toks[m.tb].start));
        added.push_back(std::move(m));
      }
    }
    // Merge the role mentions; drop mentions they absorbed (te == tb).
    std::vector<MentionSpan> all;
    for (auto& m : doc->mentions)
      if (m.te > m.tb) all.push_back(std::move(m));
    for (auto& m : added) all.push_back(std::move(m));
    std::sort(all.begin(), all.end(), [](const MentionSpan& a, const MentionSpan& b) { return a.tb < b.tb; });
    doc->mentions = std::move(all);
    doc->mention_at.assign(toks.size(), -1);
    for (size_t m = 0; m < doc->mentions.size(); ++m)
      if (!doc->mentions[m].partial)
        for (int k = doc->mentions[m].tb; k < doc->mentions[m].te; ++k) doc->mention_at[k] = static_cast<int>(m);
  }

  // "the summit", "am Gipfel" (an anaphor_event noun after an article, not
  // part of a name): a mention of the article's event whose name, or a form
  // the article used for it, contains that noun ("NATO summit",
  // "Nato-Gipfel"), when exactly one catalogue event of the article does. Runs before RolePhrases,
  // which merges `added` into the mentions.
  void EventAnaphors() {
    // Catalogue events named in this article, with the forms used for them.
    std::vector<std::pair<int, std::string>> events;  // (catalogue index, lower-case form)
    for (const auto& m : doc->mentions)
      if (m.cat >= 0 && ctx.cat->entity(m.cat).type == "event") {
        events.emplace_back(m.cat, Lower(m.surface));
        events.emplace_back(m.cat, Lower(ctx.cat->entity(m.cat).name));
      }
    if (events.empty()) return;
    const CueMaskT before = CueBit(CueId::kDet) | CueBit(CueId::kArticlePrep);
    for (size_t s = 0; s < doc->seg.sentences.size(); ++s) {
      const Sentence& sent = doc->seg.sentences[s];
      for (int k = sent.tok_begin + 1; k < sent.tok_end; ++k) {
        if (!doc->CueAt(k, CueId::kAnaphorEvent) || doc->mention_at[k] >= 0) continue;
        if (!(doc->cue[k - 1] & before) || doc->mention_at[k - 1] >= 0) continue;
        int found = -1;
        bool several = false;
        for (const auto& [c, form] : events)
          if (form.find(toks[k].low) != std::string::npos) {
            if (found >= 0 && found != c) several = true;
            found = c;
          }
        if (found < 0 || several) continue;
        MentionSpan m;
        m.tb = k;
        m.te = k + 1;
        m.sentence = static_cast<int>(s);
        m.cat = found;
        m.cands = {found};
        m.type = "event";
        m.surface = std::string(doc->Tok(k));
        added.push_back(std::move(m));
      }
    }
  }

  // ---- entity assignment ----

  int AddEntity(const std::string& id, const std::string& name, const std::string& type, int cat) {
    auto it = doc->entity_by_id.find(id);
    if (it != doc->entity_by_id.end()) return it->second;
    DocEntity e;
    e.id = id;
    e.name = name;
    e.type = type;
    e.cat = cat;
    int idx = static_cast<int>(doc->entities.size());
    doc->entities.push_back(std::move(e));
    doc->entity_by_id.emplace(id, idx);
    return idx;
  }

  int FromCatalog(int cat) {
    const EntityInfo& info = ctx.cat->entity(cat);
    int idx = AddEntity(info.id, info.name, info.type, cat);
    doc->entities[idx].kind = info.kind;
    return idx;
  }

  // "USI" for "University of Southern Indiana" named elsewhere in the
  // article: an unknown all-capitals word (2-6 letters) whose letters are the
  // initials of the capitalised words of exactly one organisation's mention
  // (function words skipped) is that organisation.
  void AcronymsByInitials() {
    const auto& toks = doc->seg.tokens;
    auto initials = [&](const MentionSpan& m) {
      std::string out;
      for (int k = m.tb; k < m.te; ++k) {
        const std::string& w = toks[k].low;
        if (!toks[k].Is(kUpper) || w.empty()) continue;
        if (toks[k].Is(kAllCaps) && w.size() <= 3 && k > m.tb) {  // "Hong Kong SAR"
          out += w;
          continue;
        }
        out += w[0];
      }
      return out;
    };
    std::unordered_map<std::string, std::vector<int>> orgs;  // initials -> entities
    for (const auto& m : doc->mentions) {
      if (m.partial || m.ent < 0 || m.te - m.tb < 2) continue;
      const auto& e = doc->entities[m.ent];
      if (e.type != "organization" && e.type != "other" && e.type != "group") continue;
      auto& v = orgs[initials(m)];
      if (std::find(v.begin(), v.end(), m.ent) == v.end()) v.push_back(m.ent);
    }
    if (orgs.empty()) return;
    for (auto& m : doc->mentions) {
      if (m.partial || m.ent < 0 || m.te - m.tb != 1 || !toks[m.tb].Is(kAllCaps)) continue;
      const auto& e = doc->entities[m.ent];
      const std::string& w = toks[m.tb].low;
      if (e.cat >= 0 || w.size() < 2 || w.size() > 6) continue;
      auto it = orgs.find(w);
      if (it == orgs.end() || it->second.size() != 1 || it->second[0] == m.ent) continue;
      const int from = m.ent, to = it->second[0];
      for (auto& n : doc->mentions)
        if (n.ent == from) n.ent = to;
      doc->entities[from].type = "";  // dropped
      if (doc->entities[to].cat < 0 && doc->entities[to].type == "other")
        doc->entities[to].type = "organization";
    }
  }

  // "Freie Syrische Armee (FSA)": an abbreviation starts like its long form
  // (not "Sebastian Kurz (ÖVP)", the party of a person).
  // Whether a word of five or more letters of mention `m` is a word of the
  // entity's names, up to two letters of inflection.
  bool SharesNameWord(const EntityInfo& e, const MentionSpan& m) const {
    std::vector<std::string> names = e.names;
    names.push_back(e.name);
    names.push_back(e.name_en);
    auto same = [](const std::string& a, const std::string& b) {  // up to two letters of inflection
      const std::string& s = a.size() <= b.size() ? a : b;
      const std::string& l = a.size() <= b.size() ? b : a;
      return s.size() >= 5 && l.size() - s.size() <= 2 && l.compare(0, s.size(), s) == 0;
    };
    for (int k = m.tb; k < m.te; ++k) {
      const std::string& w = toks[k].low;
      if (w.size() < 5 || !toks[k].Is(kWord)) continue;
      for (const std::string& n : names) {
        const std::string low = Lower(n);
        size_t p = 0;
        while (p < low.size()) {
          size_t q = low.find_first_of(" -", p);
          if (q == std::string::npos) q = low.size();
          if (same(w, low.substr(p, q - p))) return true;
          p = q + 1;
        }
      }
    }
    return false;
  }

  // Whether the letters of `abbr` occur in `text` in order (ASCII letters).
  static bool LettersInOrder(const std::string& text, const std::string& abbr) {
    size_t p = 0;
    for (char c : abbr) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) continue;
      p = text.find(c, p);
      if (p == std::string::npos) return false;
      ++p;
    }
    return true;
  }

  static bool SameFirstLetter(const std::string& a, const std::string& b) {
    if (a.empty() || b.empty()) return false;
    size_t n = 1;
    while (n < a.size() && (static_cast<unsigned char>(a[n]) & 0xC0) == 0x80) ++n;
    return b.compare(0, n, a, 0, n) == 0;
  }

  // A place name in an actor's position: followed by a verb of saying or
  // acting, an auxiliary or modal ("Moskau hat ...", "Washington warned"),
  // possibly after a coordinated second actor ("Washington und Peking
  // verhandeln"), or right after a verb of saying in an inverted clause
  // ("..., warnte Moskau"). Not at the start of a line before a dash (a dateline).
  bool ActsAsGovernment(const MentionSpan& m) const {
    const Sentence& sent = doc->seg.sentences[m.sentence];
    int e = m.te;
    if (e < sent.tok_end && doc->CueAt(e, CueId::kCoord) && e + 1 < sent.tok_end) {
      const int n = doc->mention_at[e + 1];
      if (n >= 0 && doc->mentions[n].cat >= 0) e = doc->mentions[n].te;
    }
    auto verb = [&](int k) {
      return k >= sent.tok_begin && k < sent.tok_end && toks[k].Is(kWord) &&
             (!toks[k].Is(kUpper) || k == sent.tok_begin) &&
             doc->CueAnyAt(k, {CueId::kActorVerb, CueId::kReported, CueId::kPersonContext});
    };
    if (!m.possessive && verb(e)) return true;
    // "Moskaus Außenpolitik", "Washington's position": the government's.
    if (m.possessive && e < sent.tok_end && toks[e].Is(kWord)) {
      const std::string& w = toks[e].low;
      if (doc->CueAt(e, CueId::kActorVerb) ||
          (w.size() > 7 && (w.compare(w.size() - 7, 7, "politik") == 0 ||
                            w.compare(w.size() - 6, 6, "policy") == 0)))
        return true;
    }
    return m.tb - 1 > sent.tok_begin && verb(m.tb - 1) && !doc->CueAt(m.tb - 1, CueId::kPrep);
  }

  // A catalogue person's surname alone ("Kurz", "Brown", "Müller") is that
  // person only when the article names them in full, or when the word is no
  // dictionary word and no other person of the article bears it. A person of
  // the article named in full with that surname ("Thomas Müller") takes it
  // instead; a dictionary word without the full name is no mention at all.
  void LoneSurnames(const std::unordered_map<int, int>& full_named) {
    std::unordered_set<std::string> local_surnames;
    for (const auto& m : doc->mentions)
      if (m.cat < 0 && !m.partial && m.type == "person" && m.te - m.tb >= 2)
        local_surnames.insert(toks[m.te - 1].low);
    bool dropped = false;
    for (int pass = 0; pass < 2; ++pass)
    for (auto& m : doc->mentions) {
      if (m.cat < 0 || m.te - m.tb != 1 || m.partial || m.from_role) continue;
      if (ctx.cat->entity(m.cat).type != "person" || full_named.count(m.cat)) continue;
      std::string low = toks[m.tb].low, stripped;
      if (m.possessive && StripPossessive(low, doc->lang, &stripped)) low = stripped;
      // "K.C. Maurer", "J. Smith": initials before the surname name someone
      // else unless they are the catalogue person's own.
      bool other_initials = false;
      if (m.tb > 0) {
        int p = m.tb - 1;
        if (doc->Tok(p) == "." && p > 0) --p;
        const std::string_view prev = doc->Tok(p);
        const std::string& name = ctx.cat->entity(m.cat).name;
        bool initials = !prev.empty() && prev.size() <= 5 && prev[0] >= 'A' && prev[0] <= 'Z' &&
                        (prev.size() == 1 || prev[1] == '.');
        for (char c : prev) initials = initials && ((c >= 'A' && c <= 'Z') || c == '.');
        other_initials = initials && !name.empty() && name[0] != prev[0];
      }
      if (pass == 0) {  // first pass: surnames taken by someone with other initials
        if (other_initials) local_surnames.insert(low);
        continue;
      }
      if (local_surnames.count(low)) {
        m.cat = -1;
        m.cands.clear();
        m.cand_kinds.clear();
        m.key = low;
        m.type = "person";
      } else if (m.common_word && m.kind == Surface::kSurname) {
        m.te = m.tb;  // dropped below
        dropped = true;
      }
    }
    if (!dropped) return;
    std::vector<MentionSpan> kept;
    for (auto& m : doc->mentions)
      if (m.te > m.tb) kept.push_back(std::move(m));
    doc->mentions = std::move(kept);
    doc->mention_at.assign(toks.size(), -1);
    for (size_t m = 0; m < doc->mentions.size(); ++m)
      if (!doc->mentions[m].partial)
        for (int k = doc->mentions[m].tb; k < doc->mentions[m].te; ++k)
          doc->mention_at[k] = static_cast<int>(m);
  }

  void Assign() {
    const Lexicon& lex = *ctx.lex;
    // Catalog people named in full (>= 2 tokens) in this article.
    std::unordered_map<int, int> full_named;
    for (const auto& m : doc->mentions)
      if (m.cat >= 0 && m.te - m.tb >= 2 && m.kind == Surface::kName) full_named[m.cat]++;
    LoneSurnames(full_named);
    // The countries of the article's unambiguous catalogue names (a country,
    // or the country of a party, person, city): "die Grünen" next to FDP and
    // Linke are the German ones.
    std::unordered_map<std::string, int> country_tally;
    // Political bodies, people and places tell the article's country;
    // companies and international bodies only where they sit. A name counts
    // when all its candidates agree ("Wien": the city and the state).
    auto country_of = [&](int c) -> std::string {
      const EntityInfo& e = ctx.cat->entity(c);
      const bool national = e.type != "organization" || e.kind == "party" || e.kind == "party_branch" ||
                            e.kind == "government" || e.kind == "ministry" || e.kind == "parliament" ||
                            e.kind == "state_government" || e.kind == "state_parliament";
      if (!national) return "";
      return e.type == "country" ? e.id : e.country;
    };
    for (const auto& m : doc->mentions) {
      if (m.cat < 0) continue;
      std::string c = country_of(m.cat);
      for (int other : m.cands)
        if (country_of(other) != c) c.clear();
      if (!c.empty()) country_tally[c]++;
    }
    for (auto& m : doc->mentions) {
      if (m.cat < 0) continue;
      int sb = doc->seg.sentences[m.sentence].tok_begin;
      // Ambiguous: several candidates.
      if (m.cands.size() > 1) {
        int best = m.cat;
        bool place = AfterPlacePrep(*doc, lex, m.tb, sb);
        bool has_city = false;
        for (int c : m.cands) has_city |= ctx.cat->entity(c).type == "city";
        // A capital's name is the city ("Roms Bürgermeister", a dateline "Wien –")
        // unless it acts as the government ("Moskau kritisierte ...").
        const bool acts = has_city && !place && ActsAsGovernment(m);
        // "Seattle, Washington": after a town and a comma, the state.
        bool after_town = false;
        if (m.tb >= 2 && toks[m.tb - 1].low == ",") {
          for (const auto& p : doc->mentions)
            if (p.te == m.tb - 1 &&
                (p.cat >= 0 ? std::string_view(ctx.cat->entity(p.cat).type) == "city" : p.type == "city"))
              after_town = true;
        }
        int best_score = -1000;
        for (size_t ci = 0; ci < m.cands.size(); ++ci) {
          const int c = m.cands[ci];
          const EntityInfo& info = ctx.cat->entity(c);
          int score = 0;
          // A country's own name ("from Armenia", "in Georgia") is the country even
          // where a city or state has the same name; metonyms (Moskau) are not.
          if (info.type == "country" && m.cand_kinds.size() == m.cands.size() &&
              m.cand_kinds[ci] == Surface::kName)
            score += 40;
          // Named in full elsewhere in the article; not for a capital's metonym
          // after a place preposition ("United States ... summit in Washington").
          const bool metonym =
              m.cand_kinds.size() == m.cands.size() && m.cand_kinds[ci] == Surface::kMetonym;
          if (full_named.count(c) && !(metonym && place)) score += 50;
          if (metonym && has_city && !acts) score -= 60;
          if (info.from_kb) score += 5;
          if (info.type == "person") {
            for (const auto& r : info.roles)
              if (DateInRange(doc->ref_date, r.from, r.to)) { score += 20; break; }
          }
          if (info.type == "city" && place) score += 30;
          // Same-named cities: the capital (London, Rome), then one the
          // German catalogue names (a weak city is an English-only name).
          if (info.type == "city" && ctx.cat->IsCapital(info.geonames)) score += 3;
          if (info.type == "city" && m.cand_kinds.size() == m.cands.size() &&
              m.cand_kinds[ci] == Surface::kName)
            score += 1;
          if (info.type == "country" && !place) score += 10;
          if (after_town && info.type == "region") score += 100;
          // Same-named parties of several countries ("die Grünen"): the
          // article's country. (Ministries keep the catalogue's order: an
          // article's one foreign name says little about its ministries.)
          if (info.type == "organization" && (info.kind == "party" || info.kind == "party_branch") &&
              !info.country.empty()) {
            auto t = country_tally.find(info.country);
            if (t != country_tally.end()) score += 2 * std::min(t->second, 10);
          }
          if (score > best_score) { best_score = score; best = c; }
        }
        m.cat = best;
        m.type = ctx.cat->entity(best).type;
      }
      // Metonym after a place preposition without a city entry: keep the
      // country (the government seat stands for it either way).
    }
    // Unknown names: link surnames and repeated forms within the article.
    std::unordered_map<std::string, int> by_key;       // full key -> entity
    std::unordered_map<std::string, int> by_part;      // first/last token of multi-token persons
    std::unordered_map<std::string, int> cat_by_part;  // same for catalog people in this article
    // Longer names first so that "Schmidt" finds "Anna Schmidt" wherever it occurs.
    std::vector<int> order(doc->mentions.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return (doc->mentions[a].te - doc->mentions[a].tb) > (doc->mentions[b].te - doc->mentions[b].tb);
    });
    for (int mi : order) {
      auto& m = doc->mentions[mi];
      if (m.cat >= 0) {
        m.ent = FromCatalog(m.cat);
        const EntityInfo& info = ctx.cat->entity(m.cat);
        if (info.type == "person" && m.te - m.tb >= 2) {
          cat_by_part[toks[m.tb].low] = m.ent;
          cat_by_part[toks[m.te - 1].low] = m.ent;
        }
        continue;
      }
      if (!m.fixed_id.empty()) {  // an institution the catalogue does not hold
        m.ent = AddEntity(m.fixed_id, m.fixed_name, m.type, -1);
        doc->entities[m.ent].kind = m.inst_kind;
        auto& al = doc->entities[m.ent].aliases;
        for (const auto& a : m.fixed_aliases)
          if (std::find(al.begin(), al.end(), a) == al.end()) al.push_back(a);
        continue;
      }
      if (auto it = by_key.find(m.key); it != by_key.end()) {
        m.ent = it->second;
        continue;
      }
      if (m.te - m.tb == 1 && !m.partial) {
        // A surname of a person named in full here: "Schmidt", "Haiders".
        std::string stripped;
        const bool poss = IsGerman(doc->lang) && StripPossessive(m.key, doc->lang, &stripped);
        int linked = -1;
        bool via_stripped = false;  // "Haiders" -> Haider; "Sessions" is the name itself
        for (const std::string* k : {&m.key, poss ? &stripped : nullptr}) {
          if (!k || linked >= 0) continue;
          if (auto p = by_part.find(*k); p != by_part.end()) linked = p->second;
          else if (auto c = cat_by_part.find(*k); c != cat_by_part.end()) linked = c->second;
          via_stripped = linked >= 0 && k == &stripped;
        }
        if (linked >= 0) {
          m.ent = linked;
          if (via_stripped) m.possessive = true;
          continue;
        }
      }
      // New local entity.
      std::string name;
      for (int k = m.tb; k < m.te && !m.partial; ++k) {
        if (k > m.tb && toks[k].start > toks[k - 1].end) name += ' ';  // "St. Margarethen"
        name += std::string(doc->Tok(k));
      }
      if (m.partial) name = m.surface;
      if (m.possessive && !IsGerman(doc->lang)) {
        std::string low = Lower(name);
        if (low.size() > 2 && low.compare(low.size() - 2, 2, "'s") == 0) name.resize(name.size() - 2);
      }
      std::string type = m.type.empty() ? "other" : m.type;
      int idx = static_cast<int>(doc->entities.size());
      DocEntity e;
      e.name = name;
      e.type = type;
      doc->entities.push_back(std::move(e));
      m.ent = idx;
      by_key[m.key] = idx;
      if (m.te - m.tb >= 2 && type == "person") {
        by_part.emplace(toks[m.te - 1].low, idx);
      }
    }
    // Abbreviations defined in the text: NAME ( ABBR ).
    for (size_t i = 0; i + 1 < doc->mentions.size(); ++i) {
      auto& a = doc->mentions[i];
      auto& b = doc->mentions[i + 1];
      const std::string& at = doc->entities[a.ent].type;
      if (!a.partial && !b.partial && b.tb == a.te + 1 && b.te + 1 <= static_cast<int>(toks.size()) && toks[a.te].low == "(" &&
          b.te < static_cast<int>(toks.size()) && toks[b.te].low == ")" &&
          toks[b.tb].Is(kAllCaps) && a.ent != b.ent &&
          // A catalogue abbreviation too, when the text spells it out for a
          // name of its own: "Bundesamt für Gesundheit (BAG)" is not the KB's BAG.
          (doc->entities[b.ent].cat < 0 ||
           ((b.kind == Surface::kAbbrev || b.kind == Surface::kAmbiguous) && doc->entities[a.ent].cat < 0 &&
            LettersInOrder(Lower(doc->text.substr(toks[a.tb].start, toks[a.te - 1].end - toks[a.tb].start)),
                           toks[b.tb].low))) &&
          at != "person" && at != "city" && at != "country" && at != "region" &&
          (a.te - a.tb >= 2 || toks[a.tb].low.size() >= 2 * toks[b.tb].low.size()) &&
          SameFirstLetter(toks[a.tb].low, toks[b.tb].low)) {
        int from = b.ent, to = a.ent;
        // The catalogue's entity under another form of the same name
        // ("der Internationalen Organisation für Migration (IOM)"): the name
        // joins the catalogue entity instead.
        if (doc->entities[b.ent].cat >= 0 && doc->entities[a.ent].cat < 0 &&
            SharesNameWord(ctx.cat->entity(doc->entities[b.ent].cat), a)) {
          from = a.ent;
          to = b.ent;
        }
        for (auto& m : doc->mentions)
          if (m.ent == from) m.ent = to;
        doc->entities[from].mentions.clear();
        doc->entities[from].type = "";  // dropped
        if (doc->entities[to].cat < 0 && doc->entities[to].type == "other") doc->entities[to].type = "organization";
      }
    }
    AcronymsByInitials();
    // Types of local entities: the most specific type among their mentions.
    for (auto& m : doc->mentions) {
      auto& e = doc->entities[m.ent];
      if (e.cat >= 0 || e.type.empty()) continue;
      if (e.type == "other" && !m.type.empty() && m.type != "other") e.type = m.type;
    }
    // Ids of local entities.
    for (size_t i = 0; i < doc->entities.size(); ++i) {
      auto& e = doc->entities[i];
      if (!e.id.empty() || e.type.empty()) continue;
      e.id = e.type + "/" + Slug(e.name);
      if (auto it = doc->entity_by_id.find(e.id); it != doc->entity_by_id.end() && it->second != static_cast<int>(i)) {
        // Same id as another entity: merge into it.
        int to = it->second;
        for (auto& m : doc->mentions)
          if (m.ent == static_cast<int>(i)) m.ent = to;
        e.type = "";
        continue;
      }
      doc->entity_by_id[e.id] = static_cast<int>(i);
    }
    for (size_t mi = 0; mi < doc->mentions.size(); ++mi) doc->entities[doc->mentions[mi].ent].mentions.push_back(static_cast<int>(mi));
  }
};

}  // namespace

void Resolve(const ResolveContext& ctx, Doc* doc) {
  Resolver r{ctx, doc, doc->seg.tokens, RoleFinder(*ctx.cat, *ctx.lex), {}};
  r.EventAnaphors();
  doc->home_country = HomeCountry(*ctx.cat, *doc, &doc->home_dateline);
  doc->home_region = HomeRegion(*ctx.cat, *doc);
  DetectInstitutions(InstitutionContext{ctx.cat, ctx.lex, &r.roles}, doc, &r.added);
  r.RolePhrases();
  r.Assign();
}

}  // namespace kg::ingest
