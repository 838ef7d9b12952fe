// kg's procedures (see procedures.h):
//   db.labels()            :: (label :: STRING)             labels of existing nodes
//   db.relationshipTypes() :: (relationshipType :: STRING)  types of existing relationships
//   db.propertyKeys()      :: (propertyKey :: STRING)       keys stored on nodes and relationships
//   dbms.procedures()      :: (name, signature, description)
//   kg.articles()          :: (id, title, date, date_precision, source, path, entities, relations)
//   kg.evidence(r)         :: (article, article_date, source, title, sentence, start, end, rule,
//                              modality, confidence, location, date, provenance)
// db.labels() and db.propertyKeys() read every node (and relationship) record;
// db.relationshipTypes() reads only the adjacency keys.
#include <set>

#include "query/cypher/exec.h"
#include "query/cypher/procedures.h"

namespace kg::cypher {

namespace {

using Emit = std::function<Status(std::vector<Value>)>;
using Body = std::function<Status(Graph*, const std::vector<Value>&, const Emit&)>;

class BuiltinProcedure : public Procedure {
 public:
  BuiltinProcedure(ProcSignature sig, Body body) : sig_(std::move(sig)), body_(std::move(body)) {}
  const ProcSignature& Signature() const override { return sig_; }
  Status Call(Graph* g, const std::vector<Value>& args, const Emit& emit) const override {
    return body_(g, args, emit);
  }

 private:
  ProcSignature sig_;
  Body body_;
};

Status EmitSorted(const std::set<std::string>& names, const Emit& emit) {
  for (const auto& n : names) KG_RETURN_IF_ERROR(emit({Value::Str(n)}));
  return Status::OK();
}

Status Labels(Graph* g, const std::vector<Value>&, const Emit& emit) {
  std::set<std::string> labels;
  KG_RETURN_IF_ERROR(g->ScanNodes("", [&](const Node& n) {
    labels.insert(n.labels.begin(), n.labels.end());
    return true;
  }));
  return EmitSorted(labels, emit);
}

Status RelTypes(Graph* g, const std::vector<Value>&, const Emit& emit) {
  std::vector<std::string> types;
  KG_RETURN_IF_ERROR(g->RelationshipTypes(&types));
  for (const auto& t : types) KG_RETURN_IF_ERROR(emit({Value::Str(t)}));
  return Status::OK();
}

Status PropertyKeys(Graph* g, const std::vector<Value>&, const Emit& emit) {
  std::set<std::string> keys;
  auto add = [&](const nlohmann::json& props) {
    if (props.is_object())
      for (auto it = props.begin(); it != props.end(); ++it) keys.insert(it.key());
  };
  KG_RETURN_IF_ERROR(g->ScanNodes("", [&](const Node& n) {
    add(n.props);
    return true;
  }));
  KG_RETURN_IF_ERROR(g->ScanRels([&](const Rel& r) {
    add(r.props);
    return true;
  }));
  return EmitSorted(keys, emit);
}

Status Articles(Graph* g, const std::vector<Value>&, const Emit& emit) {
  Status inner;
  KG_RETURN_IF_ERROR(g->ScanArticles([&](const ArticleInfo& a) {
    inner = emit({Value::Str(a.id), a.title.empty() ? Value() : Value::Str(a.title),
                  DateTextValue(a.date), DatePrecisionValue(a.date),
                  a.source.empty() ? Value() : Value::Str(a.source),
                  a.path.empty() ? Value() : Value::Str(a.path),
                  Value::Int(static_cast<int64_t>(a.entities)),
                  Value::Int(static_cast<int64_t>(a.relations))});
    return inner.ok();
  }));
  return inner;
}

Status Evidence(Graph* g, const std::vector<Value>& args, const Emit& emit) {
  if (args.empty() || args[0].is_null()) return Status::OK();
  std::vector<EvidenceRecord> ev;
  KG_RETURN_IF_ERROR(g->GetEvidence(args[0].rel_id(), &ev));
  auto str = [](const std::string& s) { return s.empty() ? Value() : Value::Str(s); };
  for (const auto& e : ev) {
    KG_RETURN_IF_ERROR(emit(
        {str(e.article_id), DateTextValue(e.article_date), str(e.article_source),
         str(e.article_title), str(e.sentence), Value::Int(static_cast<int64_t>(e.start)),
         Value::Int(static_cast<int64_t>(e.end)), str(e.rule), str(e.modality),
         Value::Float(e.confidence), str(e.location), DateTextValue(e.date), str(e.provenance)}));
  }
  return Status::OK();
}

Status Procedures(Graph*, const std::vector<Value>&, const Emit& emit) {
  for (const Procedure* p : BuiltinProcedures().All()) {
    const ProcSignature& s = p->Signature();
    KG_RETURN_IF_ERROR(
        emit({Value::Str(s.name), Value::Str(FormatSignature(s)), Value::Str(s.description)}));
  }
  return Status::OK();
}

ProcSignature Sig(std::string name, std::vector<ProcField> in, std::vector<ProcField> out,
                  std::string what) {
  return ProcSignature{std::move(name), std::move(in), std::move(out), std::move(what)};
}

}  // namespace

const ProcedureRegistry& BuiltinProcedures() {
  static const ProcedureRegistry* r = [] {
    auto* reg = new ProcedureRegistry();
    auto add = [&](ProcSignature s, Body b) {
      reg->Add(std::make_unique<BuiltinProcedure>(std::move(s), std::move(b)));
    };
    add(Sig("db.labels", {}, {{"label", "STRING"}}, "The node labels in use."), Labels);
    add(Sig("db.relationshipTypes", {}, {{"relationshipType", "STRING"}},
            "The relationship types in use."),
        RelTypes);
    add(Sig("db.propertyKeys", {}, {{"propertyKey", "STRING"}},
            "The property keys stored on nodes and relationships."),
        PropertyKeys);
    add(Sig("dbms.procedures", {},
            {{"name", "STRING"}, {"signature", "STRING"}, {"description", "STRING"}},
            "The procedures CALL can run."),
        Procedures);
    add(Sig("kg.articles", {},
            {{"id", "STRING"},
             {"title", "STRING?"},
             {"date", "DATE?"},
             {"date_precision", "STRING?"},
             {"source", "STRING?"},
             {"path", "STRING?"},
             {"entities", "INTEGER"},
             {"relations", "INTEGER"}},
            "The ingested articles: id, title, publication date (with its precision), source, "
            "input path, and "
            "how many entities and typed relations each contributes."),
        Articles);
    add(Sig("kg.evidence", {{"relationship", "RELATIONSHIP?"}},
            {{"article", "STRING"},
             {"article_date", "DATE?"},
             {"source", "STRING?"},
             {"title", "STRING?"},
             {"sentence", "STRING?"},
             {"start", "INTEGER"},
             {"end", "INTEGER"},
             {"rule", "STRING?"},
             {"modality", "STRING?"},
             {"confidence", "FLOAT"},
             {"location", "STRING?"},
             {"date", "DATE?"},
             {"provenance", "STRING?"}},
            "The evidence behind a relationship: one row per supporting sentence, with its "
            "article, the rule "
            "that found it and the relation as that article stated it."),
        Evidence);
    return reg;
  }();
  return *r;
}

}  // namespace kg::cypher
