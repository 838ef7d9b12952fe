// Graphviz DOT: one digraph; node ids are the quoted entity ids, parallel
// relationships are separate edges (DOT digraphs are multigraphs).
#include <cmath>

#include "graph/export/escape.h"
#include "graph/export/export.h"

namespace kg::exp {

namespace {
void Q(std::string* b, std::string_view s) {
  b->push_back('"');
  AppendDot(b, s);
  b->push_back('"');
}
void A(std::string* b, const char* key, std::string_view v) {
  b->append(", ").append(key).append("=");
  Q(b, v);
}
void N(std::string* b, const char* key, double v) {
  if (!std::isfinite(v)) return;
  b->append(", ").append(key).append("=");
  AppendDouble(b, v);
}
}  // namespace

Status WriteDot(const GraphSnapshot& g, const NodeMetrics& m, Sink* out) {
  std::string* b = out->buf();
  b->append("digraph kg {\n  node [shape=box];\n");
  const auto& nodes = g.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    b->append("  ");
    Q(b, n.key);
    b->append(" [label=");
    Q(b, n.name);
    if (!n.type.empty()) A(b, "type", n.type);
    if (!n.aliases.empty()) A(b, "aliases", JoinList(n.aliases));
    if (i < m.degree.size()) N(b, "degree", static_cast<double>(m.degree[i]));
    if (i < m.pagerank.size()) N(b, "pagerank", m.pagerank[i]);
    if (!n.country.empty()) A(b, "country", n.country);
    N(b, "latitude", n.latitude);
    N(b, "longitude", n.longitude);
    b->append("];\n");
    out->MaybeFlush();
  }
  for (const auto& r : g.rels()) {
    b->append("  ");
    Q(b, nodes[r.src].key);
    b->append(" -> ");
    Q(b, nodes[r.dst].key);
    b->append(" [id=\"e");
    AppendInt(b, static_cast<int64_t>(r.id));
    b->append("\"");
    A(b, "label", r.predicate);
    A(b, "predicate", r.predicate);
    N(b, "weight", r.weight);
    if (!r.modality.empty()) A(b, "modality", r.modality);
    if (!r.location.empty()) A(b, "location", r.location);
    if (!r.location_name.empty()) A(b, "location_name", r.location_name);
    if (!r.first_seen.empty()) A(b, "first_seen", r.first_seen);
    if (!r.last_seen.empty()) A(b, "last_seen", r.last_seen);
    if (r.evidence_count >= 0) N(b, "evidence_count", r.evidence_count);
    b->append("];\n");
    out->MaybeFlush();
  }
  b->append("}\n");
  return Status::OK();
}

}  // namespace kg::exp
