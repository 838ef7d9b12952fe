// Internal (planner): aggregation checks of WITH / RETURN and their ORDER BY.
//
// In a projection that aggregates, an expression around an aggregate may only
// use grouping keys that are variables or property reads of variables
// (RETURN n.age, n.age + count(*)); anything else is ambiguous (Cypher's
// AmbiguousAggregationExpression). ORDER BY may name projected expressions
// by their text (ORDER BY a.name after RETURN a.name) and reuse projected
// aggregates (ORDER BY count(*) after RETURN count(*) AS c).
#pragma once

#include <vector>

#include "query/cypher/ast.h"

namespace kg::cypher {

// Structural equality of two unplanned expressions.
bool SameExpr(const Expr& a, const Expr& b);
// A variable or a property of a variable (n, n.age).
bool IsSimpleKey(const Expr& e);
// Whether `e` calls an aggregate function (count, sum, ...), at any depth.
bool HasAggregate(const Expr& e);
// Replaces the parts of *e outside aggregate calls and nested scopes that
// equal the expression of a non-aggregating item by a reference to that
// item's column. *complex is set when a replaced item is not a simple key.
void ReplaceProjected(ExprPtr* e, const std::vector<ProjectionItem>& items,
                      const std::vector<bool>& item_has_agg, bool* complex);
// The first part of the aggregating expression `e` that is neither inside an
// aggregate call nor a simple grouping key from `keys`, or nullptr.
const Expr* AmbiguousPart(const Expr& e, const std::vector<const Expr*>& keys);
// Points each aggregate call in `e` that equals one of `aggs` at its index
// (Expr::agg_index), so it reads the already computed value.
void ReuseAggregates(Expr* e, const std::vector<Expr*>& aggs);
// The first rand() inside an aggregate call's arguments, or nullptr.
const Expr* RandInAggregate(const Expr& e);

}  // namespace kg::cypher
