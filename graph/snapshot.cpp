#include "graph/snapshot.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <new>
#include <unordered_set>

namespace kg {

uint32_t GraphSnapshot::AddNode(SnapNode n) {
  const auto idx = static_cast<uint32_t>(nodes_.size());
  if (n.key.empty() || by_key_.count(n.key)) n.key = "n" + std::to_string(n.id);
  // A fallback key can itself collide with an entity id literally named "n<id>".
  while (by_key_.count(n.key)) n.key += "_";
  if (n.name.empty()) n.name = n.key;
  by_id_.emplace(n.id, idx);
  by_key_.emplace(n.key, idx);
  nodes_.push_back(std::move(n));
  incidence_offsets_.clear();
  return idx;
}

void GraphSnapshot::AddRel(SnapRel r) {
  if (r.predicate.empty()) r.predicate = PredicateForRelType(r.type);
  rels_.push_back(std::move(r));
  incidence_offsets_.clear();
}

void GraphSnapshot::Reserve(size_t nodes, size_t rels) {
  // Only a hint: when the address space is short (overcommit limits), the
  // vectors simply grow as they fill.
  try {
    nodes_.reserve(nodes);  // vectors only: untouched capacity stays unmapped
    rels_.reserve(rels);
  } catch (const std::bad_alloc&) {
  }
}

std::optional<uint32_t> GraphSnapshot::IndexOf(NodeId id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> GraphSnapshot::IndexOfKey(const std::string& key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

void GraphSnapshot::BuildIncidence() {
  const size_t n = nodes_.size();
  std::vector<uint32_t> offsets(n + 1, 0);
  for (const auto& r : rels_) {
    ++offsets[r.src + 1];
    if (r.dst != r.src) ++offsets[r.dst + 1];
  }
  for (size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  std::vector<uint32_t> fill(offsets.begin(), offsets.end() - (n ? 1 : 0));
  std::vector<uint32_t> rels(offsets[n]);
  for (uint32_t i = 0; i < rels_.size(); ++i) {
    const auto& r = rels_[i];
    rels[fill[r.src]++] = i;
    if (r.dst != r.src) rels[fill[r.dst]++] = i;
  }
  incidence_offsets_ = std::move(offsets);
  incidence_rels_ = std::move(rels);
}

// ---- dates -----------------------------------------------------------------

namespace {

bool AllDigits(const std::string& s, size_t pos, size_t len) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

// Parses into year, month (0 = absent), day (0 = absent).
bool ParseDate(const std::string& d, int* y, int* m, int* day) {
  *m = 0;
  *day = 0;
  if (!AllDigits(d, 0, 4)) return false;
  *y = std::stoi(d.substr(0, 4));
  if (d.size() == 4) return true;
  if (d.size() < 7 || d[4] != '-' || !AllDigits(d, 5, 2)) return false;
  *m = std::stoi(d.substr(5, 2));
  if (*m < 1 || *m > 12) return false;
  if (d.size() == 7) return true;
  if (d.size() != 10 || d[7] != '-' || !AllDigits(d, 8, 2)) return false;
  *day = std::stoi(d.substr(8, 2));
  return *day >= 1 && *day <= DaysInMonth(*y, *m);
}

std::string Fmt(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

std::optional<std::string> DateLowerBound(const std::string& d) {
  int y, m, day;
  if (!ParseDate(d, &y, &m, &day)) return std::nullopt;
  return Fmt(y, m ? m : 1, day ? day : 1);
}

std::optional<std::string> DateUpperBound(const std::string& d) {
  int y, m, day;
  if (!ParseDate(d, &y, &m, &day)) return std::nullopt;
  if (!m) m = 12;
  return Fmt(y, m, day ? day : DaysInMonth(y, m));
}

// ---- filters ---------------------------------------------------------------

namespace {

const std::string& FirstNonEmpty(const std::string& a, const std::string& b, const std::string& c) {
  return !a.empty() ? a : (!b.empty() ? b : c);
}

}  // namespace

bool PassesRelFilter(const SnapRel& r, const SnapshotFilter& f,
                     const std::unordered_set<std::string>& preds, const std::string& since,
                     const std::string& until) {
  if (f.no_co_mentions && r.is_co_mention()) return false;
  if (!preds.empty() && !preds.count(r.predicate)) return false;
  if (f.min_support > 0) {
    const double s = r.is_co_mention() ? r.weight : static_cast<double>(r.support);
    if (s < static_cast<double>(f.min_support)) return false;
  }
  if (!since.empty() || !until.empty()) {
    const std::string& start = FirstNonEmpty(r.first_seen, r.date, r.last_seen);
    const std::string& end = FirstNonEmpty(r.last_seen, r.date, r.first_seen);
    auto lo = DateLowerBound(start);
    auto hi = DateUpperBound(end);
    if (!lo || !hi) return false;  // undated (or unparsable) relations cannot be placed in time
    if (!since.empty() && *hi < since) return false;
    if (!until.empty() && *lo > until) return false;
  }
  return true;
}

Result<GraphSnapshot> FilterSnapshot(const GraphSnapshot& in, const SnapshotFilter& f) {
  std::string since, until;
  if (!f.since.empty()) {
    auto lo = DateLowerBound(f.since);
    if (!lo) return Status::InvalidArgument("--since: '" + f.since + "' is not YYYY[-MM[-DD]]");
    since = *lo;
  }
  if (!f.until.empty()) {
    auto hi = DateUpperBound(f.until);
    if (!hi) return Status::InvalidArgument("--until: '" + f.until + "' is not YYYY[-MM[-DD]]");
    until = *hi;
  }
  if (f.depth < 0) return Status::InvalidArgument("--depth must be >= 0");
  std::unordered_set<std::string> preds;
  for (const auto& p : f.predicates) {
    std::string lower = PredicateForRelType(p);
    if (!IsKnownPredicate(lower)) {
      // Cypher-created graphs may use any type; accept it but keep the check cheap.
      bool present = std::any_of(in.rels().begin(), in.rels().end(),
                                 [&](const SnapRel& r) { return r.predicate == lower; });
      if (!present) return Status::InvalidArgument("--predicate: unknown predicate '" + p + "'");
    }
    preds.insert(lower);
  }

  const auto& nodes = in.nodes();
  const auto& rels = in.rels();
  std::vector<char> rel_keep(rels.size(), 1);
  if (f.rel_filter_active())
    for (size_t i = 0; i < rels.size(); ++i)
      rel_keep[i] = PassesRelFilter(rels[i], f, preds, since, until);

  std::vector<char> node_keep(nodes.size(), 0);
  std::vector<char> pinned(nodes.size(), 0);  // subgraph nodes kept even when isolated
  if (f.restrict_to_subgraph) {
    std::unordered_set<RelId> keep_rels(f.subgraph_rels.begin(), f.subgraph_rels.end());
    for (size_t i = 0; i < rels.size(); ++i)
      if (!keep_rels.count(rels[i].id)) rel_keep[i] = 0;
    for (NodeId id : f.subgraph_nodes)
      if (auto idx = in.IndexOf(id)) pinned[*idx] = 1;
  }
  if (!f.around.empty()) {
    // Ego network: BFS over kept relationships, undirected.
    std::vector<uint32_t> offsets(nodes.size() + 1, 0);
    for (size_t i = 0; i < rels.size(); ++i) {
      if (!rel_keep[i]) continue;
      ++offsets[rels[i].src + 1];
      ++offsets[rels[i].dst + 1];
    }
    for (size_t i = 0; i < nodes.size(); ++i) offsets[i + 1] += offsets[i];
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    std::vector<uint32_t> nbr(offsets.back());
    for (size_t i = 0; i < rels.size(); ++i) {
      if (!rel_keep[i]) continue;
      nbr[fill[rels[i].src]++] = rels[i].dst;
      nbr[fill[rels[i].dst]++] = rels[i].src;
    }
    std::vector<int> dist(nodes.size(), -1);
    std::deque<uint32_t> queue;
    for (NodeId c : f.around) {
      auto idx = in.IndexOf(c);
      if (!idx)
        return Status::InvalidArgument("--around: node " + std::to_string(c) + " is unknown");
      if (dist[*idx] < 0) {
        dist[*idx] = 0;
        queue.push_back(*idx);
      }
    }
    while (!queue.empty()) {
      uint32_t v = queue.front();
      queue.pop_front();
      node_keep[v] = 1;
      if (dist[v] >= f.depth) continue;
      for (uint32_t k = offsets[v]; k < offsets[v + 1]; ++k) {
        uint32_t w = nbr[k];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
        }
      }
    }
    for (size_t i = 0; i < rels.size(); ++i)
      if (rel_keep[i] && !(node_keep[rels[i].src] && node_keep[rels[i].dst])) rel_keep[i] = 0;
  } else if (f.rel_filter_active() || f.restrict_to_subgraph) {
    for (size_t i = 0; i < rels.size(); ++i)
      if (rel_keep[i]) node_keep[rels[i].src] = node_keep[rels[i].dst] = 1;
    for (size_t i = 0; i < nodes.size(); ++i)
      if (pinned[i]) node_keep[i] = 1;
  } else {
    std::fill(node_keep.begin(), node_keep.end(), 1);
  }

  GraphSnapshot out;
  std::vector<uint32_t> remap(nodes.size(), UINT32_MAX);
  for (size_t i = 0; i < nodes.size(); ++i)
    if (node_keep[i]) remap[i] = out.AddNode(nodes[i]);
  for (size_t i = 0; i < rels.size(); ++i) {
    if (!rel_keep[i]) continue;
    SnapRel r = rels[i];
    r.src = remap[r.src];
    r.dst = remap[r.dst];
    out.AddRel(std::move(r));
  }
  return out;
}

}  // namespace kg
