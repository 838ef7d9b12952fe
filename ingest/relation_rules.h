// Internal to ingest/: the per-sentence rule engine behind ExtractRelations
// (relations.cpp: clauses, groups, verbs; relations_noun.cpp: nominal triggers).
#pragma once

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "ingest/mentions.h"
#include "ingest/modality.h"
#include "ingest/relations.h"
#include "ingest/stemmer.h"
#include "ingest/text_util.h"

namespace kg::ingest::rules {

struct Group {
  std::vector<int> ents;   // doc entity indexes
  int tb = 0, te = 0;      // token span of the whole group
  std::string prep;        // governing preposition (lower case) or ""
  bool gen = false;        // genitive attribute ("der USA", "of Russia")
  bool poss = false;       // possessive ("Putins", "Russia's")
  bool relative = false;   // stands for a relative pronoun
  bool oblique = false;    // German case-marked as no subject ("dem Kanzler X", "der Ministerin X")
};

struct SentenceRules {
  const RelationContext& ctx;
  const Doc& doc;
  const std::vector<Token>& toks;
  int s, sb, se;
  std::vector<RelCandidate>* out;
  int sentence_entities = 0;

  const std::string& StemAt(int k) { return doc.StemOf(k, *ctx.stemmer); }

  bool StemKnown(int k) const { return doc.stems.size() == toks.size() && !doc.stems[k].empty(); }
  // False only when the German stem of token k cannot be a verb stem of the
  // lexicon (saves stemming the word). Exact: a superset test.
  bool MayBeVerbStem(int k) const {
    if (lex().lang != "de" || lex().short_verb_stem || StemKnown(k)) return true;
    std::string f;
    if (!GermanStemBound(toks[k].low, &f)) return true;
    return f.size() >= 3 && lex().verb_heads.count(Head3(f)) > 0;
  }
  // False only when no trigger noun can end the German stem of token k (the
  // stem's last three bytes are not a noun stem's).
  bool MayEndInNounStem(int k) const {
    if (lex().lang != "de" || StemKnown(k)) return true;
    std::string f;
    if (!GermanStemBound(toks[k].low, &f)) return true;
    for (size_t n = 3; n <= f.size(); ++n)
      if (lex().noun_tails.count(Tail3(std::string_view(f).substr(0, n)))) return true;
    return false;
  }
  const Lexicon& lex() const { return *ctx.lex; }
  bool Kind(int k, CueId kind) const { return doc.CueAt(k, kind); }
  bool IsPrep(int k) const {
    return doc.cue[k] &
           (CueBit(CueId::kPrep) | CueBit(CueId::kPlacePrep) | CueBit(CueId::kLocationPrep) |
            CueBit(CueId::kOriginPrep) | CueBit(CueId::kAgentPrep));
  }

  // A name or a country adjective in the noun phrase that ends before token
  // k (back to its determiner, at most 8 tokens): "das Deutsche Zentrum für
  // Luft- und Raumfahrt (DLR)" holds one, "die Antikorruptionsbehörde (XYZ)" none.
  bool NameInPhrase(int k) const {
    for (int j = k - 1; j >= sb && j >= k - 8; --j) {
      if (doc.mention_at[j] >= 0 || doc.adjective[j]) return true;
      if (Kind(j, CueId::kDet) || toks[j].low == ",") break;
    }
    return false;
  }

  // "Maria Gruber (SPÖ, 61) sagte", "Helmut Naderer (vormals FPÖ, danach
  // BZÖ) und": the closing ")" of a parenthesis at k that annotates the
  // person named right before it with organisations or places (at most 10
  // tokens, at least one such name), else -1. The affiliation rules read it;
  // for clauses and groups it is part of the person's name phrase.
  int AffilParenClose(int k) const {
    if (k <= sb || toks[k].low != "(") return -1;
    const int p = doc.mention_at[k - 1];
    if (p < 0 || doc.mentions[p].ent < 0 || doc.entities[doc.mentions[p].ent].type != "person") return -1;
    bool named = false;
    for (int j = k + 1; j < se && j <= k + 11; ++j) {
      const std::string& w = toks[j].low;
      if (w == ")") return named ? j : -1;
      if (w == "(" || w == ";" || w == ":" || w == "\"" || w == "„" || w == "“") return -1;
      const int m = doc.mention_at[j];
      if (m >= 0 && doc.mentions[m].ent >= 0) {
        const std::string& t = doc.entities[doc.mentions[m].ent].type;
        named |= t == "organization" || t == "group" || t == "country" || t == "region" || t == "city";
        if (t == "person") return -1;
      }
    }
    return -1;
  }

  // Clause boundaries inside the sentence.
  std::vector<std::pair<int, int>> Clauses() const {
    std::vector<std::pair<int, int>> c;
    int start = sb;
    for (int k = sb; k < se; ++k) {
      const std::string& w = toks[k].low;
      bool cut = false;
      // The punctuation tests below only apply to short tokens that do not
      // start with an ASCII letter or digit.
      const unsigned char w0 = w.empty() ? 0 : static_cast<unsigned char>(w[0]);
      const bool sym = w.size() <= 3 && !(w0 < 0x80 && std::isalnum(w0));
      // "die Antikorruptionsbehörde (XYZ) hat ...": a name in parentheses
      // right after a noun that is no name defines that noun phrase; the
      // clause goes on ("Maria Gruber (SPÖ) sagte" still cuts).
      if (sym && w == "(" && k > sb && k + 2 < se && doc.mention_at[k - 1] < 0 &&
          toks[k - 1].Is(kWord) && toks[k - 1].Is(kUpper) && doc.mention_at[k + 1] >= 0 &&
          doc.mentions[doc.mention_at[k + 1]].tb == k + 1 && !NameInPhrase(k)) {
        const int close = doc.mentions[doc.mention_at[k + 1]].te;
        if (close < se && toks[close].low == ")") {
          k = close;
          continue;
        }
      }
      if (sym && w == "(") {
        if (const int close = AffilParenClose(k); close > 0) {
          k = close;
          continue;
        }
      }
      if (sym && (w == ";" || w == ":" || w == "(" || w == ")" || w == "–" || w == "—" ||
                  w == "\"" || w == "„" || w == "“" || w == "”" || w == "«" || w == "»"))
        cut = true;
      if (sym && w == "-" && k > sb && toks[k].start > toks[k - 1].end) cut = true;
      bool pronoun_next = k + 1 < se && doc.CueAt(k + 1, CueId::kPronoun);
      // "X said the jets were ...": reported speech without "that" opens a new clause.
      if (k > sb && Kind(k, CueId::kReported) && k + 1 < se && lex().lang != "de" &&
          (Kind(k + 1, CueId::kDet) || doc.mention_at[k + 1] >= 0 || pronoun_next)) {
        c.emplace_back(start, k + 1);
        start = k + 1;
        continue;
      }
      if (k > sb && Kind(k, CueId::kSubordinator) &&
          (!Kind(k, CueId::kPrep) ||
           (k + 1 < se && (doc.mention_at[k + 1] >= 0 || pronoun_next)))) {
        if (k > start) c.emplace_back(start, k);
        start = k;  // the subordinator/relative opens the next clause
        continue;
      }
      if (sym && w == ",") {
        bool list = k > sb && doc.mention_at[k - 1] >= 0 && k + 1 < se &&
                    (doc.mention_at[k + 1] >= 0 ||
                     (k + 2 < se && Kind(k + 1, CueId::kDet) && doc.mention_at[k + 2] >= 0));
        if (list) {
          // A list goes on with another comma or a coordination after the next name.
          int n = doc.mention_at[k + 1] >= 0 ? k + 1 : k + 2;
          int after = doc.mentions[doc.mention_at[n]].te;
          list = after < se && (toks[after].low == "," || Kind(after, CueId::kCoord));
        }
        // ", die ..." after a mention is a relative clause, not a list.
        if (list && k + 1 < se && Kind(k + 1, CueId::kRelative) && doc.mention_at[k + 1] < 0)
          list = false;
        cut = !list;
        // Appositions: ", den Präsidenten der Komoren, Azali Assoumani", ", der Machthaber
        // Nordkoreas," do not end the clause.
        if (cut && k + 2 < se && Kind(k + 1, CueId::kDet) &&
            (lex().roles.count(toks[k + 2].low) ||
             (k + 3 < se && lex().roles.count(toks[k + 3].low))))
          cut = false;
        if (cut && k > sb && doc.role_tok[k - 1] && k + 1 < se && doc.mention_at[k + 1] >= 0) cut = false;
        // "politisch, finanziell und militärisch": commas between lower-case words (lists of
        // adjectives/adverbs) do not end a clause.
        if (cut && k > sb && k + 1 < se && toks[k - 1].Is(kWord) && !toks[k - 1].Is(kUpper) &&
            toks[k + 1].Is(kWord) && !toks[k + 1].Is(kUpper) && doc.cue[k + 1] == 0 &&
            doc.cue[k - 1] == 0) {
          for (int j = k + 2; j < se && j <= k + 4; ++j)
            if (Kind(j, CueId::kCoord)) {
              cut = false;
              break;
            }
        }
      }
      if (cut) {
        if (k > start) c.emplace_back(start, k);
        start = k + 1;
      }
    }
    if (se > start) c.emplace_back(start, se);
    return c;
  }

  // Governing preposition of a mention starting at tb (skipping det/adj).
  std::string PrepOf(int tb, int cb, bool* gen) const {
    *gen = false;
    for (int k = tb - 1, steps = 0; k >= cb && steps < 6; --k, ++steps) {
      if (doc.role_tok[k] || doc.adjective[k]) continue;
      // "Seit Russland die Ukraine überfallen hat": a subordinator right before a name.
      if (IsPrep(k) && Kind(k, CueId::kSubordinator) && k == tb - 1) return "";
      if (IsPrep(k)) return toks[k].low;
      if (Kind(k, CueId::kDet) || Kind(k, CueId::kPossessive) || Kind(k, CueId::kPlaceNoun)) {
        if ((toks[k].low == "der" || toks[k].low == "des") && k - 1 >= cb &&
            toks[k - 1].Is(kUpper) && doc.mention_at[k - 1] < 0 && !Kind(k - 1, CueId::kDet) &&
            !IsPrep(k - 1) && k - 1 > cb)
          *gen = true;  // "die Militärkooperation der USA"
        continue;
      }
      if (doc.role_tok[k] || doc.adjective[k]) continue;
      if (toks[k].low == "of") { *gen = true; return ""; }
      if (toks[k].Is(kWord) && !toks[k].Is(kUpper) && doc.mention_at[k] < 0 && doc.cue[k] == 0 &&
          steps < 2 && !IsTriggerWord(k) && LooksAdjective(toks[k].low))
        continue;
      if (lex().lang == "de" && toks[k].Is(kUpper) && doc.mention_at[k] < 0 && k == tb - 1 &&
          k - 1 >= cb && (Kind(k - 1, CueId::kDet) || IsPrep(k - 1)) &&
          !lex().weekdays.count(toks[k].low) && !lex().months.count(toks[k].low))
        continue;  // "in der Großstadt Wladiwostok" (but "am Mittwoch Macron" is a time, then the
                   // name)
      break;
    }
    return "";
  }

  // German: the determiner of the name phrase before `tb` marks a case no
  // subject has: "dem Kanzler X", "den Rebellen", "einem Sprecher X", "der
  // Ministerin X" (a feminine role noun after "der" is dative or genitive).
  bool Oblique(int tb, int cb) const {
    if (lex().lang != "de") return false;
    bool feminine_role = false;
    for (int k = tb - 1, steps = 0; k >= cb && steps < 6; --k, ++steps) {
      const std::string& w = toks[k].low;
      if (doc.role_tok[k]) {
        feminine_role |= w.size() > 3 && w.compare(w.size() - 2, 2, "in") == 0;
        continue;
      }
      if (doc.adjective[k]) continue;
      if (Kind(k, CueId::kDet)) {
        return w == "dem" || w == "den" || w == "einem" || w == "einen" || (w == "der" && feminine_role);
      }
      if (toks[k].Is(kWord) && !toks[k].Is(kUpper) && doc.mention_at[k] < 0 && LooksAdjective(w)) continue;
      return false;
    }
    return false;
  }

  // German adjectives before a name end in -e/-en/-er/-es/-em ("russischen"); English
  // ones are not inflected, so any non-verb word passes there.
  bool LooksAdjective(const std::string& w) const {
    if (lex().lang != "de") return true;
    for (const char* suf : {"e", "en", "er", "es", "em"}) {
      size_t n = std::char_traits<char>::length(suf);
      if (w.size() > n + 2 && w.compare(w.size() - n, n, suf) == 0) return true;
    }
    return false;
  }

  bool IsTriggerWord(int k) const {
    const std::string& st = const_cast<SentenceRules*>(this)->StemAt(k);
    return lex().verbs.count(st) > 0 || lex().nouns.count(st) > 0;
  }

  std::vector<Group> Groups(int cb, int ce) const {
    std::vector<Group> gs;
    int last_end = -1;
    for (int k = cb; k < ce; ++k) {
      if (const int close = AffilParenClose(k); close > 0) {
        k = close;  // the names in "X (SPÖ)" belong to the affiliation rules
        continue;
      }
      int m = doc.mention_at[k];
      if (m < 0) continue;
      const MentionSpan& mm = doc.mentions[m];
      k = mm.te - 1;
      if (mm.ent < 0) continue;
      if (doc.role_tok[mm.tb] && doc.role_tok[mm.te - 1]) continue;  // "Austrian"/"Russia's" in a role phrase
      if (mm.one_person) continue;  // "die Italienerin reiste": a person, not the state
      // Joined to the previous group by a coordination?
      bool join = false;
      if (!gs.empty() && last_end >= 0) {
        join = true;
        bool saw_coord = false;
        for (int j = last_end; j < mm.tb; ++j) {
          if (const int close = AffilParenClose(j); close > 0) {
            j = close;
            continue;
          }
          if (Kind(j, CueId::kCoord) || toks[j].low == ",") {
            saw_coord = true;
            continue;
          }
          // "sowohl X als auch Y", "X as well as Y".
          if (j + 1 < mm.tb && ((toks[j].low == "als" && toks[j + 1].low == "auch") ||
                                (toks[j].low == "as" && toks[j + 1].low == "well" && j + 2 < mm.tb &&
                                 toks[j + 2].low == "as"))) {
            saw_coord = true;
            j += toks[j].low == "as" ? 2 : 1;
            continue;
          }
          if (Kind(j, CueId::kDet) || Kind(j, CueId::kPossessive) || doc.role_tok[j] ||
              doc.adjective[j])
            continue;
          join = false;
          break;
        }
        join = join && saw_coord;
      }
      if (join) {
        gs.back().ents.push_back(mm.ent);
        gs.back().te = mm.te;
      } else {
        Group g;
        g.ents.push_back(mm.ent);
        g.tb = mm.tb;
        g.te = mm.te;
        g.prep = PrepOf(mm.tb, cb, &g.gen);
        g.poss = mm.possessive;
        g.oblique = g.prep.empty() && Oblique(mm.tb, cb);
        gs.push_back(std::move(g));
      }
      last_end = mm.te;
    }
    return gs;
  }

  // The entity a relative pronoun at clause start refers to.
  bool RelativeGroup(int cb, Group* g) const {
    if (cb <= sb || !Kind(cb, CueId::kRelative)) return false;
    if (toks[cb - 1].low != ",") {
      // Without a comma only a name right before the pronoun is its antecedent,
      // and not one inside a prepositional phrase ("companies in Iran who ...").
      int m = doc.mention_at[cb - 1];
      if (m < 0 || doc.mentions[m].ent < 0) return false;
      bool gen = false;
      if (!PrepOf(doc.mentions[m].tb, sb, &gen).empty() || gen) return false;
      g->ents = {doc.mentions[m].ent};
      g->tb = g->te = cb;
      g->relative = true;
      return true;
    }
    for (int k = cb - 2; k >= sb; --k) {
      int m = doc.mention_at[k];
      if (m >= 0 && doc.mentions[m].ent >= 0) {
        g->ents = {doc.mentions[m].ent};
        g->tb = g->te = cb;
        g->relative = true;
        return true;
      }
      if (toks[k].low == "," || k < cb - 6) break;
    }
    return false;
  }

  void Emit(const Group& a, const Group& b, const std::string& pred, double conf, const std::string& rule,
            int cb, int ce, int t) {
    RelCandidate r;
    r.predicate = pred;
    r.sentence = s;
    r.conf = conf;
    r.rule = rule;
    int lo = std::min({a.tb, b.tb, t}), hi = std::max({a.te, b.te, t + 1});
    for (int k = lo; k < hi && r.tokens.size() < 40; ++k) r.tokens.emplace_back(doc.Tok(k));
    // Location: "in" + place in the same clause.
    for (const Group& g : clause_groups) {
      if (&g == &a || &g == &b || g.ents.size() != 1) continue;
      if (!lex().Cue(g.prep, CueId::kLocationPrep)) continue;
      const std::string& ty = doc.entities[g.ents[0]].type;
      if (ty == "city" || ty == "region" || ty == "country") { r.loc = g.ents[0]; if (ty == "city") break; }
    }
    (void)cb;
    (void)ce;
    for (int x : a.ents)
      for (int y : b.ents) {
        if (x == y) continue;
        RelCandidate c = r;
        c.subj = x;
        c.obj = y;
        if (c.loc == x || c.loc == y) c.loc = -1;
        out->push_back(std::move(c));
      }
  }

  void EmitPairs(const Group& g, const std::string& pred, double conf, const std::string& rule, int cb, int ce,
                 int t) {
    for (size_t i = 0; i < g.ents.size(); ++i)
      for (size_t j = i + 1; j < g.ents.size(); ++j) {
        Group a = g, b = g;
        a.ents = {g.ents[i]};
        b.ents = {g.ents[j]};
        Emit(a, b, pred, conf, rule, cb, ce, t);
      }
  }

  bool HasCue(const Frame& f, int cb, int ce) {
    (void)cb;
    (void)ce;
    if (f.nosport && doc.sport) return false;
    for (int k = sb; k < se && !f.nocues.empty(); ++k)
      for (const auto& c : f.nocues)
        if (toks[k].low.rfind(c, 0) == 0) return false;
    if (f.cues.empty()) return true;
    for (int k = sb; k < se; ++k)
      for (const auto& c : f.cues)
        if (toks[k].low.rfind(c, 0) == 0) return true;
    return false;
  }

  std::vector<Group> clause_groups;

  const Group* Subject(const std::vector<Group>& free, int t, const Group* rel, const Group* exclude) const {
    std::vector<const Group*> left, right;
    if (rel && rel != exclude) left.push_back(rel);
    for (const Group& g : free) {
      if (&g == exclude) continue;
      (g.te <= t ? left : right).push_back(&g);
    }
    if (lex().lang == "de") {
      for (const Group* g : left)
        if (!g->oblique || g == rel) return g;
      for (const Group* g : right)
        if (!g->oblique) return g;
    } else if (!left.empty()) {
      // "X visited Y and met Z": after "and", the verb shares X, not the object Y.
      if (t - 1 >= sb && Kind(t - 1, CueId::kCoord) && !rel && sentence_subject.ents.size() &&
          sentence_subject.te <= t && &sentence_subject != exclude && left.size() >= 2)
        return &sentence_subject;
      return left.back();
    }
    // Coordinated verb phrases share the subject of the sentence: "X criticised Y and condemned Z".
    if (sentence_subject.ents.size() && sentence_subject.te <= t && &sentence_subject != exclude) {
      if (t - 1 >= sb && Kind(t - 1, CueId::kCoord)) return &sentence_subject;
    }
    return nullptr;
  }

  Group sentence_subject;  // first free group of the sentence

  void Verb(int t, const std::vector<Trigger>& trigs, int cb, int ce, const std::vector<Group>& groups,
            const Group* rel);  // relations.cpp
  // One reading of a verb (relations.cpp).
  void VerbWith(int t, const Trigger& trig, int cb, int ce, const std::vector<Group>& groups,
                const Group* rel);

  // "er"/"he"/"she" in [b, e): the most recent person named before it (this or the two
  // previous sentences) of a matching gender when the KB knows it.
  bool PersonPronoun(int b, int e, Group* g) const {
    int at = -1;
    std::string p;
    for (int k = b; k < e; ++k)
      if (toks[k].low == "er" || toks[k].low == "he" || toks[k].low == "she") { at = k; p = toks[k].low; break; }
    if (at < 0) return false;
    auto fits = [&](int k) {
      int m = doc.mention_at[k];
      if (m < 0 || doc.mentions[m].ent < 0) return -1;
      const DocEntity& de = doc.entities[doc.mentions[m].ent];
      if (de.type != "person") return -1;
      if (de.cat >= 0) {
        const std::string& gender = ctx.cat->entity(de.cat).gender;
        if (!gender.empty() && ((p == "she") != (gender == "f"))) return -1;
      }
      return doc.mentions[m].ent;
    };
    // Nearest person earlier in this sentence; else, among the people of the two previous
    // sentences, the most salient one (most mentions in the article), nearest on ties.
    int found = -1;
    for (int k = at - 1; k >= sb && found < 0; --k) found = fits(k);
    for (int ps = s - 1; ps >= std::max(0, s - 2) && found < 0; --ps) {
      size_t best_count = 0;
      for (int k = doc.seg.sentences[ps].tok_begin; k < doc.seg.sentences[ps].tok_end; ++k) {
        int e = fits(k);
        if (e < 0) continue;
        size_t n = doc.entities[e].mentions.size();
        if (n > best_count) { best_count = n; found = e; }
      }
    }
    if (found < 0) return false;
    g->ents = {found};
    g->tb = g->te = at;
    return true;
  }

  // "das Land", "the country" before t: the most recent country named before it.
  bool CountryAnaphor(int cb, int t, Group* g) const {
    for (int k = cb; k + 1 < t; ++k) {
      if (!Kind(k, CueId::kDet) || !Kind(k + 1, CueId::kAnaphorCountry)) continue;
      for (int j = k - 1; j >= doc.seg.sentences[std::max(0, s - 1)].tok_begin; --j) {
        int m = doc.mention_at[j];
        if (m < 0 || doc.mentions[m].ent < 0) continue;
        if (doc.entities[doc.mentions[m].ent].type != "country") continue;
        g->ents = {doc.mentions[m].ent};
        g->tb = g->te = k;
        return true;
      }
      return false;
    }
    return false;
  }

  bool PassiveClause(int cb, int ce) const {
    for (int k = cb; k < ce; ++k)
      if (Kind(k, CueId::kPassiveAux)) return true;
    return false;
  }

  void Noun(int t, const Trigger& tr, int prefix_ent, int cb, int ce, const std::vector<Group>& groups,
            const Group* rel);  // relations_noun.cpp

  void Run();  // relations.cpp

  bool HasPossessive(int cb, int ce) const {
    for (int k = cb; k < ce; ++k)
      if (Kind(k, CueId::kPossessive)) return true;
    return false;
  }
};

}  // namespace kg::ingest::rules
