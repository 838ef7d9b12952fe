// Per-language lexicons (data files under data/lexicon/<lang>/, extended by
// users' --lexicon DIRs): relation triggers, role nouns, cue words
// (modality, negation, prepositions, ...), abbreviations, stopwords, months
// and weekdays. Formats: ingest/data/README.md.
//
// Thread safety: immutable after loading.
#pragma once

#include <initializer_list>
#include <string>
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

struct Lexicon {
  std::string lang;
  // key: Snowball stem of the (lower-case) trigger word.
  std::unordered_map<std::string, std::vector<Trigger>> verbs, nouns;
  std::unordered_map<std::string, RoleNoun> roles;  // lower-case surface forms
  std::unordered_set<std::string> role_tails;        // last 3 bytes of every role form
  std::unordered_set<std::string> role_parts;        // words of multi-word role forms
  // cue kinds: speculated, reported, negation, negation_exception, relative,
  // location_prep, origin_prep, place_prep, agent_prep, coord, det, possessive,
  // passive_aux, person_context, org_suffix, place_noun, subordinator,
  // date_rel (value = day offset), report_prefix.
  std::unordered_map<std::string, std::vector<std::string>> cues;  // word -> kinds
  std::unordered_map<std::string, int> cue_values;
  std::unordered_set<std::string> abbreviations, stopwords;
  std::unordered_map<std::string, int> months, weekdays;
  size_t max_noun_stem = 0;

  bool Cue(const std::string& low, const char* kind) const {
    auto it = cues.find(low);
    if (it == cues.end()) return false;
    for (const auto& k : it->second)
      if (k == kind) return true;
    return false;
  }
  bool CueAny(const std::string& low, std::initializer_list<const char*> kinds) const {
    for (const char* k : kinds)
      if (Cue(low, k)) return true;
    return false;
  }
  // The first kind listed for `low` (nullptr when it is no cue word).
  const std::string* CueKind(const std::string& low) const {
    auto it = cues.find(low);
    return it == cues.end() || it->second.empty() ? nullptr : &it->second.front();
  }
};

// Loads <dir>/<lang>/{relations.tsv,roles.tsv,cues.tsv,abbreviations.txt,
// stopwords.txt,months.tsv,weekdays.tsv} into `lex` (adding to what is
// there). Missing files are fine; Corruption names file:line of a bad line.
Status LoadLexiconDir(const std::string& dir, const std::string& lang, const Stemmer& stemmer,
                      Lexicon* lex);

}  // namespace kg::ingest
