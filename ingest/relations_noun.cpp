// Nominal relation triggers: "Treffen zwischen X und Y", "Waffenlieferungen an X",
// "Angriffskrieg gegen X", "Militärkooperation der USA mit Südkorea", "ihr Verbündeter
// Südkorea", "ihre Zusammenarbeit", with genitive/possessive/adjective/compound agents.
#include "ingest/relation_rules.h"
#include "ingest/text_util.h"

namespace kg::ingest::rules {

void SentenceRules::Noun(int t, const Trigger& tr, int prefix_ent, int cb, int ce,
                         const std::vector<Group>& groups, const Group* rel) {
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
        const auto* v =
            ctx.cat->Lookup(IsGerman(lex().lang) ? AdjectiveBase(toks[k].low) : toks[k].low);
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
        if (Kind(k, CueId::kPossessive)) {
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
          // "Nach seinem Besuch in Washington wollte Xi ...", "During his visit
          // to Rome, Smith met ...": a pronoun in a phrase that opens the
          // sentence points to the person who is the clause's subject.
          if (!subj && k <= sb + 2) {
            int start = t + 1;
            for (int c = t + 1; c < se && c < t + 12; ++c)
              if (toks[c].low == ",") { start = c + 1; break; }
            for (int c = start; c < se && c < start + 8; ++c) {
              const int m = doc.mention_at[c];
              if (m < 0 || doc.mentions[m].ent < 0) continue;
              const int ent = doc.mentions[m].ent;
              const bool prep = c > sb && (IsPrep(c - 1) || Kind(c - 1, CueId::kDet));
              if (!prep && doc.entities[ent].type == "person" && c == doc.mentions[m].tb) {
                subj_g.ents = {ent};
                subj_g.tb = doc.mentions[m].tb;
                subj_g.te = doc.mentions[m].te;
                subj = true;
                break;
              }
              c = doc.mentions[m].te - 1;
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
      if (g.tb > t && g.tb <= t + 3 && (g.gen || (g.poss && IsGerman(lex().lang)))) {
        gen = &g;
        break;
      }
    if (gen && f.gen == 1 && !subj) { subj_g = *gen; subj = true; }
    // "der Besuch von Präsident X in Y", "a visit by X to Y": the agent after
    // the noun, unless the frame reads that preposition as its object.
    if (!subj && f.gen == 1) {
      for (const Group& g : groups) {
        if (g.tb <= t || g.tb > t + 3) continue;
        if ((g.prep == "von" || g.prep == "by") &&
            std::find(f.preps.begin(), f.preps.end(), g.prep) == f.preps.end()) {
          subj_g = g;
          subj = true;
        }
        break;
      }
    }
    if (gen && f.gen == 2) { obj_g = *gen; obj = true; }
    if (f.obj == ObjMode::kPrep || f.obj == ObjMode::kPair) {
      for (const Group& g : groups) {
        if (g.tb <= t || g.tb > t + 12) continue;
        // "wegen des Streits zwischen X (...) und Y": a pair whose second
        // member was not found is no relation of the clause's subject.
        if (f.obj == ObjMode::kPair && g.prep == f.preps.front()) break;
        if (std::find(f.preps.begin(), f.preps.end(), g.prep) != f.preps.end()) { obj_g = g; obj = true; break; }
      }
    }
    if (f.obj == ObjMode::kAppos) {
      for (const Group& g : groups)
        if (g.tb == t + 1 && g.prep.empty()) { obj_g = g; obj = true; break; }
      // "ihr Verbündeter Südkorea": the possessor is the nearest entity before.
      if (obj && !subj && t - 1 >= sb && Kind(t - 1, CueId::kPossessive)) {
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
      // "sein Gefolgsmann Y", "ihr Gegner Y" (gen=obj nouns): Y supports or
      // opposes the possessor, not the other way round.
      if (obj && subj && f.gen == 2 && t - 1 >= sb && Kind(t - 1, CueId::kPossessive))
        std::swap(subj_g, obj_g);
    }
    // "ihre Zusammenarbeit": pairs within a coordinated subject of the sentence.
    if (!obj && f.sym_group && t - 1 >= sb && Kind(t - 1, CueId::kPossessive)) {
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


}  // namespace kg::ingest::rules
