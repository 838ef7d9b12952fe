// Write operators: CREATE, MERGE, SET, REMOVE, DELETE / DETACH DELETE, on the
// Graph's generic write API, inside the query's transaction (engine.cpp).
// Writes are eager: all input rows are collected first, so a clause never
// sees its own effects while reading.
#include <algorithm>
#include <optional>
#include <set>

#include "query/cypher/ops.h"

namespace kg::cypher {

namespace {

// Property map to store: nulls dropped, values checked.
Result<nlohmann::json> StorableProps(const Value& m, ExecContext& ctx, const Expr& at) {
  nlohmann::json j = nlohmann::json::object();
  if (m.is_null()) return j;
  if (!m.is_map()) return ctx.Error(at.line, at.col, "expected a property map (TypeError)");
  for (const auto& [k, v] : m.as_map()) {
    if (v.is_null()) continue;
    if (!IsStorable(v))
      return ctx.Error(at.line, at.col, "property '" + k + "' cannot store a " + TypeName(v.type()) +
                                            " (InvalidPropertyType)");
    j[k] = ToJson(v);
  }
  return j;
}

std::optional<std::string> EntityId(const nlohmann::json& props) {
  auto it = props.find("id");
  if (it == props.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    return std::nullopt;
  return it->get<std::string>();
}

// A node's string `id` is its entity id: kg ingest and kg load find entities
// by it, so it never changes once set and no two nodes share one.
// `before` is null for a new node; `self` is 0 then.
Status CheckEntityId(ExecContext& ctx, const nlohmann::json* before, const nlohmann::json& after,
                     NodeId self, const Expr& at) {
  const auto was = before ? EntityId(*before) : std::nullopt;
  const auto now = EntityId(after);
  if (was && was != now)
    return ctx.Error(at.line, at.col,
                     "property `id` ('" + *was +
                         "') is the entity id of this node and cannot be changed or removed; "
                         "create a new node instead (ConstraintValidationFailed)");
  if (!was && now) {
    KG_ASSIGN_OR_RETURN(std::optional<NodeId> other, ctx.graph->LookupEntityId(*now));
    if (other && *other != self)
      return ctx.Error(at.line, at.col,
                       "a node with id '" + *now + "' already exists (ConstraintValidationFailed)");
  }
  return Status::OK();
}

}  // namespace

Status WriteOp::Create(const Pattern& p, Row& row) {
  std::set<int> made;
  for (const auto& part : p.parts) {
    for (const auto& n : part.nodes) {
      if (row.size() <= static_cast<size_t>(n.slot)) row.resize(n.slot + 1);
      if (n.bound || made.count(n.slot)) {
        if (!row[n.slot].is_node())
          return ctx_.Error(n.line, n.col, "cannot create a relationship to a null node (TypeError)");
        continue;
      }
      nlohmann::json props = nlohmann::json::object();
      if (n.props) {
        KG_ASSIGN_OR_RETURN(Value m, Eval(*n.props, row, ctx_));
        KG_ASSIGN_OR_RETURN(props, StorableProps(m, ctx_, *n.props));
        KG_RETURN_IF_ERROR(CheckEntityId(ctx_, nullptr, props, 0, *n.props));
      }
      KG_ASSIGN_OR_RETURN(NodeId id, ctx_.graph->CreateNode(n.labels, props));
      ++ctx_.stats.nodes_created;
      ctx_.stats.props_set += props.size();
      ctx_.stats.labels_added += n.labels.size();
      row[n.slot] = Value::Node(id);
      made.insert(n.slot);
    }
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const RelPattern& r = part.rels[i];
      if (row.size() <= static_cast<size_t>(r.slot)) row.resize(r.slot + 1);
      NodeId a = row[part.nodes[i].slot].node_id(), b = row[part.nodes[i + 1].slot].node_id();
      if (r.dir == RelDir::kLeft) std::swap(a, b);
      nlohmann::json props = nlohmann::json::object();
      if (r.props) {
        KG_ASSIGN_OR_RETURN(Value m, Eval(*r.props, row, ctx_));
        KG_ASSIGN_OR_RETURN(props, StorableProps(m, ctx_, *r.props));
      }
      KG_ASSIGN_OR_RETURN(RelId id, ctx_.graph->CreateRel(a, b, r.types.at(0), props));
      ++ctx_.stats.rels_created;
      ctx_.stats.props_set += props.size();
      row[r.slot] = Value::Rel(id);
    }
    if (part.path_slot >= 0) {
      if (row.size() <= static_cast<size_t>(part.path_slot)) row.resize(part.path_slot + 1);
      KG_ASSIGN_OR_RETURN(row[part.path_slot], BuildPath(part, row, ctx_));
    }
  }
  return Status::OK();
}

Status WriteOp::ApplySet(const SetItem& s, Row& row, bool remove) {
  const Expr& target_expr = s.kind == SetItem::Kind::kProperty ? *s.target->kids[0] : *s.target;
  KG_ASSIGN_OR_RETURN(Value target, Eval(target_expr, row, ctx_));
  if (target.is_null()) return Status::OK();
  if (!target.is_node() && !target.is_rel())
    return ctx_.Error(target_expr.line, target_expr.col,
                      std::string("SET/REMOVE needs a node or relationship, got ") + TypeName(target.type()) +
                          " (InvalidArgumentType)");
  bool node = target.is_node();
  nlohmann::json props, before;
  std::vector<std::string> labels;
  if (node) {
    KG_ASSIGN_OR_RETURN(Node n, ctx_.graph->GetNode(target.node_id()));
    props = n.props;
    before = n.props;
    labels = n.labels;
  } else {
    KG_ASSIGN_OR_RETURN(Rel r, ctx_.graph->GetRel(target.rel_id()));
    props = r.props;
  }
  if (s.kind == SetItem::Kind::kLabels) {
    if (!node) return ctx_.Error(target_expr.line, target_expr.col, "labels apply to nodes only");
    for (const auto& l : s.labels) {
      auto it = std::find(labels.begin(), labels.end(), l);
      if (remove && it != labels.end()) {
        labels.erase(it);
        ++ctx_.stats.labels_removed;
      } else if (!remove && it == labels.end()) {
        labels.push_back(l);
        ++ctx_.stats.labels_added;
      }
    }
    KG_RETURN_IF_ERROR(ctx_.graph->SetNodeLabels(target.node_id(), labels));
    ctx_.Forget(target.node_id());
    return Status::OK();
  }
  KG_ASSIGN_OR_RETURN(Value v, Eval(*s.value, row, ctx_));
  if (s.kind == SetItem::Kind::kProperty) {
    const std::string& key = s.target->name;
    if (v.is_null()) {
      props.erase(key);
    } else {
      if (!IsStorable(v))
        return ctx_.Error(s.value->line, s.value->col, std::string("cannot store a ") + TypeName(v.type()) +
                                                           " as a property (InvalidPropertyType)");
      props[key] = ToJson(v);
      ++ctx_.stats.props_set;
    }
  } else {
    Value m = v;
    if (v.is_node()) {
      KG_ASSIGN_OR_RETURN(const Node* n, ctx_.GetNode(v.node_id()));
      m = PropsToMap(n->props);
    } else if (v.is_rel()) {
      KG_ASSIGN_OR_RETURN(const Rel* r, ctx_.GetRel(v.rel_id()));
      m = PropsToMap(r->props);
    }
    if (!m.is_map() && !m.is_null())
      return ctx_.Error(s.value->line, s.value->col, "SET = / += expects a map (TypeError)");
    if (s.kind == SetItem::Kind::kReplace) props = nlohmann::json::object();
    if (m.is_map()) {
      for (const auto& [k, x] : m.as_map()) {
        if (x.is_null()) {
          props.erase(k);
          continue;
        }
        if (!IsStorable(x))
          return ctx_.Error(s.value->line, s.value->col, "property '" + k + "' cannot be stored (InvalidPropertyType)");
        props[k] = ToJson(x);
        ++ctx_.stats.props_set;
      }
    }
  }
  if (node) {
    KG_RETURN_IF_ERROR(CheckEntityId(ctx_, &before, props, target.node_id(), target_expr));
    KG_RETURN_IF_ERROR(ctx_.graph->SetNodeProps(target.node_id(), props));
    ctx_.Forget(target.node_id());
  } else {
    KG_RETURN_IF_ERROR(ctx_.graph->SetRelProps(target.rel_id(), props));
    ctx_.ForgetRel(target.rel_id());
  }
  return Status::OK();
}

Status WriteOp::Merge(Row& row, std::vector<Row>* out) {
  // MERGE cannot match on null: {num: null} would never match and create anew each time.
  auto no_nulls = [&](const Expr* props) -> Status {
    if (!props) return Status::OK();
    KG_ASSIGN_OR_RETURN(Value m, Eval(*props, row, ctx_));
    if (!m.is_map()) return Status::OK();
    for (const auto& [k, v] : m.as_map())
      if (v.is_null())
        return ctx_.Error(
            props->line, props->col,
            "cannot MERGE on a null property value (`" + k + "`) (MergeReadOwnWrites)");
    return Status::OK();
  };
  for (const auto& part : c_.pattern.parts) {
    for (const auto& n : part.nodes) KG_RETURN_IF_ERROR(no_nulls(n.props.get()));
    for (const auto& r : part.rels) KG_RETURN_IF_ERROR(no_nulls(r.props.get()));
  }
  std::vector<Row> found;
  Row probe = row;
  KG_RETURN_IF_ERROR(MatchPattern(c_.pattern, probe, ctx_, [&](Row& m) -> Status {
    found.push_back(m);
    return Status::OK();
  }));
  if (found.empty()) {
    Row r = row;
    KG_RETURN_IF_ERROR(Create(c_.pattern, r));
    for (const auto& s : c_.on_create) KG_RETURN_IF_ERROR(ApplySet(s, r, false));
    out->push_back(std::move(r));
    return Status::OK();
  }
  for (auto& m : found) {
    for (const auto& s : c_.on_match) KG_RETURN_IF_ERROR(ApplySet(s, m, false));
    out->push_back(std::move(m));
  }
  return Status::OK();
}

Status WriteOp::Delete(std::vector<Row>& rows) {
  std::set<RelId> rels;
  std::vector<NodeId> nodes;
  std::set<NodeId> seen;
  std::function<Status(const Value&, const Expr&)> collect = [&](const Value& v, const Expr& e) -> Status {
    if (v.is_null()) return Status::OK();
    if (v.is_node()) {
      if (seen.insert(v.node_id()).second) nodes.push_back(v.node_id());
    } else if (v.is_rel()) {
      rels.insert(v.rel_id());
    } else if (v.is_path()) {
      for (auto r : v.as_path().rels) rels.insert(r);
      for (auto n : v.as_path().nodes)
        if (seen.insert(n).second) nodes.push_back(n);
    } else if (v.is_list()) {
      for (const auto& x : v.as_list()) KG_RETURN_IF_ERROR(collect(x, e));
    } else {
      return ctx_.Error(e.line, e.col, std::string("DELETE expects a node, relationship or path, got ") +
                                           TypeName(v.type()) + " (InvalidArgumentType)");
    }
    return Status::OK();
  };
  for (auto& row : rows)
    for (const auto& e : c_.exprs) {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e, row, ctx_));
      KG_RETURN_IF_ERROR(collect(v, *e));
    }
  for (RelId r : rels) {
    if (auto rel = ctx_.GetRel(r); rel.ok()) ctx_.RememberDeleted(**rel);
    Status s = ctx_.graph->DeleteRel(r);
    if (s.IsNotFound()) continue;
    KG_RETURN_IF_ERROR(s);
    ++ctx_.stats.rels_deleted;
    ctx_.ForgetRel(r);
  }
  for (NodeId n : nodes) {
    if (c_.detach) {
      std::vector<AdjEntry> adj;
      KG_RETURN_IF_ERROR(ctx_.graph->Adjacent(n, Direction::kBoth, "", &adj));
      std::set<RelId> mine;
      for (const auto& a : adj) mine.insert(a.rel);
      ctx_.stats.rels_deleted += mine.size();
    }
    Status s = ctx_.graph->DeleteNode(n, c_.detach);
    if (s.IsNotFound()) continue;
    if (!s.ok() && s.code() == Status::Code::kInvalidArgument)
      return ctx_.Error(c_.line, c_.col, "cannot delete a node that still has relationships; use DETACH DELETE (DeleteConnectedNode)");
    KG_RETURN_IF_ERROR(s);
    ++ctx_.stats.nodes_deleted;
    ctx_.Forget(n);
  }
  return Status::OK();
}

Status WriteOp::Finish() {
  if (ctx_.opts.read_only)
    return ctx_.Error(c_.line, c_.col, "this query writes to the graph, but the graph was opened read-only");
  std::vector<Row> out;
  if (c_.kind == Clause::Kind::kDelete) {
    KG_RETURN_IF_ERROR(Delete(rows_));
    out = std::move(rows_);
  } else {
    for (auto& row : rows_) {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      switch (c_.kind) {
        case Clause::Kind::kCreate:
          KG_RETURN_IF_ERROR(Create(c_.pattern, row));
          out.push_back(std::move(row));
          break;
        case Clause::Kind::kMerge:
          KG_RETURN_IF_ERROR(Merge(row, &out));
          break;
        case Clause::Kind::kSet:
        case Clause::Kind::kRemove:
          for (const auto& s : c_.sets)
            KG_RETURN_IF_ERROR(ApplySet(s, row, c_.kind == Clause::Kind::kRemove));
          out.push_back(std::move(row));
          break;
        default:
          break;
      }
    }
  }
  rows_.clear();
  for (auto& row : out) {
    KG_RETURN_IF_ERROR(next->Push(row));
    if (next->Done()) break;
  }
  return next->Finish();
}

}  // namespace kg::cypher
