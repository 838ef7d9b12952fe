// Date-index candidates of MATCH ... WHERE (see planner_index.h).
#include "query/cypher/planner_index.h"

#include <cctype>
#include <string>

namespace kg::cypher {

namespace {

// Constant for every row: no variables, patterns, subqueries or rand().
bool RowIndependent(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kVar:
    case ExprKind::kPatternExpr:
    case ExprKind::kExists:
    case ExprKind::kPatternComp:
    case ExprKind::kExistsSubquery:
    case ExprKind::kListComp:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce:
    case ExprKind::kCountStar:
      return false;
    case ExprKind::kFunc: {
      std::string n = e.name;
      for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (n == "rand" || n.find("realtime") != std::string::npos) return false;
      break;
    }
    default:
      break;
  }
  for (const auto& k : e.kids)
    if (k && !RowIndependent(*k)) return false;
  return true;
}

bool IsRelDate(const Expr& e, const std::string& rel) {
  return e.kind == ExprKind::kProperty && e.name == "date" && e.kids[0]->kind == ExprKind::kVar &&
         e.kids[0]->name == rel;
}

ExprKind Mirror(ExprKind k) {
  switch (k) {
    case ExprKind::kLt:
      return ExprKind::kGt;
    case ExprKind::kLe:
      return ExprKind::kGe;
    case ExprKind::kGt:
      return ExprKind::kLt;
    case ExprKind::kGe:
      return ExprKind::kLe;
    default:
      return k;
  }
}

void Conjuncts(const Expr* e, const std::string& rel,
               std::vector<std::pair<ExprKind, const Expr*>>* out) {
  if (!e) return;
  if (e->kind == ExprKind::kAnd) {
    for (const auto& k : e->kids) Conjuncts(k.get(), rel, out);
    return;
  }
  if (e->kind != ExprKind::kLt && e->kind != ExprKind::kLe && e->kind != ExprKind::kEq &&
      e->kind != ExprKind::kGe && e->kind != ExprKind::kGt)
    return;
  const Expr& a = *e->kids[0];
  const Expr& b = *e->kids[1];
  if (IsRelDate(a, rel) && RowIndependent(b))
    out->push_back({e->kind, &b});
  else if (IsRelDate(b, rel) && RowIndependent(a))
    out->push_back({Mirror(e->kind), &a});
}

}  // namespace

void FindDateBounds(Clause* c) {
  c->date_bounds.clear();
  if (c->kind != Clause::Kind::kMatch || c->optional || !c->where || c->pattern.parts.size() != 1)
    return;
  const PatternPart& part = c->pattern.parts[0];
  if (part.kind != PatternPart::Kind::kNormal || part.rels.size() != 1) return;
  const RelPattern& r = part.rels[0];
  if (r.var.empty() || r.var_length || r.bound) return;
  Conjuncts(c->where.get(), r.var, &c->date_bounds);
}

}  // namespace kg::cypher
