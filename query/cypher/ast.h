// Cypher AST produced by the parser (parser.h) and annotated in place by the
// planner (slot indices for variables, aggregate indices). One Query owns all
// nodes through unique_ptr; the AST is not shared between threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/cypher/value.h"

namespace kg::cypher {

struct Pattern;
struct Query;

enum class ExprKind {
  kLiteral,    // value
  kParam,      // name
  kVar,        // name (slot filled by the planner)
  kProperty,   // kids[0].name
  kIndex,      // kids[0][kids[1]]
  kSlice,      // kids[0][kids[1]..kids[2]] (missing bounds are null literals, has_lo/has_hi)
  kList,       // [kids...]
  kMap,        // {keys[i]: kids[i]}
  kFunc,       // name(kids...) with distinct flag
  kCountStar,  // count(*)
  kNot,
  kNeg,
  kPos,
  kAnd,
  kOr,
  kXor,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kRegex,  // =~
  kIn,
  kStartsWith,
  kEndsWith,
  kContains,
  kIsNull,
  kIsNotNull,
  kHasLabels,       // kids[0]:A:B (labels in `keys`)
  kCase,            // has_subject: kids[0] subject; then pairs (when, then); has_else: last kid
  kListComp,        // [name IN kids[0] WHERE kids[1] | kids[2]] (has_where, has_map)
  kQuantifier,      // name(any/all/none/single) with var `keys[0]` IN kids[0] WHERE kids[1]
  kPatternExpr,     // pattern (list of paths), or existence when used as a predicate
  kExists,          // exists(pattern) / pattern used as predicate: pattern
  kReduce,          // reduce(keys[0] = kids[0], keys[1] IN kids[1] | kids[2])
  kMapProjection,   // kids[0]{.a, b: expr, .*}: keys (".*" for all, "." prefix for property)
  kPatternComp,     // [pattern WHERE kids[0] | kids.back()] (has_where)
  kExistsSubquery,  // EXISTS { pattern [WHERE ...] } or EXISTS { MATCH ... [RETURN ...] }: subquery
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Value value;                   // kLiteral
  std::string name;              // var / param / function / property key / quantifier
  std::vector<std::string> keys; // map keys, labels, comprehension variables
  std::vector<std::unique_ptr<Expr>> kids;
  std::shared_ptr<Pattern> pattern;  // kPatternExpr / kExists
  std::shared_ptr<Query> subquery;   // kExistsSubquery (sees the variables in scope)
  bool distinct = false;         // kFunc
  bool has_subject = false, has_else = false;   // kCase
  bool has_where = false, has_map = false;      // kListComp / kQuantifier
  bool has_lo = false, has_hi = false;          // kSlice
  int line = 0, col = 0;
  // Planner annotations.
  int slot = -1;       // kVar; comprehension variable slot for kListComp/kQuantifier/kReduce
  int slot2 = -1;      // kReduce: element variable slot
  int agg_index = -1;  // aggregate call -> index into the group's aggregate values
  std::string text;    // source text of the expression (column names)
};
using ExprPtr = std::unique_ptr<Expr>;

enum class RelDir { kRight, kLeft, kBoth };  // (a)-->(b), (a)<--(b), (a)--(b)

struct NodePattern {
  std::string var;  // empty = anonymous
  std::vector<std::string> labels;
  ExprPtr props;    // kMap or nullptr
  int line = 0, col = 0;
  int slot = -1;
  bool bound = false;  // planner: the variable exists before this clause
};

struct RelPattern {
  std::string var;
  std::vector<std::string> types;  // alternatives (:A|B)
  ExprPtr props;
  RelDir dir = RelDir::kBoth;
  bool var_length = false;
  int min_hops = 1;
  int max_hops = -1;  // -1 = unbounded
  int line = 0, col = 0;
  int slot = -1;
  bool bound = false;  // planner: the variable exists before this clause
  // Planner (MarkEndpointPatterns): a var-length pattern whose paths nobody
  // sees (no variables, next projection DISTINCT): one row per endpoint (BFS).
  bool endpoints_only = false;
};

struct PatternPart {
  std::string path_var;  // p = ...
  enum class Kind { kNormal, kShortest, kAllShortest } kind = Kind::kNormal;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  int path_slot = -1;
  int line = 0, col = 0;
};

struct Pattern {
  std::vector<PatternPart> parts;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // column name (alias, or the expression text)
  bool explicit_alias = false;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct SetItem {
  enum class Kind { kProperty, kReplace, kMerge, kLabels } kind = Kind::kProperty;
  ExprPtr target;  // kProperty: a kProperty expr; others: a variable expr
  ExprPtr value;
  std::vector<std::string> labels;
};

class Procedure;  // procedures.h

// CALL ... YIELD field [AS alias]
struct YieldItem {
  std::string field;
  std::string alias;
  int line = 0, col = 0;
  int slot = -1;         // planner: the alias's slot
  int field_index = -1;  // planner: position among the procedure's outputs
};

struct Clause {
  enum class Kind {
    kMatch,
    kUnwind,
    kWith,
    kReturn,
    kCreate,
    kMerge,
    kSet,
    kRemove,
    kDelete,
    kCall
  } kind = Kind::kMatch;
  int line = 0, col = 0;
  // MATCH / CREATE / MERGE
  bool optional = false;
  Pattern pattern;
  ExprPtr where;  // MATCH, WITH
  // UNWIND
  ExprPtr expr;
  std::string alias;
  int alias_slot = -1;
  // WITH / RETURN
  bool distinct = false;
  bool star = false;
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order;
  ExprPtr skip, limit;
  // SET / REMOVE (REMOVE uses kProperty with null value and kLabels), MERGE ON ... SET
  std::vector<SetItem> sets;
  std::vector<SetItem> on_create, on_match;
  // DELETE (exprs: the deleted values); CALL (exprs: the arguments)
  bool detach = false;
  std::vector<ExprPtr> exprs;
  // CALL name(args) YIELD ... [WHERE ...]
  std::string proc;
  bool proc_parens = false;  // arguments given explicitly (else taken from parameters)
  bool yield_star = false;
  std::vector<YieldItem> yields;
  const Procedure* procedure = nullptr;  // planner
  bool standalone = false;               // planner: the query is this one CALL
  // Planner (MATCH): conjuncts of WHERE that bound the date of the pattern's
  // lone relationship, r.date <op> <constant>, op one of < <= = >= > (with
  // r.date on the left); MatchOp may answer them from the date index.
  std::vector<std::pair<ExprKind, const Expr*>> date_bounds;
  // Planner annotations (WITH / RETURN).
  int input_width = 0;             // slots of the incoming rows
  std::vector<Expr*> aggs;         // aggregate calls (agg_index = position)
  std::vector<bool> item_has_agg;  // per item: contains an aggregate
  bool has_agg = false;
};

struct Query {
  std::vector<Clause> clauses;
  std::vector<std::unique_ptr<Query>> unions;  // UNION [ALL] parts after the first
  std::vector<bool> union_all;
};

}  // namespace kg::cypher
