// The working state of one article while it moves through the extraction
// stages (mentions -> resolve -> relations). Internal to ingest/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/model.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"
#include "ingest/segmenter.h"
#include "ingest/stemmer.h"

namespace kg::ingest {

struct MentionSpan {
  int tb = 0, te = 0;     // token range [tb, te)
  int sentence = 0;
  int cat = -1;           // Catalog entity, or -1 for an unknown name
  bool one_person = false;  // a singular demonym ("die Italienerin"): no actor for the state
  std::vector<int> cands; // all Catalog candidates (ambiguous surnames, metonyms)
  std::vector<Surface> cand_kinds;  // surface kind per candidate (when filled by Match)
  Surface kind = Surface::kName;
  std::string type;       // entity type guess
  std::string surface;    // the text
  std::string key;        // token key used for matching (unknown names: canonical form)
  int ent = -1;           // index into Doc::entities after resolution
  bool from_role = false; // created from a role phrase ("der russische Präsident")
  bool possessive = false;  // "Putins", "Russia's"
  bool party_adjective = false;  // "republikanische" before a role noun: the party (mentions.cpp)
  // The prefix of a hyphenated compound ("SPÖ" in "SPÖ-Kandidat", "US" in
  // "US-geführte"): bytes [cb, ce) of token tb. Partial mentions stay out of
  // Doc::mention_at (the token is a role or common noun for the rules), but
  // resolve to entities and are reported as mentions.
  bool partial = false;
  int cb = -1, ce = -1;
  bool common_word = false;  // one token that is also a dictionary word ("Kurz", "Brown")
  // An unknown name typed only by the fallback (two or more capitalised
  // words -> person): the name tagger (ner.h) may retype it.
  bool weak_type = false;
  // Institutions the catalogue does not hold ("die ukrainische Regierung"):
  // the entity's id, display name and other names, set when cat < 0.
  std::string fixed_id, fixed_name;
  std::vector<std::string> fixed_aliases;
  int scope = -1;  // institutions: catalogue country/region/city they belong to
  std::string inst_kind;  // institutions: "government", "ministry", ...
};

struct DocEntity {
  std::string id, name, type;
  int cat = -1;
  std::vector<std::string> aliases;
  std::string kind;  // institutions: "government", "ministry", ... (KB kind or institutions.cpp)
  std::vector<int> mentions;  // indexes into Doc::mentions
};

struct Doc {
  std::string_view text;
  std::string lang, date;
  // The date office holders are looked up at: `date`, else the year the text
  // names most often (latest on a tie, 1950-2099); empty when neither exists,
  // and then a role without a name resolves only to a holder the article
  // names (never to today's holder).
  std::string ref_date;
  Segmentation seg;
  std::vector<MentionSpan> mentions;  // sorted by tb
  std::vector<DocEntity> entities;
  std::unordered_map<std::string, int> entity_by_id;
  int home_country = -1;  // catalogue country the article is about or datelined in (resolve)
  int home_region = -1;   // catalogue region it names most often (resolve)
  bool home_dateline = false;  // home_country comes from the dateline
  // A match report: >= kSportMinWords tokens from Lexicon::sport_words, of
  // >= 3 different words. Countries are then sides ("Norway's X", "scored for
  // Norway": X member_of Norway).
  bool sport = false;
  static constexpr int kSportMinWords = 4;
  std::vector<int> mention_at;  // token -> mention index or -1
  std::vector<char> adjective;  // token is part of a country/org adjective ("South Korean")
  std::vector<char> role_tok;   // token belongs to a role phrase before/after a named person
  std::vector<CueMaskT> cue;    // token -> Lexicon::CueMask of its lower-case form

  std::string_view Tok(int i) const {
    const Token& t = seg.tokens[i];
    return text.substr(t.start, t.end - t.start);
  }
  const std::string& Low(int i) const { return seg.tokens[i].low; }
  // Cue kinds of token i (REQUIRES: `cue` filled from the article's lexicon).
  bool CueAt(int i, CueId kind) const { return cue[i] & CueBit(kind); }
  bool CueAnyAt(int i, std::initializer_list<CueId> kinds) const {
    CueMaskT want = 0;
    for (CueId k : kinds) want |= CueBit(k);
    return cue[i] & want;
  }
  // Snowball stem of token i's lower-case form, computed once per article.
  // REQUIRES: the same stemmer for every call on this Doc.
  const std::string& StemOf(int i, const Stemmer& stemmer) const {
    if (stems.size() != seg.tokens.size()) stems.assign(seg.tokens.size(), std::string());
    std::string& st = stems[i];
    if (st.empty()) st = stemmer.Stem(seg.tokens[i].low);
    return st;
  }
  mutable std::vector<std::string> stems;  // lazy cache for StemOf
};

}  // namespace kg::ingest
