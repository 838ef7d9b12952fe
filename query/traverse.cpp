#include "query/traverse.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace kg {

namespace {

std::string DisplayName(const Graph& g, NodeId id) {
  auto n = g.GetNode(id);
  if (!n.ok()) return "#" + std::to_string(id);
  std::string name = n->props.value("name", std::string());
  std::string eid = n->props.value("id", std::string());
  return name + (eid.empty() ? "" : " (" + eid + ")");
}

// Byte-wise Levenshtein distance, stopping early once every cell exceeds `cap`
// (returns cap + 1 then).
std::size_t EditDistance(const std::string& a, const std::string& b, std::size_t cap) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > cap) return cap + 1;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t best = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      best = std::min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Up to five names of the entities nearest to the normalised query `norm` (by
// name or alias): candidates share its first two characters (name index
// prefix scan) and are at most max(2, length / 4) edits away; only those at
// the smallest distance found are listed.
std::vector<std::string> Suggestions(const Graph& g, const std::string& norm) {
  if (norm.size() < 3) return {};
  const std::size_t cap = std::max<std::size_t>(2, norm.size() / 4);
  auto ids = g.LookupNamePrefix(norm.substr(0, 2), 5000);
  if (!ids.ok()) return {};
  std::vector<std::pair<std::size_t, std::string>> best;  // (distance, display name)
  std::unordered_set<NodeId> seen;
  for (NodeId id : *ids) {
    if (!seen.insert(id).second) continue;
    auto n = g.GetNode(id);
    if (!n.ok()) continue;
    std::vector<std::string> forms = {n->props.value("name", std::string())};
    if (auto a = n->props.find("aliases"); a != n->props.end() && a->is_array())
      for (const auto& x : *a)
        if (x.is_string()) forms.push_back(x.get<std::string>());
    std::size_t d = cap + 1;
    for (const auto& f : forms) d = std::min(d, EditDistance(norm, NormalizeName(f), cap));
    if (d <= cap) best.emplace_back(d, forms[0]);
  }
  std::sort(best.begin(), best.end());
  std::vector<std::string> out;
  for (const auto& [d, name] : best) {
    if (out.size() == 5 || d > best.front().first) break;  // the nearest ones only
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// Entities with a name or alias whose last words are `norm` ("klitschko" ->
// "vitali klitschko"); a scan of the nodes, made only when no name, alias or
// knowledge-base alias matched. At most 20.
Status TrailingWordMatches(const Graph& g, const std::string& norm, std::vector<NodeId>* out) {
  const std::string tail = " " + norm;
  auto ends = [&](const std::string& form) {
    const std::string n = NormalizeName(form);
    return n.size() > tail.size() && n.compare(n.size() - tail.size(), tail.size(), tail) == 0;
  };
  return g.ScanNodes("", [&](const Node& n) {
    bool hit = false;
    if (auto it = n.props.find("name"); it != n.props.end() && it->is_string()) hit = ends(it->get<std::string>());
    if (auto a = n.props.find("aliases"); !hit && a != n.props.end() && a->is_array())
      for (const auto& x : *a)
        if (x.is_string() && ends(x.get<std::string>())) hit = true;
    if (hit) out->push_back(n.id);
    return out->size() < 20;
  });
}

}  // namespace

Result<EntityMatch> MatchEntity(const Graph& g, const std::string& name,
                                const std::vector<std::string>& extra_ids) {
  if (auto by_id = g.LookupEntityId(name); by_id.ok() && by_id->has_value())
    return EntityMatch{{**by_id}, **by_id};
  std::string norm = NormalizeName(name);
  if (norm.empty()) return Status::InvalidArgument("empty entity name");
  KG_ASSIGN_OR_RETURN(std::vector<NodeId> ids, g.LookupName(norm));
  if (ids.empty()) {
    for (const auto& ext : extra_ids) {
      KG_ASSIGN_OR_RETURN(auto id, g.LookupEntityId(ext));
      if (id) ids.push_back(*id);
    }
  }
  // A one-word name that is no entity's display name ("Klitschko") may be
  // the last name of several entities, even when one of them has it as alias.
  bool display = false;
  for (NodeId id : ids) {
    auto n = g.GetNode(id);
    if (n.ok() && NormalizeName(n->props.value("name", std::string())) == norm) display = true;
  }
  if (!display && norm.find(' ') == std::string::npos) KG_RETURN_IF_ERROR(TrailingWordMatches(g, norm, &ids));
  if (ids.empty()) {
    KG_ASSIGN_OR_RETURN(ids, g.LookupNamePrefix(norm, 20));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) {
    std::string msg = "no entity named \"" + name + "\"";
    const std::vector<std::string> close = Suggestions(g, norm);
    for (std::size_t i = 0; i < close.size(); ++i)
      msg += (i ? ", \"" : "; did you mean \"") + close[i] + "\"";
    if (!close.empty()) msg += "?";
    return Status::NotFound(msg);
  }
  EntityMatch m;
  m.candidates = std::move(ids);
  if (m.candidates.size() == 1) {
    m.resolved = m.candidates[0];
    return m;
  }
  // Prefer an entity whose display name equals the query exactly.
  std::vector<NodeId> exact;
  for (NodeId id : m.candidates) {
    auto n = g.GetNode(id);
    if (n.ok() && NormalizeName(n->props.value("name", std::string())) == norm) exact.push_back(id);
  }
  if (exact.size() == 1) m.resolved = exact[0];
  return m;
}

Result<NodeId> ResolveEntity(const Graph& g, const std::string& name,
                             const std::vector<std::string>& extra_ids) {
  KG_ASSIGN_OR_RETURN(EntityMatch m, MatchEntity(g, name, extra_ids));
  if (m.resolved) return *m.resolved;
  const auto& ids = m.candidates;
  std::string msg = "\"" + name + "\" is ambiguous, candidates:";
  for (std::size_t i = 0; i < ids.size() && i < 10; ++i) msg += (i ? ", " : " ") + DisplayName(g, ids[i]);
  msg += " (give the full name or the id)";
  return Status::InvalidArgument(msg);
}

Status Neighbors(const Graph& g, NodeId start, const NeighborOptions& o,
                 std::vector<NeighborHit>* out) {
  std::unordered_set<std::string> types;
  for (const auto& p : o.predicates) types.insert(RelTypeForPredicate(p));
  const bool co = o.include_co_mentions || types.count("CO_MENTIONED");
  std::unordered_set<NodeId> seen = {start};
  std::deque<std::pair<NodeId, int>> queue = {{start, 0}};
  std::vector<AdjEntry> adj;
  while (!queue.empty()) {
    auto [node, d] = queue.front();
    queue.pop_front();
    if (d >= o.depth) continue;
    adj.clear();
    KG_RETURN_IF_ERROR(g.Adjacent(node, o.direction, "", &adj));
    // Every relationship to a newly found node is kept with its hit, so all
    // relation types between two entities are reported, not just the first.
    std::vector<std::size_t> fresh;  // hits found from this node, in discovery order
    std::unordered_map<NodeId, std::size_t> hit_of;
    for (const auto& a : adj) {
      if (!types.empty() && !types.count(a.type)) continue;
      if (a.type == "CO_MENTIONED" && !co) continue;
      if (auto it = hit_of.find(a.other); it != hit_of.end()) {
        (*out)[it->second].rels.push_back(a);
        continue;
      }
      if (out->size() >= o.limit) continue;
      if (!seen.insert(a.other).second) continue;
      hit_of[a.other] = out->size();
      NeighborHit h{a.other, d + 1, node, a.rel, a.type, a.outgoing, {a}};
      out->push_back(std::move(h));
      fresh.push_back(out->size() - 1);
    }
    for (std::size_t i : fresh) queue.push_back({(*out)[i].node, d + 1});
  }
  return Status::OK();
}

}  // namespace kg
