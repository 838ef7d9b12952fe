#include "query/cypher/engine.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <new>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "graph/model.h"
#include "query/cypher/counts_plan.h"
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

// ---- vocabulary notes: names a read query uses that nothing in the graph has

void CollectExpr(const Expr* e, const std::set<std::string>& vars, std::set<std::string>* labels,
                 std::set<std::string>* keys) {
  if (!e) return;
  if (e->kind == ExprKind::kProperty && !e->kids.empty() && e->kids[0] &&
      e->kids[0]->kind == ExprKind::kVar && vars.count(e->kids[0]->name))
    keys->insert(e->name);
  if (e->kind == ExprKind::kHasLabels)
    for (const auto& l : e->keys) labels->insert(l);
  for (const auto& k : e->kids) CollectExpr(k.get(), vars, labels, keys);
}

bool InKgSchema(const std::string& what, const std::string& name) {
  static const std::set<std::string> kKeys = {
      "id",      "name",       "aliases", "country",  "latitude",   "longitude", "geonames_id",
      "location", "location_name", "date", "modality", "confidence", "support",  "first_seen",
      "last_seen", "weight",  "provenance", "date_precision"};  // date_precision: derived (rel_props.cpp)
  if (what == "label") {
    const auto& t = EntityTypes();
    return std::find(t.begin(), t.end(), AsciiLower(name)) != t.end();
  }
  if (what == "type") return IsKnownPredicate(AsciiLower(name));
  return kKeys.count(name) > 0;
}

// Notes (warnings) for labels, relationship types and property keys that a
// read-only query names and that neither kg's schema nor any stored node or
// relationship has: `:MEET`, `a.nmae` return nothing rather than an error.
// The graph is scanned only for names outside kg's schema, at most 200,000
// records (beyond that no note is given).
void VocabularyHints(const std::vector<Query*>& parts, ExecContext& ctx, std::vector<std::string>* out) {
  std::set<std::string> labels, types, keys, vars;
  for (const Query* q : parts)
    for (const Clause& c : q->clauses) {
      if (c.kind != Clause::Kind::kMatch && c.kind != Clause::Kind::kWith && c.kind != Clause::Kind::kReturn &&
          c.kind != Clause::Kind::kUnwind)
        return;  // a writing query may bring its own names
      for (const PatternPart& part : c.pattern.parts) {
        for (const NodePattern& n : part.nodes) {
          if (!n.var.empty()) vars.insert(n.var);
          for (const auto& l : n.labels) labels.insert(l);
          if (n.props)
            for (const auto& k : n.props->keys) keys.insert(k);
        }
        for (const RelPattern& r : part.rels) {
          if (!r.var.empty()) vars.insert(r.var);
          for (const auto& t : r.types) types.insert(t);
          if (r.props)
            for (const auto& k : r.props->keys) keys.insert(k);
        }
      }
    }
  for (const Query* q : parts)
    for (const Clause& c : q->clauses) {
      CollectExpr(c.where.get(), vars, &labels, &keys);
      CollectExpr(c.expr.get(), vars, &labels, &keys);
      for (const auto& it : c.items) CollectExpr(it.expr.get(), vars, &labels, &keys);
      for (const auto& it : c.order) CollectExpr(it.expr.get(), vars, &labels, &keys);
    }
  auto drop_known = [](std::set<std::string>* names, const std::string& what) {
    for (auto it = names->begin(); it != names->end();)
      it = InKgSchema(what, *it) ? names->erase(it) : std::next(it);
  };
  drop_known(&labels, "label");
  drop_known(&types, "type");
  drop_known(&keys, "key");
  if (labels.empty() && types.empty() && keys.empty()) return;
  std::size_t budget = 200000;
  auto note_key = [&](const nlohmann::json& props) {
    if (!props.is_object()) return;
    for (auto it = keys.begin(); it != keys.end();) it = props.contains(*it) ? keys.erase(it) : std::next(it);
  };
  if (!labels.empty() || !keys.empty()) {
    Status s = ctx.graph->ScanNodes("", [&](const Node& n) {
      for (const auto& l : n.labels) labels.erase(l);
      note_key(n.props);
      return --budget > 0 && !(labels.empty() && keys.empty() && types.empty());
    });
    if (!s.ok() || budget == 0) return;
  }
  if (!types.empty() || !keys.empty()) {
    Status s = ctx.graph->ScanRels([&](const Rel& r) {
      types.erase(r.type);
      note_key(r.props);
      return --budget > 0 && !(types.empty() && keys.empty());
    });
    if (!s.ok() || budget == 0) return;
  }
  auto list = [](const std::vector<std::string>& v, std::string (*f)(const std::string&)) {
    std::string o;
    for (const auto& x : v) o += (o.empty() ? "" : ", ") + f(x);
    return o;
  };
  for (const auto& l : labels)
    out->push_back("unknown label :" + l + " (no node has it; kg's labels are " + list(EntityTypes(), LabelForType) +
                   ")");
  for (const auto& t : types)
    out->push_back("unknown relationship type :" + t + " (no relationship has it; kg's types are " +
                   list(Predicates(), RelTypeForPredicate) + ")");
  for (const auto& k : keys)
    out->push_back("unknown property key '" + k +
                   "' (no node or relationship has it; nodes have id, name, aliases; relationships have date, "
                   "location, location_name, date_precision, modality, confidence, support, first_seen, last_seen, weight)");
}

// Counts the rows one operator passes on (PROFILE).
class CountOp : public Op {
 public:
  explicit CountOp(uint64_t* rows) : rows_(rows) {}
  Status Push(Row& row) override {
    ++*rows_;
    return next->Push(row);
  }

 private:
  uint64_t* rows_;
};

const char* OpName(const Clause& c) {
  switch (c.kind) {
    case Clause::Kind::kMatch:
      if (c.optional) return "OptionalMatch";
      // Candidates from the relationship date index when it is complete (graph/rel_date.h).
      return c.date_bounds.empty() ? "Match" : "MatchByDate";
    case Clause::Kind::kUnwind: return "Unwind";
    case Clause::Kind::kWith:
    case Clause::Kind::kReturn:
      if (c.has_agg) return "Aggregation";
      if (!c.order.empty()) return "Sort";
      if (c.distinct) return "Distinct";
      return c.kind == Clause::Kind::kWith ? "With" : "Projection";
    case Clause::Kind::kCreate: return "Create";
    case Clause::Kind::kMerge: return "Merge";
    case Clause::Kind::kSet: return "Set";
    case Clause::Kind::kRemove: return "Remove";
    case Clause::Kind::kDelete: return "Delete";
    case Clause::Kind::kCall: return "ProcedureCall";
  }
  return "Operator";
}

// Byte offset of (line, col) (1-based) in `text`.
std::size_t OffsetOf(const std::string& text, int line, int col) {
  std::size_t pos = 0;
  for (int l = 1; l < line && pos < text.size(); ++l) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) return text.size();
    pos = nl + 1;
  }
  return std::min(text.size(), pos + static_cast<std::size_t>(std::max(col, 1) - 1));
}

// One plan step per clause of every part of a (UNION) query; details are the
// clause as written, white space collapsed.
std::vector<PlanStep> PlanSteps(const std::vector<Query*>& parts, const std::string& text) {
  std::vector<std::pair<std::size_t, const Clause*>> all;
  for (const Query* q : parts)
    for (const Clause& c : q->clauses) all.emplace_back(OffsetOf(text, c.line, c.col), &c);
  std::vector<std::size_t> starts;
  for (const auto& a : all) starts.push_back(a.first);
  std::sort(starts.begin(), starts.end());
  std::vector<PlanStep> out;
  for (const auto& [at, c] : all) {
    auto next = std::upper_bound(starts.begin(), starts.end(), at);
    std::size_t end = next == starts.end() ? text.size() : *next;
    std::string d, raw = text.substr(at, end - at);
    for (char ch : raw) {
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      if (ch == ' ' && (d.empty() || d.back() == ' ')) continue;
      d.push_back(ch);
    }
    while (!d.empty() && (d.back() == ' ' || d.back() == ';')) d.pop_back();
    if (d.size() >= 5 && AsciiLower(d.substr(d.size() - 5)) == "union") d = d.substr(0, d.size() - 5);
    if (d.size() >= 9 && AsciiLower(d.substr(d.size() - 9)) == "union all") d = d.substr(0, d.size() - 9);
    while (!d.empty() && d.back() == ' ') d.pop_back();
    out.push_back({OpName(*c), d, 0});
  }
  return out;
}

}  // namespace

PlanMode StripPlanKeyword(std::string* text) {
  std::size_t b = text->find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return PlanMode::kRun;
  for (auto [word, mode] : {std::pair<const char*, PlanMode>{"explain", PlanMode::kExplain},
                            std::pair<const char*, PlanMode>{"profile", PlanMode::kProfile}}) {
    const std::size_t n = std::strlen(word);
    if (text->size() - b > n && AsciiLower(text->substr(b, n)) == word &&
        std::isspace(static_cast<unsigned char>((*text)[b + n]))) {
      for (std::size_t i = b; i < b + n; ++i) (*text)[i] = ' ';
      return mode;
    }
  }
  return PlanMode::kRun;
}

Result<std::vector<PlanStep>> ExplainQuery(const std::string& text) {
  KG_ASSIGN_OR_RETURN(auto query, Parse(text));
  KG_ASSIGN_OR_RETURN(PlanInfo info, PlanQuery(query.get(), text));
  (void)info;
  std::vector<Query*> parts = {query.get()};
  for (auto& u : query->unions) parts.push_back(u.get());
  return PlanSteps(parts, text);
}

Status BuildPipeline(Query* q, ExecContext& ctx, Op* sink, std::vector<std::unique_ptr<Op>>* ops) {
  for (const Clause& c : q->clauses) {
    std::unique_ptr<Op> op;
    switch (c.kind) {
      case Clause::Kind::kMatch: op = std::make_unique<MatchOp>(c, ctx); break;
      case Clause::Kind::kUnwind: op = std::make_unique<UnwindOp>(c, ctx); break;
      case Clause::Kind::kWith:
      case Clause::Kind::kReturn: op = std::make_unique<ProjectOp>(c, ctx); break;
      case Clause::Kind::kCall: op = std::make_unique<CallOp>(c, ctx); break;
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
                         QueryStats* stats, std::vector<std::string>* warnings,
                         std::vector<PlanStep>* profile) {
  KG_ASSIGN_OR_RETURN(auto query, Parse(text));
  KG_ASSIGN_OR_RETURN(PlanInfo info, PlanQuery(query.get(), text, options.procedures));
  if (info.writes && options.read_only)
    return Status::InvalidArgument("this query writes to the graph (CREATE/MERGE/SET/REMOVE/DELETE); "
                                   "it needs a writable database");
  ExecContext ctx(graph, &params, options);
  ctx.query_text = &text;
  ctx.read_only_query = !info.writes;
  if (on_columns) on_columns(info.columns);
  uint64_t total = 0;
  std::set<std::string> dedup;
  bool distinct_union = false;
  for (bool all : query->union_all) distinct_union = distinct_union || !all;
  Status s;
  std::vector<Query*> parts = {query.get()};
  for (auto& u : query->unions) parts.push_back(u.get());
  if (profile) *profile = PlanSteps(parts, text);
  std::size_t step = 0;
  // A write query is one transaction: its writes are stored by one atomic
  // commit when it succeeds, and none of them when it fails, trips a guard
  // (time, rows, memory) or the process dies.
  const bool txn = info.writes && graph && !graph->in_transaction();
  if (txn) KG_RETURN_IF_ERROR(graph->BeginTransaction());
  try {
    for (Query* part : parts) {
      const Clause& last = part->clauses.back();
      const bool returns =
          last.kind == Clause::Kind::kReturn || (last.kind == Clause::Kind::kCall && last.standalone);
      SinkOp sink(ctx, info.columns.size(), on_row, distinct_union ? &dedup : nullptr, &total);
      DiscardOp discard;
      if (profile) {
        std::vector<std::unique_ptr<Op>> ops;
        s = BuildPipeline(part, ctx, returns ? static_cast<Op*>(&sink) : &discard, &ops);
        if (!s.ok()) break;
        // A counter behind every operator: rows each one passes on.
        std::vector<std::unique_ptr<Op>> counters;
        for (std::size_t i = 0; i < ops.size() && step + i < profile->size(); ++i) {
          auto c = std::make_unique<CountOp>(&(*profile)[step + i].rows);
          c->next = ops[i]->next;
          ops[i]->next = c.get();
          counters.push_back(std::move(c));
        }
        step += part->clauses.size();
        Op* first = ops.empty() ? (returns ? static_cast<Op*>(&sink) : &discard) : ops.front().get();
        Row start;
        s = first->Push(start);
        if (s.ok()) s = first->Finish();
      } else {
        Result<bool> counted = false;
        if (options.use_counts && !info.writes && parts.size() == 1 && returns)
          counted = AnswerFromCounts(*part, ctx, &sink);
        if (!counted.ok()) {
          s = counted.status();
        } else if (!*counted) {
          s = RunSingle(part, ctx, returns ? static_cast<Op*>(&sink) : &discard);
        }
      }
      if (!s.ok() || sink.Done()) break;
    }
  } catch (const std::bad_alloc&) {
    s = Status::Timeout("query stopped: out of memory (a smaller query, or LIMIT, may help)");
  } catch (const std::length_error&) {
    s = Status::Timeout("query stopped: a value grew past the largest size kg can hold");
  }
  if (txn) {
    if (s.ok()) {
      s = graph->CommitTransaction();
    } else {
      graph->RollbackTransaction();
    }
    if (!s.ok() && ctx.stats.any()) {
      ctx.stats = QueryStats();
      ctx.warnings.push_back("the query did not complete: none of its changes were stored");
    }
  }
  if (s.ok() && total == 0) CaseHints(parts, &ctx.warnings);
  if (s.ok()) VocabularyHints(parts, ctx, &ctx.warnings);
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
  // JSON first: numbers, true/false/null, "strings", arrays and objects.
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) return FromJson(j);
  // Then a Cypher literal without operators ('text', [1, 'a'], {a: 1}, -2):
  // never arithmetic, so 2024-01-01 stays the string it looks like.
  auto e = ParseExpression(text);
  if (e.ok()) {
    std::function<bool(const Expr&)> literal = [&](const Expr& x) {
      if (x.kind == ExprKind::kNeg) return x.kids.size() == 1 && x.kids[0] && x.kids[0]->kind == ExprKind::kLiteral;
      if (x.kind != ExprKind::kLiteral && x.kind != ExprKind::kList && x.kind != ExprKind::kMap) return false;
      for (const auto& k : x.kids)
        if (k && !literal(*k)) return false;
      return true;
    };
    if (literal(**e)) {
      Map none;
      QueryOptions o;
      ExecContext ctx(nullptr, &none, o);
      Row row;
      auto v = Eval(**e, row, ctx);
      if (v.ok()) return *v;
    }
  }
  return Value::Str(text);
}

}  // namespace kg::cypher
