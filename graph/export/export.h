// Exporters: write a GraphSnapshot as GraphML, GEXF 1.3, Neo4j admin-import
// CSV, Cytoscape.js JSON, RDF N-Triples or Graphviz DOT. Formats and flags
// are documented in graph/export/README.md.
//
// Every writer streams: it appends one element at a time to a Sink that
// flushes every ~1 MiB, so output size does not add to memory. Text from the
// graph (names, aliases, dates, ...) is escaped for the target syntax and
// invalid UTF-8 is replaced by U+FFFD (graph/export/escape.h).
//
// Node ids: SnapNode::key (the entity id, e.g. "country/RU"; "n<id>" for nodes
// without one). Edge ids: "e<relationship id>"; parallel relationships stay
// separate edges.
//
// Thread safety: writers only read the snapshot.
#pragma once

#include <string>
#include <vector>

#include "graph/export/sink.h"
#include "graph/snapshot.h"
#include "graph/status.h"

namespace kg::exp {

enum class Format { kGraphML, kGexf, kNeo4j, kCytoscape, kNTriples, kDot };

// "graphml", "gexf", "neo4j", "cytoscape" (also "json"), "ntriples" (also "nt"), "dot".
Result<Format> ParseFormat(const std::string& name);
const char* FormatName(Format f);

// Per-node metrics written as attributes; indexed like snapshot.nodes().
struct NodeMetrics {
  std::vector<int64_t> degree;
  std::vector<double> pagerank;
};
// Degree and PageRank (graph/algo) of the snapshot.
NodeMetrics ComputeMetrics(const GraphSnapshot& g);

struct ExportOptions {
  std::string gexf_version = "1.2draft";      // "1.2draft" (Gephi, NetworkX's read_gexf) or "1.3"
  std::string base_iri = "https://kg.invalid/";  // N-Triples IRIs: <base>entity/..., <base>ontology#...
};

// Separator used for list values (aliases, Neo4j labels/arrays); a literal '|'
// inside a value is written as U+00A6 '¦'.
inline constexpr char kListSeparator = '|';
std::string JoinList(const std::vector<std::string>& items);

Status WriteGraphML(const GraphSnapshot& g, const NodeMetrics& m, Sink* out);
Status WriteGexf(const GraphSnapshot& g, const NodeMetrics& m, const ExportOptions& o, Sink* out);
Status WriteCytoscape(const GraphSnapshot& g, const NodeMetrics& m, Sink* out);
Status WriteNTriples(const GraphSnapshot& g, const NodeMetrics& m, const ExportOptions& o,
                     Sink* out);
Status WriteDot(const GraphSnapshot& g, const NodeMetrics& m, Sink* out);
// Neo4j admin-import CSV: two streams, nodes.csv and relationships.csv.
Status WriteNeo4jNodes(const GraphSnapshot& g, const NodeMetrics& m, Sink* out);
Status WriteNeo4jRelationships(const GraphSnapshot& g, Sink* out);
// Creates `dir` if needed and writes nodes.csv + relationships.csv there.
Status WriteNeo4jDir(const GraphSnapshot& g, const NodeMetrics& m, const std::string& dir);
// The neo4j-admin command that imports a directory written by WriteNeo4jDir.
std::string Neo4jImportCommand(const std::string& dir);

// Writes `g` in `format` to `out`. REQUIRES: format != kNeo4j (two files; use WriteNeo4jDir).
Status Write(Format format, const GraphSnapshot& g, const NodeMetrics& m, const ExportOptions& o,
             Sink* out);

}  // namespace kg::exp
