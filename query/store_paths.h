// Shortest paths read straight from the store (Graph::Adjacent), no snapshot:
// what `kg path` runs. A query costs what the two searches touch, so a cold
// process answers in milliseconds on a graph of millions of relationships.
//
// Direction is ignored for the search (every relationship joins its two ends
// both ways) and kept in the result (AdjEntry::outgoing, seen from the hop's
// first node).
//
// Thread safety: stateless; safe wherever the Graph is.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg {

struct StorePathOptions {
  std::vector<std::string> types;    // relationship types walked ("MEETS"); empty = every type
                                     // except CO_MENTIONED (unless include_co_mentions)
  bool include_co_mentions = false;  // walk CO_MENTIONED too when `types` is empty
  int max_depth = -1;                // give up beyond this many hops; -1 = unbounded
  bool all_shortest = false;         // every shortest path (up to max_paths), else one
  std::size_t max_paths = 1000;
};

struct StorePath {
  std::vector<NodeId> nodes;                 // a .. b inclusive
  std::vector<std::vector<AdjEntry>> hops;   // per hop: every walked relationship joining the pair,
                                             // seen from nodes[i] (ascending rel id)
};

// Shortest paths from a to b (empty when none within max_depth). One path:
// bidirectional BFS expanding, a level at a time, the side whose frontier has
// the fewer relationships. All paths: the same search finished on the meeting
// level, then every combination of parents towards a and b; sorted by node ids.
Status StoreShortestPaths(const Graph& g, NodeId a, NodeId b, const StorePathOptions& options,
                          std::vector<StorePath>* out);

}  // namespace kg
