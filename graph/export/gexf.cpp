// GEXF writer (https://gexf.net/): version 1.3 (or 1.2draft), dynamic mode
// with timeformat="date": edges carry start/end from first_seen/last_seen (or
// the relation date), nodes the span of their dated relationships, so Gephi's
// timeline can play the graph.
#include <cmath>

#include "graph/export/escape.h"
#include "graph/export/export.h"

namespace kg::exp {

namespace {

struct Attr {
  const char* id;
  const char* title;
  const char* type;
};
const Attr kNodeAttrs[] = {{"type", "type", "string"},         {"aliases", "aliases", "string"},
                           {"degree", "degree", "integer"},    {"pagerank", "pagerank", "double"},
                           {"country", "country", "string"},   {"latitude", "latitude", "double"},
                           {"longitude", "longitude", "double"}};
const Attr kEdgeAttrs[] = {{"predicate", "predicate", "string"},
                           {"support", "support", "long"},
                           {"confidence", "confidence", "double"},
                           {"modality", "modality", "string"},
                           {"location", "location", "string"},
                           {"location_name", "location_name", "string"},
                           {"date", "date", "string"},
                           {"first_seen", "first_seen", "string"},
                           {"last_seen", "last_seen", "string"},
                           {"evidence_count", "evidence_count", "integer"}};

void Attrs(std::string* b, const char* cls, const Attr* a, size_t n) {
  b->append("    <attributes class=\"").append(cls).append("\" mode=\"static\">\n");
  for (size_t i = 0; i < n; ++i) {
    b->append("      <attribute id=\"").append(a[i].id).append("\" title=\"").append(a[i].title);
    b->append("\" type=\"").append(a[i].type).append("\"/>\n");
  }
  b->append("    </attributes>\n");
}

void Val(std::string* b, const char* id, std::string_view v) {
  b->append("<attvalue for=\"").append(id).append("\" value=\"");
  AppendXml(b, v);
  b->append("\"/>");
}
void ValNum(std::string* b, const char* id, double v) {
  if (std::isnan(v)) return;
  b->append("<attvalue for=\"").append(id).append("\" value=\"");
  AppendDouble(b, v);
  b->append("\"/>");
}
void ValInt(std::string* b, const char* id, int64_t v) {
  b->append("<attvalue for=\"").append(id).append("\" value=\"");
  AppendInt(b, v);
  b->append("\"/>");
}

const std::string& FirstNonEmpty(const std::string& a, const std::string& b, const std::string& c) {
  return !a.empty() ? a : (!b.empty() ? b : c);
}

// Full dates [start, end] of a relationship, empty when undated.
std::pair<std::string, std::string> Span(const SnapRel& r) {
  auto lo = DateLowerBound(FirstNonEmpty(r.first_seen, r.date, r.last_seen));
  auto hi = DateUpperBound(FirstNonEmpty(r.last_seen, r.date, r.first_seen));
  if (!lo || !hi) return {};
  if (*hi < *lo) std::swap(*lo, *hi);
  return {*lo, *hi};
}

void TimeAttrs(std::string* b, const std::string& start, const std::string& end) {
  if (start.empty()) return;
  b->append(" start=\"").append(start).append("\" end=\"").append(end).append("\"");
}

}  // namespace

Status WriteGexf(const GraphSnapshot& g, const NodeMetrics& m, const ExportOptions& o, Sink* out) {
  const bool v13 = o.gexf_version != "1.2draft";
  if (o.gexf_version != "1.3" && o.gexf_version != "1.2draft")
    return Status::InvalidArgument("GEXF version must be 1.3 or 1.2draft");
  const std::string ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
  std::string* b = out->buf();
  b->append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"" + ns +
            "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" +
            ns + " " + ns + "/gexf.xsd\" version=\"" + (v13 ? "1.3" : "1.2") + "\">\n");
  b->append("  <meta><creator>kg</creator><description>knowledge graph export</description></meta>\n");
  b->append(
      "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\"" +
      std::string(v13 ? " timerepresentation=\"interval\"" : "") + ">\n");
  Attrs(b, "node", kNodeAttrs, std::size(kNodeAttrs));
  Attrs(b, "edge", kEdgeAttrs, std::size(kEdgeAttrs));

  const auto& nodes = g.nodes();
  // Node spans: the hull of their dated relationships' spans.
  std::vector<std::pair<std::string, std::string>> node_span(nodes.size());
  for (const auto& r : g.rels()) {
    auto s = Span(r);
    if (s.first.empty()) continue;
    for (uint32_t v : {r.src, r.dst}) {
      auto& ns_ = node_span[v];
      if (ns_.first.empty() || s.first < ns_.first) ns_.first = s.first;
      if (ns_.second.empty() || s.second > ns_.second) ns_.second = s.second;
    }
  }

  b->append("    <nodes>\n");
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    b->append("      <node id=\"");
    AppendXml(b, n.key);
    b->append("\" label=\"");
    AppendXml(b, n.name);
    b->append("\"");
    TimeAttrs(b, node_span[i].first, node_span[i].second);
    b->append("><attvalues>");
    if (!n.type.empty()) Val(b, "type", n.type);
    if (!n.aliases.empty()) Val(b, "aliases", JoinList(n.aliases));
    if (i < m.degree.size()) ValInt(b, "degree", m.degree[i]);
    if (i < m.pagerank.size()) ValNum(b, "pagerank", m.pagerank[i]);
    if (!n.country.empty()) Val(b, "country", n.country);
    ValNum(b, "latitude", n.latitude);
    ValNum(b, "longitude", n.longitude);
    b->append("</attvalues></node>\n");
    out->MaybeFlush();
  }
  b->append("    </nodes>\n    <edges>\n");
  for (const auto& r : g.rels()) {
    b->append("      <edge id=\"e");
    AppendInt(b, static_cast<int64_t>(r.id));
    b->append("\" source=\"");
    AppendXml(b, nodes[r.src].key);
    b->append("\" target=\"");
    AppendXml(b, nodes[r.dst].key);
    b->append("\" label=\"");
    AppendXml(b, r.predicate);
    if (v13) {
      // Gephi keeps parallel edges apart when their kinds differ.
      b->append("\" kind=\"");
      AppendXml(b, r.predicate);
    }
    b->append("\" weight=\"");
    AppendDouble(b, std::isfinite(r.weight) ? r.weight : 1.0);
    b->append("\"");
    auto span = Span(r);
    TimeAttrs(b, span.first, span.second);
    b->append("><attvalues>");
    Val(b, "predicate", r.predicate);
    if (r.support > 0) ValInt(b, "support", r.support);
    ValNum(b, "confidence", r.confidence);
    if (!r.modality.empty()) Val(b, "modality", r.modality);
    if (!r.location.empty()) Val(b, "location", r.location);
    if (!r.location_name.empty()) Val(b, "location_name", r.location_name);
    if (!r.date.empty()) Val(b, "date", r.date);
    if (!r.first_seen.empty()) Val(b, "first_seen", r.first_seen);
    if (!r.last_seen.empty()) Val(b, "last_seen", r.last_seen);
    if (r.evidence_count >= 0) ValInt(b, "evidence_count", r.evidence_count);
    b->append("</attvalues></edge>\n");
    out->MaybeFlush();
  }
  b->append("    </edges>\n  </graph>\n</gexf>\n");
  return Status::OK();
}

}  // namespace kg::exp
