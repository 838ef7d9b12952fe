// Pattern matcher: backtracking over the pattern parts of one MATCH (or a
// pattern expression). Each part starts at its cheapest anchor node — a bound
// variable, else a node with a {name: ...} / {id: ...} property (name index),
// else a label scan, else all nodes — and expands along Adjacent() in both
// directions from there. Relationships are unique within one match.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

struct Step {
  enum Kind { kBind, kExpand, kShortest } kind;
  int node = 0;       // kBind
  int rel = 0;        // kExpand / kShortest
  int from = 0, to = 0;
  bool forward = true;
};

Direction GraphDir(RelDir d, bool forward) {
  if (d == RelDir::kBoth) return Direction::kBoth;
  bool right = (d == RelDir::kRight) == forward;
  return right ? Direction::kOut : Direction::kIn;
}

class Matcher {
 public:
  Matcher(const Pattern& p, Row& row, ExecContext& ctx, const std::function<Status(Row&)>& emit,
          const DateRange* date_range)
      : p_(p), row_(row), ctx_(ctx), emit_(emit), date_range_(date_range) {}

  Status Run() {
    int max_slot = 0;
    for (const auto& part : p_.parts) {
      max_slot = std::max(max_slot, part.path_slot);
      for (const auto& n : part.nodes) max_slot = std::max(max_slot, n.slot);
      for (const auto& r : part.rels) max_slot = std::max(max_slot, r.slot);
    }
    if (row_.size() <= static_cast<size_t>(max_slot)) row_.resize(max_slot + 1);
    bound_.assign(row_.size(), 0);
    for (const auto& part : p_.parts) {
      for (const auto& n : part.nodes)
        if (n.bound) bound_[n.slot] = 1;
      for (const auto& r : part.rels)
        if (r.bound) bound_[r.slot] = 1;
    }
    return Part(0);
  }

 private:
  int Score(const NodePattern& n) const {
    if (bound_[n.slot]) return 100;
    if (n.props) {
      for (const auto& k : n.props->keys)
        if (k == "name" || k == "id") return 50;
    }
    return n.labels.empty() ? 0 : 10;
  }

  // A lone relationship between two unbound, unanchored nodes, (a)-[r]->(b):
  // one pass over the relationships beats scanning every node's adjacency.
  bool UseRelScan(const PatternPart& part) const {
    // Directed only: an undirected scan would emit every relationship twice in
    // relationship order, which defeats grouping by node (degree queries).
    if (part.kind != PatternPart::Kind::kNormal || part.rels.size() != 1 || part.rels[0].var_length ||
        part.rels[0].dir == RelDir::kBoth)
      return false;
    if (bound_[part.rels[0].slot]) return false;
    for (const auto& n : part.nodes)
      if (bound_[n.slot] || Score(n) > 0) return false;
    return part.nodes[0].slot != part.nodes[1].slot;
  }

  // The date index answers a lone relationship pattern whose nodes are not
  // anchored (bound, or looked up by name/id): (a:Person)-[r]-(b) WHERE r.date ...
  bool UseDateIndex(const PatternPart& part) const {
    if (!date_range_ || part.kind != PatternPart::Kind::kNormal || part.rels.size() != 1 ||
        part.rels[0].var_length || bound_[part.rels[0].slot])
      return false;
    for (const auto& n : part.nodes)
      if (bound_[n.slot] || Score(n) >= 50) return false;
    return part.nodes[0].slot != part.nodes[1].slot;
  }

  // Candidate relationships for RelScan: every relationship, or those the
  // date index holds in the range.
  Status ForEachRel(bool by_date, const std::function<bool(const Rel&)>& fn) {
    if (!by_date) return ctx_.graph->ScanRels(fn);
    Status inner;
    Status s =
        ctx_.graph->ScanRelsByDate(date_range_->from_day, date_range_->to_day, [&](RelId id) {
          auto rel = ctx_.GetRel(id);
          if (!rel.ok()) {
            inner = rel.status();
            return false;
          }
          const Rel copy = **rel;  // the cache may drop entries while the match goes on
          return fn(copy);
        });
    KG_RETURN_IF_ERROR(inner);
    return s;
  }

  Status RelScan(size_t pi, bool by_date = false) {
    const PatternPart& part = p_.parts[pi];
    const RelPattern& r = part.rels[0];
    const NodePattern& na = part.nodes[0];
    const NodePattern& nb = part.nodes[1];
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(r.props.get()));
    KG_ASSIGN_OR_RETURN(Map want_a, PropsOf(na.props.get()));
    KG_ASSIGN_OR_RETURN(Map want_b, PropsOf(nb.props.get()));
    std::vector<Step> done;  // no steps left: path building and the next part
    Status st;
    auto try_bind = [&](const Rel& rel, NodeId a, NodeId b) -> Status {
      KG_ASSIGN_OR_RETURN(bool ok_a, NodeMatches(a, na, want_a));
      if (!ok_a) return Status::OK();
      KG_ASSIGN_OR_RETURN(bool ok_b, NodeMatches(b, nb, want_b));
      if (!ok_b) return Status::OK();
      row_[na.slot] = Value::Node(a);
      row_[nb.slot] = Value::Node(b);
      row_[r.slot] = Value::Rel(rel.id, ctx_.InternType(rel.type));
      bound_[na.slot] = bound_[nb.slot] = bound_[r.slot] = 1;
      used_.push_back(rel.id);
      Status s = Steps(pi, done, 0);
      used_.pop_back();
      bound_[na.slot] = bound_[nb.slot] = bound_[r.slot] = 0;
      row_[na.slot] = row_[nb.slot] = row_[r.slot] = Value();
      return s;
    };
    Status scan = ForEachRel(by_date, [&](const Rel& rel) {
      st = ctx_.Tick();
      if (!st.ok()) return false;
      if (!r.types.empty() && std::find(r.types.begin(), r.types.end(), rel.type) == r.types.end())
        return true;
      if (std::find(used_.begin(), used_.end(), rel.id) != used_.end()) return true;
      if (!PropsMatch(rel.props, want, true)) return true;
      if (!by_date) ctx_.PutRel(rel);
      // Symmetric types (MEETS, ...) match a directed pattern either way round.
      const bool sym = r.dir != RelDir::kBoth && IsSymmetricRelType(rel.type);
      if (r.dir != RelDir::kLeft || sym) st = try_bind(rel, rel.src, rel.dst);
      if (st.ok() && (r.dir != RelDir::kRight || sym) && (r.dir == RelDir::kLeft || rel.src != rel.dst))
        st = try_bind(rel, rel.dst, rel.src);
      return st.ok();
    });
    KG_RETURN_IF_ERROR(st);
    return scan;
  }

  Status Part(size_t pi) {
    if (pi == p_.parts.size()) return emit_(row_);
    const PatternPart& part = p_.parts[pi];
    if (pi == 0 && UseDateIndex(part)) return RelScan(pi, /*by_date=*/true);
    if (UseRelScan(part)) return RelScan(pi);
    std::vector<Step> steps;
    if (part.kind != PatternPart::Kind::kNormal) {
      steps.push_back({Step::kBind, 0, 0, 0, 0, true});
      steps.push_back({Step::kBind, 1, 0, 0, 0, true});
      steps.push_back({Step::kShortest, 0, 0, 0, 1, true});
    } else {
      int a = 0, best = -1;
      for (size_t i = 0; i < part.nodes.size(); ++i) {
        int s = Score(part.nodes[i]);
        if (s > best) best = s, a = static_cast<int>(i);
      }
      steps.push_back({Step::kBind, a, 0, 0, 0, true});
      for (int i = a; i + 1 < static_cast<int>(part.nodes.size()); ++i)
        steps.push_back({Step::kExpand, 0, i, i, i + 1, true});
      for (int i = a - 1; i >= 0; --i) steps.push_back({Step::kExpand, 0, i, i + 1, i, false});
    }
    return Steps(pi, steps, 0);
  }

  Status Steps(size_t pi, const std::vector<Step>& steps, size_t si) {
    KG_RETURN_IF_ERROR(ctx_.Tick());
    const PatternPart& part = p_.parts[pi];
    if (si == steps.size()) {
      if (part.path_slot >= 0) {
        KG_ASSIGN_OR_RETURN(row_[part.path_slot], BuildPath(part, row_, ctx_));
      }
      return Part(pi + 1);
    }
    const Step& st = steps[si];
    switch (st.kind) {
      case Step::kBind: return Bind(pi, steps, si);
      case Step::kExpand:
        if (!part.rels[st.rel].var_length) return Expand(pi, steps, si);
        return part.rels[st.rel].endpoints_only ? ExpandEndpoints(pi, steps, si) : ExpandVar(pi, steps, si);
      case Step::kShortest: return Shortest(pi, steps, si);
    }
    return Status::OK();
  }

  Result<Map> PropsOf(const Expr* props) {
    if (!props) return Map{};
    KG_ASSIGN_OR_RETURN(Value v, Eval(*props, row_, ctx_));
    if (!v.is_map()) return Map{};
    return v.as_map();
  }

  static bool PropsMatch(const nlohmann::json& props, const Map& want, bool rel = false) {
    for (const auto& [k, v] : want) {
      Value have;
      if (rel) {
        have = RelProperty(props, k);
      } else {
        auto it = props.find(k);
        have = it == props.end() ? Value::Null() : FromJson(*it);
      }
      Value eq = Equals(have, v);
      if (!eq.is_bool() || !eq.as_bool()) return false;
    }
    return true;
  }

  Result<bool> NodeMatches(NodeId id, const NodePattern& n, const Map& want) {
    if (n.labels.empty() && want.empty()) return true;
    if (want.empty()) {  // labels only: no need to decode the properties
      auto ok = ctx_.NodeHasLabels(id, n.labels);
      if (!ok.ok() && ok.status().IsNotFound()) return false;
      return ok;
    }
    auto node = ctx_.GetNode(id);
    if (!node.ok()) {
      if (node.status().IsNotFound()) return false;
      return node.status();
    }
    for (const auto& l : n.labels)
      if (std::find((*node)->labels.begin(), (*node)->labels.end(), l) == (*node)->labels.end())
        return false;
    return PropsMatch((*node)->props, want);
  }

  Status Bind(size_t pi, const std::vector<Step>& steps, size_t si) {
    const NodePattern& n = p_.parts[pi].nodes[steps[si].node];
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(n.props.get()));
    if (bound_[n.slot]) {
      const Value& v = row_[n.slot];
      if (v.is_null()) return Status::OK();
      if (!v.is_node()) return ctx_.Error(n.line, n.col, "variable `" + n.var + "` is not a node (TypeError)");
      KG_ASSIGN_OR_RETURN(bool ok, NodeMatches(v.node_id(), n, want));
      return ok ? Steps(pi, steps, si + 1) : Status::OK();
    }
    std::vector<NodeId> cands;
    auto name_it = want.find("name");
    auto id_it = want.find("id");
    if (id_it != want.end() && id_it->second.is_string() && !id_it->second.as_string().empty()) {
      KG_ASSIGN_OR_RETURN(auto hit, ctx_.graph->LookupEntityId(id_it->second.as_string()));
      if (hit) cands.push_back(*hit);
    } else if (name_it != want.end() && name_it->second.is_string() &&
               !NormalizeName(name_it->second.as_string()).empty()) {
      // The index is normalised (case, diacritics); NodeMatches verifies the exact value.
      KG_ASSIGN_OR_RETURN(cands, ctx_.graph->LookupName(name_it->second.as_string()));
      std::sort(cands.begin(), cands.end());
      cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    } else {
      Status s = ctx_.graph->ScanNodes(n.labels.empty() ? "" : n.labels[0], [&](const Node& node) {
        cands.push_back(node.id);
        return true;
      });
      KG_RETURN_IF_ERROR(s);
    }
    for (NodeId id : cands) {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      KG_ASSIGN_OR_RETURN(bool ok, NodeMatches(id, n, want));
      if (!ok) continue;
      row_[n.slot] = Value::Node(id);
      bound_[n.slot] = 1;
      Status s = Steps(pi, steps, si + 1);
      bound_[n.slot] = 0;
      row_[n.slot] = Value();
      KG_RETURN_IF_ERROR(s);
    }
    return Status::OK();
  }

  // Filters one adjacency entry against the relationship pattern.
  Result<bool> RelOk(const RelPattern& r, const AdjEntry& e, NodeId from, Direction d, const Map& want) {
    if (r.types.size() > 1 && std::find(r.types.begin(), r.types.end(), e.type) == r.types.end())
      return false;
    if (d == Direction::kBoth && e.other == from && !e.outgoing) return false;  // self-loop once
    if (std::find(used_.begin(), used_.end(), e.rel) != used_.end()) return false;
    if (!want.empty()) {
      KG_ASSIGN_OR_RETURN(const Rel* rel, ctx_.GetRel(e.rel));
      if (!PropsMatch(rel->props, want, true)) return false;
    }
    return true;
  }

  // Binds (or checks) the target node and continues.
  Status Target(size_t pi, const std::vector<Step>& steps, size_t si, NodeId other, const Map& want_node) {
    const NodePattern& t = p_.parts[pi].nodes[steps[si].to];
    if (bound_[t.slot]) {
      const Value& v = row_[t.slot];
      if (!v.is_node() || v.node_id() != other) return Status::OK();
      KG_ASSIGN_OR_RETURN(bool ok, NodeMatches(other, t, want_node));
      return ok ? Steps(pi, steps, si + 1) : Status::OK();
    }
    KG_ASSIGN_OR_RETURN(bool ok, NodeMatches(other, t, want_node));
    if (!ok) return Status::OK();
    row_[t.slot] = Value::Node(other);
    bound_[t.slot] = 1;
    Status s = Steps(pi, steps, si + 1);
    bound_[t.slot] = 0;
    row_[t.slot] = Value();
    return s;
  }

  Status Expand(size_t pi, const std::vector<Step>& steps, size_t si) {
    const Step& st = steps[si];
    const PatternPart& part = p_.parts[pi];
    const RelPattern& r = part.rels[st.rel];
    const Value& fv = row_[part.nodes[st.from].slot];
    if (!fv.is_node()) return Status::OK();
    NodeId from = fv.node_id();
    Direction d = GraphDir(r.dir, st.forward);
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(r.props.get()));
    KG_ASSIGN_OR_RETURN(Map want_node, PropsOf(part.nodes[st.to].props.get()));
    std::vector<AdjEntry> adj;
    KG_RETURN_IF_ERROR(ctx_.Adjacent(from, d, r.types.size() == 1 ? r.types[0] : "", &adj));
    for (const AdjEntry& e : adj) {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      if (bound_[r.slot]) {
        const Value& rv = row_[r.slot];
        if (!rv.is_rel() || rv.rel_id() != e.rel) continue;
      }
      KG_ASSIGN_OR_RETURN(bool ok, RelOk(r, e, from, d, want));
      if (!ok) continue;
      bool was_bound = bound_[r.slot];
      if (!was_bound) row_[r.slot] = Value::Rel(e.rel, ctx_.InternType(e.type));
      used_.push_back(e.rel);
      Status s = Target(pi, steps, si, e.other, want_node);
      used_.pop_back();
      if (!was_bound) row_[r.slot] = Value();
      KG_RETURN_IF_ERROR(s);
    }
    return Status::OK();
  }

  // [rs*] with rs bound to a list of relationships: the path follows exactly those.
  Status FollowList(size_t pi, const std::vector<Step>& steps, size_t si) {
    const Step& st = steps[si];
    const PatternPart& part = p_.parts[pi];
    const RelPattern& r = part.rels[st.rel];
    const Value& lv = row_[r.slot];
    if (!lv.is_list()) return Status::OK();
    const List& rels = lv.as_list();
    const int n = static_cast<int>(rels.size());
    if (n < r.min_hops || (r.max_hops >= 0 && n > r.max_hops)) return Status::OK();
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(r.props.get()));
    KG_ASSIGN_OR_RETURN(Map want_node, PropsOf(part.nodes[st.to].props.get()));
    NodeId cur = row_[part.nodes[st.from].slot].node_id();
    const Direction d = GraphDir(r.dir, st.forward);
    size_t pushed = 0;
    Status s;
    for (int i = 0; i < n && s.ok(); ++i) {
      const Value& rv = rels[st.forward ? i : n - 1 - i];
      if (!rv.is_rel() || std::find(used_.begin(), used_.end(), rv.rel_id()) != used_.end()) break;
      KG_ASSIGN_OR_RETURN(const Rel* rel, ctx_.GetRel(rv.rel_id()));
      if (!r.types.empty() && std::find(r.types.begin(), r.types.end(), rel->type) == r.types.end())
        break;
      if (!PropsMatch(rel->props, want, true)) break;
      NodeId next;
      if (d != Direction::kIn && rel->src == cur)
        next = rel->dst;
      else if (d != Direction::kOut && rel->dst == cur)
        next = rel->src;
      else
        break;
      used_.push_back(rel->id);
      ++pushed;
      cur = next;
      if (i == n - 1) s = Target(pi, steps, si, cur, want_node);
    }
    if (n == 0) s = Target(pi, steps, si, cur, want_node);
    used_.resize(used_.size() - pushed);
    return s;
  }

  Status ExpandVar(size_t pi, const std::vector<Step>& steps, size_t si) {
    const Step& st = steps[si];
    const PatternPart& part = p_.parts[pi];
    const RelPattern& r = part.rels[st.rel];
    const Value& fv = row_[part.nodes[st.from].slot];
    if (!fv.is_node()) return Status::OK();
    if (bound_[r.slot]) return FollowList(pi, steps, si);
    Direction d = GraphDir(r.dir, st.forward);
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(r.props.get()));
    KG_ASSIGN_OR_RETURN(Map want_node, PropsOf(part.nodes[st.to].props.get()));
    bool unbounded = r.max_hops < 0;
    int max = unbounded ? ctx_.opts.max_var_length : r.max_hops;
    std::vector<RelId> path;
    std::function<Status(NodeId, int)> dfs = [&](NodeId cur, int depth) -> Status {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      if (depth >= r.min_hops) {
        List rels;
        // Relationships in pattern order: reversed when expanding backwards.
        if (st.forward) for (RelId id : path) rels.push_back(Value::Rel(id));
        else for (auto it = path.rbegin(); it != path.rend(); ++it) rels.push_back(Value::Rel(*it));
        row_[r.slot] = Value::FromList(std::move(rels));
        KG_RETURN_IF_ERROR(Target(pi, steps, si, cur, want_node));
      }
      // At the bound only an unbounded pattern still looks further (once), to warn.
      if (depth >= max && (!unbounded || truncated_)) return Status::OK();
      std::vector<AdjEntry> adj;
      KG_RETURN_IF_ERROR(ctx_.Adjacent(cur, d, r.types.size() == 1 ? r.types[0] : "", &adj));
      for (const AdjEntry& e : adj) {
        KG_ASSIGN_OR_RETURN(bool ok, RelOk(r, e, cur, d, want));
        if (!ok) continue;
        if (depth >= max) {
          if (unbounded && !truncated_) {
            truncated_ = true;
            ctx_.warnings.push_back("a variable-length pattern without an upper bound was cut at " +
                                    std::to_string(max) + " hops (raise with --max-hops N, or write *1..N)");
          }
          break;
        }
        used_.push_back(e.rel);
        path.push_back(e.rel);
        Status s = dfs(e.other, depth + 1);
        path.pop_back();
        used_.pop_back();
        KG_RETURN_IF_ERROR(s);
      }
      return Status::OK();
    };
    Status s = dfs(fv.node_id(), 0);
    row_[r.slot] = Value();
    return s;
  }

  // ExpandVar for RelPattern::endpoints_only: every node at BFS distance
  // min_hops..max once (a shortest path is a trail, so it is reachable by a
  // relationship-unique path of that length iff its distance is within the
  // bound). The start itself (with min_hops 1) only when a closed trail of at
  // most max hops returns to it, i.e. it lies on a cycle that short: a
  // relationship back into it (directed, asymmetric types only: the planner
  // sees to it), or a relationship joining two BFS
  // branches (undirected; branch = the first relationship of the tree path).
  Status ExpandEndpoints(size_t pi, const std::vector<Step>& steps, size_t si) {
    const Step& st = steps[si];
    const PatternPart& part = p_.parts[pi];
    const RelPattern& r = part.rels[st.rel];
    const Value& fv = row_[part.nodes[st.from].slot];
    if (!fv.is_node()) return Status::OK();
    const NodeId start = fv.node_id();
    const Direction d = GraphDir(r.dir, st.forward);
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(r.props.get()));
    KG_ASSIGN_OR_RETURN(Map want_node, PropsOf(part.nodes[st.to].props.get()));
    const bool unbounded = r.max_hops < 0;
    const int max = unbounded ? ctx_.opts.max_var_length : r.max_hops;
    struct Seen {
      int dist;
      RelId branch;
    };
    std::unordered_map<NodeId, Seen> seen = {{start, {0, 0}}};
    std::vector<NodeId> order, frontier = {start}, next;
    int cycle = -1;  // length of the shortest closed trail through start found
    std::vector<AdjEntry> adj;
    for (int depth = 0; !frontier.empty(); ++depth) {
      if (depth >= max) {
        if (unbounded && !truncated_) {  // as ExpandVar: warn when paths would go on
          for (NodeId u : frontier) {
            KG_RETURN_IF_ERROR(ctx_.Adjacent(u, d, r.types.size() == 1 ? r.types[0] : "", &adj));
            bool more = false;
            for (const AdjEntry& e : adj) {
              KG_ASSIGN_OR_RETURN(bool ok, RelOk(r, e, u, d, want));
              if (ok && !seen.count(e.other)) more = true;
            }
            if (!more) continue;
            truncated_ = true;
            ctx_.warnings.push_back("a variable-length pattern without an upper bound was cut at " +
                                    std::to_string(max) + " hops (raise with --max-hops N, or write *1..N)");
            break;
          }
        }
        break;
      }
      next.clear();
      for (NodeId u : frontier) {
        KG_RETURN_IF_ERROR(ctx_.Tick());
        KG_RETURN_IF_ERROR(ctx_.Adjacent(u, d, r.types.size() == 1 ? r.types[0] : "", &adj));
        const Seen su = seen[u];
        for (const AdjEntry& e : adj) {
          KG_ASSIGN_OR_RETURN(bool ok, RelOk(r, e, u, d, want));
          if (!ok) continue;
          const RelId bu = u == start ? e.rel : su.branch;
          auto it = seen.find(e.other);
          if (it == seen.end()) {
            seen.emplace(e.other, Seen{depth + 1, bu});
            next.push_back(e.other);
            order.push_back(e.other);
            continue;
          }
          int len = -1;
          if (e.other == start && u == start) len = 1;  // self-loop
          else if (d != Direction::kBoth) len = e.other == start ? depth + 1 : -1;
          else if ((e.other == start ? e.rel : it->second.branch) != bu) len = depth + it->second.dist + 1;
          if (len > 0 && (cycle < 0 || len < cycle)) cycle = len;
        }
      }
      frontier.swap(next);
    }
    row_[r.slot] = Value();
    if (r.min_hops == 0 || (cycle > 0 && cycle <= max)) KG_RETURN_IF_ERROR(Target(pi, steps, si, start, want_node));
    for (NodeId v : order) KG_RETURN_IF_ERROR(Target(pi, steps, si, v, want_node));
    return Status::OK();
  }

  Status Shortest(size_t pi, const std::vector<Step>& steps, size_t si) {
    const PatternPart& part = p_.parts[pi];
    const RelPattern& r = part.rels[0];
    const Value& av = row_[part.nodes[0].slot];
    const Value& bv = row_[part.nodes[1].slot];
    if (!av.is_node() || !bv.is_node()) return Status::OK();
    NodeId a = av.node_id(), b = bv.node_id();
    Direction d = GraphDir(r.dir, true);
    KG_ASSIGN_OR_RETURN(Map want, PropsOf(r.props.get()));
    int max = r.var_length ? (r.max_hops < 0 ? 1 << 30 : r.max_hops) : 1;
    bool all = part.kind == PatternPart::Kind::kAllShortest;
    auto emit_path = [&](const std::vector<RelId>& rels) -> Status {
      if (r.var_length) {
        List l;
        for (RelId id : rels) l.push_back(Value::Rel(id));
        row_[r.slot] = Value::FromList(std::move(l));
      } else {
        row_[r.slot] = Value::Rel(rels.at(0));
      }
      Status s = Steps(pi, steps, si + 1);
      row_[r.slot] = Value();
      return s;
    };
    if (a == b) {
      if (r.var_length && r.min_hops == 0) return emit_path({});
      return Status::OK();
    }
    std::unordered_map<NodeId, int> dist;
    std::unordered_map<NodeId, std::vector<std::pair<NodeId, RelId>>> parents;
    std::vector<NodeId> frontier = {a};
    dist[a] = 0;
    int depth = 0;
    std::vector<AdjEntry> adj;
    while (!frontier.empty() && !dist.count(b) && depth < max) {
      std::vector<NodeId> next;
      for (NodeId u : frontier) {
        KG_RETURN_IF_ERROR(ctx_.Tick());
        KG_RETURN_IF_ERROR(ctx_.Adjacent(u, d, r.types.size() == 1 ? r.types[0] : "", &adj));
        for (const AdjEntry& e : adj) {
          KG_ASSIGN_OR_RETURN(bool ok, RelOk(r, e, u, d, want));
          if (!ok) continue;
          auto it = dist.find(e.other);
          if (it == dist.end()) {
            dist[e.other] = depth + 1;
            parents[e.other].push_back({u, e.rel});
            next.push_back(e.other);
          } else if (it->second == depth + 1) {
            parents[e.other].push_back({u, e.rel});
          }
        }
      }
      frontier = std::move(next);
      ++depth;
    }
    if (!dist.count(b)) return Status::OK();
    // Enumerate paths from b back to a.
    std::vector<RelId> rev;
    bool done = false;
    std::function<Status(NodeId)> back = [&](NodeId v) -> Status {
      if (done) return Status::OK();
      if (v == a) {
        std::vector<RelId> rels(rev.rbegin(), rev.rend());
        if (!all) done = true;
        return emit_path(rels);
      }
      for (const auto& [u, rel] : parents[v]) {
        rev.push_back(rel);
        Status s = back(u);
        rev.pop_back();
        KG_RETURN_IF_ERROR(s);
        if (done) break;
      }
      return Status::OK();
    };
    return back(b);
  }

  const Pattern& p_;
  Row& row_;
  ExecContext& ctx_;
  const std::function<Status(Row&)>& emit_;
  const DateRange* date_range_;
  std::vector<char> bound_;
  std::vector<RelId> used_;
  bool truncated_ = false;
};

}  // namespace

Status MatchPattern(const Pattern& pattern, Row& row, ExecContext& ctx,
                    const std::function<Status(Row&)>& emit, const DateRange* date_range) {
  Matcher m(pattern, row, ctx, emit, date_range);
  return m.Run();
}

Result<Value> BuildPath(const PatternPart& part, const Row& row, ExecContext& ctx) {
  PathVal p;
  const Value& start = row[part.nodes[0].slot];
  if (!start.is_node()) return Value::Null();
  NodeId cur = start.node_id();
  p.nodes.push_back(cur);
  auto step = [&](RelId id) -> Status {
    KG_ASSIGN_OR_RETURN(const Rel* r, ctx.GetRel(id));
    cur = r->src == cur ? r->dst : r->src;
    p.rels.push_back(id);
    p.nodes.push_back(cur);
    return Status::OK();
  };
  for (const auto& r : part.rels) {
    const Value& v = row[r.slot];
    if (v.is_rel()) {
      KG_RETURN_IF_ERROR(step(v.rel_id()));
    } else if (v.is_list()) {
      for (const auto& x : v.as_list())
        if (x.is_rel()) KG_RETURN_IF_ERROR(step(x.rel_id()));
    } else {
      return Value::Null();
    }
  }
  return Value::Path(std::move(p));
}

}  // namespace kg::cypher
