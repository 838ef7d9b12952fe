#include "query/store_paths.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace kg {

namespace {

// One side of the bidirectional search: distances and BFS parents (all of
// them on the previous level when every shortest path is wanted).
struct Side {
  std::unordered_map<NodeId, int> dist;
  std::unordered_map<NodeId, std::vector<NodeId>> parents;
  std::vector<NodeId> frontier;
  int depth = 0;
};

class Search {
 public:
  Search(const Graph& g, const StorePathOptions& o) : g_(g), o_(o) {
    if (o_.types.size() == 1) only_type_ = o_.types[0];
  }

  bool Walks(const std::string& type) const {
    if (!o_.types.empty()) return std::find(o_.types.begin(), o_.types.end(), type) != o_.types.end();
    return o_.include_co_mentions || type != "CO_MENTIONED";
  }

  Status Adjacent(NodeId v, std::vector<AdjEntry>* adj) const {
    adj->clear();
    return g_.Adjacent(v, Direction::kBoth, only_type_, adj);
  }

  // Walks a level of `s`; meeting nodes (also reached by `t`) go to `meet`.
  // With one path wanted it stops at the first meeting node.
  Status Expand(Side* s, const Side& t, std::vector<NodeId>* meet) {
    ++s->depth;
    std::vector<NodeId> next;
    for (NodeId v : s->frontier) {
      KG_RETURN_IF_ERROR(Adjacent(v, &adj_));
      for (const AdjEntry& e : adj_) {
        if (!Walks(e.type)) continue;
        auto [it, fresh] = s->dist.emplace(e.other, s->depth);
        if (fresh) {
          s->parents[e.other].push_back(v);
          next.push_back(e.other);
          if (t.dist.count(e.other)) {
            meet->push_back(e.other);
            if (!o_.all_shortest) return Status::OK();
          }
        } else if (o_.all_shortest && it->second == s->depth) {
          auto& p = s->parents[e.other];
          if (p.back() != v) p.push_back(v);  // several relationships to one parent: once
        }
      }
    }
    s->frontier.swap(next);
    return Status::OK();
  }

  // Every walked relationship joining u and v, seen from u, ascending rel id.
  Status Between(NodeId u, NodeId v, std::vector<AdjEntry>* out) {
    auto it = adj_cache_.find(u);
    if (it == adj_cache_.end()) {
      std::vector<AdjEntry> adj;
      KG_RETURN_IF_ERROR(Adjacent(u, &adj));
      it = adj_cache_.emplace(u, std::move(adj)).first;
    }
    for (const AdjEntry& e : it->second)
      if (e.other == v && Walks(e.type) && (u != v || e.outgoing)) out->push_back(e);
    std::sort(out->begin(), out->end(), [](const AdjEntry& x, const AdjEntry& y) { return x.rel < y.rel; });
    out->erase(std::unique(out->begin(), out->end(),
                           [](const AdjEntry& x, const AdjEntry& y) { return x.rel == y.rel; }),
               out->end());
    return Status::OK();
  }

  Status MakePath(std::vector<NodeId> nodes, std::vector<StorePath>* out) {
    StorePath p;
    p.hops.resize(nodes.size() - 1);
    for (size_t i = 0; i + 1 < nodes.size(); ++i) KG_RETURN_IF_ERROR(Between(nodes[i], nodes[i + 1], &p.hops[i]));
    p.nodes = std::move(nodes);
    out->push_back(std::move(p));
    return Status::OK();
  }

 private:
  const Graph& g_;
  const StorePathOptions& o_;
  std::string only_type_;
  std::vector<AdjEntry> adj_;
  std::unordered_map<NodeId, std::vector<AdjEntry>> adj_cache_;
};

// Chains from `v` back to the side's start through parents: each chain starts
// at v and ends at the start. At most `cap` chains.
void Chains(const Side& s, NodeId v, size_t cap, std::vector<NodeId>* cur,
            std::vector<std::vector<NodeId>>* out) {
  if (out->size() >= cap) return;
  cur->push_back(v);
  auto it = s.parents.find(v);
  if (it == s.parents.end()) {
    out->push_back(*cur);  // the start
  } else {
    std::vector<NodeId> ps = it->second;
    std::sort(ps.begin(), ps.end());
    for (NodeId p : ps) Chains(s, p, cap, cur, out);
  }
  cur->pop_back();
}

}  // namespace

Status StoreShortestPaths(const Graph& g, NodeId a, NodeId b, const StorePathOptions& o,
                          std::vector<StorePath>* out) {
  out->clear();
  Search search(g, o);
  if (a == b) return search.MakePath({a}, out);
  Side A, B;
  A.dist[a] = 0;
  A.frontier = {a};
  B.dist[b] = 0;
  B.frontier = {b};
  std::vector<NodeId> meet;
  while (meet.empty() && !A.frontier.empty() && !B.frontier.empty()) {
    if (o.max_depth >= 0 && A.depth + B.depth >= o.max_depth) return Status::OK();
    // The smaller frontier is expanded (ties: from a); a hub costs one
    // adjacency read, a level of thousands of nodes costs thousands.
    const bool forward = A.frontier.size() <= B.frontier.size();
    KG_RETURN_IF_ERROR(forward ? search.Expand(&A, B, &meet) : search.Expand(&B, A, &meet));
  }
  if (meet.empty()) return Status::OK();
  std::sort(meet.begin(), meet.end());
  const size_t cap = o.all_shortest ? std::max<size_t>(o.max_paths, 1) : 1;
  std::vector<std::vector<NodeId>> paths;
  for (NodeId m : meet) {
    std::vector<std::vector<NodeId>> to_a, to_b;
    std::vector<NodeId> cur;
    Chains(A, m, cap, &cur, &to_a);
    Chains(B, m, cap, &cur, &to_b);
    for (const auto& x : to_a)
      for (const auto& y : to_b) {
        if (paths.size() >= cap) break;
        std::vector<NodeId> p(x.rbegin(), x.rend());  // a .. m
        p.insert(p.end(), y.begin() + 1, y.end());    // .. b
        paths.push_back(std::move(p));
      }
    if (paths.size() >= cap) break;
  }
  std::sort(paths.begin(), paths.end());
  for (auto& p : paths) KG_RETURN_IF_ERROR(search.MakePath(std::move(p), out));
  return Status::OK();
}

}  // namespace kg
