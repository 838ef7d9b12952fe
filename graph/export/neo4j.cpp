// Neo4j admin-import CSV (neo4j-admin database import full): nodes.csv with
// id:ID and :LABEL, relationships.csv with :START_ID, :END_ID and :TYPE.
// Lists (labels, aliases) use '|' as the array delimiter (see the command).
#include <cmath>
#include <filesystem>
#include <system_error>

#include "graph/export/escape.h"
#include "graph/export/export.h"

namespace kg::exp {

namespace {

void Field(std::string* b, std::string_view s) {
  b->push_back(',');
  if (!s.empty()) AppendCsvQuoted(b, s);  // empty unquoted field = no property
}
void FieldNum(std::string* b, double v) {
  b->push_back(',');
  if (std::isfinite(v)) AppendDouble(b, v);
}
void FieldInt(std::string* b, int64_t v) {
  b->push_back(',');
  AppendInt(b, v);
}

}  // namespace

Status WriteNeo4jNodes(const GraphSnapshot& g, const NodeMetrics& m, Sink* out) {
  std::string* b = out->buf();
  b->append(
      "id:ID,:LABEL,name,type,aliases:string[],country,latitude:double,longitude:double,"
      "degree:long,pagerank:double\n");
  const auto& nodes = g.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    AppendCsvQuoted(b, n.key);
    Field(b, JoinList(n.labels));
    Field(b, n.name);
    Field(b, n.type);
    Field(b, JoinList(n.aliases));
    Field(b, n.country);
    FieldNum(b, n.latitude);
    FieldNum(b, n.longitude);
    if (i < m.degree.size()) {
      FieldInt(b, m.degree[i]);
    } else {
      b->push_back(',');
    }
    FieldNum(b, i < m.pagerank.size() ? m.pagerank[i] : NAN);
    b->push_back('\n');
    out->MaybeFlush();
  }
  return Status::OK();
}

Status WriteNeo4jRelationships(const GraphSnapshot& g, Sink* out) {
  std::string* b = out->buf();
  b->append(
      ":START_ID,:END_ID,:TYPE,rel_id:long,predicate,weight:double,support:long,"
      "confidence:double,modality,location,location_name,date,first_seen,last_seen,evidence_count:"
      "int\n");
  const auto& nodes = g.nodes();
  for (const auto& r : g.rels()) {
    AppendCsvQuoted(b, nodes[r.src].key);
    Field(b, nodes[r.dst].key);
    Field(b, r.type.empty() ? std::string("RELATED") : r.type);
    FieldInt(b, static_cast<int64_t>(r.id));
    Field(b, r.predicate);
    FieldNum(b, r.weight);
    if (r.support > 0) {
      FieldInt(b, r.support);
    } else {
      b->push_back(',');
    }
    FieldNum(b, r.confidence);
    Field(b, r.modality);
    Field(b, r.location);
    Field(b, r.location_name);
    Field(b, r.date);
    Field(b, r.first_seen);
    Field(b, r.last_seen);
    if (r.evidence_count >= 0) {
      FieldInt(b, r.evidence_count);
    } else {
      b->push_back(',');
    }
    b->push_back('\n');
    out->MaybeFlush();
  }
  return Status::OK();
}

Status WriteNeo4jDir(const GraphSnapshot& g, const NodeMetrics& m, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create directory " + dir + ": " + ec.message());
  {
    KG_ASSIGN_OR_RETURN(auto sink, Sink::OpenFile(dir + "/nodes.csv"));
    KG_RETURN_IF_ERROR(WriteNeo4jNodes(g, m, sink.get()));
    KG_RETURN_IF_ERROR(sink->Finish());
  }
  KG_ASSIGN_OR_RETURN(auto sink, Sink::OpenFile(dir + "/relationships.csv"));
  KG_RETURN_IF_ERROR(WriteNeo4jRelationships(g, sink.get()));
  return sink->Finish();
}

std::string Neo4jImportCommand(const std::string& dir) {
  return "neo4j-admin database import full --nodes=" + dir + "/nodes.csv --relationships=" + dir +
         "/relationships.csv --array-delimiter=\"|\" --overwrite-destination neo4j";
}

}  // namespace kg::exp
