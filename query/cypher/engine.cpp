#include "query/cypher/engine.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "graph/model.h"
#include "query/cypher/exec.h"
#include "query/cypher/ops.h"
#include "query/cypher/parser.h"

namespace kg::cypher {

namespace {

// Final operator: hands rows to the caller, enforces max_rows, dedups UNION.
class SinkOp : public Op {
 public:
  SinkOp(ExecContext& ctx, size_t width, const std::function<bool(const std::vector<Value>&)>& fn,
         std::set<std::string>* dedup, uint64_t* total)
      : ctx_(ctx), width_(width), fn_(fn), dedup_(dedup), total_(total) {}
  Status Push(Row& row) override {
    row.resize(width_);
    if (dedup_) {
      std::string key;
      for (const auto& v : row) key += GroupKey(v) + "|";
      if (!dedup_->insert(key).second) return Status::OK();
    }
    if (*total_ >= ctx_.opts.max_rows) {
      return Status::Timeout("result has more than " + std::to_string(ctx_.opts.max_rows) +
                             " rows; add LIMIT or raise --max-rows");
    }
    ++*total_;
    if (!fn_(row)) stopped_ = true;
    return Status::OK();
  }
  bool Done() const override { return stopped_; }

 private:
  ExecContext& ctx_;
  size_t width_;
  const std::function<bool(const std::vector<Value>&)>& fn_;
  std::set<std::string>* dedup_;
  uint64_t* total_;
  bool stopped_ = false;
};

// Sink for queries without RETURN: rows are consumed, nothing is emitted.
class DiscardOp : public Op {
 public:
  Status Push(Row&) override { return Status::OK(); }
};

Status RunSingle(Query* q, ExecContext& ctx, Op* sink) {
  std::vector<std::unique_ptr<Op>> ops;
  KG_RETURN_IF_ERROR(BuildPipeline(q, ctx, sink, &ops));
  Op* first = ops.empty() ? sink : ops.front().get();
  Row start;
  KG_RETURN_IF_ERROR(first->Push(start));
  return first->Finish();
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Notes for a query that matched nothing because a label or relationship type
// is a case variant of kg's schema (Cypher names are case-sensitive; kg's
// labels are capitalised, its relationship types upper case): ":meets" ->
// "did you mean :MEETS?". Only MATCH patterns are checked (CREATE may
// introduce any name).
void CaseHints(const std::vector<Query*>& parts, std::vector<std::string>* out) {
  std::set<std::string> seen;
  auto note = [&](const std::string& what, const std::string& written, const std::string& meant) {
    if (!seen.insert(written).second) return;
    out->push_back("no match for " + what + " :" + written + "; kg's " + what +
                   (what == "label" ? "s are capitalised" : "s are upper case") +
                   " - did you mean :" + meant + "?");
  };
  for (const Query* q : parts) {
    for (const Clause& c : q->clauses) {
      if (c.kind != Clause::Kind::kMatch) continue;
      for (const PatternPart& part : c.pattern.parts) {
        for (const NodePattern& n : part.nodes)
          for (const std::string& l : n.labels) {
            const std::string low = AsciiLower(l);
            const auto& types = EntityTypes();
            if (std::find(types.begin(), types.end(), low) == types.end()) continue;
            if (const std::string label = LabelForType(low); label != l) note("label", l, label);
          }
        for (const RelPattern& r : part.rels)
          for (const std::string& t : r.types) {
            const std::string low = AsciiLower(t);
            if (!IsKnownPredicate(low)) continue;
            if (const std::string type = RelTypeForPredicate(low); type != t)
              note("relationship type", t, type);
          }
      }
    }
  }
}

}  // namespace

Status BuildPipeline(Query* q, ExecContext& ctx, Op* sink, std::vector<std::unique_ptr<Op>>* ops) {
  for (const Clause& c : q->clauses) {
    std::unique_ptr<Op> op;
    switch (c.kind) {
      case Clause::Kind::kMatch: op = std::make_unique<MatchOp>(c, ctx); break;
      case Clause::Kind::kUnwind: op = std::make_unique<UnwindOp>(c, ctx); break;
      case Clause::Kind::kWith:
      case Clause::Kind::kReturn: op = std::make_unique<ProjectOp>(c, ctx); break;
      default: op = std::make_unique<WriteOp>(c, ctx); break;
    }
    if (!ops->empty()) ops->back()->next = op.get();
    ops->push_back(std::move(op));
  }
  if (!ops->empty()) ops->back()->next = sink;
  return Status::OK();
}

Status RunQueryStreaming(Graph* graph, const std::string& text, const QueryOptions& options,
                         const Map& params,
                         const std::function<void(const std::vector<std::string>&)>& on_columns,
                         const std::function<bool(const std::vector<Value>&)>& on_row,
                         QueryStats* stats, std::vector<std::string>* warnings) {
  KG_ASSIGN_OR_RETURN(auto query, Parse(text));
  KG_ASSIGN_OR_RETURN(PlanInfo info, PlanQuery(query.get(), text));
  if (info.writes && options.read_only)
    return Status::InvalidArgument("this query writes to the graph (CREATE/MERGE/SET/REMOVE/DELETE); "
                                   "it needs a writable database");
  ExecContext ctx(graph, &params, options);
  ctx.query_text = &text;
  if (on_columns) on_columns(info.columns);
  uint64_t total = 0;
  std::set<std::string> dedup;
  bool distinct_union = false;
  for (bool all : query->union_all) distinct_union = distinct_union || !all;
  Status s;
  std::vector<Query*> parts = {query.get()};
  for (auto& u : query->unions) parts.push_back(u.get());
  for (Query* part : parts) {
    bool returns = part->clauses.back().kind == Clause::Kind::kReturn;
    SinkOp sink(ctx, info.columns.size(), on_row, distinct_union ? &dedup : nullptr, &total);
    DiscardOp discard;
    s = RunSingle(part, ctx, returns ? static_cast<Op*>(&sink) : &discard);
    if (!s.ok() || sink.Done()) break;
  }
  if (s.ok() && total == 0) CaseHints(parts, &ctx.warnings);
  if (stats) *stats = ctx.stats;
  if (warnings) *warnings = ctx.warnings;
  return s;
}

Result<QueryResult> RunQuery(Graph* graph, const std::string& text, const QueryOptions& options,
                             const Map& params) {
  QueryResult r;
  Status s = RunQueryStreaming(
      graph, text, options, params, [&](const std::vector<std::string>& c) { r.columns = c; },
      [&](const std::vector<Value>& row) {
        r.rows.push_back(row);
        return true;
      },
      &r.stats, &r.warnings);
  if (!s.ok()) return s;
  return r;
}

Result<bool> QueryWrites(const std::string& text) {
  KG_ASSIGN_OR_RETURN(auto query, Parse(text));
  KG_ASSIGN_OR_RETURN(PlanInfo info, PlanQuery(query.get(), text));
  return info.writes;
}

Value ParseParamValue(const std::string& text) {
  auto e = ParseExpression(text);
  if (e.ok()) {
    Map none;
    QueryOptions o;
    ExecContext ctx(nullptr, &none, o);
    Row row;
    // Only constant expressions (literals, lists, maps, arithmetic) qualify.
    std::function<bool(const Expr&)> constant = [&](const Expr& x) {
      if (x.kind == ExprKind::kVar || x.kind == ExprKind::kParam || x.kind == ExprKind::kFunc ||
          x.kind == ExprKind::kCountStar || x.kind == ExprKind::kPatternExpr ||
          x.kind == ExprKind::kExists || x.kind == ExprKind::kListComp ||
          x.kind == ExprKind::kQuantifier || x.kind == ExprKind::kReduce || x.kind == ExprKind::kMapProjection ||
          x.kind == ExprKind::kPatternComp)
        return false;
      for (const auto& k : x.kids)
        if (k && !constant(*k)) return false;
      return true;
    };
    if (constant(**e)) {
      auto v = Eval(**e, row, ctx);
      if (v.ok()) return *v;
    }
  }
  try {
    return FromJson(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception&) {
    return Value::Str(text);
  }
}

}  // namespace kg::cypher
