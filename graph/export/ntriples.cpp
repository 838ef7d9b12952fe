// RDF N-Triples. Entities are <base>entity/<entity id>, classes and properties
// live under <base>ontology#. Every relationship is a direct triple
// (s kg:meets o) plus an rdf:Statement <base>relationship/<id> carrying its
// properties, so parallel relationships and their attributes survive.
// Output is 7-bit ASCII (non-ASCII as \u escapes).
#include <cmath>

#include "graph/export/escape.h"
#include "graph/export/export.h"

namespace kg::exp {

namespace {

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kGeo = "http://www.w3.org/2003/01/geo/wgs84_pos#";

struct Writer {
  std::string* b;
  std::string base;

  void Entity(const std::string& key) {
    b->append("<").append(base).append("entity/");
    AppendIriComponent(b, key);
    b->push_back('>');
  }
  void Rel(RelId id) {
    b->append("<").append(base).append("relationship/");
    AppendInt(b, static_cast<int64_t>(id));
    b->push_back('>');
  }
  void Onto(std::string_view local) {
    b->append("<").append(base).append("ontology#");
    AppendIriComponent(b, local);
    b->push_back('>');
  }
  void Iri(const char* ns, const char* local) { b->append("<").append(ns).append(local).append(">"); }
  void Lit(std::string_view s) {
    b->append(" \"");
    AppendNTriplesLiteral(b, s);
    b->append("\" .\n");
  }
  void Typed(std::string_view lexical, const char* xsd_type) {
    b->append(" \"");
    AppendNTriplesLiteral(b, lexical);
    b->append("\"^^<").append(kXsd).append(xsd_type).append("> .\n");
  }
  void Double(double v) {
    std::string s;
    AppendDouble(&s, v);
    Typed(s, "double");
  }
  void Long(int64_t v) {
    std::string s;
    AppendInt(&s, v);
    Typed(s, "long");
  }
  void Date(const std::string& d) {
    if (!DateLowerBound(d)) return Lit(d);
    Typed(d, d.size() == 10 ? "date" : d.size() == 7 ? "gYearMonth" : "gYear");
  }
};

}  // namespace

Status WriteNTriples(const GraphSnapshot& g, const NodeMetrics& m, const ExportOptions& o,
                     Sink* out) {
  Writer w{out->buf(), o.base_iri};
  const auto& nodes = g.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    for (const auto& label : n.labels) {
      w.Entity(n.key), w.b->push_back(' '), w.Iri(kRdf, "type"), w.b->push_back(' ');
      w.Onto(label), w.b->append(" .\n");
    }
    w.Entity(n.key), w.b->push_back(' '), w.Iri(kRdfs, "label"), w.Lit(n.name);
    w.Entity(n.key), w.b->push_back(' '), w.Onto("name"), w.Lit(n.name);
    if (!n.type.empty()) w.Entity(n.key), w.b->push_back(' '), w.Onto("type"), w.Lit(n.type);
    for (const auto& a : n.aliases) w.Entity(n.key), w.b->push_back(' '), w.Onto("alias"), w.Lit(a);
    if (!n.country.empty())
      w.Entity(n.key), w.b->push_back(' '), w.Onto("country"), w.Lit(n.country);
    if (std::isfinite(n.latitude))
      w.Entity(n.key), w.b->push_back(' '), w.Iri(kGeo, "lat"), w.Double(n.latitude);
    if (std::isfinite(n.longitude))
      w.Entity(n.key), w.b->push_back(' '), w.Iri(kGeo, "long"), w.Double(n.longitude);
    if (i < m.degree.size())
      w.Entity(n.key), w.b->push_back(' '), w.Onto("degree"), w.Long(m.degree[i]);
    if (i < m.pagerank.size() && std::isfinite(m.pagerank[i]))
      w.Entity(n.key), w.b->push_back(' '), w.Onto("pagerank"), w.Double(m.pagerank[i]);
    out->MaybeFlush();
  }
  for (const auto& r : g.rels()) {
    const std::string& s = nodes[r.src].key;
    const std::string& t = nodes[r.dst].key;
    w.Entity(s), w.b->push_back(' '), w.Onto(r.predicate), w.b->push_back(' '), w.Entity(t);
    w.b->append(" .\n");
    w.Rel(r.id), w.b->push_back(' '), w.Iri(kRdf, "type"), w.b->push_back(' ');
    w.Iri(kRdf, "Statement"), w.b->append(" .\n");
    w.Rel(r.id), w.b->push_back(' '), w.Iri(kRdf, "subject"), w.b->push_back(' '), w.Entity(s);
    w.b->append(" .\n");
    w.Rel(r.id), w.b->push_back(' '), w.Iri(kRdf, "predicate"), w.b->push_back(' ');
    w.Onto(r.predicate), w.b->append(" .\n");
    w.Rel(r.id), w.b->push_back(' '), w.Iri(kRdf, "object"), w.b->push_back(' '), w.Entity(t);
    w.b->append(" .\n");
    if (std::isfinite(r.weight)) w.Rel(r.id), w.b->push_back(' '), w.Onto("weight"), w.Double(r.weight);
    if (r.support > 0) w.Rel(r.id), w.b->push_back(' '), w.Onto("support"), w.Long(r.support);
    if (std::isfinite(r.confidence))
      w.Rel(r.id), w.b->push_back(' '), w.Onto("confidence"), w.Double(r.confidence);
    if (!r.modality.empty())
      w.Rel(r.id), w.b->push_back(' '), w.Onto("modality"), w.Lit(r.modality);
    if (!r.location.empty()) {
      w.Rel(r.id), w.b->push_back(' '), w.Onto("location"), w.b->push_back(' ');
      w.Entity(r.location), w.b->append(" .\n");
    }
    if (!r.date.empty()) w.Rel(r.id), w.b->push_back(' '), w.Onto("date"), w.Date(r.date);
    if (!r.first_seen.empty())
      w.Rel(r.id), w.b->push_back(' '), w.Onto("first_seen"), w.Date(r.first_seen);
    if (!r.last_seen.empty())
      w.Rel(r.id), w.b->push_back(' '), w.Onto("last_seen"), w.Date(r.last_seen);
    if (r.evidence_count >= 0)
      w.Rel(r.id), w.b->push_back(' '), w.Onto("evidence_count"), w.Long(r.evidence_count);
    out->MaybeFlush();
  }
  return Status::OK();
}

}  // namespace kg::exp
