// Internal header of the Cypher executor: rows, the execution context,
// expression evaluation, the pattern matcher and the operator pipeline.
// Not part of the public API (see engine.h).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"
#include "query/cypher/ast.h"
#include "query/cypher/engine.h"
#include "query/cypher/value.h"

namespace kg::cypher {

class ProcedureRegistry;
using Row = std::vector<Value>;

// Per-query state shared by all operators. Not thread safe.
class ExecContext {
 public:
  ExecContext(Graph* g, const Map* params, const QueryOptions& o);

  Graph* graph;
  const Map* params;
  QueryOptions opts;
  QueryStats stats;
  std::vector<std::string> warnings;
  const std::vector<Value>* agg_values = nullptr;  // set while projecting grouped rows
  const std::string* query_text = nullptr;
  // The query does not write: relationship types the matcher read from the
  // adjacency (Value::rel_type) stay true for its whole run.
  bool read_only_query = false;

  // A process-lifetime copy of a relationship type (few distinct ones).
  const std::string* InternType(const std::string& type);
  // Whether node `id` carries every label in `labels`, reading only the
  // labels of its record (cached). NotFound as GetNode.
  Result<bool> NodeHasLabels(NodeId id, const std::vector<std::string>& labels);

  // Cached entity reads. The pointer stays valid until the next write or
  // cache flush (do not hold it across calls that may write).
  Result<const Node*> GetNode(NodeId id);
  Result<const Rel*> GetRel(RelId id);
  // type(r) of a relationship this query deleted still answers (Cypher allows it).
  void RememberDeleted(const Rel& r) { deleted_types_[r.id] = r.type; }
  const std::string* DeletedType(RelId id) const {
    auto it = deleted_types_.find(id);
    return it == deleted_types_.end() ? nullptr : &it->second;
  }
  void Forget(NodeId node) { nodes_.erase(node); }
  void ForgetRel(RelId rel) { rels_.erase(rel); }
  // Seeds the cache with a relationship read by a scan.
  void PutRel(const Rel& r);
  // Adds a note for the user (printed on stderr by `kg query`) once per query.
  void NoteOnce(const std::string& msg) {
    for (const auto& w : warnings)
      if (w == msg) return;
    warnings.push_back(msg);
  }
  // Adjacency with a small cache (read-only queries only).
  Status Adjacent(NodeId id, Direction dir, const std::string& type, std::vector<AdjEntry>* out);
  void Wrote() { adj_.clear(); }
  // Deadline and memory checks (QueryOptions::timeout_seconds,
  // max_memory_bytes); cheap, call it in every inner loop.
  Status Tick();
  // Tick() for a loop over `n` items that runs no other Tick (the counter
  // advances by n, so a cheap loop is still checked every few ms).
  Status TickN(std::size_t n);
  // "line L, column C: msg" with caret when `e` has a position.
  Status Error(int line, int col, const std::string& msg) const;
  // The query's current instant (nanoseconds since the epoch, UTC): read once
  // from opts.clock (the system clock when null) and then fixed, so date(),
  // datetime.statement() ... agree within one query. RealTimeNanos() reads
  // the clock at every call (date.realtime()).
  int64_t StatementNanos();
  int64_t RealTimeNanos() const;

 private:
  std::unordered_map<NodeId, std::unique_ptr<Node>> nodes_;
  std::unordered_map<RelId, std::unique_ptr<Rel>> rels_;
  std::unordered_map<std::string, std::vector<AdjEntry>> adj_;
  std::unordered_map<std::string, const std::string*> types_;
  std::unordered_map<NodeId, std::vector<std::string>> labels_;
  Status CheckLimits();
  std::chrono::steady_clock::time_point deadline_, next_memory_check_;
  std::unordered_map<RelId, std::string> deleted_types_;
  bool has_deadline_ = false;
  uint32_t ticks_ = 0;
  bool has_now_ = false;
  int64_t now_ = 0;
};

// True for relationship types of symmetric predicates (MEETS, ALLIED_WITH,
// COOPERATES_WITH, NEGOTIATES_WITH) and CO_MENTIONED: stored once, matched by
// a directed pattern in either direction (context.cpp).
bool IsSymmetricRelType(const std::string& type);

// --- expressions (expr_eval.cpp, functions.cpp)
Result<Value> Eval(const Expr& e, Row& row, ExecContext& ctx);
// WHERE semantics: true only for boolean true; null/false -> false; other types -> error.
Result<bool> EvalPredicate(const Expr& e, Row& row, ExecContext& ctx);
// Scalar function call (name lower-cased). args already evaluated.
Result<Value> CallFunction(const Expr& e, const std::string& lname, std::vector<Value>& args,
                           ExecContext& ctx);
bool IsAggregateName(const std::string& lname);
// Temporal functions (temporal_funcs.cpp): date(), datetime.truncate(), duration.between(), ...
bool IsTemporalFunction(const std::string& lname);
Result<Value> CallTemporalFunction(const Expr& e, const std::string& lname,
                                   std::vector<Value>& args, ExecContext& ctx);
// d.year, dur.days, ... (temporal_fields.cpp). REQUIRES: v is temporal or a duration.
Result<Value> TemporalProperty(const Value& v, const std::string& key, ExecContext& ctx,
                               const Expr& e);
// +, -, *, / with a temporal or duration operand (temporal_fields.cpp).
Result<Value> TemporalArith(ExprKind k, const Value& a, const Value& b, ExecContext& ctx,
                            const Expr& e);
bool IsKnownFunction(const std::string& lname);
Result<Value> PropertyOf(const Value& v, const std::string& key, ExecContext& ctx, const Expr& e);
// Converts an entity's property JSON into a Cypher map.
Value PropsToMap(const nlohmann::json& props);
// Relationship properties as Cypher reads them (rel_props.cpp): kg keeps a
// relation's dates (date, first_seen, last_seen) as ISO text with the
// precision the article gave ("2023", "2023-09", "2023-09-20"); they read as
// `date` values (the first day of the period), and the derived property
// `date_precision` ('year', 'month', 'day') tells the precision of `date`.
// Other values read as stored. Null when absent.
Value RelProperty(const nlohmann::json& props, const std::string& key);
Value RelPropsToMap(const nlohmann::json& props);
// kg's date text ("2023", "2023-09", "2023-09-20") as a date value, null when
// empty, else the text itself; DatePrecision: 'year', 'month', 'day' or null.
Value DateTextValue(const std::string& text);
Value DatePrecisionValue(const std::string& text);

// EXISTS { ... } (subquery.cpp): whether the subquery yields a row for `row`.
Result<Value> EvalExistsSubquery(const Expr& e, Row& row, ExecContext& ctx);

// --- aggregation (aggregate.cpp)
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual Status Add(const Value& v) = 0;  // count(*) passes Bool(true)
  virtual Value Result() const = 0;
};
// `param`: the second argument of percentileDisc/Cont (evaluated once per group).
std::unique_ptr<Aggregator> NewAggregator(const Expr& call, const Value& param);

// --- pattern matching (match.cpp)
// Enumerates the matches of `pattern` extending `row`; slots whose elements are
// marked bound (planner) must already hold their values. For every match
// `emit` is called with the extended row. emit may return Aborted("stop") to end
// the enumeration early (it is passed through).
// `date_range` (optional): a lone relationship pattern of the first part may
// take its candidates from the relationship date index (days, inclusive); the
// caller still applies its WHERE (the range only narrows the candidates).
struct DateRange {
  int64_t from_day = INT64_MIN;
  int64_t to_day = INT64_MAX;
};
Status MatchPattern(const Pattern& pattern, Row& row, ExecContext& ctx,
                    const std::function<Status(Row&)>& emit, const DateRange* date_range = nullptr);
// Path value of one matched part (row holds every element's slot).
Result<Value> BuildPath(const PatternPart& part, const Row& row, ExecContext& ctx);

// --- operators (ops_*.cpp)
class Op {
 public:
  virtual ~Op() = default;
  virtual Status Push(Row& row) = 0;
  virtual Status Finish() { return next ? next->Finish() : Status::OK(); }
  virtual bool Done() const { return next ? next->Done() : false; }
  Op* next = nullptr;
};

// Build the pipeline for one single query (plan annotations already done).
// The last op is the caller's sink.
Status BuildPipeline(Query* q, ExecContext& ctx, Op* sink, std::vector<std::unique_ptr<Op>>* ops);

// --- planner (planner.cpp): semantic checks, slot allocation, aggregation indices.
struct PlanInfo {
  std::vector<std::string> columns;  // of the final RETURN (empty when none)
  bool writes = false;
};
// `procedures`: extra procedures for CALL (searched before kg's own).
Result<PlanInfo> PlanQuery(Query* q, const std::string& text,
                           const ProcedureRegistry* procedures = nullptr);
// Marks var-length relationships that may be matched once per reachable
// endpoint instead of once per path (RelPattern::endpoints_only): a MATCH of
// one anonymous `(a)-[*0..k or 1..k]-(b)` (undirected, or directed with only
// asymmetric types) without a path variable, followed by a WITH/RETURN whose
// result does not depend on row multiplicity (DISTINCT, or only DISTINCT /
// min / max aggregates). Called by PlanQuery (plan_endpoints.cpp).
void MarkEndpointPatterns(Query* q);

}  // namespace kg::cypher
