// Per-language lexicons (data files under data/lexicon/<lang>/, extended by
// users' --lexicon DIRs): relation triggers, role nouns, cue words
// (modality, negation, prepositions, ...), abbreviations, stopwords, months
// and weekdays. Formats: ingest/data/README.md.
//
// Thread safety: immutable after loading.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/status.h"
#include "ingest/flat_map.h"

namespace kg::ingest {

class Stemmer;

enum class ObjMode { kDirect, kPrep, kPair, kAppos, kGroup, kNone };

struct Frame {
  ObjMode obj = ObjMode::kDirect;
  std::vector<std::string> preps;  // kPrep / kPair: prepositions introducing the object(s)
  bool passive = false;            // participle form: agent after von/vom/durch/by
  int gen = 0;                     // nouns: 1 = genitive/of-phrase is the agent, 2 = the object
  std::vector<std::string> cues;   // stems that must occur in the clause
  std::vector<std::string> nocues; // stems that must not ("verurteilt ... zu zwei Jahren Haft")
  bool sym_group = false;          // nouns: "ihre Zusammenarbeit" -> pairs of the subject group
  bool nosport = false;            // not in a match report (Doc::sport): rivals there are opponents in play
  double conf = 0.9;
};

struct Trigger {
  std::string predicate;
  bool noun = false;
  std::string particle;  // separable German verb particle ("teil"), lower case
  Frame frame;
  std::string rule;      // e.g. "de.verb.meets.treffen"
};

// What a role is held in (roles.tsv `target=`).
// kTeam: a side in sport, i.e. a club (organisation) or a national side,
// which the guide annotates as the country ("Swedish captain X").
enum class RoleTarget : uint8_t { kAny, kCountry, kMinistry, kGovernment, kRegion, kCity, kOrg, kParty, kTeam };

struct RoleNoun {
  std::vector<std::string> kb_roles;  // head_of_state, ...
  bool leader = false;                // yields leader_of
  bool member = false;                // yields member_of
  bool title = false;                 // Herr, Mr: marks a person, no role
  bool deputy = false;                // Vizekanzler, deputy: a member, never the leader
  bool verify_kb = false;             // "Amtskollege": only what the KB records the person held
  RoleTarget target = RoleTarget::kAny;
  std::string portfolio;              // target=ministry: "foreign", "interior", ... ("" = from the compound)
};

// An institution noun (institutions.tsv): "Regierung", "*ministerium", "armed forces".
struct InstitutionNoun {
  enum class Scope : uint8_t { kNational, kState, kCity, kPlace };
  std::string kind;     // government, ministry, parliament, state_government, ...
  char gender = 0;      // German: 'm', 'f', 'n' or 'p' (plural); 0 in English
  std::string name;     // display name (nominative singular); "" = the word itself
  std::string name_en;  // English name for aliases
  std::string base;     // the line's first form ("ministerium"): a tail's nominative
  Scope scope = Scope::kNational;
};

// A CAMEO event code prefix and the kg predicate it maps to (cameo_codes.tsv).
struct CameoCode {
  std::string prefix;                    // "19", "111"
  std::string predicate;                 // kg predicate, or "-" (no relation)
  Frame frame;
  std::unordered_set<std::string> only;  // when non-empty, only these verbs (lower case)
};

// A ministry portfolio named by a word or compound part (portfolios.tsv).
struct Portfolio {
  std::string id;       // "interior"
  std::string name_en;  // "Interior Ministry"
};

// Kinds of cue words (second column of cues.tsv; names in kCueNames, in this
// order). Code tests them as bits; data files name them.
enum class CueId : uint8_t {
  kSpeculated,
  kReported,
  kReportPrefix,
  kNegation,
  kNegationException,
  kLocationPrep,
  kPlacePrep,
  kOriginPrep,
  kAgentPrep,
  kPrep,
  kDet,
  kPossessive,
  kRelative,
  kCoord,
  kPassiveAux,
  kParticle,
  kPersonContext,
  kOrgSuffix,
  kPlaceNoun,
  kDateRel,
  kSubordinator,
  kPronoun,
  kActorHead,
  kAnaphorCountry,
  kSingular,
  kArticlePrep,
  kOrgHead,
  kPlaceHead,
  kEventHead,
  kPersonHead,
  kAnaphorEvent,  // "the summit", "der Gipfel": the article's one event of that kind
  kFormer,        // "former", "ehemalige": a role phrase that is not the current holder
  kActorVerb,     // "hat", "kritisierte", "said": a capital before it acts as the government
  kContentNoun,   // "Pläne", "policy": a verb aimed at it is aimed at its owner ("die Pläne von X")
  kPlaceContext,  // "bis", "Richtung", "südlich (von)": the next name is a place (typing only)
  kCount
};
// The last three bytes of `w` packed into an integer (REQUIRES: w.size() >= 3).
inline uint32_t Tail3(std::string_view w) {
  size_t n = w.size();
  return uint32_t{static_cast<unsigned char>(w[n - 3])} << 16 |
         uint32_t{static_cast<unsigned char>(w[n - 2])} << 8 | static_cast<unsigned char>(w[n - 1]);
}
// The first three bytes of `w` packed into an integer (REQUIRES: w.size() >= 3).
inline uint32_t Head3(std::string_view w) {
  return uint32_t{static_cast<unsigned char>(w[0])} << 16 |
         uint32_t{static_cast<unsigned char>(w[1])} << 8 | static_cast<unsigned char>(w[2]);
}
// A set of cue kinds, one bit per CueId.
using CueMaskT = uint64_t;
inline constexpr CueMaskT CueBit(CueId k) { return CueMaskT{1} << static_cast<int>(k); }
// Parses a kind name from cues.tsv; false for an unknown name.
bool ParseCueId(std::string_view name, CueId* out);

struct Lexicon {
  std::string lang;
  // The word tables probed per token are FlatMaps (ingest/flat_map.h;
  // insertion-order iteration, string_view lookups).
  // key: Snowball stem of the (lower-case) trigger word.
  FlatMap<std::vector<Trigger>> verbs, nouns;
  // Tail3() of every noun stem of >= 3 bytes: a stem (or a compound's stem)
  // whose last three bytes are not here ends in no trigger noun.
  std::unordered_set<uint32_t> noun_tails;
  // Head3() of every verb stem; `short_verb_stem`: some verb stem has < 3
  // bytes (then no word can be ruled out by its first bytes).
  std::unordered_set<uint32_t> verb_heads;
  bool short_verb_stem = false;
  FlatMap<RoleNoun> roles;                          // lower-case surface forms
  size_t max_role = 0;                              // longest role form (bytes)
  std::unordered_set<uint32_t> role_tails;          // Tail3() of every role form
  FlatMap<uint8_t> role_parts;                      // (set) words of multi-word role forms
  FlatMap<Portfolio> portfolios;                    // compound part / word(s) -> portfolio
  FlatMap<InstitutionNoun> institutions;            // forms (multi-word: space-joined)
  FlatMap<InstitutionNoun> institution_tails;       // compound tails ("ministerium")
  size_t max_institution_tail = 0;                  // longest tail (bytes)
  FlatMap<uint8_t> institution_lasts;               // (set) last words of multi-word forms
  size_t max_portfolio = 0;                         // longest portfolio key (bytes)
  // cue kinds (CueId) per word; `first` is the kind listed first in cues.tsv.
  struct CueEntry {
    CueMaskT mask = 0;
    std::string first;
  };
  FlatMap<CueEntry> cues;  // word -> kinds
  FlatMap<int> cue_values;
  std::unordered_set<std::string> abbreviations;
  FlatMap<uint8_t> stopwords;  // (set)
  // Given names (first_names.txt): a known given name lets the next
  // capitalised word be a surname even when it is also a common noun
  // ("Helmut Kohl", "Joschka Fischer"). (set)
  FlatMap<uint8_t> first_names;
  // Words of match reports (sport_words.txt: "goal", "Elfmeter"); an article
  // with several is about sport, where countries are sides and players their
  // members (Doc::sport). (set)
  FlatMap<uint8_t> sport_words;
  // Head nouns of newspapers, broadcasters and agencies (media_heads.txt:
  // "Zeitung", "Sender", "broadcaster"): a name right after one (or after a
  // compound ending in one, German) is a medium, and an interview with it is
  // no meeting. (set)
  FlatMap<uint8_t> media_heads;
  // Adjectives of parties (party_adjectives.tsv: "republikanisch<TAB>
  // country/US<TAB>org/us-republican-party"): right before a role noun they
  // name the party ("die republikanische Senatorin X"). Adjective base, lower
  // case -> (country id, party KB id) in file order.
  FlatMap<std::vector<std::pair<std::string, std::string>>> party_adjectives;
  // Nouns that follow an ordinal ("80. Minute", "3. Liga"; ordinal_nouns.txt):
  // the full stop of the ordinal before them ends no sentence. (set)
  FlatMap<uint8_t> ordinal_nouns;
  // Nation codes of sport results (common/sport_codes.txt, lower case): "(NED)"
  // after a name is a nation in sport, never a party. (set)
  FlatMap<uint8_t> sport_codes;
  FlatMap<int> months, weekdays;
  size_t max_noun_stem = 0;
  // CAMEO event code prefixes -> predicates (cameo_codes.tsv), for *.verbs files.
  std::vector<CameoCode> cameo_codes;

  CueMaskT CueMask(std::string_view low) const {
    const CueEntry* e = cues.Find(low);
    return e ? e->mask : 0;
  }
  bool Cue(std::string_view low, CueId kind) const { return CueMask(low) & CueBit(kind); }
  bool CueAny(std::string_view low, std::initializer_list<CueId> kinds) const {
    CueMaskT want = 0;
    for (CueId k : kinds) want |= CueBit(k);
    return CueMask(low) & want;
  }
  // The first kind listed for `low` (nullptr when it is no cue word).
  const std::string* CueKind(std::string_view low) const {
    const CueEntry* e = cues.Find(low);
    return e ? &e->first : nullptr;
  }
};

// Loads <dir>/<lang>/{relations.tsv,roles.tsv,cues.tsv,abbreviations.txt,
// stopwords.txt,sport_words.txt,months.tsv,weekdays.tsv} into `lex` (adding to what is
// there). Missing files are fine; Corruption names file:line of a bad line.
Status LoadLexiconDir(const std::string& dir, const std::string& lang, const Stemmer& stemmer,
                      Lexicon* lex);

}  // namespace kg::ingest
