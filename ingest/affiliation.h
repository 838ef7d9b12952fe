// Affiliation from noun-phrase structure: leader_of and member_of between a
// person and the organisation, party, country, region, city or ministry a
// role noun ties them to.
//
//   "SPÖ-Kandidat Rudolf Hundstorfer"            member_of SPÖ     (compound prefix)
//   "ÖVP-Chef Reinhold Mitterlehner"             leader_of ÖVP
//   "Sozialminister Rudolf Hundstorfer"          leader_of Sozialministerium (implied ministry)
//   "der Wiener Bürgermeister Michael Häupl"     leader_of Wien    (place adjective)
//   "Chinas Präsident Xi Jinping"                leader_of China   (possessive)
//   "Landesgeschäftsführerin des ÖGB, Heidi X"    member_of ÖGB     (genitive, apposition)
//   "Khaled X, editor at large at the Y Gazette"  member_of ...     (post-nominal apposition)
//   "X ist Betriebsratsvorsitzender der Y"       leader_of Y       (copula)
//   "Michael Häupl (SPÖ)", "DAB's Ben Chan", "Lee X of the Labour Party", "Andreas Khol von der ÖVP"
//                                                member_of         (no role noun)
//   "NASA Administrator Charles Bolden"          leader_of NASA    (noun adjunct)
//   "der grüne Präsidentschaftskandidat X"       member_of Grüne   (party adjective)
//   "Präsident Petro Poroschenko" + KB office    leader_of Ukraine (the office the KB records)
// Deputies ("stellvertretende", "Vize-", "deputy") are members, never leaders;
// former holders ("Ex-", "ehemalige", "former") yield nothing.
// Rules are named <lang>.affil.<pattern> (kg extract --explain).
#pragma once

#include <vector>

#include "ingest/doc.h"
#include "ingest/relations.h"

namespace kg::ingest {

// REQUIRES: doc resolved (Resolve()). Appends candidates to *out.
void ExtractAffiliations(const RelationContext& ctx, const Doc& doc,
                         std::vector<RelCandidate>* out);

}  // namespace kg::ingest
