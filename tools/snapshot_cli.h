// Shared CLI plumbing for the analysis/export subcommands (export, rank,
// components): the snapshot filter flags and loading a filtered snapshot.
#pragma once

#include <cxxopts.hpp>
#include <string>

#include "graph/graph.h"
#include "graph/snapshot.h"

namespace kg::cli {

// Adds --around NAME, --depth K, --since D, --until D, --predicate P (repeatable),
// --min-support N, --no-co-mentions, --cypher QUERY.
void AddSnapshotFilterOptions(cxxopts::Options* opts);

// Loads the snapshot of `graph` (evidence counts when asked) and applies the
// filter flags in `r`. --around resolves through ResolveEntity (aliases,
// entity ids; ambiguous names list the candidates). --cypher runs a read-only
// query and keeps the nodes, relationships and paths of its result rows (the
// endpoints of returned relationships included) before the other filters.
// `graph` is non-const only because the Cypher engine takes a Graph*; nothing is written.
Result<GraphSnapshot> LoadFilteredSnapshot(Graph& graph, const cxxopts::ParseResult& r,
                                           bool evidence_counts);

}  // namespace kg::cli
