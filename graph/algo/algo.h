// Graph algorithms over a GraphSnapshot. Boost.Graph is used inside
// graph/algo/*.cpp only; this header exposes plain vectors indexed like
// GraphSnapshot::nodes().
//
// Views (documented choices, tested against NetworkX in tests/e2e/export_networkx_test.py):
//  - Degree: in + out relationships, parallel relationships counted, a self
//    loop counts twice = NetworkX MultiDiGraph.degree().
//  - PageRank: the DIRECTED multigraph (every relationship one edge u->v,
//    parallel edges add up), unweighted = NetworkX
//    pagerank(G, alpha=0.85, weight=None, tol=1e-6, max_iter=100) on the
//    GraphML export read with read_graphml: same power iteration (start 1/N,
//    dangling mass spread uniformly, stop when the L1 change < N*tol).
//    Implemented by hand over a Boost compressed_sparse_row_graph because
//    boost::graph::page_rank runs a fixed number of iterations and has no
//    dangling-node redistribution.
//  - Betweenness: the UNDIRECTED simple view (direction, parallel
//    relationships and self loops ignored) = NetworkX
//    betweenness_centrality(G.to_undirected() as simple Graph, normalized=True).
//    Exact: boost::brandes_betweenness_centrality. Sampled (k sources): the same
//    Brandes accumulation from the given sources, scaled by n/k like NetworkX.
//  - Components: weakly connected (undirected view), boost::connected_components.
//  - Shortest paths: unweighted BFS on the undirected view over the relationships
//    a predicate admits.
//
// Thread safety: pure functions of their inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "graph/snapshot.h"
#include "graph/status.h"

namespace kg::algo {

std::vector<int64_t> Degree(const GraphSnapshot& g);

struct PageRankOptions {
  double damping = 0.85;    // NetworkX alpha
  int max_iterations = 100;
  double tolerance = 1e-6;  // per node; stop when sum |x - x_prev| < N * tolerance
};
struct PageRankResult {
  std::vector<double> rank;  // sums to 1 (empty graph: empty)
  int iterations = 0;
  bool converged = true;     // false: max_iterations reached (NetworkX would raise)
};
PageRankResult PageRank(const GraphSnapshot& g, const PageRankOptions& options = {});

struct BetweennessOptions {
  bool normalized = true;         // NetworkX normalized=True: 1/((n-1)(n-2)) (and n/k when sampled)
  std::vector<uint32_t> sources;  // non-empty: sampled Brandes from these node indices
};
// InvalidArgument for a source index out of range.
Result<std::vector<double>> Betweenness(const GraphSnapshot& g, const BetweennessOptions& options);
// k distinct node indices drawn with a fixed-seed generator (std::mt19937_64), sorted.
std::vector<uint32_t> SampleSources(size_t n, size_t k, uint64_t seed);

struct Component {
  std::vector<uint32_t> nodes;  // node indices, ascending
  size_t relationships = 0;
};
// Weakly connected components, largest first (ties: smallest node index first).
std::vector<Component> WeakComponents(const GraphSnapshot& g);

struct PathOptions {
  // Which relationships may be walked (default: all). Called once per relationship.
  std::function<bool(const SnapRel&)> admit;
  int max_depth = -1;        // hops; -1 = unbounded
  bool all_shortest = false;
  size_t max_paths = 1000;   // cap for all_shortest
};
struct Path {
  std::vector<uint32_t> nodes;                 // from a to b inclusive
  std::vector<std::vector<uint32_t>> hop_rels;  // per hop: every admitted relationship joining the pair
};
// Shortest paths from node index a to b (empty when none within max_depth).
// One path unless all_shortest; paths are in a deterministic order.
// REQUIRES: a, b < g.nodes().size().
std::vector<Path> ShortestPaths(const GraphSnapshot& g, uint32_t a, uint32_t b,
                                const PathOptions& options);

// The same, for many queries on one graph: builds the undirected adjacency
// (a Boost CSR graph) once. Single paths use bidirectional BFS; all shortest
// paths use BFS from `a` up to b's level and backtracking.
// Lifetime: `g` must outlive the PathFinder. Thread safety: Find() is const and
// may run concurrently.
class PathFinder {
 public:
  PathFinder(const GraphSnapshot& g, const std::function<bool(const SnapRel&)>& admit);
  ~PathFinder();
  std::vector<Path> Find(uint32_t a, uint32_t b, int max_depth, bool all_shortest,
                         size_t max_paths) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg::algo
