// TCK value syntax for the openCypher TCK runner: parse expected cells
// ("(:A {name: 'a'})", "[:T]", "<(:A)-[:T]->()>", lists, maps, 'strings',
// numbers, null) and compare them with engine results.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/status.h"
#include "query/cypher/value.h"

namespace kg::tck {

struct TV {
  enum class K { kNull, kBool, kInt, kFloat, kStr, kList, kMap, kNode, kRel, kPath } k = K::kNull;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;                 // string value, or relationship type
  std::vector<std::string> labels;  // node labels (sorted)
  std::vector<TV> items;         // list items; path: node, rel, node, ...
  std::map<std::string, TV> m;   // map entries / entity properties
  bool forward = true;           // path relationship direction
};

// Parses one expected cell. InvalidArgument on syntax the runner does not know.
Result<TV> ParseTV(const std::string& text);
// Converts an engine value (reading entities from `g`).
Result<TV> FromValue(const Graph& g, const cypher::Value& v);
// Equality; `unordered_lists` compares lists as multisets.
bool Same(const TV& a, const TV& b, bool unordered_lists);
std::string Show(const TV& v);

}  // namespace kg::tck
