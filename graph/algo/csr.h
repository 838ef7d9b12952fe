// Internal to graph/algo/: Boost.Graph views of a GraphSnapshot.
// Never include this header outside graph/algo/*.cpp.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "graph/snapshot.h"

namespace kg::algo::internal {

// Directed CSR graph with 32-bit vertex and edge indices.
using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                               boost::no_property, boost::no_property, uint32_t,
                                               uint32_t>;
using Edge = std::pair<uint32_t, uint32_t>;

inline Csr MakeCsr(const std::vector<Edge>& edges, size_t n) {
  return Csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), n);
}

// Both directions of every relationship `keep` admits (a self loop once per direction),
// parallel relationships kept.
template <typename Keep>
Csr UndirectedMulti(const GraphSnapshot& g, Keep keep) {
  std::vector<Edge> edges;
  edges.reserve(g.rels().size() * 2);
  for (const auto& r : g.rels()) {
    if (!keep(r)) continue;
    edges.emplace_back(r.src, r.dst);
    if (r.src != r.dst) edges.emplace_back(r.dst, r.src);
  }
  return MakeCsr(edges, g.nodes().size());
}

// Undirected simple view: one edge per direction per unordered pair, no self loops.
Csr UndirectedSimple(const GraphSnapshot& g);

}  // namespace kg::algo::internal
