// Weakly connected components with boost::connected_components.
#include <algorithm>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

#include "graph/algo/algo.h"

namespace kg::algo {

std::vector<Component> WeakComponents(const GraphSnapshot& g) {
  const size_t n = g.nodes().size();
  using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Undirected u(n);
  for (const auto& r : g.rels())
    if (r.src != r.dst) boost::add_edge(r.src, r.dst, u);
  std::vector<int> comp(n, 0);
  const int count = n ? boost::connected_components(u, comp.data()) : 0;
  std::vector<Component> out(count);
  for (uint32_t v = 0; v < n; ++v) out[comp[v]].nodes.push_back(v);  // ascending
  for (const auto& r : g.rels()) ++out[comp[r.src]].relationships;
  std::stable_sort(out.begin(), out.end(), [](const Component& a, const Component& b) {
    if (a.nodes.size() != b.nodes.size()) return a.nodes.size() > b.nodes.size();
    return a.nodes.front() < b.nodes.front();
  });
  return out;
}

}  // namespace kg::algo
