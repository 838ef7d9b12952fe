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

  // Cached entity reads. The pointer stays valid until the next write or
  // cache flush (do not hold it across calls that may write).
  Result<const Node*> GetNode(NodeId id);
  Result<const Rel*> GetRel(RelId id);
  void Forget(NodeId node) { nodes_.erase(node); }
  void ForgetRel(RelId rel) { rels_.erase(rel); }
  // Seeds the cache with a relationship read by a scan.
  void PutRel(const Rel& r);
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

 private:
  std::unordered_map<NodeId, std::unique_ptr<Node>> nodes_;
  std::unordered_map<RelId, std::unique_ptr<Rel>> rels_;
  std::unordered_map<std::string, std::vector<AdjEntry>> adj_;
  Status CheckLimits();
  std::chrono::steady_clock::time_point deadline_, next_memory_check_;
  bool has_deadline_ = false;
  uint32_t ticks_ = 0;
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
bool IsKnownFunction(const std::string& lname);
Result<Value> PropertyOf(const Value& v, const std::string& key, ExecContext& ctx, const Expr& e);
// Converts an entity's property JSON into a Cypher map.
Value PropsToMap(const nlohmann::json& props);

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
Status MatchPattern(const Pattern& pattern, Row& row, ExecContext& ctx,
                    const std::function<Status(Row&)>& emit);
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
Result<PlanInfo> PlanQuery(Query* q, const std::string& text);

}  // namespace kg::cypher
