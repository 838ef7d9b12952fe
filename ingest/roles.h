// Role nouns in article text: single words ("Präsident"), multi-word forms
// ("prime minister", "secretary of state") and German compound tails
// ("ÖVP-Chef", "Kremlchef", "Bundesjustizminister"), with the actor a compound
// prefix names and the ministry portfolio a compound or a preceding word
// implies. Shared by resolution (role phrases -> office holders) and the
// affiliation rules (leader_of / member_of).
//
// Thread safety: a RoleFinder is immutable; share it read-only.
#pragma once

#include <string>
#include <string_view>

#include "ingest/doc.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"

namespace kg::ingest {

struct RoleMatch {
  const RoleNoun* role = nullptr;
  int start = -1, end = -1;  // tokens [start, end) of the role words
  int prefix_ent = -1;       // catalogue country/organisation/group a compound prefix names
  std::string prefix;        // first part of a compound, lower case, without '-' ("spö", "sozial")
  const Portfolio* portfolio = nullptr;  // ministry portfolio (the role's own, or from the compound)
  bool former = false;       // "Ex-Präsident", "Altkanzler"
  bool deputy = false;       // "Vizekanzler", "Vize-Chef", or the role is a deputy's
  bool honorary = false;     // "Ehrenpräsident"
};

class RoleFinder {
 public:
  // REQUIRES: `cat` and `lex` outlive the finder.
  RoleFinder(const Catalog& cat, const Lexicon& lex) : cat_(cat), lex_(lex) {}

  // The longest role ending at token k of the sentence starting at sb: a
  // multi-word form, the word itself or a compound tail. False for titles
  // (Herr, Mr) unless `titles`.
  bool At(const Doc& doc, int k, int sb, RoleMatch* out, bool titles = false) const;

  // The portfolio a compound part or word names ("innen", "bundesjustiz",
  // "foreign affairs"): the longest table entry the part ends with (German) or
  // equals (English). Null when none.
  const Portfolio* PortfolioOf(std::string_view part) const;

  // Catalogue entity of a country adjective at token k ("russische", "Russian",
  // "north korean"); *first receives its first token. -1 when none.
  int AdjectiveEntity(const Doc& doc, int k, int sb, int* first) const;

  // Cheap filter: does `w` end like some role noun (last three bytes)?
  bool MayEndRole(const std::string& w) const {
    return w.size() >= 3 && lex_.role_tails.count(Tail3(w)) > 0;
  }

 private:
  const RoleNoun* MultiRoleAt(const Doc& doc, int k, int sb, int* start) const;
  bool CompoundAt(const Doc& doc, int k, RoleMatch* out) const;

  const Catalog& cat_;
  const Lexicon& lex_;
};

}  // namespace kg::ingest
