// Betweenness centrality (Brandes) on the undirected simple view; see algo.h.
#include <algorithm>
#include <numeric>
#include <random>

#include <boost/graph/betweenness_centrality.hpp>

#include "graph/algo/algo.h"
#include "graph/algo/csr.h"

namespace kg::algo {

using internal::Csr;

std::vector<uint32_t> SampleSources(size_t n, size_t k, uint64_t seed) {
  std::vector<uint32_t> all(n);
  std::iota(all.begin(), all.end(), 0u);
  if (k >= n) return all;
  std::mt19937_64 rng(seed);
  // Partial Fisher-Yates: the first k positions are a uniform sample.
  for (size_t i = 0; i < k; ++i) {
    std::uniform_int_distribution<size_t> pick(i, n - 1);
    std::swap(all[i], all[pick(rng)]);
  }
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

namespace {

// Brandes' accumulation from the given sources (unweighted BFS). The graph
// holds both directions of every undirected edge, so every ordered pair
// (s, t) contributes, as in NetworkX before rescaling.
std::vector<double> BrandesFrom(const Csr& g, size_t n, const std::vector<uint32_t>& sources) {
  std::vector<double> bc(n, 0.0), sigma(n), delta(n);
  std::vector<int64_t> dist(n, -1);
  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t s : sources) {
    order.clear();
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(dist.begin(), dist.end(), -1);
    sigma[s] = 1.0;
    dist[s] = 0;
    order.push_back(s);
    for (size_t head = 0; head < order.size(); ++head) {
      uint32_t v = order[head];
      for (auto [w, end] = boost::adjacent_vertices(v, g); w != end; ++w) {
        if (dist[*w] < 0) {
          dist[*w] = dist[v] + 1;
          order.push_back(*w);
        }
        if (dist[*w] == dist[v] + 1) sigma[*w] += sigma[v];
      }
    }
    for (uint32_t v : order) delta[v] = 0.0;
    for (size_t i = order.size(); i-- > 0;) {
      uint32_t w = order[i];
      // Predecessors of w are the neighbours one level closer to s.
      for (auto [v, end] = boost::adjacent_vertices(w, g); v != end; ++v)
        if (dist[*v] == dist[w] - 1) delta[*v] += sigma[*v] / sigma[w] * (1.0 + delta[w]);
      if (w != s) bc[w] += delta[w];
    }
  }
  return bc;
}

}  // namespace

Result<std::vector<double>> Betweenness(const GraphSnapshot& g, const BetweennessOptions& o) {
  const size_t n = g.nodes().size();
  for (uint32_t s : o.sources)
    if (s >= n) return Status::InvalidArgument("betweenness: source index out of range");
  const Csr csr = internal::UndirectedSimple(g);
  std::vector<double> bc;
  if (o.sources.empty()) {
    bc.assign(n, 0.0);
    // The CSR graph is directed with both directions present, so Boost
    // counts ordered pairs (it halves only for undirected graph types).
    boost::brandes_betweenness_centrality(
        csr, boost::make_iterator_property_map(bc.begin(), boost::get(boost::vertex_index, csr)));
  } else {
    bc = BrandesFrom(csr, n, o.sources);
  }
  if (o.normalized && n > 2) {
    double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
    if (!o.sources.empty()) scale *= static_cast<double>(n) / static_cast<double>(o.sources.size());
    for (double& v : bc) v *= scale;
  } else if (!o.normalized) {
    // NetworkX normalized=False on an undirected graph halves (each pair once).
    double scale = 0.5;
    if (!o.sources.empty()) scale *= static_cast<double>(n) / static_cast<double>(o.sources.size());
    for (double& v : bc) v *= scale;
  }
  return bc;
}

}  // namespace kg::algo
