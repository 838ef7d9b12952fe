// Aggregation checks of the planner (see planner_agg.h).
#include "query/cypher/planner_agg.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

bool IsAggregateCall(const Expr& e) {
  if (e.kind == ExprKind::kCountStar) return true;
  if (e.kind != ExprKind::kFunc) return false;
  std::string n = e.name;
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return IsAggregateName(n);
}

// Expressions that bind names of their own: replacements stop there.
bool OpensScope(const Expr& e) {
  return e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
         e.kind == ExprKind::kReduce || e.kind == ExprKind::kPatternComp ||
         e.kind == ExprKind::kExistsSubquery;
}

const Expr* Ambiguous(const Expr& e, const std::vector<const Expr*>& keys,
                      std::set<std::string>* locals) {
  if (IsAggregateCall(e)) return nullptr;
  for (const Expr* k : keys)
    if (IsSimpleKey(*k) && SameExpr(e, *k)) return nullptr;
  if (e.kind == ExprKind::kVar) return locals->count(e.name) ? nullptr : &e;
  if (e.kind == ExprKind::kMapProjection && !e.kids.empty() && e.kids[0]->kind == ExprKind::kVar) {
    // n{.name, degree: count(*)} groups by n.
    for (size_t i = 1; i < e.kids.size(); ++i)
      if (const Expr* b = Ambiguous(*e.kids[i], keys, locals)) {
        if (b->kind != ExprKind::kVar || b->name != e.kids[0]->name) return b;
      }
    return nullptr;
  }
  std::vector<std::string> added;
  if (e.kind == ExprKind::kListComp || e.kind == ExprKind::kQuantifier ||
      e.kind == ExprKind::kReduce)
    for (const auto& k : e.keys)
      if (locals->insert(k).second) added.push_back(k);
  const Expr* found = nullptr;
  for (const auto& k : e.kids)
    if (k && !found) found = Ambiguous(*k, keys, locals);
  for (const auto& k : added) locals->erase(k);
  return found;
}

}  // namespace

bool SameExpr(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.name != b.name || a.keys != b.keys || a.distinct != b.distinct ||
      a.has_subject != b.has_subject || a.has_else != b.has_else || a.has_where != b.has_where ||
      a.has_map != b.has_map || a.has_lo != b.has_lo || a.has_hi != b.has_hi ||
      a.kids.size() != b.kids.size() || a.pattern != b.pattern || a.subquery != b.subquery)
    return false;
  if (a.kind == ExprKind::kLiteral && GroupKey(a.value) != GroupKey(b.value)) return false;
  for (size_t i = 0; i < a.kids.size(); ++i) {
    if (!a.kids[i] || !b.kids[i]) {
      if (a.kids[i] != b.kids[i]) return false;
      continue;
    }
    if (!SameExpr(*a.kids[i], *b.kids[i])) return false;
  }
  return true;
}

bool IsSimpleKey(const Expr& e) {
  return e.kind == ExprKind::kVar ||
         (e.kind == ExprKind::kProperty && e.kids[0]->kind == ExprKind::kVar);
}

bool HasAggregate(const Expr& e) {
  if (IsAggregateCall(e)) return true;
  if (e.kind == ExprKind::kExistsSubquery) return false;
  return std::any_of(e.kids.begin(), e.kids.end(),
                     [](const ExprPtr& k) { return k && HasAggregate(*k); });
}

void ReplaceProjected(ExprPtr* e, const std::vector<ProjectionItem>& items,
                      const std::vector<bool>& item_has_agg, bool* complex) {
  if (!*e) return;
  const Expr& x = **e;
  if (IsAggregateCall(x) || OpensScope(x)) return;
  for (size_t i = 0; i < items.size(); ++i) {
    if (item_has_agg[i] || x.kind == ExprKind::kLiteral || x.kind == ExprKind::kParam) continue;
    if (x.kind == ExprKind::kVar && x.name == items[i].alias) break;  // already a column name
    if (!SameExpr(x, *items[i].expr)) continue;
    if (!IsSimpleKey(x)) *complex = true;
    auto ref = std::make_unique<Expr>();
    ref->kind = ExprKind::kVar;
    ref->name = items[i].alias;
    ref->text = x.text;
    ref->line = x.line;
    ref->col = x.col;
    *e = std::move(ref);
    return;
  }
  for (auto& k : (*e)->kids) ReplaceProjected(&k, items, item_has_agg, complex);
}

const Expr* AmbiguousPart(const Expr& e, const std::vector<const Expr*>& keys) {
  std::set<std::string> locals;
  return Ambiguous(e, keys, &locals);
}

void ReuseAggregates(Expr* e, const std::vector<Expr*>& aggs) {
  if (!e) return;
  if (IsAggregateCall(*e)) {
    for (size_t i = 0; i < aggs.size(); ++i)
      if (SameExpr(*e, *aggs[i])) {
        e->agg_index = static_cast<int>(i);
        return;
      }
    return;
  }
  if (e->kind == ExprKind::kExistsSubquery) return;
  for (auto& k : e->kids) ReuseAggregates(k.get(), aggs);
}

const Expr* RandInAggregate(const Expr& e) {
  std::function<const Expr*(const Expr&, bool)> walk = [&](const Expr& x,
                                                           bool inside) -> const Expr* {
    if (inside && x.kind == ExprKind::kFunc) {
      std::string n = x.name;
      for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (n == "rand") return &x;
    }
    const bool in = inside || IsAggregateCall(x);
    for (const auto& k : x.kids)
      if (k)
        if (const Expr* r = walk(*k, in)) return r;
    return nullptr;
  };
  return walk(e, false);
}

}  // namespace kg::cypher
