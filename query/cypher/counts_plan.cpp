// Whole-graph count questions answered from the counts kept as data
// (graph/counts.h) instead of matching every node or relationship:
//
//   MATCH (n[:L]) RETURN count(*)                          nodes, per label
//   MATCH ()-[r[:T|U]]->() [WHERE <type test>] RETURN count(r)
//   MATCH ()-[r]->() RETURN type(r), count(r) [ORDER BY ...] [LIMIT k]
//   MATCH (a[:L])-[r[:T]]-() [WHERE <type test>]
//     RETURN a.name|a|id(a), count(r) ORDER BY count DESC|ASC[, ...] LIMIT k
//
// A <type test> is type(r) = / <> 'X' and AND / OR / NOT of such tests.
// Results equal the matcher's: a directed pattern matches a relationship of a
// symmetric type (MEETS, ...) in both directions; `a.name` groups every node
// with the same name (nodes that share a name-index term with another node,
// or have none, are read to find their group; a node whose terms are all its
// own is its own group, which assumes that its `name` is a string that
// normalises to a term: true for everything ingest and kg load write, not
// necessarily for a non-string name set by Cypher). Anything else, and any
// graph with self-loops (their matching rules differ per pattern), goes to
// the general pipeline.
#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "query/cypher/counts_plan.h"

namespace kg::cypher {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsFunc(const Expr& e, const char* name) {
  return e.kind == ExprKind::kFunc && Lower(e.name) == name && e.kids.size() == 1 && !e.distinct;
}

bool IsVar(const Expr& e, const std::string& var) {
  return !var.empty() && e.kind == ExprKind::kVar && e.name == var;
}

// count(*) or count(v) of a variable that is never null in a match row.
bool IsRowCount(const Expr& e, const std::vector<std::string>& vars) {
  if (e.kind == ExprKind::kCountStar) return true;
  if (!IsFunc(e, "count")) return false;
  for (const auto& v : vars)
    if (IsVar(*e.kids[0], v)) return true;
  return false;
}

// Evaluates a WHERE made of tests on type(r) for one relationship type;
// nullopt when the expression is anything else.
std::optional<bool> TypeTest(const Expr* e, const std::string& rvar, const std::string& type) {
  if (!e) return true;
  auto is_type_of_r = [&](const Expr& x) { return IsFunc(x, "type") && IsVar(*x.kids[0], rvar); };
  auto str = [](const Expr& x) -> const Value* {
    return x.kind == ExprKind::kLiteral && x.value.is_string() ? &x.value : nullptr;
  };
  switch (e->kind) {
    case ExprKind::kEq:
    case ExprKind::kNe: {
      const Expr& l = *e->kids[0];
      const Expr& r = *e->kids[1];
      const Value* lit = is_type_of_r(l) ? str(r) : is_type_of_r(r) ? str(l) : nullptr;
      if (!lit) return std::nullopt;
      return (lit->as_string() == type) == (e->kind == ExprKind::kEq);
    }
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      auto a = TypeTest(e->kids[0].get(), rvar, type);
      auto b = TypeTest(e->kids[1].get(), rvar, type);
      if (!a || !b) return std::nullopt;
      return e->kind == ExprKind::kAnd ? (*a && *b) : (*a || *b);
    }
    case ExprKind::kNot: {
      auto a = TypeTest(e->kids[0].get(), rvar, type);
      if (!a) return std::nullopt;
      return !*a;
    }
    default: return std::nullopt;
  }
}

bool PlainNode(const NodePattern& n, std::size_t max_labels) {
  return !n.props && n.labels.size() <= max_labels && !n.bound;
}

// Which relationship types the pattern and WHERE admit.
struct TypeFilter {
  const RelPattern* rel;
  const Expr* where;
  std::optional<bool> Admits(const std::string& type) const {
    if (!rel->types.empty() && std::find(rel->types.begin(), rel->types.end(), type) == rel->types.end())
      return false;
    return TypeTest(where, rel->var, type);
  }
};

// Column index of a sort item: an alias of the RETURN, or an item's text.
int SortColumn(const Clause& ret, const SortItem& s) {
  for (std::size_t i = 0; i < ret.items.size(); ++i) {
    const auto& it = ret.items[i];
    if (s.expr->kind == ExprKind::kVar && s.expr->name == it.alias) return static_cast<int>(i);
    if (!s.expr->text.empty() && s.expr->text == it.expr->text) return static_cast<int>(i);
  }
  return -1;
}

class CountsPlan {
 public:
  CountsPlan(const Query& q, ExecContext& ctx, Op* sink) : q_(q), ctx_(ctx), sink_(sink) {}

  Result<bool> Run() {
    if (!ctx_.graph || !ctx_.graph->counts_kept() || q_.clauses.size() != 2 || !q_.unions.empty())
      return false;
    const Clause& m = q_.clauses[0];
    const Clause& ret = q_.clauses[1];
    if (m.kind != Clause::Kind::kMatch || m.optional || ret.kind != Clause::Kind::kReturn) return false;
    if (ret.distinct || ret.star || ret.skip || m.pattern.parts.size() != 1) return false;
    const PatternPart& part = m.pattern.parts[0];
    if (part.kind != PatternPart::Kind::kNormal || part.path_slot >= 0) return false;
    if (part.rels.empty()) return NodeCount(part, m, ret);
    if (part.rels.size() != 1) return false;
    const RelPattern& r = part.rels[0];
    if (r.var_length || r.props || r.bound) return false;
    KG_ASSIGN_OR_RETURN(uint64_t loops, ctx_.graph->CountSelfLoops());
    if (loops > 0) return false;
    if (part.nodes[0].slot == part.nodes[1].slot) return false;
    if (PlainNode(part.nodes[0], 0) && PlainNode(part.nodes[1], 0)) {
      KG_ASSIGN_OR_RETURN(bool done, RelCount(part, m, ret));
      if (done) return true;
    }
    return Degrees(part, m, ret);
  }

 private:
  Result<std::optional<int64_t>> Limit(const Clause& ret) {
    if (!ret.limit) return std::optional<int64_t>();
    Row empty;
    KG_ASSIGN_OR_RETURN(Value v, Eval(*ret.limit, empty, ctx_));
    if (!v.is_int() || v.as_int() < 0) return Status::NotFound("");  // let the pipeline report it
    return std::optional<int64_t>(v.as_int());
  }

  Status Emit(std::vector<Row>* rows, const Clause& ret, std::optional<int64_t> limit) {
    std::vector<std::pair<int, bool>> order;
    for (const auto& s : ret.order) order.emplace_back(SortColumn(ret, s), s.descending);
    std::stable_sort(rows->begin(), rows->end(), [&](const Row& a, const Row& b) {
      for (auto [c, desc] : order) {
        int cmp = OrderCompare(a[c], b[c]);
        if (cmp != 0) return desc ? cmp > 0 : cmp < 0;
      }
      return false;
    });
    int64_t n = 0;
    for (Row& row : *rows) {
      if (limit && n >= *limit) break;
      ++n;
      KG_RETURN_IF_ERROR(sink_->Push(row));
      if (sink_->Done()) break;
    }
    return Status::OK();
  }

  bool OrderOk(const Clause& ret) {
    for (const auto& s : ret.order)
      if (SortColumn(ret, s) < 0) return false;
    return true;
  }

  Result<bool> NodeCount(const PatternPart& part, const Clause& m, const Clause& ret) {
    const NodePattern& n = part.nodes[0];
    if (!PlainNode(n, 1) || m.where || ret.items.size() != 1) return false;
    if (!IsRowCount(*ret.items[0].expr, {n.var})) return false;
    // count(DISTINCT n) is the same number: every node is matched once.
    KG_ASSIGN_OR_RETURN(uint64_t c, ctx_.graph->CountNodes(n.labels.empty() ? "" : n.labels[0]));
    KG_ASSIGN_OR_RETURN(auto limit, Limit(ret));
    std::vector<Row> rows = {{Value::Int(static_cast<int64_t>(c))}};
    KG_RETURN_IF_ERROR(Emit(&rows, ret, limit));
    return true;
  }

  // Matches of (x)-[r]->(y) per relationship of `type`: directed patterns
  // match symmetric types both ways, undirected ones every type both ways.
  static uint64_t Multiplicity(RelDir dir, const std::string& type) {
    return dir == RelDir::kBoth || IsSymmetricRelType(type) ? 2 : 1;
  }

  Result<bool> RelCount(const PatternPart& part, const Clause& m, const Clause& ret) {
    const RelPattern& r = part.rels[0];
    const std::vector<std::string> vars = {part.nodes[0].var, part.nodes[1].var, r.var};
    int type_col = -1, count_col = -1;
    for (std::size_t i = 0; i < ret.items.size(); ++i) {
      const Expr& e = *ret.items[i].expr;
      if (IsRowCount(e, vars) && count_col < 0) {
        count_col = static_cast<int>(i);
      } else if (IsFunc(e, "type") && IsVar(*e.kids[0], r.var) && type_col < 0) {
        type_col = static_cast<int>(i);
      } else {
        return false;
      }
    }
    if (count_col < 0 || !OrderOk(ret)) return false;
    TypeFilter filter{&r, m.where.get()};
    std::vector<std::pair<std::string, uint64_t>> types;
    KG_RETURN_IF_ERROR(ctx_.graph->CountRelsByType(&types));
    std::vector<Row> rows;
    uint64_t total = 0;
    for (const auto& [t, n] : types) {
      auto ok = filter.Admits(t);
      if (!ok) return false;
      if (!*ok) continue;
      const uint64_t c = n * Multiplicity(r.dir, t);
      total += c;
      if (type_col >= 0) {
        Row row(ret.items.size());
        row[type_col] = Value::Str(t);
        row[count_col] = Value::Int(static_cast<int64_t>(c));
        rows.push_back(std::move(row));
      }
    }
    if (type_col < 0) rows = {{Value::Int(static_cast<int64_t>(total))}};
    KG_ASSIGN_OR_RETURN(auto limit, Limit(ret));
    KG_RETURN_IF_ERROR(Emit(&rows, ret, limit));
    return true;
  }

  // Degree ranking: one group per node (a, id(a)) or per name (a.name).
  Result<bool> Degrees(const PatternPart& part, const Clause& m, const Clause& ret) {
    const RelPattern& r = part.rels[0];
    // The grouped node is the one with a variable that the RETURN uses.
    int ai = -1;
    for (int i = 0; i < 2; ++i)
      if (!part.nodes[i].var.empty()) ai = ai < 0 ? i : -2;
    if (ai < 0) return false;
    const NodePattern& a = part.nodes[ai];
    const NodePattern& other = part.nodes[1 - ai];
    if (!PlainNode(a, 1) || !PlainNode(other, 0) || ret.items.size() != 2 || ret.order.empty())
      return false;
    enum class Key { kNode, kId, kName } key = Key::kNode;
    int key_col = -1, count_col = -1;
    for (std::size_t i = 0; i < 2; ++i) {
      const Expr& e = *ret.items[i].expr;
      if (IsRowCount(e, {a.var, r.var})) {
        count_col = static_cast<int>(i);
      } else if (IsVar(e, a.var)) {
        key = Key::kNode, key_col = static_cast<int>(i);
      } else if (IsFunc(e, "id") && IsVar(*e.kids[0], a.var)) {
        key = Key::kId, key_col = static_cast<int>(i);
      } else if (e.kind == ExprKind::kProperty && e.name == "name" && IsVar(*e.kids[0], a.var)) {
        key = Key::kName, key_col = static_cast<int>(i);
      }
    }
    if (key_col < 0 || count_col < 0 || !OrderOk(ret)) return false;
    // The first sort key must be the count: the ranking is decided by it.
    if (SortColumn(ret, ret.order[0]) != count_col) return false;
    const bool desc = ret.order[0].descending;
    KG_ASSIGN_OR_RETURN(auto limit, Limit(ret));
    if (!limit) return false;
    // Direction as seen from a: (a)-[r]->() counts a's outgoing relationships.
    RelDir dir = r.dir;
    if (ai == 1 && dir != RelDir::kBoth) dir = dir == RelDir::kRight ? RelDir::kLeft : RelDir::kRight;
    TypeFilter filter{&r, m.where.get()};
    std::unordered_map<std::string, bool> admits;
    bool unsupported = false;
    std::vector<std::pair<uint64_t, NodeId>> deg;  // (degree, node)
    KG_RETURN_IF_ERROR(ctx_.graph->ScanDegrees([&](NodeId id, const std::vector<keys::DegreeEntry>& rec) {
      uint64_t d = 0;
      for (const auto& e : rec) {
        auto it = admits.find(e.type);
        if (it == admits.end()) {
          auto ok = filter.Admits(e.type);
          if (!ok) {
            unsupported = true;
            return false;
          }
          it = admits.emplace(e.type, *ok).first;
        }
        if (!it->second) continue;
        const bool sym = IsSymmetricRelType(e.type);
        if (dir == RelDir::kBoth) d += e.out + e.in;
        else if (dir == RelDir::kRight) d += e.out + (sym ? e.in : 0);
        else d += e.in + (sym ? e.out : 0);
      }
      if (d > 0) deg.emplace_back(d, id);
      return true;
    }));
    if (unsupported) return false;
    KG_RETURN_IF_ERROR(ctx_.TickN(deg.size()));

    // Groups: one per node, except that with a.name nodes which may share
    // their name with another node (or are not in the name index) are read
    // and grouped by the name they have.
    struct Group {
      uint64_t count = 0;
      NodeId node = 0;  // a node group (checked against the label lazily)
      bool named = false;
      Value name;       // named groups: the value of a.name
    };
    std::vector<Group> groups;
    const std::string label = a.labels.empty() ? "" : a.labels[0];
    auto has_label = [&](const Node& n) {
      return label.empty() || std::find(n.labels.begin(), n.labels.end(), label) != n.labels.end();
    };
    if (key == Key::kName) {
      std::unordered_set<NodeId> shared, indexed;
      std::string last;
      NodeId last_node = 0;
      bool have_last = false;
      KG_RETURN_IF_ERROR(ctx_.graph->ScanNameIndex([&](std::string_view term, NodeId node) {
        indexed.insert(node);
        if (have_last && term == last && node != last_node) {
          shared.insert(node);
          shared.insert(last_node);
        }
        last.assign(term);
        last_node = node;
        have_last = true;
        return true;
      }));
      std::unordered_map<std::string, std::size_t> by_name;
      for (const auto& [d, id] : deg) {
        if (indexed.count(id) && !shared.count(id)) {
          groups.push_back({d, id, false, Value()});
          continue;
        }
        KG_ASSIGN_OR_RETURN(const Node* n, ctx_.GetNode(id));
        if (!has_label(*n)) continue;
        auto p = n->props.find("name");
        Value name = p == n->props.end() ? Value::Null() : FromJson(*p);
        auto [it, fresh] = by_name.try_emplace(GroupKey(name), groups.size());
        if (fresh) groups.push_back({0, id, true, name});
        groups[it->second].count += d;
      }
    } else {
      groups.reserve(deg.size());
      for (const auto& [d, id] : deg) groups.push_back({d, id, false, Value()});
    }
    // Rank by count; walk down until `limit` groups passed the label test,
    // then take every group tied with the last one (the later sort keys
    // decide among them).
    std::sort(groups.begin(), groups.end(), [&](const Group& x, const Group& y) {
      if (x.count != y.count) return desc ? x.count > y.count : x.count < y.count;
      return x.node < y.node;
    });
    std::vector<Row> rows;
    std::optional<uint64_t> boundary;
    for (const Group& g : groups) {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      if (boundary && g.count != *boundary) break;
      Value k;
      if (g.named) {
        k = g.name;
      } else {
        if (!label.empty() || key == Key::kName) {
          KG_ASSIGN_OR_RETURN(const Node* n, ctx_.GetNode(g.node));
          if (!has_label(*n)) continue;
          if (key == Key::kName) {
            auto p = n->props.find("name");
            k = p == n->props.end() ? Value::Null() : FromJson(*p);
          }
        }
        if (key == Key::kNode) k = Value::Node(g.node);
        if (key == Key::kId) k = Value::Int(static_cast<int64_t>(g.node));
      }
      Row row(2);
      row[key_col] = std::move(k);
      row[count_col] = Value::Int(static_cast<int64_t>(g.count));
      rows.push_back(std::move(row));
      if (static_cast<int64_t>(rows.size()) >= *limit && !boundary) boundary = g.count;
    }
    KG_RETURN_IF_ERROR(Emit(&rows, ret, limit));
    return true;
  }

  const Query& q_;
  ExecContext& ctx_;
  Op* sink_;
};

}  // namespace

Result<bool> AnswerFromCounts(const Query& q, ExecContext& ctx, Op* sink) {
  auto r = CountsPlan(q, ctx, sink).Run();
  if (!r.ok() && r.status().IsNotFound()) return false;  // e.g. a bad LIMIT: the pipeline reports it
  return r;
}

}  // namespace kg::cypher
