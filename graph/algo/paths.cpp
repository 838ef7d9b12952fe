// Unweighted shortest paths on the undirected view (see algo.h).
#include <algorithm>
#include <climits>
#include <functional>

#include "graph/algo/algo.h"
#include "graph/algo/csr.h"

namespace kg::algo {

namespace {
struct EdgeRel {
  uint32_t rel = 0;
};
using RelCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeRel,
                                                  boost::no_property, uint32_t, uint32_t>;
}  // namespace

struct PathFinder::Impl {
  const GraphSnapshot* g = nullptr;
  RelCsr csr;

  // Every admitted relationship joining u and v (either direction), ascending.
  std::vector<uint32_t> RelsBetween(uint32_t u, uint32_t v) const {
    std::vector<uint32_t> out;
    for (auto [e, end] = boost::out_edges(u, csr); e != end; ++e)
      if (boost::target(*e, csr) == v) out.push_back(csr[*e].rel);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  Path MakePath(std::vector<uint32_t> nodes) const {
    Path p;
    for (size_t i = 0; i + 1 < nodes.size(); ++i)
      p.hop_rels.push_back(RelsBetween(nodes[i], nodes[i + 1]));
    p.nodes = std::move(nodes);
    return p;
  }

  // Bidirectional BFS expanding the smaller frontier one full level at a time.
  std::vector<Path> One(uint32_t a, uint32_t b, int max_depth) const {
    if (a == b) return {MakePath({a})};
    constexpr uint32_t kNone = UINT32_MAX;
    const size_t n = g->nodes().size();
    // Per-thread scratch arrays, reset through the touched lists so a query
    // costs what it visits, not O(n).
    struct Scratch {
      std::vector<uint32_t> pred, succ, touched;  // parent towards a / towards b
    };
    thread_local Scratch sc;
    if (sc.pred.size() < n) {
      sc.pred.assign(n, kNone);
      sc.succ.assign(n, kNone);
    }
    auto& pred = sc.pred;
    auto& succ = sc.succ;
    auto& touched = sc.touched;
    struct Reset {
      Scratch& s;
      ~Reset() {
        for (uint32_t v : s.touched) s.pred[v] = s.succ[v] = UINT32_MAX;
        s.touched.clear();
      }
    } reset{sc};
    pred[a] = a;
    succ[b] = b;
    touched.push_back(a);
    touched.push_back(b);
    std::vector<uint32_t> fa{a}, fb{b}, next;
    int depth = 0;
    while (!fa.empty() && !fb.empty()) {
      if (max_depth >= 0 && depth >= max_depth) return {};
      ++depth;
      // Expand the side whose next level scans fewer edges (hubs make node
      // counts a poor guide); ties go forward.
      auto work = [&](const std::vector<uint32_t>& f) {
        size_t w = 0;
        for (uint32_t v : f) w += boost::out_degree(v, csr);
        return w;
      };
      const bool forward = work(fa) <= work(fb);
      auto& frontier = forward ? fa : fb;
      auto& mine = forward ? pred : succ;
      const auto& other = forward ? succ : pred;
      next.clear();
      for (uint32_t v : frontier) {
        for (auto [w, end] = boost::adjacent_vertices(v, csr); w != end; ++w) {
          if (mine[*w] != kNone) continue;
          mine[*w] = v;
          touched.push_back(*w);
          if (other[*w] != kNone) {
            std::vector<uint32_t> nodes;
            for (uint32_t x = *w;; x = pred[x]) {
              nodes.push_back(x);
              if (x == a) break;
            }
            std::reverse(nodes.begin(), nodes.end());
            for (uint32_t x = *w; x != b;) {
              x = succ[x];
              nodes.push_back(x);
            }
            return {MakePath(std::move(nodes))};
          }
          next.push_back(*w);
        }
      }
      frontier.swap(next);
    }
    return {};
  }

  std::vector<Path> All(uint32_t a, uint32_t b, int max_depth, size_t max_paths) const {
    if (a == b) return {MakePath({a})};
    const size_t n = g->nodes().size();
    std::vector<int> dist(n, -1);
    std::vector<uint32_t> order{a};
    dist[a] = 0;
    for (size_t head = 0; head < order.size() && dist[b] < 0; ++head) {
      uint32_t v = order[head];
      if (max_depth >= 0 && dist[v] >= max_depth) break;
      for (auto [w, end] = boost::adjacent_vertices(v, csr); w != end; ++w) {
        if (dist[*w] < 0) {
          dist[*w] = dist[v] + 1;
          order.push_back(*w);
        }
      }
    }
    if (dist[b] < 0) return {};
    // Backtrack from b through neighbours one level closer to a (ascending index order).
    std::vector<Path> out;
    std::vector<uint32_t> stack{b};
    std::function<void(uint32_t)> walk = [&](uint32_t v) {
      if (out.size() >= max_paths) return;
      if (v == a) {
        out.push_back(MakePath(std::vector<uint32_t>(stack.rbegin(), stack.rend())));
        return;
      }
      std::vector<uint32_t> preds;
      for (auto [u, end] = boost::adjacent_vertices(v, csr); u != end; ++u)
        if (dist[*u] == dist[v] - 1) preds.push_back(*u);
      std::sort(preds.begin(), preds.end());
      preds.erase(std::unique(preds.begin(), preds.end()), preds.end());
      for (uint32_t u : preds) {
        stack.push_back(u);
        walk(u);
        stack.pop_back();
      }
    };
    walk(b);
    std::sort(out.begin(), out.end(),
              [](const Path& x, const Path& y) { return x.nodes < y.nodes; });
    return out;
  }
};

PathFinder::PathFinder(const GraphSnapshot& g, const std::function<bool(const SnapRel&)>& admit)
    : impl_(std::make_unique<Impl>()) {
  impl_->g = &g;
  std::vector<internal::Edge> edges;
  std::vector<EdgeRel> props;
  edges.reserve(g.rels().size() * 2);
  props.reserve(g.rels().size() * 2);
  for (uint32_t i = 0; i < g.rels().size(); ++i) {
    const auto& r = g.rels()[i];
    if (admit && !admit(r)) continue;
    edges.emplace_back(r.src, r.dst);
    props.push_back({i});
    if (r.src != r.dst) {
      edges.emplace_back(r.dst, r.src);
      props.push_back({i});
    }
  }
  impl_->csr = RelCsr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(),
                      props.begin(), g.nodes().size());
}

PathFinder::~PathFinder() = default;

std::vector<Path> PathFinder::Find(uint32_t a, uint32_t b, int max_depth, bool all_shortest,
                                   size_t max_paths) const {
  if (all_shortest) return impl_->All(a, b, max_depth, max_paths);
  return impl_->One(a, b, max_depth);
}

std::vector<Path> ShortestPaths(const GraphSnapshot& g, uint32_t a, uint32_t b,
                                const PathOptions& o) {
  PathFinder f(g, o.admit);
  return f.Find(a, b, o.max_depth, o.all_shortest, o.max_paths);
}

}  // namespace kg::algo
