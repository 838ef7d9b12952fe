// located_in and member_of rules that work on mention patterns rather than on
// trigger words: "Vilnius, der Hauptstadt Litauens", "Doha, Katar", "Alabuga in
// Tatarstan", "die litauische Hauptstadt Vilnius", "Russia's Kursk region",
// "his Labour Party". Declared in relations.h.
#include <algorithm>

#include "ingest/mentions.h"
#include "ingest/relations.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

bool IsPlaceType(const std::string& t) { return t == "city" || t == "region"; }
bool IsContainerType(const std::string& t) { return t == "country" || t == "region"; }
bool IsAnyPlace(const std::string& t) { return t == "country" || t == "city" || t == "region"; }
// Things that lie somewhere: organisations, facilities and other named things.
bool IsSited(const std::string& t) { return t == "organization" || t == "group" || t == "other"; }

}  // namespace

namespace {

// "Estland und Lettland seien in der EU und der Nato", "X ist in der SPÖ":
// the coordinated names right before a copula that is followed by "in" and
// organisations are their members.
void CopulaIn(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out) {
  const auto& toks = doc.seg.tokens;
  auto copula = [&](int k) {
    // string_view: compares sizes before bytes (this runs on every token).
    const std::string_view w = toks[k].low;
    return w == "ist" || w == "sind" || w == "sei" || w == "seien" || w == "war" || w == "waren" ||
           w == "is" || w == "are" || w == "was" || w == "were";
  };
  auto ent_of = [&](int k) { return doc.mention_at[k] >= 0 ? doc.mentions[doc.mention_at[k]].ent : -1; };
  for (const Sentence& sent : doc.seg.sentences) {
    for (int c = sent.tok_begin + 1; c + 2 < sent.tok_end; ++c) {
      if (!copula(c)) continue;
      int j = c + 1;
      while (j < sent.tok_end && (toks[j].low == "ohnehin" || toks[j].low == "bereits" ||
                                  toks[j].low == "schon" || toks[j].low == "already" || toks[j].low == "auch"))
        ++j;
      if (j >= sent.tok_end || !(toks[j].low == "in" || toks[j].low == "im")) continue;
      // The organisations: "in der EU und (in) der Nato".
      std::vector<int> orgs;
      int end = j;
      for (int k = j + 1; k < sent.tok_end && k < j + 12;) {
        if (doc.CueAt(k, CueId::kDet) || doc.CueAt(k, CueId::kCoord) || toks[k].low == "in" ||
            toks[k].low == "im" || toks[k].low == ",") {
          ++k;
          continue;
        }
        const int e = ent_of(k);
        if (e < 0 || doc.entities[e].type != "organization") break;
        orgs.push_back(e);
        end = doc.mentions[doc.mention_at[k]].te;
        k = end;
      }
      if (orgs.empty()) continue;
      // The members: coordinated names right before the copula.
      std::vector<int> members;
      int start = c;
      for (int k = c - 1; k >= sent.tok_begin;) {
        const int e = ent_of(k);
        if (e >= 0) {
          const std::string& t = doc.entities[e].type;
          if (t != "country" && t != "person" && t != "organization") break;
          members.push_back(e);
          start = doc.mentions[doc.mention_at[k]].tb;
          k = start - 1;
          if (k >= sent.tok_begin && (doc.CueAt(k, CueId::kCoord) || toks[k].low == ",")) {
            --k;
            continue;
          }
          break;
        }
        break;
      }
      for (int mbr : members)
        for (int o : orgs) {
          if (mbr == o) continue;
          RelCandidate r;
          r.subj = mbr;
          r.obj = o;
          r.predicate = "member_of";
          r.sentence = doc.mentions[doc.mention_at[c - 1]].sentence;
          r.conf = 0.75;
          r.rule = ctx.lex->lang + ".member_of.copula_in";
          for (int t = start; t < end; ++t) r.tokens.emplace_back(doc.Tok(t));
          r.date = doc.date;
          out->push_back(std::move(r));
        }
    }
  }
}

}  // namespace

void ExtractMembership(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out) {
  CopulaIn(ctx, doc, out);
  // "his Labour Party", "seine Partei CDU": a person's own organisation.
  const auto& toks = doc.seg.tokens;
  for (const MentionSpan& m : doc.mentions) {
    if (m.partial || m.ent < 0 || m.tb == 0 || doc.entities[m.ent].type != "organization") continue;
    // An unknown one-word name is too weak here ("in seiner DNA").
    if (doc.entities[m.ent].cat < 0 && m.te - m.tb == 1) continue;
    int p = m.tb - 1;
    const std::string& w = toks[p].low;
    if (!(w == "his" || w == "her" || w == "sein" || w == "seine" || w == "seiner" || w == "seinen" ||
          w == "ihr" || w == "ihre" || w == "ihrer" || w == "ihren"))
      continue;
    const Sentence& sent = doc.seg.sentences[m.sentence];
    int lo = doc.seg.sentences[std::max(0, m.sentence - 1)].tok_begin;
    for (int k = p - 1; k >= lo; --k) {
      int q = doc.mention_at[k];
      if (q < 0 || doc.mentions[q].ent < 0) continue;
      if (doc.entities[doc.mentions[q].ent].type != "person") continue;
      RelCandidate c;
      c.subj = doc.mentions[q].ent;
      c.obj = m.ent;
      c.predicate = "member_of";
      c.sentence = m.sentence;
      c.conf = 0.75;
      c.rule = ctx.lex->lang + ".member_of.possessive";
      for (int t = p; t < m.te; ++t) c.tokens.emplace_back(doc.Tok(t));
      c.date = doc.date;
      out->push_back(std::move(c));
      break;
    }
    (void)sent;
  }
}

namespace {

// "die EU-Kommission in Brüssel", "the Museum of Flight in Seattle", "Duke
// University, located in Durham", "die in London ansässige
// Beobachtungsstelle": where an organisation or facility is.
template <typename Add>
void Sited(const RelationContext& ctx, const Doc& doc, int mi, const Add& add) {
  const auto& toks = doc.seg.tokens;
  const MentionSpan& m = doc.mentions[mi];
  const Sentence& sent = doc.seg.sentences[m.sentence];
  auto place_at = [&](int j) {
    while (j < sent.tok_end && doc.CueAt(j, CueId::kDet)) ++j;
    const int n = j < sent.tok_end ? doc.mention_at[j] : -1;
    return n >= 0 && doc.mentions[n].ent >= 0 && doc.mentions[n].ent != m.ent &&
                   IsAnyPlace(doc.entities[doc.mentions[n].ent].type)
               ? n
               : -1;
  };
  auto sited_word = [&](int k) {
    const std::string& w = toks[k].low;
    for (std::string_view p : {"ansässig", "beheimatet", "stationiert", "based", "located",
                               "headquartered", "situated"})
      if (w.compare(0, p.size(), p) == 0) return true;
    return false;
  };
  int k = m.te;
  // "the Polar Space Center (PSC) in Fairbanks": past a parenthesised name.
  if (k + 2 < sent.tok_end && toks[k].low == "(" && doc.mention_at[k + 1] >= 0) {
    const int close = doc.mentions[doc.mention_at[k + 1]].te;
    if (close < sent.tok_end && toks[close].low == ")") k = close + 1;
  }
  // "Riyadh's Old Mosque", "Moskaus Bolschoi-Theater": a place's possessive right before.
  if (m.tb - 1 >= sent.tok_begin) {
    const int pm = doc.mention_at[m.tb - 1];
    // A country's possessive names its institutions and firms ("Chinas
    // Regierung"): only a city's or region's counts.
    if (pm >= 0 && doc.mentions[pm].possessive && doc.mentions[pm].ent >= 0 &&
        IsPlaceType(doc.entities[doc.mentions[pm].ent].type))
      add(mi, pm, doc.mentions[pm].tb, m.te, "located_in.possessive");
  }
  // Right after the name: "in X" (or "at X"), or ", located in X".
  if (k < sent.tok_end && toks[k].low == ",") {
    if (k + 2 < sent.tok_end && sited_word(k + 1) && doc.CueAt(k + 2, CueId::kLocationPrep)) {
      if (const int n = place_at(k + 3); n >= 0)
        add(mi, n, m.tb, doc.mentions[n].te, "located_in.based");
    }
  } else if (k + 1 < sent.tok_end && (toks[k].low == "in" || toks[k].low == "at") &&
             !(m.possessive) && doc.entities[m.ent].kind != "party" &&
             (doc.entities[m.ent].type != "other" ||
              (ctx.lex->CueMask(toks[m.te - 1].low) &
               (CueBit(CueId::kPlaceHead) | CueBit(CueId::kOrgHead))))) {
    // Not a party ("die SPÖ in Wien" is its branch) and not a thing without a
    // head noun ("Widerstand gegen TTIP in Österreich" places no agreement).
    if (const int n = place_at(k + 1); n >= 0) add(mi, n, m.tb, doc.mentions[n].te, "located_in.in");
  }
  // Before it: "die in London ansässige X", "the London-based X" (compound
  // prefixes are partial mentions), "X-based".
  int j = m.tb - 1;
  if (j > sent.tok_begin && sited_word(j)) {
    // "in London ansässige": a place mention right before the participle, after "in".
    const int n = doc.mention_at[j - 1];
    if (n >= 0 && doc.mentions[n].ent >= 0 && IsAnyPlace(doc.entities[doc.mentions[n].ent].type) &&
        doc.mentions[n].tb - 1 >= sent.tok_begin && doc.CueAt(doc.mentions[n].tb - 1, CueId::kLocationPrep))
      add(mi, n, doc.mentions[n].tb - 1, m.te, "located_in.based");
  }
  (void)ctx;
}

}  // namespace

void ExtractLocatedIn(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out) {
  const auto& toks = doc.seg.tokens;
  const Lexicon& lex = *ctx.lex;
  auto ent_type = [&](int m) -> const std::string& { return doc.entities[doc.mentions[m].ent].type; };
  auto add = [&](int inner, int outer, int tb, int te, const char* rule) {
    const MentionSpan& a = doc.mentions[inner];
    if (a.ent == doc.mentions[outer].ent) return;
    RelCandidate c;
    c.subj = a.ent;
    c.obj = doc.mentions[outer].ent;
    c.predicate = "located_in";
    c.sentence = a.sentence;
    c.conf = 0.85;
    c.rule = std::string(lex.lang) + "." + rule;
    for (int k = tb; k < te; ++k) c.tokens.emplace_back(doc.Tok(k));
    c.date = doc.date;
    out->push_back(std::move(c));
  };
  for (size_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const MentionSpan& m = doc.mentions[mi];
    if (m.partial || m.ent < 0 || m.te <= m.tb) continue;
    if (IsSited(ent_type(mi))) {
      Sited(ctx, doc, static_cast<int>(mi), add);
      continue;
    }
    if (!IsPlaceType(ent_type(mi))) continue;
    const Sentence& sent = doc.seg.sentences[m.sentence];
    int k = m.te;
    // "Doha, Katar", "Houston, Texas" (not a list: no coordination right after).
    if (k + 1 < sent.tok_end && toks[k].low == ",") {
      int n = doc.mention_at[k + 1];
      // "Seattle, Washington", "Cape Canaveral, Florida" (an area the
      // catalogue does not hold, before a state it does).
      const bool inner = ent_type(mi) == "city" || (ent_type(mi) == "region" && m.cat < 0);
      const bool state = n >= 0 && doc.mentions[n].ent >= 0 && inner && ent_type(n) == "region" &&
                         doc.mentions[n].cat >= 0 && doc.mentions[n].ent != m.ent;
      if (n >= 0 && doc.mentions[n].ent >= 0 && (ent_type(n) == "country" || state)) {
        int after = doc.mentions[n].te;
        bool list = after < sent.tok_end && (doc.CueAt(after, CueId::kCoord) ||
                                             (toks[after].low == "," && after + 1 < sent.tok_end &&
                                              doc.mention_at[after + 1] >= 0));
        if (!list) add(static_cast<int>(mi), n, m.tb, doc.mentions[n].te, "located_in.comma");
      }
    }
    // "Vilnius, der Hauptstadt Litauens", "Doha, the capital of Qatar".
    if (k + 2 < sent.tok_end && toks[k].low == ",") {
      int j = k + 1;
      while (j < sent.tok_end && doc.CueAt(j, CueId::kDet)) ++j;
      if (j < sent.tok_end && doc.CueAt(j, CueId::kPlaceNoun)) {
        ++j;
        while (j < sent.tok_end && (doc.CueAt(j, CueId::kDet) || toks[j].low == "of")) ++j;
        int n = j < sent.tok_end ? doc.mention_at[j] : -1;
        if (n >= 0 && doc.mentions[n].ent >= 0 && IsContainerType(ent_type(n)))
          add(static_cast<int>(mi), n, m.tb, doc.mentions[n].te, "located_in.apposition");
      }
    }
    // "Russia's Kursk region", "Russlands Region Kursk" (possessive country right before).
    if (m.tb - 1 >= sent.tok_begin) {
      int pm = doc.mention_at[m.tb - 1];
      if (pm < 0 && m.tb - 2 >= sent.tok_begin && doc.CueAt(m.tb - 1, CueId::kPlaceNoun))
        pm = doc.mention_at[m.tb - 2];
      if (pm >= 0 && doc.mentions[pm].possessive && doc.mentions[pm].ent >= 0 && ent_type(pm) == "country")
        add(static_cast<int>(mi), pm, doc.mentions[pm].tb, m.te, "located_in.possessive");
    }
    // A facility named by its head noun ("Volga Stadium", "Grand Mosque",
    // "Olympiastadion"), typed as a region: it lies in cities too.
    const bool facility = ent_type(mi) == "region" && m.cat < 0 &&
                          (lex.CueMask(toks[m.te - 1].low) & CueBit(CueId::kPlaceHead));
    if (facility && m.tb - 1 >= sent.tok_begin) {
      const int pm = doc.mention_at[m.tb - 1];  // "Riyadh's Old Mosque"
      if (pm >= 0 && doc.mentions[pm].possessive && doc.mentions[pm].ent >= 0 &&
          IsAnyPlace(ent_type(pm)) && ent_type(pm) != "country")
        add(static_cast<int>(mi), pm, doc.mentions[pm].tb, m.te, "located_in.possessive");
    }
    // "the Volga Stadium (VS) in Kazan": past a parenthesised name.
    if (facility && k + 2 < sent.tok_end && toks[k].low == "(" && doc.mention_at[k + 1] >= 0) {
      const int close = doc.mentions[doc.mention_at[k + 1]].te;
      if (close + 1 < sent.tok_end && toks[close].low == ")") k = close + 1;
    }
    // "Vilnius in Litauen", "Alabuga in Tatarstan", "the Volga Stadium in Kazan".
    const bool in_word = toks[k < sent.tok_end ? k : sent.tok_begin].low == "in" ||
                         toks[k < sent.tok_end ? k : sent.tok_begin].low == "im" ||
                         toks[k < sent.tok_end ? k : sent.tok_begin].low == "at";
    if (k + 1 < sent.tok_end && (doc.CueAt(k, CueId::kLocationPrep) || (facility && in_word))) {
      int j = k + 1;
      while (j < sent.tok_end && doc.CueAt(j, CueId::kDet)) ++j;
      // "im Bundesstaat New York", "in the state of New York": the place noun
      // says it is the larger place, whatever the gazetteer's type.
      bool noun = false;
      if (j + 1 < sent.tok_end && doc.CueAt(j, CueId::kPlaceNoun) && doc.mention_at[j] < 0) {
        noun = true;
        ++j;
        while (j < sent.tok_end && (doc.CueAt(j, CueId::kDet) || toks[j].low == "of")) ++j;
      }
      int n = j < sent.tok_end ? doc.mention_at[j] : -1;
      if (n >= 0 && doc.mentions[n].ent >= 0 &&
          (IsContainerType(ent_type(n)) || (((facility && in_word) || noun) && ent_type(n) == "city")) &&
          !(ent_type(n) == "region" && ent_type(mi) == "region" && !facility))
        add(static_cast<int>(mi), n, m.tb, doc.mentions[n].te, "located_in.in");
    }
    // "die litauische Hauptstadt Vilnius", "the Indian capital New Delhi".
    // Also without the noun: "der ägyptischen Sinai-Halbinsel".
    int p = m.tb - 1;
    const bool bare = p >= sent.tok_begin && doc.mention_at[p] < 0 && !doc.CueAt(p, CueId::kPlaceNoun) &&
                      toks[p].Is(kWord) && (IsGerman(lex.lang) ? !toks[p].Is(kUpper) : toks[p].Is(kUpper));
    if ((p > sent.tok_begin && doc.CueAt(p, CueId::kPlaceNoun)) || bare) {
      int a = bare ? p : p - 1;
      int am = a >= sent.tok_begin && !bare ? doc.mention_at[a] : -1;
      if (am >= 0 && doc.mentions[am].ent >= 0 && ent_type(am) == "country")
        add(static_cast<int>(mi), am, doc.mentions[am].tb, m.te, "located_in.adjective");
      else if (a >= sent.tok_begin) {
        std::string base = IsGerman(lex.lang) ? AdjectiveBase(toks[a].low) : toks[a].low;
        const auto* v = ctx.cat->Lookup(base);
        if (v)
          for (const auto& e : *v) {
            if (e.kind != Surface::kAdjective) continue;
            auto it = doc.entity_by_id.find(ctx.cat->entity(e.entity).id);
            if (it == doc.entity_by_id.end()) break;
            // Point the relation at any mention of that country.
            for (size_t q = 0; q < doc.mentions.size(); ++q)
              if (doc.mentions[q].ent == it->second) {
                RelCandidate c;
                c.subj = m.ent;
                c.obj = it->second;
                c.predicate = "located_in";
                c.sentence = m.sentence;
                c.conf = 0.85;
                c.rule = std::string(lex.lang) + ".located_in.adjective";
                for (int t = a; t < m.te; ++t) c.tokens.emplace_back(doc.Tok(t));
                c.date = doc.date;
                out->push_back(std::move(c));
                break;
              }
            break;
          }
      }
    }
  }
}

}  // namespace kg::ingest
