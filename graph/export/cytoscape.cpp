// Cytoscape.js JSON: {"data":{...},"directed":true,"multigraph":true,
// "elements":{"nodes":[{"data":{...}}],"edges":[...]}} (cy.add(json.elements),
// cytoscape({elements: json.elements}), Cytoscape desktop's .cyjs import and
// NetworkX's cytoscape_graph(): nodes carry "value" = id, edges a "key").
#include <cmath>

#include "graph/export/escape.h"
#include "graph/export/export.h"

namespace kg::exp {

namespace {
void Str(std::string* b, const char* key, std::string_view v) {
  b->append(",\"").append(key).append("\":");
  AppendJsonQuoted(b, v);
}
void Num(std::string* b, const char* key, double v) {
  if (!std::isfinite(v)) return;  // JSON has no NaN/Infinity
  b->append(",\"").append(key).append("\":");
  AppendDouble(b, v);
}
void Int(std::string* b, const char* key, int64_t v) {
  b->append(",\"").append(key).append("\":");
  AppendInt(b, v);
}
}  // namespace

Status WriteCytoscape(const GraphSnapshot& g, const NodeMetrics& m, Sink* out) {
  std::string* b = out->buf();
  b->append("{\"data\":{\"name\":\"kg\"},\"directed\":true,\"multigraph\":true,\"elements\":{\"nodes\":[");
  const auto& nodes = g.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    b->append(i ? ",\n" : "\n").append("{\"data\":{\"id\":");
    AppendJsonQuoted(b, n.key);
    Str(b, "value", n.key);
    Str(b, "label", n.name);
    Str(b, "name", n.name);
    if (!n.type.empty()) Str(b, "type", n.type);
    if (!n.aliases.empty()) {
      b->append(",\"aliases\":[");
      for (size_t k = 0; k < n.aliases.size(); ++k) {
        if (k) b->push_back(',');
        AppendJsonQuoted(b, n.aliases[k]);
      }
      b->push_back(']');
    }
    if (i < m.degree.size()) Int(b, "degree", m.degree[i]);
    if (i < m.pagerank.size()) Num(b, "pagerank", m.pagerank[i]);
    if (!n.country.empty()) Str(b, "country", n.country);
    Num(b, "latitude", n.latitude);
    Num(b, "longitude", n.longitude);
    b->append("}}");
    out->MaybeFlush();
  }
  b->append("\n],\"edges\":[");
  bool first = true;
  for (const auto& r : g.rels()) {
    b->append(first ? "\n" : ",\n").append("{\"data\":{\"id\":\"e");
    first = false;
    AppendInt(b, static_cast<int64_t>(r.id));
    b->push_back('"');
    Str(b, "source", nodes[r.src].key);
    Str(b, "target", nodes[r.dst].key);
    Int(b, "key", static_cast<int64_t>(r.id));
    Str(b, "label", r.predicate);
    Str(b, "predicate", r.predicate);
    Num(b, "weight", r.weight);
    if (r.support > 0) Int(b, "support", r.support);
    Num(b, "confidence", r.confidence);
    if (!r.modality.empty()) Str(b, "modality", r.modality);
    if (!r.location.empty()) Str(b, "location", r.location);
    if (!r.location_name.empty()) Str(b, "location_name", r.location_name);
    if (!r.date.empty()) Str(b, "date", r.date);
    if (!r.first_seen.empty()) Str(b, "first_seen", r.first_seen);
    if (!r.last_seen.empty()) Str(b, "last_seen", r.last_seen);
    if (r.evidence_count >= 0) Int(b, "evidence_count", r.evidence_count);
    b->append("}}");
    out->MaybeFlush();
  }
  b->append("\n]}}\n");
  return Status::OK();
}

}  // namespace kg::exp
