// The facts one article contributes: the contract between ingest/ (which
// produces it), graph/ (which stores it) and tools/ (which prints it as the
// `kg extract --format jsonl` line, see model_json.h).
//
// Entity ids are stable strings owned by the extractor ("country/RU",
// "person/vladimir-putin", "city/gn2013348", ...): the same entity gets the
// same id in every article and every run. The store maps them to fixed-width
// integer node ids internally.
//
// Offsets are byte offsets into ArticleMeta text (UTF-8), [start, end).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kg {

// Entity types, lower case in JSON; the graph label is the capitalised form.
inline const std::vector<std::string>& EntityTypes() {
  static const std::vector<std::string> k = {"person", "organization", "country", "city",
                                             "region", "group", "event", "other"};
  return k;
}

// The v1 relation vocabulary (subject -> object) plus the co_mentioned fallback.
inline const std::vector<std::string>& Predicates() {
  static const std::vector<std::string> k = {
      "meets",    "visits",   "located_in", "leader_of",       "member_of",
      "allied_with", "cooperates_with", "supplies", "attacks", "supports",
      "opposes",  "threatens", "sanctions", "negotiates_with", "co_mentioned"};
  return k;
}
bool IsSymmetricPredicate(const std::string& p);  // meets, allied_with, cooperates_with, negotiates_with
bool IsKnownPredicate(const std::string& p);
bool IsKnownEntityType(const std::string& type);
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real calendar date (month 01-12,
// a day that month has, 29 February only in leap years).
bool IsValidDate(const std::string& date);

// "person" -> "Person"; "co_mentioned" -> "CO_MENTIONED" (graph relationship type).
std::string LabelForType(const std::string& type);
std::string RelTypeForPredicate(const std::string& predicate);
std::string PredicateForRelType(const std::string& rel_type);  // inverse: lower case

struct ArticleMeta {
  std::string id;      // stable: given id, else the input path; derived from the text where
                       // there is none (stdin, JSONL lines without id; ingest/reader.h)
  std::string title;
  std::string date;    // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown
  std::string source;
  std::string lang;    // ISO 639-1 ("de", "en"); empty when unknown
  std::string path;    // input path, "-" for stdin
  std::string url;
  std::string text;    // the body that offsets refer to (not printed by extract)
  // Byte offset of `text` in the input file (a plain-text file's header line
  // comes before it). The CLI adds it to every offset it prints or stores, so
  // offsets point into the file as given. 0 for JSON Lines (offsets into "text").
  std::size_t text_offset = 0;
};

struct Mention {
  std::string text;
  std::size_t start = 0;
  std::size_t end = 0;
  int sentence = 0;  // index of the sentence in the article
};

struct EntityFact {
  std::string id;
  std::string name;   // canonical display name
  std::string type;   // one of EntityTypes()
  std::vector<std::string> aliases;
  std::vector<Mention> mentions;
  nlohmann::json props = nlohmann::json::object();  // optional: country, latitude, longitude, geonames_id, ...
};

struct Evidence {
  std::string sentence;  // the sentence text
  std::size_t start = 0; // byte offsets of the sentence in the article text
  std::size_t end = 0;
  std::string rule;      // the rule that produced the relation, e.g. "de.nominal.treffen_zwischen"
  std::vector<std::string> tokens;  // the tokens the rule matched (for --explain)
};

struct RelationFact {
  std::string subject;    // entity id
  std::string predicate;  // one of Predicates() except co_mentioned
  std::string object;     // entity id
  std::optional<std::string> location;  // entity id
  std::string date;       // as precise as the text allows, else the article date
  std::string modality = "asserted";    // asserted | reported | speculated
  double confidence = 1.0;
  Evidence evidence;
  std::string source = "article";       // "article", or "kb" for background knowledge
};

struct CoMention {
  std::string a, b;  // entity ids, a < b
  int count = 0;     // sentences of the article that mention both
};

struct ArticleFacts {
  ArticleMeta article;
  std::string content_hash;  // hash of the normalised article (meta + text); drives idempotent ingest
  std::vector<EntityFact> entities;
  std::vector<RelationFact> relations;
  std::vector<CoMention> co_mentions;
};

}  // namespace kg
