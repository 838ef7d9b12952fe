#include "ingest/relations.h"

#include "ingest/relation_rules.h"

#include <algorithm>
#include <set>

#include "ingest/mentions.h"
#include "ingest/modality.h"
#include "ingest/text_util.h"

namespace kg::ingest {

using rules::Group;
using rules::SentenceRules;

namespace rules {

void SentenceRules::Verb(int t, const std::vector<Trigger>& trigs, int cb, int ce, const std::vector<Group>& groups,
          const Group* rel) {
  // Separable particle forms win when their particle closes the clause.
  for (const Trigger& tr : trigs) {
    if (tr.particle.empty()) continue;
    for (int k = t + 1; k < ce; ++k)
      if (toks[k].low == tr.particle &&
          (k + 1 == ce || !toks[k + 1].Is(kWord) || Kind(k + 1, CueId::kCoord))) {
        VerbWith(t, tr, cb, ce, groups, rel);
        return;
      }
  }
  // Any clause-final particle of this verb means a different verb.
  int last_word = ce - 1;
  while (last_word > t && !toks[last_word].Is(kWord)) --last_word;
  if (last_word > t && doc.CueAt(last_word, CueId::kParticle)) return;
  // Otherwise the first reading (lexicon order) that yields a relation: one
  // verb form may belong to several classes ("kämpft gegen" a rival or an army).
  for (const Trigger& tr : trigs) {
    if (!tr.particle.empty()) continue;
    const size_t before = out->size();
    VerbWith(t, tr, cb, ce, groups, rel);
    if (out->size() > before) return;
  }
}

void SentenceRules::VerbWith(int t, const Trigger& trig, int cb, int ce,
                             const std::vector<Group>& groups, const Group* rel) {
  const Trigger* chosen = &trig;
  const Frame& f = chosen->frame;
  if (!HasCue(f, cb, ce)) return;
  std::vector<Group> free;
  const Group* agent = nullptr;
  for (const Group& g : groups) {
    if (g.prep.empty() && !g.gen && !g.poss) free.push_back(g);
  }
  for (const Group& g : groups)
    if (lex().Cue(g.prep, CueId::kAgentPrep)) {
      agent = &g;
      break;
    }
  double conf = f.conf;
  if (f.passive || (agent && (!IsGerman(lex().lang) || true) && PassiveClause(cb, ce))) {
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
                    (IsGerman(lex().lang) && t + 1 < ce && toks[t + 1].low == "zu");
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
      // "criticised China's ..." (not "traf Putins Berater": a meeting is with the person named).
      if (g.poss && g.prep.empty() && g.tb > t && chosen->predicate != "meets") cands.push_back(&g);
    std::stable_sort(cands.begin(), cands.end(), [](const Group* a, const Group* b) { return a->tb < b->tb; });
    // Relative pronoun directly followed by a name is the object: "die Kim besucht hat".
    if (rel && subj == rel && cands.size() >= 2 && cands[1]->tb <= cb + 3 && cands[1]->te <= t) {
      subj = cands[1];
      obj = rel;
    } else {
      for (const Group* g : cands) {
        if (g == subj) continue;
        if (!IsGerman(lex().lang) && g->tb < t) continue;
        if (IsGerman(lex().lang) && g->tb < subj->tb && g->te <= t && !g->oblique) continue;
        obj = g;
        break;
      }
    }
  }
  // "lehnen die Pläne von X ab", "criticised the policy of the government":
  // a verb aimed at a plan, policy or remark is aimed at its owner.
  Group owner;
  if (!obj && (f.obj == ObjMode::kDirect ||
               (f.obj == ObjMode::kPrep &&
                std::find(f.preps.begin(), f.preps.end(), "direct") != f.preps.end()))) {
    for (int k = IsGerman(lex().lang) ? cb : t + 1; k < ce && !obj; ++k) {
      if (k == t || !Kind(k, CueId::kContentNoun)) continue;
      for (const Group& g : groups) {
        if (g.tb <= k || g.tb > k + 3 || &g == subj || g.ents == subj->ents) continue;
        if (g.gen || g.prep == "von" || g.prep == "of") {
          owner = g;
          obj = &owner;
        }
        break;
      }
    }
  }
  // "besuchte ... ein Flugzeugwerk in Komsomolsk": a visit without a named object
  // goes to the place named after the verb.
  Group place;
  if (!obj && (chosen->predicate == "visits" || chosen->predicate == "attacks")) {
    for (const Group& g : Groups(IsGerman(lex().lang) ? cb : t + 1, std::min(se, t + 13))) {
      if (g.ents.size() != 1 || !lex().Cue(g.prep, CueId::kLocationPrep) ||
          g.ents[0] == subj->ents[0])
        continue;
      const std::string& ty = doc.entities[g.ents[0]].type;
      if (ty == "city" || ty == "region" || ty == "country") { place = g; obj = &place; break; }
    }
  }
  // Reciprocal: "trafen sich Biden und Modi", "X und Y verhandelten" - but
  // not with a direct object after the verb ("X und Y trafen den Papst").
  bool direct_object = false;
  if (f.obj == ObjMode::kDirect || f.obj == ObjMode::kPrep)
    for (int k = t + 1; k + 1 < ce && k <= t + 3; ++k)
      if (toks[k].low == "den" || toks[k].low == "einen" || toks[k].low == "the") {
        direct_object = toks[k + 1].Is(kWord) && doc.mention_at[k + 1] < 0;
        break;
      }
  if (!obj && !direct_object && subj->ents.size() >= 2 && IsSymmetricPredicate(chosen->predicate)) {
    EmitPairs(*subj, chosen->predicate, conf * 0.9, chosen->rule + ".reciprocal", cb, ce, t);
    return;
  }
  if (!obj) return;
  Emit(*subj, *obj, chosen->predicate, conf, chosen->rule, cb, ce, t);
  // "Biden hosted Yoon and Kishida": the guests of one meeting meet each other too.
  if (chosen->predicate == "meets" && obj->ents.size() >= 2 && obj->ents.size() <= 4 &&
      std::all_of(obj->ents.begin(), obj->ents.end(),
                  [&](int e) { return doc.entities[e].type == "person"; }))
    EmitPairs(*obj, "meets", conf * 0.9, chosen->rule + ".joint", cb, ce, t);
}

void SentenceRules::Run() {
  const Lexicon& L = lex();
  for (const Group& g : Groups(sb, se))
    if (g.prep.empty() && !g.gen && !g.poss && !g.oblique) { sentence_subject = g; break; }
  for (auto [cb, ce] : Clauses()) {
    clause_groups = Groups(cb, ce);
    Group relg;
    const Group* rel = RelativeGroup(cb, &relg) ? &relg : nullptr;
    int nents = static_cast<int>(clause_groups.size()) + (rel ? 1 : 0);
    for (int k = cb; k < ce; ++k) {
      const std::string_view w = toks[k].low;
      if (w.size() > 3) continue;
      if (w == "er" || w == "he" || w == "she" ||
          ((w == "zu" || w == "to") && sentence_subject.ents.size() && sentence_subject.te <= cb)) {
        ++nents;  // a pronoun or the sentence subject of an infinitive clause takes part
        break;
      }
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
      // English: after an article, possessive or preposition the word is a
      // noun ("enter combat against", "the attack"): nominal triggers take it.
      // ("to travel", "of supplying" are verbs: the infinitive marker, gerunds.)
      const std::string& tw = toks[t].low;
      const bool gerund = tw.size() > 4 && tw.compare(tw.size() - 3, 3, "ing") == 0;
      const bool noun_slot =
          !IsGerman(L.lang) && t > cb && !gerund &&
          (Kind(t - 1, CueId::kDet) || Kind(t - 1, CueId::kPossessive) ||
           (IsPrep(t - 1) && toks[t - 1].low != "to") || toks[t - 1].low == "enter" ||
           toks[t - 1].Is(kNumber));  // "by 10,694 votes"
      // "einige" (some) is no form of "einigen" (agree): function words are no verbs.
      if ((!upper || t == sb) && !noun_slot && !L.stopwords.Contains(toks[t].low)) {
        if (MayBeVerbStem(t))
          if (const auto* v = L.verbs.Find(StemAt(t))) Verb(t, *v, cb, ce, clause_groups, rel);
      }
      if ((IsGerman(L.lang) ? upper : true) && MayEndInNounStem(t)) {
        const std::string& st = StemAt(t);
        int prefix_ent = -1;
        // A trigger noun is the stem or (German compounds) a tail of it: every
        // candidate ends like the stem and is at most max_noun_stem long.
        const bool maybe = st.size() >= 3 && L.noun_tails.count(Tail3(st));
        const size_t p0 = st.size() > L.max_noun_stem ? st.size() - L.max_noun_stem : 0;
        for (size_t p = p0; maybe && p + 3 <= st.size(); ++p) {
          if ((static_cast<unsigned char>(st[p]) & 0xC0) == 0x80) continue;
          if (!IsGerman(L.lang) && p > 0) break;
          const std::vector<Trigger>* triggers = L.nouns.Find(std::string_view(st).substr(p));
          if (!triggers) continue;
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
          for (const Trigger& tr : *triggers) Noun(t, tr, prefix_ent, cb, ce, clause_groups, rel);
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

}  // namespace rules

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
    SentenceRules r{
        ctx, doc, doc.seg.tokens, static_cast<int>(s), sent.tok_begin, sent.tok_end, out, 0,
        {},  {}};
    r.sentence_entities = static_cast<int>(ents.size());
    r.Run();
  }
}

}  // namespace kg::ingest
