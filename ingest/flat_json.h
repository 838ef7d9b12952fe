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
