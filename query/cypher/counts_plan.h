// Internal: whole-graph count questions answered from the counts the graph
// keeps as data (graph/counts.h); see counts_plan.cpp for the shapes.
#pragma once

#include "query/cypher/exec.h"

namespace kg::cypher {

// When `q` (planned, read-only, one part) is a question the counts answer,
// pushes its result rows into `sink` and returns true; false when the general
// pipeline must run it (nothing was pushed then). Requires the graph's counts
// (Graph::counts_kept); results equal the pipeline's.
Result<bool> AnswerFromCounts(const Query& q, ExecContext& ctx, Op* sink);

}  // namespace kg::cypher
