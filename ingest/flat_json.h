// Fast parser for the common shape of a JSON Lines article: one flat object
// whose values are strings, null, true or false
// ({"id": "...", "text": "...", "lang": "de"}). Building nlohmann::json
// documents was most of the reader's cost; this parser decodes such a line in
// one pass without building a document.
//
// It accepts a strict subset of RFC 8259 and nothing more: any line outside
// the subset (numbers, nested arrays/objects, a byte-order mark) or not
// valid JSON makes it return false, and the caller parses the line with
// nlohmann::json as before, so acceptance, error messages and values stay
// exactly those of nlohmann::json (tests/ingest/flat_json_test.cpp compares
// both on many lines, valid and broken).
//
// Thread safety: pure function.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

struct FlatJsonMember {
  enum Kind { kString, kNull, kTrue, kFalse };
  std::string key;
  Kind kind = kNull;
  std::string value;  // decoded string (kString only)
};

// REQUIRES: `line` is valid UTF-8 (readers repair it first; nlohmann::json
// rejects invalid UTF-8 inside strings, this parser copies those bytes).
// Returns true and fills `members` (cleared first; in input order, duplicate
// keys kept) when `line` is a JSON object in the flat subset, with white
// space (space, tab, CR, LF) allowed where JSON allows it. Returns false
// otherwise (members unspecified).
bool ParseFlatJsonObject(std::string_view line, std::vector<FlatJsonMember>* members);

}  // namespace kg

namespace kg {

// A JSON document parsed into one array of nodes, for loaders that read many
// small documents (the KB's JSON Lines): no per-value allocation, strings
// are views into the input unless they had escapes.
//
// Like ParseFlatJsonObject, Parse() accepts a strict subset of what
// nlohmann::json::parse accepts (no \u escapes, no byte-order mark, valid
// UTF-8 only, nesting depth <= 64) and returns false for anything else,
// valid or not: the caller then parses with nlohmann::json and fills the tree
// with FromJson(), so acceptance and error messages stay nlohmann's. Either
// way, the tree answers exactly as the nlohmann::json document would:
// Find() returns the last member with a key (nlohmann keeps the last of
// duplicate keys) and SortedMembers() lists an object's members in
// nlohmann's iteration order (sorted by key, duplicates dropped).
//
// Thread safety: immutable after Parse/FromJson. Lifetime: views point into
// the parsed text (which must outlive the tree) and into the tree.
class JsonTree {
 public:
  enum Kind : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };
  struct Node {
    Kind kind = kNull;
    // kString: the decoded value; kNumber: the literal; kArray/kObject: the
    // JSON text of the whole value (re-parse it with nlohmann::json to get
    // the value nlohmann would have built).
    std::string_view text;
    std::string_view key;  // members of objects: the decoded key
    int first = -1;        // kArray/kObject: first child, -1 when empty
    int next = -1;         // next sibling, -1 at the end
  };

  // Parses `text` (the root is node 0). False when `text` is outside the
  // subset; the tree is then unspecified.
  bool Parse(std::string_view text);
  // Mirrors a document nlohmann::json parsed (any value).
  void FromJson(const nlohmann::json& j);

  const Node& node(int i) const { return nodes_[i]; }
  const Node& root() const { return nodes_[0]; }
  // Index of the member `key` of object node `obj` (the last of duplicates),
  // or -1 (also when `obj` is not an object).
  int Find(int obj, std::string_view key) const;
  // Members of object node `obj` in nlohmann's iteration order.
  std::vector<int> SortedMembers(int obj) const;

 private:
  class Parser;
  int FromJsonNode(const nlohmann::json& j, std::string_view key);
  std::string_view Keep(std::string s);

  std::vector<Node> nodes_;
  std::vector<std::unique_ptr<std::string>> owned_;  // decoded strings
};

}  // namespace kg
