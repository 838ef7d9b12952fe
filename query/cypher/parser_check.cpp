// Post-parse checks of the Cypher parser (see parser_impl.h): where a
// pattern stands for a boolean (existence) and where it may not stand at all.
#include "query/cypher/parser_impl.h"

namespace kg::cypher::internal {

namespace {

void AsPredicate(Expr* e) {
  if (e && e->kind == ExprKind::kPatternExpr) e->kind = ExprKind::kExists;
}

// Converts the boolean contexts inside `e`, then returns the first pattern
// left in a value position.
const Expr* Walk(Expr* e);

const Expr* WalkQuery(Query* q) {
  if (!q) return nullptr;
  auto walk_pattern = [](Pattern& p) -> const Expr* {
    for (auto& part : p.parts) {
      for (auto& n : part.nodes)
        if (const Expr* b = Walk(n.props.get())) return b;
      for (auto& r : part.rels)
        if (const Expr* b = Walk(r.props.get())) return b;
    }
    return nullptr;
  };
  for (auto& c : q->clauses) {
    if (const Expr* b = walk_pattern(c.pattern)) return b;
    for (Expr* x : {c.where.get(), c.expr.get(), c.skip.get(), c.limit.get()})
      if (const Expr* b = Walk(x)) return b;
    for (auto& it : c.items)
      if (const Expr* b = Walk(it.expr.get())) return b;
    for (auto& o : c.order)
      if (const Expr* b = Walk(o.expr.get())) return b;
    for (auto& x : c.exprs)
      if (const Expr* b = Walk(x.get())) return b;
    for (auto* list : {&c.sets, &c.on_create, &c.on_match})
      for (auto& s : *list) {
        if (const Expr* b = Walk(s.target.get())) return b;
        if (const Expr* b = Walk(s.value.get())) return b;
      }
  }
  for (auto& u : q->unions)
    if (const Expr* b = WalkQuery(u.get())) return b;
  return nullptr;
}

const Expr* Walk(Expr* e) {
  if (!e) return nullptr;
  switch (e->kind) {
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor:
    case ExprKind::kNot:
      for (auto& k : e->kids) AsPredicate(k.get());
      break;
    case ExprKind::kCase:
      for (size_t i = e->has_subject ? 1 : 0; !e->has_subject && i + 1 < e->kids.size(); i += 2)
        AsPredicate(e->kids[i].get());
      break;
    case ExprKind::kListComp:
    case ExprKind::kQuantifier:
      if (e->has_where && e->kids.size() > 1) AsPredicate(e->kids[1].get());
      break;
    case ExprKind::kPatternComp:
      if (e->has_where && !e->kids.empty()) AsPredicate(e->kids[0].get());
      break;
    case ExprKind::kPatternExpr:
      return e;
    default:
      break;
  }
  for (auto& k : e->kids)
    if (const Expr* b = Walk(k.get())) return b;
  if (e->subquery)
    if (const Expr* b = WalkQuery(e->subquery.get())) return b;
  return nullptr;
}

}  // namespace

void PredicateForm(Expr* e) {
  if (!e) return;
  if (e->kind == ExprKind::kPatternExpr) {
    e->kind = ExprKind::kExists;
    return;
  }
  if (e->kind == ExprKind::kAnd || e->kind == ExprKind::kOr || e->kind == ExprKind::kXor ||
      e->kind == ExprKind::kNot)
    for (auto& k : e->kids) PredicateForm(k.get());
}

const Expr* ValuePattern(Query* q) { return WalkQuery(q); }

}  // namespace kg::cypher::internal
