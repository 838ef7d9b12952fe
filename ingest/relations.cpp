#include "ingest/relations.h"

#include <algorithm>
#include <set>

#include "ingest/mentions.h"
#include "ingest/modality.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

struct Group {
  std::vector<int> ents;   // doc entity indexes
  int tb = 0, te = 0;      // token span of the whole group
  std::string prep;        // governing preposition (lower case) or ""
  bool gen = false;        // genitive attribute ("der USA", "of Russia")
  bool poss = false;       // possessive ("Putins", "Russia's")
  bool relative = false;   // stands for a relative pronoun
};

struct SentenceRules {
  const RelationContext& ctx;
  const Doc& doc;
  const std::vector<Token>& toks;
  int s, sb, se;
  std::vector<RelCandidate>* out;
  std::vector<std::string> stems;  // per token of the sentence (lazy)
  int sentence_entities = 0;

  const std::string& StemAt(int k) {
    std::string& st = stems[k - sb];
    if (st.empty()) st = ctx.stemmer->Stem(toks[k].low);
    return st;
  }
  const Lexicon& lex() const { return *ctx.lex; }
  bool Kind(int k, const char* kind) const { return lex().Cue(toks[k].low, kind); }
  bool IsPrep(int k) const {
    return lex().CueAny(toks[k].low, {"prep", "place_prep", "location_prep", "origin_prep", "agent_prep"});
  }

  // Clause boundaries inside the sentence.
  std::vector<std::pair<int, int>> Clauses() const {
    std::vector<std::pair<int, int>> c;
    int start = sb;
    for (int k = sb; k < se; ++k) {
      const std::string& w = toks[k].low;
      bool cut = false;
      if (w == ";" || w == ":" || w == "(" || w == ")" || w == "–" || w == "—" || w == "\"" ||
          w == "„" || w == "“" || w == "”" || w == "«" || w == "»") cut = true;
      if (w == "-" && k > sb && toks[k].start > toks[k - 1].end) cut = true;
      bool pronoun_next = k + 1 < se && lex().Cue(toks[k + 1].low, "pronoun");
      // "X said the jets were ...": reported speech without "that" opens a new clause.
      if (k > sb && Kind(k, "reported") && k + 1 < se && lex().lang != "de" &&
          (Kind(k + 1, "det") || doc.mention_at[k + 1] >= 0 || pronoun_next)) {
        c.emplace_back(start, k + 1);
        start = k + 1;
        continue;
      }
      if (k > sb && Kind(k, "subordinator") &&
          (!Kind(k, "prep") || (k + 1 < se && (doc.mention_at[k + 1] >= 0 || pronoun_next)))) {
        if (k > start) c.emplace_back(start, k);
        start = k;  // the subordinator/relative opens the next clause
        continue;
      }
      if (w == ",") {
        bool list = k > sb && doc.mention_at[k - 1] >= 0 && k + 1 < se &&
                    (doc.mention_at[k + 1] >= 0 || (k + 2 < se && Kind(k + 1, "det") && doc.mention_at[k + 2] >= 0));
        if (list) {
          // A list goes on with another comma or a coordination after the next name.
          int n = doc.mention_at[k + 1] >= 0 ? k + 1 : k + 2;
          int after = doc.mentions[doc.mention_at[n]].te;
          list = after < se && (toks[after].low == "," || Kind(after, "coord"));
        }
        // ", die ..." after a mention is a relative clause, not a list.
        if (list && k + 1 < se && Kind(k + 1, "relative") && doc.mention_at[k + 1] < 0) list = false;
        cut = !list;
        // Appositions: ", den Präsidenten der Komoren, Azali Assoumani", ", der Machthaber
        // Nordkoreas," do not end the clause.
        if (cut && k + 2 < se && Kind(k + 1, "det") &&
            (lex().roles.count(toks[k + 2].low) || (k + 3 < se && lex().roles.count(toks[k + 3].low))))
          cut = false;
        if (cut && k > sb && doc.role_tok[k - 1] && k + 1 < se && doc.mention_at[k + 1] >= 0) cut = false;
        // "politisch, finanziell und militärisch": commas between lower-case words (lists of
        // adjectives/adverbs) do not end a clause.
        if (cut && k > sb && k + 1 < se && toks[k - 1].Is(kWord) && !toks[k - 1].Is(kUpper) &&
            toks[k + 1].Is(kWord) && !toks[k + 1].Is(kUpper) && !lex().CueKind(toks[k + 1].low) &&
            !lex().CueKind(toks[k - 1].low)) {
          for (int j = k + 2; j < se && j <= k + 4; ++j)
            if (Kind(j, "coord")) { cut = false; break; }
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
      if (IsPrep(k) && Kind(k, "subordinator") && k == tb - 1) return "";
      if (IsPrep(k)) return toks[k].low;
      if (Kind(k, "det") || Kind(k, "possessive") || Kind(k, "place_noun")) {
        if ((toks[k].low == "der" || toks[k].low == "des") && k - 1 >= cb && toks[k - 1].Is(kUpper) &&
            doc.mention_at[k - 1] < 0 && !Kind(k - 1, "det") && !IsPrep(k - 1) && k - 1 > cb)
          *gen = true;  // "die Militärkooperation der USA"
        continue;
      }
      if (doc.role_tok[k] || doc.adjective[k]) continue;
      if (toks[k].low == "of") { *gen = true; return ""; }
      if (toks[k].Is(kWord) && !toks[k].Is(kUpper) && doc.mention_at[k] < 0 && !lex().CueKind(toks[k].low) &&
          steps < 2 && !IsTriggerWord(k) && LooksAdjective(toks[k].low))
        continue;
      if (lex().lang == "de" && toks[k].Is(kUpper) && doc.mention_at[k] < 0 && k == tb - 1 && k - 1 >= cb &&
          (Kind(k - 1, "det") || IsPrep(k - 1)))
        continue;  // "in der Großstadt Wladiwostok"
      break;
    }
    return "";
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
      int m = doc.mention_at[k];
      if (m < 0) continue;
      const MentionSpan& mm = doc.mentions[m];
      k = mm.te - 1;
      if (mm.ent < 0) continue;
      if (doc.role_tok[mm.tb] && doc.role_tok[mm.te - 1]) continue;  // "Austrian"/"Russia's" in a role phrase
      // Joined to the previous group by a coordination?
      bool join = false;
      if (!gs.empty() && last_end >= 0) {
        join = true;
        bool saw_coord = false;
        for (int j = last_end; j < mm.tb; ++j) {
          if (Kind(j, "coord") || toks[j].low == ",") { saw_coord = true; continue; }
          if (Kind(j, "det") || Kind(j, "possessive") || doc.role_tok[j] || doc.adjective[j]) continue;
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
        gs.push_back(std::move(g));
      }
      last_end = mm.te;
    }
    return gs;
  }

  // The entity a relative pronoun at clause start refers to.
  bool RelativeGroup(int cb, Group* g) const {
    if (cb <= sb || !Kind(cb, "relative")) return false;
    if (toks[cb - 1].low != ",") {
      // Without a comma only a name right before the pronoun is its antecedent.
      int m = doc.mention_at[cb - 1];
      if (m < 0 || doc.mentions[m].ent < 0) return false;
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
      if (!lex().Cue(g.prep, "location_prep")) continue;
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
    if (f.cues.empty()) return true;
    for (int k = sb; k < se; ++k)
      for (const auto& c : f.cues)
        if (toks[k].low.rfind(c, 0) == 0) return true;
    (void)cb;
    (void)ce;
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
      if (!left.empty()) return left.front();
      if (!right.empty()) return right.front();
    } else if (!left.empty()) {
      return left.back();
    }
    // Coordinated verb phrases share the subject of the sentence: "X criticised Y and condemned Z".
    if (sentence_subject.ents.size() && sentence_subject.te <= t && &sentence_subject != exclude) {
      if (t - 1 >= sb && Kind(t - 1, "coord")) return &sentence_subject;
    }
    return nullptr;
  }

  Group sentence_subject;  // first free group of the sentence

  void Verb(int t, const std::vector<Trigger>& trigs, int cb, int ce, const std::vector<Group>& groups,
            const Group* rel) {
    // Separable particle forms win when their particle closes the clause.
    const Trigger* chosen = nullptr;
    int particle_at = -1;
    for (const Trigger& tr : trigs) {
      if (tr.particle.empty()) continue;
      for (int k = t + 1; k < ce; ++k)
        if (toks[k].low == tr.particle && (k + 1 == ce || !toks[k + 1].Is(kWord) || Kind(k + 1, "coord"))) {
          chosen = &tr;
          particle_at = k;
        }
      if (chosen) break;
    }
    if (!chosen) {
      // Any clause-final particle of this verb means a different verb.
      for (const Trigger& tr : trigs) {
        if (!tr.particle.empty()) continue;
        chosen = &tr;
        break;
      }
      if (!chosen) return;
      int last_word = ce - 1;
      while (last_word > t && !toks[last_word].Is(kWord)) --last_word;
      if (last_word > t && lex().Cue(toks[last_word].low, "particle")) return;
    }
    const Frame& f = chosen->frame;
    if (!HasCue(f, cb, ce)) return;
    std::vector<Group> free;
    const Group* agent = nullptr;
    for (const Group& g : groups) {
      if (g.prep.empty() && !g.gen && !g.poss) free.push_back(g);
    }
    for (const Group& g : groups)
      if (lex().Cue(g.prep, "agent_prep")) { agent = &g; break; }
    double conf = f.conf;
    if (f.passive || (agent && (lex().lang != "de" || true) && PassiveClause(cb, ce))) {
      if (!agent) return;
      const Group* patient = Subject(free, t, rel, nullptr);
      Group ana;
      if (!patient && CountryAnaphor(cb, t, &ana) && ana.ents[0] != agent->ents[0]) patient = &ana;
      if (!patient) return;
      Emit(*agent, *patient, chosen->predicate, conf, chosen->rule + ".passive", cb, ce, t);
      return;
    }
    const Group* subj = nullptr;
    // Infinitive clause ("..., Kiew Panzer zu liefern", "agreed to supply X"): the subject is
    // the sentence's, every name in the clause is an object.
    bool infinitive = (t - 1 >= cb && (toks[t - 1].low == "zu" || toks[t - 1].low == "to")) ||
                      (lex().lang == "de" && t + 1 < ce && toks[t + 1].low == "zu");
    if (infinitive && sentence_subject.ents.size() && sentence_subject.te <= cb && !rel) {
      subj = &sentence_subject;
    } else {
      subj = Subject(free, t, rel, nullptr);
    }
    Group pron;
    if (!subj && PersonPronoun(cb, std::min(ce, t + 3), &pron)) subj = &pron;
    if (!subj && CountryAnaphor(cb, t, &pron)) subj = &pron;
    if (!subj) return;
    if (f.obj == ObjMode::kGroup) {
      if (subj->ents.size() >= 2) EmitPairs(*subj, chosen->predicate, conf, chosen->rule + ".group", cb, ce, t);
      return;
    }
    const Group* obj = nullptr;
    if (f.obj == ObjMode::kPrep) {
      for (const Group& g : groups)
        if (&g != subj && std::find(f.preps.begin(), f.preps.end(), g.prep) != f.preps.end()) { obj = &g; break; }
      if (!obj && std::find(f.preps.begin(), f.preps.end(), "direct") == f.preps.end()) return;
    }
    if (!obj && (f.obj == ObjMode::kDirect || f.obj == ObjMode::kPrep)) {
      std::vector<const Group*> cands;
      if (rel) cands.push_back(rel);
      for (const Group& g : free) cands.push_back(&g);
      for (const Group& g : groups)
        if (g.poss && g.prep.empty() && g.tb > t) cands.push_back(&g);  // "criticised China's ..."
      std::stable_sort(cands.begin(), cands.end(), [](const Group* a, const Group* b) { return a->tb < b->tb; });
      // Relative pronoun directly followed by a name is the object: "die Kim besucht hat".
      if (rel && subj == rel && cands.size() >= 2 && cands[1]->tb <= cb + 3 && cands[1]->te <= t) {
        subj = cands[1];
        obj = rel;
      } else {
        for (const Group* g : cands) {
          if (g == subj) continue;
          if (lex().lang != "de" && g->tb < t) continue;
          if (lex().lang == "de" && g->tb < subj->tb && g->te <= t) continue;
          obj = g;
          break;
        }
      }
    }
    // "besuchte ... ein Flugzeugwerk in Komsomolsk": a visit without a named object
    // goes to the place named after the verb.
    Group place;
    if (!obj && (chosen->predicate == "visits" || chosen->predicate == "attacks")) {
      for (const Group& g : Groups(lex().lang == "de" ? cb : t + 1, std::min(se, t + 13))) {
        if (g.ents.size() != 1 || !lex().Cue(g.prep, "location_prep") || g.ents[0] == subj->ents[0]) continue;
        const std::string& ty = doc.entities[g.ents[0]].type;
        if (ty == "city" || ty == "region" || ty == "country") { place = g; obj = &place; break; }
      }
    }
    // Reciprocal: "trafen sich Biden und Modi", "X und Y verhandelten".
    if (!obj && subj->ents.size() >= 2 && IsSymmetricPredicate(chosen->predicate)) {
      EmitPairs(*subj, chosen->predicate, conf * 0.9, chosen->rule + ".reciprocal", cb, ce, t);
      return;
    }
    if (!obj) return;
    (void)particle_at;
    Emit(*subj, *obj, chosen->predicate, conf, chosen->rule, cb, ce, t);
  }

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
      if (!Kind(k, "det") || !Kind(k + 1, "anaphor_country")) continue;
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
      if (Kind(k, "passive_aux")) return true;
    return false;
  }

  void Noun(int t, const Trigger& tr, int prefix_ent, int cb, int ce, const std::vector<Group>& groups,
            const Group* rel) {
    const Frame& f = tr.frame;
    if (!HasCue(f, cb, ce)) return;
    double conf = f.conf;
    // Pairs: "Treffen zwischen X und Y".
    if (f.obj == ObjMode::kPair) {
      for (const Group& g : groups)
        if (g.tb > t && g.tb <= t + 4 && !f.preps.empty() && g.prep == f.preps.front() && g.ents.size() >= 2) {
          EmitPairs(g, tr.predicate, conf, tr.rule, cb, ce, t);
          return;
        }
    }
    Group subj_g, obj_g;
    bool subj = false, obj = false;
    // Agent before the noun: possessive mention, adjective, compound prefix.
    for (const Group& g : groups) {
      if (g.te <= t && g.te >= t - 2 && g.poss) { subj_g = g; subj = true; }
    }
    if (!subj && prefix_ent >= 0) {
      subj_g.ents = {prefix_ent};
      subj_g.tb = subj_g.te = t;
      subj = true;
    }
    if (!subj) {
      for (int k = t - 1; k >= cb && k >= t - 2; --k) {
        if (!toks[k].Is(kWord)) break;
        const auto* v = ctx.cat->Lookup(lex().lang == "de" ? AdjectiveBase(toks[k].low) : toks[k].low);
        if (!v) v = ctx.cat->Lookup(toks[k].low);
        if (!v) continue;
        for (const auto& e : *v) {
          if (e.kind != Surface::kAdjective) continue;
          auto it = doc.entity_by_id.find(ctx.cat->entity(e.entity).id);
          if (it == doc.entity_by_id.end()) continue;
          subj_g.ents = {it->second};
          subj_g.tb = k;
          subj_g.te = k + 1;
          subj = true;
          break;
        }
        if (subj) break;
      }
    }
    // Possessive pronoun before the noun ("its invasion", "seinen Angriffskrieg"): the
    // possessor is the nearest name before the pronoun.
    if (!subj) {
      for (int k = t - 1; k >= sb && k >= t - 3; --k) {
        if (Kind(k, "possessive")) {
          for (int j = k - 1; j >= sb; --j) {
            int m = doc.mention_at[j];
            if (m >= 0 && doc.mentions[m].ent >= 0 && !(doc.role_tok[j] && doc.mentions[m].kind == Surface::kAdjective)) {
              subj_g.ents = {doc.mentions[m].ent};
              subj_g.tb = doc.mentions[m].tb;
              subj_g.te = doc.mentions[m].te;
              subj = true;
              break;
            }
          }
          break;
        }
        if (doc.mention_at[k] >= 0) break;
      }
    }
    // Genitive right after the noun.
    const Group* gen = nullptr;
    for (const Group& g : groups)
      if (g.tb > t && g.tb <= t + 3 && (g.gen || (g.poss && lex().lang == "de"))) { gen = &g; break; }
    if (gen && f.gen == 1 && !subj) { subj_g = *gen; subj = true; }
    if (gen && f.gen == 2) { obj_g = *gen; obj = true; }
    if (f.obj == ObjMode::kPrep || f.obj == ObjMode::kPair) {
      for (const Group& g : groups) {
        if (g.tb <= t || g.tb > t + 12) continue;
        if (std::find(f.preps.begin(), f.preps.end(), g.prep) != f.preps.end()) { obj_g = g; obj = true; break; }
      }
    }
    if (f.obj == ObjMode::kAppos) {
      for (const Group& g : groups)
        if (g.tb == t + 1 && g.prep.empty()) { obj_g = g; obj = true; break; }
      // "ihr Verbündeter Südkorea": the possessor is the nearest entity before.
      if (obj && !subj && t - 1 >= sb && Kind(t - 1, "possessive")) {
        for (int k = t - 2; k >= sb; --k) {
          int m = doc.mention_at[k];
          if (m >= 0 && doc.mentions[m].ent >= 0) {
            subj_g.ents = {doc.mentions[m].ent};
            subj_g.tb = doc.mentions[m].tb;
            subj_g.te = doc.mentions[m].te;
            subj = true;
            break;
          }
        }
      }
    }
    // "ihre Zusammenarbeit": pairs within a coordinated subject of the sentence.
    if (!obj && f.sym_group && t - 1 >= sb && Kind(t - 1, "possessive")) {
      auto all = Groups(sb, se);
      for (const Group& g : all)
        if (g.ents.size() >= 2 && g.prep.empty() && g.te <= t) {
          EmitPairs(g, tr.predicate, conf * 0.85, tr.rule + ".possessive_group", cb, ce, t);
          return;
        }
    }
    if (!obj) return;
    if (!subj) {
      // Fall back to the clause subject (lower confidence).
      std::vector<Group> free;
      for (const Group& g : groups)
        if (g.prep.empty() && !g.gen && g.te <= t) free.push_back(g);
      if (!free.empty()) { subj_g = free.front(); subj = true; }
      else if (rel) { subj_g = *rel; subj = true; }
      conf *= 0.7;
    }
    if (!subj) return;
    Emit(subj_g, obj_g, tr.predicate, conf, tr.rule, cb, ce, t);
  }

  void Run() {
    stems.assign(se - sb, std::string());
    const Lexicon& L = lex();
    for (const Group& g : Groups(sb, se))
      if (g.prep.empty() && !g.gen && !g.poss) { sentence_subject = g; break; }
    for (auto [cb, ce] : Clauses()) {
      clause_groups = Groups(cb, ce);
      Group relg;
      const Group* rel = RelativeGroup(cb, &relg) ? &relg : nullptr;
      int nents = static_cast<int>(clause_groups.size()) + (rel ? 1 : 0);
      for (int k = cb; k < ce; ++k)
        if (toks[k].low == "er" || toks[k].low == "he" || toks[k].low == "she" ||
            ((toks[k].low == "zu" || toks[k].low == "to") && sentence_subject.ents.size() &&
             sentence_subject.te <= cb)) {
          ++nents;  // a pronoun or the sentence subject of an infinitive clause takes part
          break;
        }
      bool any_multi = false;
      for (auto& g : clause_groups) any_multi |= g.ents.size() >= 2;
      if (nents < 2 && !any_multi && !(HasPossessive(cb, ce) && sentence_entities >= 2) &&
          !(nents == 1 && sentence_entities >= 2))
        continue;
      if (Negated(doc, L, cb, ce)) continue;
      size_t before = out->size();
      for (int t = cb; t < ce; ++t) {
        if (!toks[t].Is(kWord) || doc.mention_at[t] >= 0) continue;
        bool upper = toks[t].Is(kUpper);
        // Verbs are lower case (except sentence-initially); German nouns are capitalised.
        if (!upper || t == sb) {
          auto it = L.verbs.find(StemAt(t));
          if (it != L.verbs.end()) Verb(t, it->second, cb, ce, clause_groups, rel);
        }
        if (L.lang == "de" ? upper : true) {
          const std::string& st = StemAt(t);
          int prefix_ent = -1;
          for (size_t p = 0; p + 3 <= st.size(); ++p) {
            if ((static_cast<unsigned char>(st[p]) & 0xC0) == 0x80) continue;
            if (L.lang != "de" && p > 0) break;
            auto it = L.nouns.find(p == 0 ? st : st.substr(p));
            if (it == L.nouns.end()) continue;
            if (p > 0) {
              std::string prefix = toks[t].low.substr(0, std::min(p, toks[t].low.size()));
              if (!prefix.empty() && prefix.back() == '-') {
                prefix.pop_back();
                if (const auto* v = ctx.cat->Lookup(prefix)) {
                  auto e = doc.entity_by_id.find(ctx.cat->entity(v->front().entity).id);
                  if (e != doc.entity_by_id.end()) prefix_ent = e->second;
                }
              }
            }
            for (const Trigger& tr : it->second) Noun(t, tr, prefix_ent, cb, ce, clause_groups, rel);
            break;
          }
        }
      }
      // Date and modality for what this clause produced.
      if (out->size() > before) {
        std::string mod = SentenceModality(doc, L, s);
        std::string date = SentenceDate(doc, L, s);
        for (size_t i = before; i < out->size(); ++i) {
          (*out)[i].modality = mod;
          (*out)[i].date = date;
        }
      }
    }
  }

  bool HasPossessive(int cb, int ce) const {
    for (int k = cb; k < ce; ++k)
      if (Kind(k, "possessive")) return true;
    return false;
  }
};

}  // namespace

void ExtractRelations(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out) {
  for (size_t s = 0; s < doc.seg.sentences.size(); ++s) {
    const Sentence& sent = doc.seg.sentences[s];
    // Only sentences with two entities (or a coordination/possessive) can hold a relation.
    std::set<int> ents;
    for (int k = sent.tok_begin; k < sent.tok_end; ++k) {
      int m = doc.mention_at[k];
      if (m >= 0 && doc.mentions[m].ent >= 0) ents.insert(doc.mentions[m].ent);
    }
    if (ents.empty()) continue;
    SentenceRules r{ctx, doc, doc.seg.tokens, static_cast<int>(s), sent.tok_begin, sent.tok_end, out, {}, 0, {}, {}};
    r.sentence_entities = static_cast<int>(ents.size());
    r.Run();
  }
  // leader_of from role appositions.
  for (const RoleFact& f : doc.roles) {
    if (f.person_mention < 0 || f.person_mention >= static_cast<int>(doc.mentions.size())) continue;
    const MentionSpan& pm = doc.mentions[f.person_mention];
    if (pm.ent < 0 || f.of_entity < 0 || pm.ent == f.of_entity) continue;
    RelCandidate c;
    c.subj = pm.ent;
    c.obj = f.of_entity;
    c.predicate = "leader_of";
    c.sentence = f.sentence;
    c.conf = 0.95;
    c.rule = f.rule;
    for (int k = f.tb; k < f.te; ++k) c.tokens.emplace_back(doc.Tok(k));
    c.modality = "asserted";
    c.date = doc.date;
    out->push_back(std::move(c));
  }
}

namespace {

bool IsPlaceType(const std::string& t) { return t == "city" || t == "region"; }
bool IsContainerType(const std::string& t) { return t == "country" || t == "region"; }

}  // namespace

void ExtractMembership(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out) {
  // "his Labour Party", "seine Partei CDU": a person's own organisation.
  const auto& toks = doc.seg.tokens;
  for (const MentionSpan& m : doc.mentions) {
    if (m.ent < 0 || m.tb == 0 || doc.entities[m.ent].type != "organization") continue;
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
    if (m.ent < 0 || m.te <= m.tb || !IsPlaceType(ent_type(mi))) continue;
    const Sentence& sent = doc.seg.sentences[m.sentence];
    int k = m.te;
    // "Doha, Katar" (not a list: no coordination right after).
    if (k + 1 < sent.tok_end && toks[k].low == ",") {
      int n = doc.mention_at[k + 1];
      if (n >= 0 && doc.mentions[n].ent >= 0 && ent_type(n) == "country") {
        int after = doc.mentions[n].te;
        bool list = after < sent.tok_end && (lex.Cue(toks[after].low, "coord") ||
                                             (toks[after].low == "," && after + 1 < sent.tok_end &&
                                              doc.mention_at[after + 1] >= 0));
        if (!list) add(static_cast<int>(mi), n, m.tb, doc.mentions[n].te, "located_in.comma");
      }
    }
    // "Vilnius, der Hauptstadt Litauens", "Doha, the capital of Qatar".
    if (k + 2 < sent.tok_end && toks[k].low == ",") {
      int j = k + 1;
      while (j < sent.tok_end && lex.Cue(toks[j].low, "det")) ++j;
      if (j < sent.tok_end && lex.Cue(toks[j].low, "place_noun")) {
        ++j;
        while (j < sent.tok_end && (lex.Cue(toks[j].low, "det") || toks[j].low == "of")) ++j;
        int n = j < sent.tok_end ? doc.mention_at[j] : -1;
        if (n >= 0 && doc.mentions[n].ent >= 0 && IsContainerType(ent_type(n)))
          add(static_cast<int>(mi), n, m.tb, doc.mentions[n].te, "located_in.apposition");
      }
    }
    // "Russia's Kursk region", "Russlands Region Kursk" (possessive country right before).
    if (m.tb - 1 >= sent.tok_begin) {
      int pm = doc.mention_at[m.tb - 1];
      if (pm < 0 && m.tb - 2 >= sent.tok_begin && lex.Cue(toks[m.tb - 1].low, "place_noun"))
        pm = doc.mention_at[m.tb - 2];
      if (pm >= 0 && doc.mentions[pm].possessive && doc.mentions[pm].ent >= 0 && ent_type(pm) == "country")
        add(static_cast<int>(mi), pm, doc.mentions[pm].tb, m.te, "located_in.possessive");
    }
    // "Vilnius in Litauen", "Alabuga in Tatarstan".
    if (k + 1 < sent.tok_end && lex.Cue(toks[k].low, "location_prep")) {
      int j = k + 1;
      while (j < sent.tok_end && lex.Cue(toks[j].low, "det")) ++j;
      int n = j < sent.tok_end ? doc.mention_at[j] : -1;
      if (n >= 0 && doc.mentions[n].ent >= 0 && IsContainerType(ent_type(n)) &&
          !(ent_type(n) == "region" && ent_type(mi) == "region"))
        add(static_cast<int>(mi), n, m.tb, doc.mentions[n].te, "located_in.in");
    }
    // "die litauische Hauptstadt Vilnius", "the Indian capital New Delhi".
    int p = m.tb - 1;
    if (p > sent.tok_begin && lex.Cue(toks[p].low, "place_noun")) {
      int a = p - 1;
      int am = a >= sent.tok_begin ? doc.mention_at[a] : -1;
      if (am >= 0 && doc.mentions[am].ent >= 0 && ent_type(am) == "country")
        add(static_cast<int>(mi), am, doc.mentions[am].tb, m.te, "located_in.adjective");
      else if (a >= sent.tok_begin) {
        std::string base = lex.lang == "de" ? AdjectiveBase(toks[a].low) : toks[a].low;
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
