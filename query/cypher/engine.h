// Public API of the Cypher engine: parse, plan and run one query on a Graph.
//
//   QueryOptions opt;                       // guards: rows, time, var-length depth
//   auto r = RunQuery(graph, "MATCH (a:Person)-[:MEETS]-(b) RETURN a.name, b.name", opt, {});
//   for (auto& row : r->rows) ...            // Values; see format.h for printing
//
// Errors: InvalidArgument for syntax/semantic/type errors (message starts with
// "line L, column C:" and carries a caret line when a position is known);
// Timeout when a guard trips (row limit, time limit); IOError/Corruption from
// the store. Writes (CREATE/SET/DELETE/MERGE/REMOVE) go through the Graph's
// generic write API inside one transaction per query (Graph::BeginTransaction):
// all of them are stored by one atomic commit when the query succeeds, none
// when it fails, trips a guard or the process dies. A node's string `id`
// (its entity id) is unique and cannot be changed or removed.
//
// Thread safety: one query at a time per Graph when the query writes; read-only
// queries may run concurrently. Lifetime: `graph` must outlive the call.
#pragma once

#include <csignal>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/status.h"
#include "query/cypher/value.h"

namespace kg::cypher {

// The source of "now" for date(), datetime(), ...: nanoseconds since
// 1970-01-01T00:00Z. Injectable so tests (and `kg query --now`) get fixed
// answers. Implementations must be safe to call from the query's thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowNanos() const = 0;
};
std::unique_ptr<Clock> NewSystemClock();
std::unique_ptr<Clock> NewFixedClock(int64_t epoch_nanos);

class ProcedureRegistry;  // procedures.h

struct QueryOptions {
  uint64_t max_rows = 100000;   // result rows before the query stops with a Timeout status
  double timeout_seconds = 30;  // wall clock; <= 0 disables
  // Resident memory of the whole process (checked every ~10 ms inside every
  // long loop: matches, UNWIND, IN, list building, aggregation, sorting)
  // before the query stops with a Timeout status; 0 disables.
  uint64_t max_memory_bytes = uint64_t{2} << 30;
  int max_var_length = 10;      // upper bound applied to unbounded `*` patterns
  bool read_only = false;       // reject write clauses (InvalidArgument)
  // Answer whole-graph count questions from the counts the graph keeps
  // (count(*), count by type or label, degree rankings); false forces the
  // general matcher (tests compare both).
  bool use_counts = true;
  // When set and non-zero (e.g. by a SIGINT handler), the query stops with
  // Aborted("query interrupted"). Not owned.
  const volatile std::sig_atomic_t* interrupt = nullptr;
  const Clock* clock =
      nullptr;  // now() for temporal functions; null = the system clock (not owned)
  // Extra procedures for CALL, searched before kg's own (not owned); null = kg's only.
  const ProcedureRegistry* procedures = nullptr;
};

struct QueryStats {
  uint64_t nodes_created = 0, nodes_deleted = 0;
  uint64_t rels_created = 0, rels_deleted = 0;
  uint64_t props_set = 0, labels_added = 0, labels_removed = 0;
  bool any() const {
    return nodes_created || nodes_deleted || rels_created || rels_deleted || props_set ||
           labels_added || labels_removed;
  }
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  QueryStats stats;
  std::vector<std::string> warnings;  // e.g. "unbounded * limited to 10 hops"
};

// One operator of a query plan (EXPLAIN / PROFILE). kg runs every clause as
// one pipeline operator, so the plan lists the clauses in execution order.
struct PlanStep {
  std::string op;       // "Match", "OptionalMatch", "Unwind", "Projection", "Aggregation", "Create", ...
  std::string details;  // the clause as written
  uint64_t rows = 0;    // PROFILE: rows the operator passed on
};

enum class PlanMode { kRun, kExplain, kProfile };

// Removes a leading EXPLAIN or PROFILE keyword from *text (replaced by spaces,
// so line and column numbers in error messages stay those of the input).
PlanMode StripPlanKeyword(std::string* text);

// The plan of `text` without running it (InvalidArgument for malformed queries).
Result<std::vector<PlanStep>> ExplainQuery(const std::string& text);

// Streaming variant: `on_columns` is called once before any row; `on_row` once
// per result row (return false to stop early, which is not an error).
// `stats` and `warnings` (optional) receive the counters and notes.
Status RunQueryStreaming(Graph* graph, const std::string& text, const QueryOptions& options,
                         const Map& params,
                         const std::function<void(const std::vector<std::string>&)>& on_columns,
                         const std::function<bool(const std::vector<Value>&)>& on_row,
                         QueryStats* stats = nullptr, std::vector<std::string>* warnings = nullptr,
                         std::vector<PlanStep>* profile = nullptr);

// Collects every row (subject to options.max_rows).
Result<QueryResult> RunQuery(Graph* graph, const std::string& text, const QueryOptions& options,
                             const Map& params);

// Parses and checks `text` without running it: InvalidArgument (with position)
// for malformed queries; otherwise whether the query writes to the graph.
Result<bool> QueryWrites(const std::string& text);

// Parses a parameter value given on the command line (`--param name=VALUE`):
// a JSON value (1, 2.5, true, null, "text", [1, 2], {"a": 1}) or a Cypher
// literal without operators ('text', [1, 'a'], {a: 1}); anything else is the
// string as written, so `from=2024-01-01` is the string '2024-01-01', never
// arithmetic.
Value ParseParamValue(const std::string& text);

}  // namespace kg::cypher
