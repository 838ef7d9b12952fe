// Internal (planner): which MATCH ... WHERE clauses the relationship date
// index can answer (see exec.h, DateRange; graph/rel_date.h).
#pragma once

#include "query/cypher/ast.h"

namespace kg::cypher {

// For a MATCH of one pattern part with one relationship r (not
// variable-length, not yet bound), fills c->date_bounds with the WHERE
// conjuncts r.date < | <= | = | >= | > e where e uses no variable (literals,
// parameters, functions such as date('2024-06-01') or date()). Sides are
// normalised so r.date is on the left.
void FindDateBounds(Clause* c);

}  // namespace kg::cypher
