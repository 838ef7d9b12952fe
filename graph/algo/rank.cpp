// Degree and PageRank (see algo.h for the NetworkX-compatible semantics).
#include <algorithm>
#include <cmath>

#include "graph/algo/algo.h"
#include "graph/algo/csr.h"

namespace kg::algo {

using internal::Csr;
using internal::Edge;

std::vector<int64_t> Degree(const GraphSnapshot& g) {
  std::vector<int64_t> deg(g.nodes().size(), 0);
  for (const auto& r : g.rels()) {
    ++deg[r.src];
    ++deg[r.dst];
  }
  return deg;
}

namespace internal {
Csr UndirectedSimple(const GraphSnapshot& g) {
  std::vector<Edge> pairs;
  pairs.reserve(g.rels().size());
  for (const auto& r : g.rels()) {
    if (r.src == r.dst) continue;
    pairs.emplace_back(std::min(r.src, r.dst), std::max(r.src, r.dst));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<Edge> edges;
  edges.reserve(pairs.size() * 2);
  for (const auto& [a, b] : pairs) {
    edges.emplace_back(a, b);
    edges.emplace_back(b, a);
  }
  return MakeCsr(edges, g.nodes().size());
}
}  // namespace internal

PageRankResult PageRank(const GraphSnapshot& g, const PageRankOptions& o) {
  PageRankResult res;
  const size_t n = g.nodes().size();
  if (n == 0) return res;
  // In-edges: the reversed graph's out-edges of v are v's in-neighbours.
  std::vector<Edge> reversed;
  reversed.reserve(g.rels().size());
  std::vector<double> out_deg(n, 0.0);
  for (const auto& r : g.rels()) {
    reversed.emplace_back(r.dst, r.src);
    out_deg[r.src] += 1.0;
  }
  const Csr in = internal::MakeCsr(reversed, n);
  std::vector<double> inv_out(n, 0.0);
  std::vector<uint32_t> dangling;
  for (size_t u = 0; u < n; ++u) {
    if (out_deg[u] > 0) {
      inv_out[u] = 1.0 / out_deg[u];
    } else {
      dangling.push_back(static_cast<uint32_t>(u));
    }
  }
  const double nd = static_cast<double>(n);
  const double p = 1.0 / nd;
  std::vector<double> x(n, p), share(n), next(n);
  res.converged = false;
  for (int iter = 1; iter <= o.max_iterations; ++iter) {
    double dangling_sum = 0.0;
    for (uint32_t u : dangling) dangling_sum += x[u];
    for (size_t u = 0; u < n; ++u) share[u] = x[u] * inv_out[u];
    const double base = o.damping * dangling_sum * p + (1.0 - o.damping) * p;
    double err = 0.0;
    for (uint32_t v = 0; v < n; ++v) {
      double s = 0.0;
      for (auto [e, end] = boost::out_edges(v, in); e != end; ++e) s += share[boost::target(*e, in)];
      next[v] = o.damping * s + base;
      err += std::fabs(next[v] - x[v]);
    }
    x.swap(next);
    res.iterations = iter;
    if (err < nd * o.tolerance) {
      res.converged = true;
      break;
    }
  }
  res.rank = std::move(x);
  return res;
}

}  // namespace kg::algo
