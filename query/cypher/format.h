// Rendering of query results for people and programs.
//
//   FormatValue: Cypher-like text, e.g. (:Person {id: 'person/x', name: 'X'}),
//                [:MEETS {date: '2024-05-01'}], <(..)-[..]->(..)>, [1, 2], {a: 1}.
//                Top-level strings print raw when `raw_strings` (tables, CSV).
//   ValueToJson: JSON for --format jsonl: scalars as JSON, nodes as
//                {"_id", "_labels", ...properties}, relationships as
//                {"_id", "_type", "_start", "_end", ...properties}, paths as
//                {"nodes": [...], "relationships": [...]}.
//
// Thread safety: reads the graph; as safe as Graph reads.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "graph/graph.h"
#include "query/cypher/value.h"

namespace kg::cypher {

Result<std::string> FormatValue(const Graph& g, const Value& v, bool raw_strings = false);
Result<nlohmann::json> ValueToJson(const Graph& g, const Value& v);
// 'text' with quotes and backslashes escaped.
std::string QuoteString(const std::string& s);

}  // namespace kg::cypher
