#include "graph/export/export.h"

#include "graph/algo/algo.h"

namespace kg::exp {

Result<Format> ParseFormat(const std::string& name) {
  if (name == "graphml") return Format::kGraphML;
  if (name == "gexf") return Format::kGexf;
  if (name == "neo4j") return Format::kNeo4j;
  if (name == "cytoscape" || name == "json") return Format::kCytoscape;
  if (name == "ntriples" || name == "nt") return Format::kNTriples;
  if (name == "dot") return Format::kDot;
  return Status::InvalidArgument("unknown format '" + name +
                                 "' (graphml, gexf, neo4j, cytoscape, ntriples, dot)");
}

const char* FormatName(Format f) {
  switch (f) {
    case Format::kGraphML: return "graphml";
    case Format::kGexf: return "gexf";
    case Format::kNeo4j: return "neo4j";
    case Format::kCytoscape: return "cytoscape";
    case Format::kNTriples: return "ntriples";
    case Format::kDot: return "dot";
  }
  return "?";
}

NodeMetrics ComputeMetrics(const GraphSnapshot& g) {
  NodeMetrics m;
  m.degree = algo::Degree(g);
  m.pagerank = algo::PageRank(g).rank;
  return m;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(kListSeparator);
    for (char c : items[i]) {
      if (c == kListSeparator) {
        out.append("\xC2\xA6");  // U+00A6 BROKEN BAR
      } else {
        out.push_back(c);
      }
    }
  }
  return out;
}

Status Write(Format format, const GraphSnapshot& g, const NodeMetrics& m, const ExportOptions& o,
             Sink* out) {
  switch (format) {
    case Format::kGraphML: return WriteGraphML(g, m, out);
    case Format::kGexf: return WriteGexf(g, m, o, out);
    case Format::kCytoscape: return WriteCytoscape(g, m, out);
    case Format::kNTriples: return WriteNTriples(g, m, o, out);
    case Format::kDot: return WriteDot(g, m, out);
    case Format::kNeo4j:
      return Status::InvalidArgument("neo4j export writes two files; give a directory with -o");
  }
  return Status::InvalidArgument("unknown format");
}

}  // namespace kg::exp
