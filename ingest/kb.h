// The entity catalogue: every entity kg can recognise by name, with the
// surface forms that point at it. Filled from iso-codes and GeoNames
// catalogues (gazetteer.cpp) and from the curated knowledge base JSON Lines
// files (this file; format in ingest/data/README.md).
//
// Thread safety: immutable after loading; safe to share read-only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/status.h"
#include "ingest/flat_map.h"

namespace kg::ingest {

struct KbRole {
  std::string role;  // head_of_state, head_of_government, foreign_minister, ...
  std::string of;    // entity id
  std::string from, to;  // YYYY[-MM[-DD]]; empty = open
};

struct EntityInfo {
  std::string id, name, type;
  std::string name_en;             // English display name (English articles show it); "" = `name`
  std::vector<std::string> names;  // canonical names in other languages (output aliases)
  std::string country;             // entity id of the country (cities, people, orgs with a seat)
  std::vector<KbRole> roles;       // people
  std::string gender;              // "m", "f" or empty
  // An empty object (json::object() would go through an initializer list).
  nlohmann::json props = nlohmann::json(nlohmann::json::value_t::object);
  int geonames = 0;                // GeoNames id for cities
  bool from_kb = false;            // curated (wins over gazetteer data)
  // Institutions (KB organisations with "kind"): what they are and whose.
  std::string kind;                // "government", "ministry", "party", ... ("" = not given)
  std::string portfolio;           // ministries: "interior", "foreign", ...
  std::string scope;               // country, region or city id the institution belongs to
  std::string parent;              // party branches: the party's entity id ("org/oevp")
  // Countries: the first listed adjective per language ("russisch", "Russian").
  std::string adj_de, adj_en;
};

// What kind of surface form a key is.
enum class Surface : uint8_t {
  kName,        // name or alias
  kAbbrev,      // abbreviation: matched only when written in capitals
  kAmbiguous,   // ambiguous abbreviation (WHO): capitals and not sentence-initial
  kMetonym,     // capital/seat standing for the country's government (Moskau, Kreml)
  kDemonym,     // die Russen, the Russians -> the country as actor
  kAdjective,   // russisch/russische, Russian: lower case allowed; used for roles
  kWeakCity,    // a GeoNames city name; needs a place context when it is also a word
  kSurname,     // last name of a KB person (derived)
};

struct SurfaceEntry {
  int entity = -1;
  Surface kind = Surface::kName;
  std::string lang;  // "" = any language
  bool lower =
      false;  // written lower case in the KB ("westliche Staaten"): matches lower case text
};

class Catalog {
 public:
  Catalog() = default;
  Catalog(Catalog&&) = default;
  Catalog& operator=(Catalog&&) = default;
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Adds (or returns the existing) entity with this id. Curated entries
  // override names/types of gazetteer entries with the same id.
  int AddEntity(EntityInfo&& info);
  int Find(const std::string& id) const;
  const EntityInfo& entity(int i) const { return entities_[i]; }
  EntityInfo& mutable_entity(int i) { return entities_[i]; }
  int size() const { return static_cast<int>(entities_.size()); }

  // Capacity hint before adding about `entities` entities and `surfaces` keys.
  void Reserve(size_t entities, size_t surfaces = 0);

  // `key` is a token key: NormKey()ed tokens joined by single spaces (see
  // KeyOf in mentions.h). Duplicate (entity, kind) pairs are ignored.
  void AddSurface(std::string key, SurfaceEntry e, int ntokens);
  const std::vector<SurfaceEntry>* Lookup(std::string_view key) const {
    return surfaces_.Find(key);
  }
  const std::vector<SurfaceEntry>* Lookup(std::string_view key, uint64_t h) const {
    return surfaces_.Find(key, h);
  }
  // Stemmed multi-token keys for inflected names ("Östlichen Wirtschaftsforum").
  void AddStemSurface(const std::string& stem_key, SurfaceEntry e);
  const std::vector<SurfaceEntry>* LookupStem(std::string_view stem_key) const {
    return stem_surfaces_.Find(stem_key);
  }
  bool IsFirstToken(std::string_view tok) const { return first_tokens_.Contains(tok); }
  // First tokens of lower-case KB surfaces ("westliche", "internationale").
  bool IsLowerFirst(std::string_view tok) const { return lower_first_.Contains(tok); }
  // Cheap filter for inflected first tokens ("westlichen"): false when no
  // lower-case surface's first token shares the first four bytes.
  bool MaybeLowerFirst(const std::string& tok) const {
    return tok.size() >= 4 && lower_prefix_.count(Prefix4(tok)) > 0;
  }
  // Fast negative test (bitset over hashes of first tokens): false means no
  // surface starts with `tok`; true means "maybe".
  bool MaybeFirst(std::string_view tok) const { return MaybeFirst(tok, FlatHash(tok)); }
  // REQUIRES (all `h` overloads): h == FlatHash(tok) (one hash serves every
  // FlatMap lookup of the same word).
  bool MaybeFirst(std::string_view /*tok*/, uint64_t h) const {
    const size_t b = h & kBitsMask;
    return (first_bits_[b >> 6] >> (b & 63)) & 1;
  }
  // Longest surface (in tokens) that starts with `tok`; 0 when none does.
  int MaxTokensFrom(std::string_view tok) const { return MaxTokensFrom(tok, FlatHash(tok)); }
  int MaxTokensFrom(std::string_view tok, uint64_t h) const {
    const int* n = first_tokens_.Find(tok, h);
    return n ? *n : 0;
  }
  bool IsStemFirst(std::string_view stem) const { return stem_first_.Contains(stem); }
  int max_tokens() const { return max_tokens_; }

  // GeoNames ids of the countries' capitals (KB `capital_geonames`): the
  // capital wins a tie between cities of the same name (London, Rome).
  void AddCapital(int geonames, int country = -1) {
    capitals_.insert(geonames);
    if (country >= 0) capital_of_[geonames] = country;
  }
  bool IsCapital(int geonames) const { return geonames && capitals_.count(geonames); }
  // The country whose capital the city with this GeoNames id is; -1 when none.
  int CapitalOf(int geonames) const {
    auto it = capital_of_.find(geonames);
    return it == capital_of_.end() ? -1 : it->second;
  }

  // The curated institution of this kind (and portfolio) belonging to the
  // country/region/city `scope` (an entity id); -1 when the KB has none.
  int FindInstitution(const std::string& kind, const std::string& portfolio,
                      const std::string& scope) const {
    auto it = institutions_.find(kind + "|" + portfolio + "|" + scope);
    return it == institutions_.end() ? -1 : it->second;
  }
  void AddInstitution(int entity) {
    const EntityInfo& e = entities_[entity];
    if (!e.kind.empty() && !e.scope.empty())
      institutions_.emplace(e.kind + "|" + e.portfolio + "|" + e.scope, entity);
    if (!e.parent.empty() && !e.scope.empty()) branches_.emplace(e.parent + "|" + e.scope, entity);
  }
  // The KB branch of the organisation `parent` (entity id) in `scope` (a
  // region or city id): "org/oevp" + "region/iso-at-4" -> ÖVP Oberösterreich;
  // -1 when none.
  int FindBranch(const std::string& parent, const std::string& scope) const {
    auto it = branches_.find(parent + "|" + scope);
    return it == branches_.end() ? -1 : it->second;
  }

  // People holding `role` (one of `roles`) of entity `of` at `date` (empty:
  // today's holders; "*": holders at any time).
  std::vector<int> Holders(const std::vector<std::string>& roles, const std::string& of,
                           const std::string& date) const;

  // The id and surface tables are FlatMaps (open addressing, entries in one
  // vector; ingest/flat_map.h): the extraction hot path probes the surface
  // tables for nearly every token. Their iteration order is insertion order;
  // nothing that writes output iterates them.
  using SurfaceMap = FlatMap<std::vector<SurfaceEntry>>;
  const SurfaceMap& surfaces() const { return surfaces_; }

 private:
  friend struct CatalogSnapshot;  // gazetteer_snapshot.cpp: writes and reads every table
  std::vector<EntityInfo> entities_;
  FlatMap<int> by_id_;  // entity id -> index into entities_
  SurfaceMap surfaces_, stem_surfaces_;
  FlatMap<int> first_tokens_;
  FlatMap<uint8_t> lower_first_;  // a set: values unused
  std::unordered_set<uint32_t> lower_prefix_;
  void AddLowerFirst(const std::string& tok);
  static uint32_t Prefix4(const std::string& t) {
    return uint32_t{static_cast<unsigned char>(t[0])} << 24 |
           uint32_t{static_cast<unsigned char>(t[1])} << 16 |
           uint32_t{static_cast<unsigned char>(t[2])} << 8 | static_cast<unsigned char>(t[3]);
  }
  FlatMap<uint8_t> stem_first_;  // a set: values unused
  std::vector<int> with_roles_;  // entities that have KB roles
  std::unordered_set<int> capitals_;
  std::unordered_map<int, int> capital_of_;            // GeoNames id -> country entity
  std::unordered_map<std::string, int> institutions_;  // "kind|portfolio|scope" -> entity
  std::unordered_map<std::string, int> branches_;      // "parent id|scope" -> entity
  static constexpr size_t kBitsMask = (size_t{1} << 21) - 1;
  std::vector<uint64_t> first_bits_ = std::vector<uint64_t>((kBitsMask + 1) / 64, 0);
  int max_tokens_ = 1;
};

// Turns surface strings into token keys (segmenter-based, so keys match
// article tokens) and stemmed keys (German Snowball per token). `key` also
// stores the number of tokens in *n.
struct KeyMaker {
  std::function<std::string(std::string_view, int*)> key;
  std::function<std::string(std::string_view)> stem_key;
};

// Loads every *.jsonl file of `dir` (countries, people, organizations,
// groups, events, places; unknown file names are read by their "type"
// field). Missing dir = OK. Corruption names file:line of a bad line.
Status LoadKbDir(const std::string& dir, const KeyMaker& keys, Catalog* cat);

// True when date `d` (YYYY[-MM[-DD]]) lies in [from, to] (open ends allowed).
bool DateInRange(const std::string& d, const std::string& from, const std::string& to);

}  // namespace kg::ingest
