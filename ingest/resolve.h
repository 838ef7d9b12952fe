// Resolution: role phrases ("der nordkoreanische Staatschef", "Kremlchef",
// "Russia's president", "Präsident der Ukraine") -> leader_of appositions or
// a mention of the KB person holding that role at the article date;
// metonyms (Moskau/Kreml -> country as an actor, city after in/nach/aus);
// ambiguous names (a surname shared by several KB people -> the one named in
// full in the article, else the one in office at the article date); unknown
// surnames -> the full name in the same article ("Schmidt" -> "Anna
// Schmidt"); abbreviations defined in the text ("... Atomenergiebehörde
// (IAEA)"). Produces Doc::entities with stable ids.
#pragma once

#include "ingest/doc.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"

namespace kg::ingest {

struct ResolveContext {
  const Catalog* cat = nullptr;
  const Lexicon* lex = nullptr;
};

void Resolve(const ResolveContext& ctx, Doc* doc);

// True when the mention at tokens [tb, ...) follows a place preposition
// (in, nach, aus, to, from, at, ...) within the sentence starting at sb.
bool AfterPlacePrep(const Doc& doc, const Lexicon& lex, int tb, int sb);

}  // namespace kg::ingest
