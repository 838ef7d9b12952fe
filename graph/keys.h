// Key and value layout of the property graph: the ONE place that knows how
// graph records are laid out in the Store's column families.
//
// Ids are fixed-width 8-byte big-endian integers inside keys, so bytewise key
// order is numeric order and every adjacency key of a node starts with its
// 8-byte id (the RocksDB prefix extractor and prefix bloom use that).
//
//   Cf::kMeta      "schema_version" -> "<n>"
//                  "next_node_id" / "next_rel_id" -> u64
//   Cf::kNodes     u64(node) -> msgpack {"l": [labels], "p": {props}}
//   Cf::kOutAdj    u64(src) type 0x00 u64(bound other) u64(bound rel) -> n x (u64(dst) u64(rel))
//   Cf::kInAdj     u64(dst) type 0x00 u64(bound other) u64(bound rel) -> n x (u64(src) u64(rel))
//                  packed adjacency chunks, see "adjacency" below
//   Cf::kRels      u64(rel) -> msgpack {"s": src, "d": dst, "t": type, "p": {props}}
//   Cf::kEvidence  u64(rel) kind article 0x00 u32(n) -> msgpack evidence record
//                  kind: 'e' typed-relation evidence, 'c' co-mention contribution
//   Cf::kNames     'n' normalised-name 0x00 u64(node) -> ""   (names and aliases)
//                  'e' external-id 0x00 u64(node) -> ""        (property "id")
//                  'd' u64(day + 2^63) u64(rel) -> ""          (relationship date index: rels
//                                                               whose `date` is a date, by day)
//   Cf::kArticles  'a' article-id -> msgpack article record (hash + contributions)
//                  'f' file path -> msgpack file state (cron mode)
//                  'r' u64(node) -> u64 number of articles that mention the node
//                  'd' u64(node) -> degree record of the node (see "counts" below)
//   Cf::kMeta      '#' count keys (see "counts" below)
//
// Every Decode function returns Corruption on a malformed key instead of
// reading out of bounds. Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph/status.h"

namespace kg::keys {

// 1: one adjacency key per relationship end; 2: packed adjacency chunks;
// 3: counts kept as data (a writer opening a version-2 database derives them
// and moves it to 3; readers read version 2 without counts).
inline constexpr int kSchemaVersion = 3;
inline constexpr int kSchemaVersionWithoutCounts = 2;

// ---- meta keys ----
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaNextNodeId = "next_node_id";
inline constexpr std::string_view kMetaNextRelId = "next_rel_id";
// "1" once the relationship date index holds every relationship (new
// databases from the start; older ones from the first writable open on).
inline constexpr std::string_view kMetaRelDateIndex = "rel_date_index";

// ---- prefixes ----
inline constexpr char kNamePrefix = 'n';
inline constexpr char kExternalIdPrefix = 'e';
inline constexpr char kRelDatePrefix = 'd';
inline constexpr char kArticlePrefix = 'a';
inline constexpr char kFilePrefix = 'f';
inline constexpr char kRefCountPrefix = 'r';
inline constexpr char kEvidenceTyped = 'e';
inline constexpr char kEvidenceCoMention = 'c';

// ---- fixed-width integers ----
void AppendU64(std::string* out, uint64_t v);
void AppendU32(std::string* out, uint32_t v);
std::string U64(uint64_t v);
// Corruption unless `in` has at least 8 bytes at `pos`.
Status ReadU64(std::string_view in, std::size_t pos, uint64_t* v);
Status ReadU32(std::string_view in, std::size_t pos, uint32_t* v);

// ---- nodes and relationships ----
std::string NodeKey(uint64_t node);
Status DecodeNodeKey(std::string_view key, uint64_t* node);
std::string RelKey(uint64_t rel);
Status DecodeRelKey(std::string_view key, uint64_t* rel);

// ---- adjacency: packed chunks (same layout for out and in) ----
// The relationships of node `self` with one type form a list of entries
// (other node, rel) in ascending order, stored in chunks of 1..kAdjChunkMax
// entries. A chunk's key is  u64(self) type 0x00 u64(bound.other) u64(bound.rel):
// `bound` is an inclusive upper bound of the chunk's entries, and every entry
// is greater than the bound of the chunk before it (so the chunk that holds,
// or would hold, an entry e is the first chunk whose key is >= the key of e).
// The last chunk of a list may have the bound (2^64-1, 2^64-1) (AdjTailKey).
// Value: n x (u64(other) u64(rel)), n >= 1, ascending, no duplicates.
// A hub's 10,000 relationships are therefore ~100 keys, not 10,000.
inline constexpr std::size_t kAdjChunkMax = 128;  // entries per chunk
inline constexpr std::size_t kAdjItemBytes = 16;

struct AdjItem {
  uint64_t other = 0;
  uint64_t rel = 0;
  friend bool operator==(const AdjItem& a, const AdjItem& b) {
    return a.other == b.other && a.rel == b.rel;
  }
  friend bool operator<(const AdjItem& a, const AdjItem& b) {
    return a.other != b.other ? a.other < b.other : a.rel < b.rel;
  }
};

// A decoded chunk key: `other`/`rel` are the chunk's bound.
struct AdjKey {
  uint64_t self = 0;
  std::string type;
  uint64_t other = 0;
  uint64_t rel = 0;
};
// The chunk key with bound (other, rel); also the seek target for entry (other, rel).
std::string EncodeAdjKey(uint64_t self, std::string_view type, uint64_t other, uint64_t rel);
Status DecodeAdjKey(std::string_view key, AdjKey* out);
// Zero-copy variant: *type points into `key` (valid as long as key's bytes).
Status DecodeAdjKeyType(std::string_view key, std::string_view* type);
std::string AdjTailKey(uint64_t self, std::string_view type);  // bound (2^64-1, 2^64-1)
std::string AdjPrefix(uint64_t self);                          // all rels of self
std::string AdjTypePrefix(uint64_t self, std::string_view type);  // rels of one type
std::string AdjTypeOtherPrefix(uint64_t self, std::string_view type, uint64_t other);

// Chunk values. REQUIRES for Encode: items ascending, 1..kAdjChunkMax of them.
std::string EncodeAdjChunk(const AdjItem* items, std::size_t n);
// Corruption unless the value is a non-empty multiple of kAdjItemBytes.
Status AdjChunkCount(std::string_view value, std::size_t* n);
Status DecodeAdjChunk(std::string_view value, std::vector<AdjItem>* out);  // replaces *out
// Entry i of a chunk value. REQUIRES: i < AdjChunkCount(value).
inline AdjItem AdjChunkItem(std::string_view value, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(value.data()) + i * kAdjItemBytes;
  uint64_t o = 0, r = 0;
  for (int b = 0; b < 8; ++b) o = (o << 8) | p[b];
  for (int b = 8; b < 16; ++b) r = (r << 8) | p[b];
  return {o, r};
}

// ---- evidence ----
struct EvidenceKey {
  uint64_t rel = 0;
  char kind = kEvidenceTyped;
  std::string article;
  uint32_t n = 0;
};
std::string EncodeEvidenceKey(uint64_t rel, char kind, std::string_view article, uint32_t n);
Status DecodeEvidenceKey(std::string_view key, EvidenceKey* out);
std::string EvidencePrefix(uint64_t rel);
std::string EvidenceArticlePrefix(uint64_t rel, char kind, std::string_view article);

// ---- name index ----
std::string NameKey(std::string_view normalised, uint64_t node);
std::string NamePrefix(std::string_view normalised_prefix);  // 'n' + prefix (no terminator)
std::string NameExactPrefix(std::string_view normalised);    // 'n' + name + 0x00
std::string ExternalIdKey(std::string_view external_id, uint64_t node);
std::string ExternalIdPrefix(std::string_view external_id);  // 'e' + id + 0x00
// For 'n'/'e' keys: the text between the prefix byte and the terminator, and the node.
Status DecodeIndexKey(std::string_view key, std::string* text, uint64_t* node);

// ---- relationship date index (graph/rel_date.h decides what is indexed) ----
// Days since 1970-01-01 (negative before), biased so key order is day order.
std::string RelDateKey(int64_t day, uint64_t rel);
std::string RelDateSeek(int64_t day);  // 'd' + day: the first key of that day
// Corruption unless `key` is a date index key.
Status DecodeRelDateKey(std::string_view key, int64_t* day, uint64_t* rel);

// ---- article index ----
std::string ArticleKey(std::string_view article_id);
std::string FileKey(std::string_view path);
std::string RefCountKey(uint64_t node);
Status DecodeRefCountKey(std::string_view key, uint64_t* node);

// ---- counts kept as data (graph/counts.h) ----
// Present from schema version 3 on. Every count is a u64; a count of 0 and an
// empty degree record are stored as no key.
//   Cf::kMeta      '#' 'n'          -> nodes
//                  '#' 'l' label    -> nodes with that label
//                  '#' 't' type     -> relationships of that type
//                  '#' 'o'          -> self-loops (src == dst)
//                  '#' 'a'          -> article records
//                  '#' 'e'          -> typed-relation evidence records
//   Cf::kArticles  'd' u64(node)    -> degree record: per relationship type of the
//                  node, ascending by type: varint(len) type varint(out) varint(in)
inline constexpr char kCountPrefix = '#';
inline constexpr char kCountNodes = 'n';
inline constexpr char kCountLabel = 'l';
inline constexpr char kCountType = 't';
inline constexpr char kCountLoops = 'o';
inline constexpr char kCountArticles = 'a';
inline constexpr char kCountEvidence = 'e';
inline constexpr char kDegreePrefix = 'd';
// '#' what name ("#tMEETS", "#n").
std::string CountKey(char what, std::string_view name = {});

struct DegreeEntry {
  std::string type;
  uint64_t out = 0;  // relationships of `type` with the node as source
  uint64_t in = 0;   // ... as target (a self-loop counts in both)
};
std::string DegreeKey(uint64_t node);
Status DecodeDegreeKey(std::string_view key, uint64_t* node);
// REQUIRES: entries ascending by type, no duplicates.
std::string EncodeDegree(const std::vector<DegreeEntry>& entries);
// Corruption when the bytes are not such a record. Replaces *out.
Status DecodeDegree(std::string_view value, std::vector<DegreeEntry>* out);

// ---- values: JSON encoded as MessagePack ----
std::string EncodeValue(const nlohmann::json& j);
// Corruption (naming `what`) when the bytes are not valid MessagePack.
Status DecodeValue(std::string_view bytes, const char* what, nlohmann::json* out);

}  // namespace kg::keys
