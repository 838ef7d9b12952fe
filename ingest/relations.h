// Relation rules over resolved mentions (one sentence at a time, only
// sentences with at least two entities): verb triggers with Snowball stems
// and German separable particles, noun triggers (also as compound heads:
// "Militärkooperation", "Waffenlieferungen", "Angriffskrieg") with
// zwischen/between pairs, prepositional objects, genitive/possessive/
// adjective agents and appositions ("ihr Verbündeter Südkorea"), passive
// with von/vom/durch/by, relative clauses, coordination (X und Y -> both),
// location (in + place), modality, negation and date. leader_of also comes
// from role appositions found during resolution.
#pragma once

#include <string>
#include <vector>

#include "ingest/doc.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"
#include "ingest/stemmer.h"

namespace kg::ingest {

struct RelCandidate {
  int subj = -1, obj = -1;  // Doc entity indexes
  std::string predicate;
  int sentence = 0;
  int loc = -1;             // Doc entity index of the place, or -1
  double conf = 0.9;
  std::string rule;
  std::vector<std::string> tokens;
  std::string modality = "asserted";
  std::string date;
  std::string source = "article";  // "kb" for background facts from the knowledge base
};

struct RelationContext {
  const Catalog* cat = nullptr;
  const Lexicon* lex = nullptr;
  const Stemmer* stemmer = nullptr;
};

void ExtractRelations(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out);

// located_in from the text ("Vilnius in Litauen", "in Doha, Katar", "die litauische Hauptstadt
// Vilnius").
// member_of from "his Labour Party" (possessive pronoun + organisation -> the nearest person).
void ExtractMembership(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out);

void ExtractLocatedIn(const RelationContext& ctx, const Doc& doc, std::vector<RelCandidate>* out);

}  // namespace kg::ingest
