// Institutions as entities: governments, ministries, parliaments, armies,
// state and city bodies named by a common noun and a place ("die ukrainische
// Regierung", "US-Regierung", "Regierung in Kiew", "Salzburger Landtag",
// "Staatsanwaltschaft Rom", "the Spanish government", "Russia's Foreign
// Ministry"), and the ministry a minister's title implies ("Sozialminister
// Rudolf Hundstorfer" -> Sozialministerium). One entity per institution across
// articles and languages: the KB's when it has one of that kind, portfolio and
// country/region/city, else org/<kind>[-<portfolio>]-<place>. National
// institutions without a place named belong to the article's home country.
// Nouns: data/lexicon/<lang>/institutions.tsv; portfolios: portfolios.tsv.
//
// Thread safety: stateless functions over one Doc.
#pragma once

#include <vector>

#include "ingest/doc.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"
#include "ingest/roles.h"

namespace kg::ingest {

struct InstitutionContext {
  const Catalog* cat = nullptr;
  const Lexicon* lex = nullptr;
  const RoleFinder* roles = nullptr;
};

// The catalogue country an article is about: the country of its dateline
// city ("Wien – ..."), else the country it names most often (at least twice
// and more often than any other); -1 when neither.
// REQUIRES: doc->mentions detected (catalogue candidates set).
// *dateline (may be null) tells whether the dateline decided.
int HomeCountry(const Catalog& cat, const Doc& doc, bool* dateline = nullptr);

// The catalogue region an article names most often (at least twice and more
// often than any other); -1 when none.
int HomeRegion(const Catalog& cat, const Doc& doc);

// Appends institution mentions to *added: whole mentions for institution nouns
// on tokens no other mention covers, partial ones (on the title's tokens) for
// ministries a minister's title implies. REQUIRES: doc.home_country set.
// English unknown names an institution replaces ("the Foreign Ministry") are
// marked absorbed (te == tb) in doc->mentions.
void DetectInstitutions(const InstitutionContext& ctx, Doc* doc, std::vector<MentionSpan>* added);

// The catalogue city/region a place adjective at token k names: German city
// and region adjectives ("Salzburger", "Kärntner", "niederösterreichische",
// "bayerischen"); -1 when none. Where a city and a region share the name
// (Salzburg), the city unless `prefer_region`.
int PlaceAdjective(const Catalog& cat, const Doc& doc, int k, bool prefer_region = false);

}  // namespace kg::ingest
