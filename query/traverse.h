// Traversals the CLI offers without Cypher: name resolution and k-hop
// neighbourhoods. Runs on the Graph API only.
//
// Thread safety: stateless functions; safe wherever the Graph is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg {

// Resolves a user-typed name (case- and diacritic-insensitive: NormalizeName)
// through, in order: the external entity id; every name and alias in the
// graph; the entity ids in `extra_ids` that are in the graph (callers pass the
// knowledge base's entities with that alias); a last name or trailing words of
// a name or alias ("Klitschko" -> "Vitali Klitschko"); a unique name prefix.
// NotFound when nothing matches (the message suggests up to five names a few
// edits away: "did you mean"); InvalidArgument listing the candidates
// ("\"Klitschko\" is ambiguous, candidates: Vitali Klitschko
// (person/vitali-klitschko), Wladimir Klitschko (...)") when several match.
Result<NodeId> ResolveEntity(const Graph& g, const std::string& name,
                             const std::vector<std::string>& extra_ids = {});

// What ResolveEntity found for a name: every candidate (sorted by node id) and
// the one it resolves to when it resolves to one (a single candidate, or the
// only candidate whose display name is the name). For search boxes that list
// the candidates instead of failing on an ambiguous name.
struct EntityMatch {
  std::vector<NodeId> candidates;
  std::optional<NodeId> resolved;
};
// The same lookup as ResolveEntity (and the same NotFound with "did you mean"
// and InvalidArgument for an empty name), without the ambiguity error.
Result<EntityMatch> MatchEntity(const Graph& g, const std::string& name,
                                const std::vector<std::string>& extra_ids = {});

struct NeighborOptions {
  int depth = 1;                        // hops (1 = direct neighbours)
  std::vector<std::string> predicates;  // empty = every predicate
  bool include_co_mentions = false;     // CO_MENTIONED edges are followed only when asked
                                        // (or when "co_mentioned" is in `predicates`)
  Direction direction = Direction::kBoth;
  std::size_t limit = 10000;            // stop after this many neighbours
};

struct NeighborHit {
  NodeId node = 0;
  int depth = 0;       // hops from the start
  NodeId via = 0;      // the node it was reached from
  RelId rel = 0;       // the relationship used (the first of `rels`)
  std::string type;    // its type (upper case)
  bool outgoing = true;  // true: via -[rel]-> node
  // Every relationship between `via` and `node` that passes the filters
  // (all types, both directions), in adjacency order (type, then id).
  std::vector<AdjEntry> rels;
};

// Breadth-first, each node once, in (depth, discovery) order; the start is excluded.
Status Neighbors(const Graph& g, NodeId start, const NeighborOptions& options,
                 std::vector<NeighborHit>* out);

}  // namespace kg
