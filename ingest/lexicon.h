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

namespace kg::ingest {

class Stemmer;

enum class ObjMode { kDirect, kPrep, kPair, kAppos, kGroup, kNone };

struct Frame {
  ObjMode obj = ObjMode::kDirect;
  std::vector<std::string> preps;  // kPrep / kPair: prepositions introducing the object(s)
  bool passive = false;            // participle form: agent after von/vom/durch/by
  int gen = 0;                     // nouns: 1 = genitive/of-phrase is the agent, 2 = the object
  std::vector<std::string> cues;   // stems that must occur in the clause
  bool sym_group = false;          // nouns: "ihre Zusammenarbeit" -> pairs of the subject group
  double conf = 0.9;
};

struct Trigger {
  std::string predicate;
  bool noun = false;
  std::string particle;  // separable German verb particle ("teil"), lower case
  Frame frame;
  std::string rule;      // e.g. "de.verb.meets.treffen"
};

struct RoleNoun {
  std::vector<std::string> kb_roles;  // head_of_state, ...
  bool leader = false;                // yields leader_of
  bool title = false;                 // Herr, Mr: marks a person, no role
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
  kCount
};
// The last three bytes of `w` packed into an integer (REQUIRES: w.size() >= 3).
inline uint32_t Tail3(std::string_view w) {
  size_t n = w.size();
  return uint32_t{static_cast<unsigned char>(w[n - 3])} << 16 |
         uint32_t{static_cast<unsigned char>(w[n - 2])} << 8 | static_cast<unsigned char>(w[n - 1]);
}
inline constexpr uint32_t CueBit(CueId k) { return uint32_t{1} << static_cast<int>(k); }
// Parses a kind name from cues.tsv; false for an unknown name.
bool ParseCueId(std::string_view name, CueId* out);

// Hash for unordered maps keyed by std::string that are searched with
// std::string_view (no temporary string per lookup).
struct StrHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct Lexicon {
  std::string lang;
  // key: Snowball stem of the (lower-case) trigger word.
  std::unordered_map<std::string, std::vector<Trigger>, StrHash, std::equal_to<>> verbs, nouns;
  // Tail3() of every noun stem of >= 3 bytes: a stem (or a compound's stem)
  // whose last three bytes are not here ends in no trigger noun.
  std::unordered_set<uint32_t> noun_tails;
  std::unordered_map<std::string, RoleNoun, StrHash, std::equal_to<>>
      roles;                                        // lower-case surface forms
  size_t max_role = 0;                              // longest role form (bytes)
  std::unordered_set<uint32_t> role_tails;          // Tail3() of every role form
  std::unordered_set<std::string> role_parts;        // words of multi-word role forms
  // cue kinds (CueId) per word; `first` is the kind listed first in cues.tsv.
  struct CueEntry {
    uint32_t mask = 0;
    std::string first;
  };
  std::unordered_map<std::string, CueEntry> cues;  // word -> kinds
  std::unordered_map<std::string, int> cue_values;
  std::unordered_set<std::string> abbreviations, stopwords;
  std::unordered_map<std::string, int> months, weekdays;
  size_t max_noun_stem = 0;

  uint32_t CueMask(const std::string& low) const {
    auto it = cues.find(low);
    return it == cues.end() ? 0 : it->second.mask;
  }
  bool Cue(const std::string& low, CueId kind) const { return CueMask(low) & CueBit(kind); }
  bool CueAny(const std::string& low, std::initializer_list<CueId> kinds) const {
    uint32_t want = 0;
    for (CueId k : kinds) want |= CueBit(k);
    return CueMask(low) & want;
  }
  // The first kind listed for `low` (nullptr when it is no cue word).
  const std::string* CueKind(const std::string& low) const {
    auto it = cues.find(low);
    return it == cues.end() ? nullptr : &it->second.first;
  }
};

// Loads <dir>/<lang>/{relations.tsv,roles.tsv,cues.tsv,abbreviations.txt,
// stopwords.txt,months.tsv,weekdays.tsv} into `lex` (adding to what is
// there). Missing files are fine; Corruption names file:line of a bad line.
Status LoadLexiconDir(const std::string& dir, const std::string& lang, const Stemmer& stemmer,
                      Lexicon* lex);

}  // namespace kg::ingest
