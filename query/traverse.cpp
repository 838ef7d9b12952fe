#include "query/traverse.h"

#include <algorithm>
#include <deque>
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

}  // namespace

Result<NodeId> ResolveEntity(const Graph& g, const std::string& name) {
  if (auto by_id = g.LookupEntityId(name); by_id.ok() && by_id->has_value()) return **by_id;
  std::string norm = NormalizeName(name);
  if (norm.empty()) return Status::InvalidArgument("empty entity name");
  KG_ASSIGN_OR_RETURN(std::vector<NodeId> ids, g.LookupName(norm));
  if (ids.empty()) {
    KG_ASSIGN_OR_RETURN(ids, g.LookupNamePrefix(norm, 20));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return Status::NotFound("no entity named \"" + name + "\"");
  if (ids.size() == 1) return ids[0];
  // Prefer an entity whose display name equals the query exactly.
  std::vector<NodeId> exact;
  for (NodeId id : ids) {
    auto n = g.GetNode(id);
    if (n.ok() && NormalizeName(n->props.value("name", std::string())) == norm) exact.push_back(id);
  }
  if (exact.size() == 1) return exact[0];
  std::string msg = "\"" + name + "\" is ambiguous, candidates:";
  for (std::size_t i = 0; i < ids.size() && i < 10; ++i) msg += (i ? ", " : " ") + DisplayName(g, ids[i]);
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
    for (const auto& a : adj) {
      if (!types.empty() && !types.count(a.type)) continue;
      if (a.type == "CO_MENTIONED" && !co) continue;
      if (!seen.insert(a.other).second) continue;
      out->push_back({a.other, d + 1, node, a.rel, a.type, a.outgoing});
      if (out->size() >= o.limit) return Status::OK();
      queue.push_back({a.other, d + 1});
    }
  }
  return Status::OK();
}

}  // namespace kg
