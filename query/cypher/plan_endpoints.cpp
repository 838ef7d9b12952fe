// MarkEndpointPatterns (exec.h): when the paths of a variable-length pattern
// are invisible to the rest of the query, the matcher may produce one row per
// reachable endpoint (a breadth-first search costing the neighbourhood)
// instead of one per path (a depth-first enumeration that grows with the
// number of paths: 3 hops from a hub of a million-relationship graph are
// billions of paths, a few hundred thousand endpoints).
//
// Rows of different paths to the same endpoint are then identical (no
// relationship or path variable), so only a projection that ignores row
// multiplicity may follow: DISTINCT without aggregates, or aggregates that
// are all DISTINCT, min or max.
#include <cctype>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// False when `e` holds an aggregate that counts duplicates (count(*),
// count(x), sum, collect without DISTINCT, ...) or a function whose value
// differs between equal rows (rand).
bool MultiplicityFree(const Expr* e) {
  if (!e) return true;
  if (e->kind == ExprKind::kCountStar) return false;
  if (e->kind == ExprKind::kFunc) {
    const std::string f = Lower(e->name);
    if (f == "rand" || f == "randomuuid") return false;
    if (IsAggregateName(f) && !e->distinct && f != "min" && f != "max") return false;
  }
  for (const auto& k : e->kids)
    if (!MultiplicityFree(k.get())) return false;
  return true;
}

bool IgnoresMultiplicity(const Clause& c) {
  if (c.kind != Clause::Kind::kWith && c.kind != Clause::Kind::kReturn) return false;
  if (c.star) return false;
  if (!c.has_agg && !c.distinct) return false;
  for (const auto& it : c.items)
    if (!MultiplicityFree(it.expr.get())) return false;
  for (const auto& o : c.order)
    if (!MultiplicityFree(o.expr.get())) return false;
  return true;
}

}  // namespace

void MarkEndpointPatterns(Query* q) {
  for (size_t i = 0; i + 1 < q->clauses.size(); ++i) {
    Clause& c = q->clauses[i];
    if (c.kind != Clause::Kind::kMatch || c.optional || c.pattern.parts.size() != 1) continue;
    PatternPart& part = c.pattern.parts[0];
    if (part.kind != PatternPart::Kind::kNormal || !part.path_var.empty() || part.rels.size() != 1) continue;
    RelPattern& r = part.rels[0];
    if (!r.var_length || !r.var.empty() || r.bound || r.min_hops > 1) continue;
    // A directed pattern also walks symmetric types (MEETS) either way: the
    // cycle test for the start node (match.cpp) knows undirected and purely
    // directed walks only, so directed patterns need explicit asymmetric types.
    if (r.dir != RelDir::kBoth) {
      bool asymmetric = !r.types.empty();
      for (const auto& t : r.types) asymmetric = asymmetric && !IsSymmetricRelType(t);
      if (!asymmetric) continue;
    }
    if (!MultiplicityFree(c.where.get())) continue;
    if (IgnoresMultiplicity(q->clauses[i + 1])) r.endpoints_only = true;
  }
  for (auto& u : q->unions) MarkEndpointPatterns(u.get());
}

}  // namespace kg::cypher
