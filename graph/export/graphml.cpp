// GraphML writer (http://graphml.graphdrawing.org/). Only spec types, every
// key with `for`; `label`/`weight` keys that Gephi maps automatically.
#include <cmath>
#include <string_view>
#include <vector>

#include "graph/export/escape.h"
#include "graph/export/export.h"

namespace kg::exp {

namespace {

struct Key {
  const char* id;
  const char* domain;  // node | edge
  const char* name;
  const char* type;  // boolean, int, long, float, double, string
};

const Key kKeys[] = {
    {"n_label", "node", "label", "string"},
    {"n_name", "node", "name", "string"},
    {"n_type", "node", "type", "string"},
    {"n_aliases", "node", "aliases", "string"},
    {"n_degree", "node", "degree", "int"},
    {"n_pagerank", "node", "pagerank", "double"},
    {"n_country", "node", "country", "string"},
    {"n_lat", "node", "latitude", "double"},
    {"n_lon", "node", "longitude", "double"},
    {"e_label", "edge", "label", "string"},
    {"e_predicate", "edge", "predicate", "string"},
    {"e_weight", "edge", "weight", "double"},
    {"e_support", "edge", "support", "long"},
    {"e_confidence", "edge", "confidence", "double"},
    {"e_modality", "edge", "modality", "string"},
    {"e_location", "edge", "location", "string"},
    {"e_location_name", "edge", "location_name", "string"},
    {"e_date", "edge", "date", "string"},
    {"e_first", "edge", "first_seen", "string"},
    {"e_last", "edge", "last_seen", "string"},
    {"e_evidence", "edge", "evidence_count", "int"},
};

// <data> elements: `open` is the whole start tag, KG_GRAPHML_OPEN("e_label") =
// "<data key=\"e_label\">", composed at compile time (the writer appends ~11
// of them per edge, so no strlen or piecewise appends).
#define KG_GRAPHML_OPEN(key) std::string_view("<data key=\"" key "\">")
constexpr std::string_view kClose = "</data>";

inline void Data(std::string* b, std::string_view open, std::string_view value) {
  b->append(open);
  AppendXml(b, value);
  b->append(kClose);
}
inline void DataNum(std::string* b, std::string_view open, double v) {
  if (std::isnan(v)) return;
  b->append(open);
  AppendDouble(b, v);
  b->append(kClose);
}
inline void DataInt(std::string* b, std::string_view open, int64_t v) {
  b->append(open);
  AppendInt(b, v);
  b->append(kClose);
}

}  // namespace

Status WriteGraphML(const GraphSnapshot& g, const NodeMetrics& m, Sink* out) {
  std::string* b = out->buf();
  b->append(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  for (const auto& k : kKeys) {
    b->append("  <key id=\"").append(k.id).append("\" for=\"").append(k.domain);
    b->append("\" attr.name=\"").append(k.name).append("\" attr.type=\"").append(k.type);
    b->append("\"/>\n");
  }
  b->append("  <graph id=\"kg\" edgedefault=\"directed\">\n");
  const auto& nodes = g.nodes();
  // Node ids escaped once into one compact buffer: every edge repeats two of
  // them, and reading them from here avoids a cache miss into the node array.
  std::string ids;
  std::vector<size_t> id_at(nodes.size() + 1, 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    AppendXml(&ids, nodes[i].key);
    id_at[i + 1] = ids.size();
  }
  auto id = [&](uint32_t i) {
    return std::string_view(ids).substr(id_at[i], id_at[i + 1] - id_at[i]);
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    b->append(std::string_view("    <node id=\""));
    b->append(id(static_cast<uint32_t>(i)));
    b->append(std::string_view("\">"));
    Data(b, KG_GRAPHML_OPEN("n_label"), n.name);
    Data(b, KG_GRAPHML_OPEN("n_name"), n.name);
    if (!n.type.empty()) Data(b, KG_GRAPHML_OPEN("n_type"), n.type);
    if (!n.aliases.empty()) Data(b, KG_GRAPHML_OPEN("n_aliases"), JoinList(n.aliases));
    if (i < m.degree.size()) DataInt(b, KG_GRAPHML_OPEN("n_degree"), m.degree[i]);
    if (i < m.pagerank.size()) DataNum(b, KG_GRAPHML_OPEN("n_pagerank"), m.pagerank[i]);
    if (!n.country.empty()) Data(b, KG_GRAPHML_OPEN("n_country"), n.country);
    DataNum(b, KG_GRAPHML_OPEN("n_lat"), n.latitude);
    DataNum(b, KG_GRAPHML_OPEN("n_lon"), n.longitude);
    b->append(std::string_view("</node>\n"));
    out->MaybeFlush();
  }
  for (const auto& r : g.rels()) {
    b->append(std::string_view("    <edge id=\"e"));
    AppendInt(b, static_cast<int64_t>(r.id));
    b->append(std::string_view("\" source=\""));
    b->append(id(r.src));
    b->append(std::string_view("\" target=\""));
    b->append(id(r.dst));
    b->append(std::string_view("\">"));
    Data(b, KG_GRAPHML_OPEN("e_label"), r.predicate);
    Data(b, KG_GRAPHML_OPEN("e_predicate"), r.predicate);
    DataNum(b, KG_GRAPHML_OPEN("e_weight"), r.weight);
    if (r.support > 0) DataInt(b, KG_GRAPHML_OPEN("e_support"), r.support);
    DataNum(b, KG_GRAPHML_OPEN("e_confidence"), r.confidence);
    if (!r.modality.empty()) Data(b, KG_GRAPHML_OPEN("e_modality"), r.modality);
    if (!r.location.empty()) Data(b, KG_GRAPHML_OPEN("e_location"), r.location);
    if (!r.location_name.empty()) Data(b, KG_GRAPHML_OPEN("e_location_name"), r.location_name);
    if (!r.date.empty()) Data(b, KG_GRAPHML_OPEN("e_date"), r.date);
    if (!r.first_seen.empty()) Data(b, KG_GRAPHML_OPEN("e_first"), r.first_seen);
    if (!r.last_seen.empty()) Data(b, KG_GRAPHML_OPEN("e_last"), r.last_seen);
    if (r.evidence_count >= 0) DataInt(b, KG_GRAPHML_OPEN("e_evidence"), r.evidence_count);
    b->append(std::string_view("</edge>\n"));
    out->MaybeFlush();
  }
  b->append("  </graph>\n</graphml>\n");
  return Status::OK();
}

}  // namespace kg::exp
#undef KG_GRAPHML_OPEN
