// Planner: semantic analysis of a parsed query. Resolves variables to row
// slots, marks pattern elements bound by earlier clauses, numbers aggregate
// calls and rejects queries outside the supported subset with positioned
// errors (the TCK's compile-time errors).
#include <algorithm>
#include <cctype>
#include <set>

#include "query/cypher/exec.h"
#include "query/cypher/lexer.h"
#include "query/cypher/planner_agg.h"
#include "query/cypher/planner_index.h"
#include "query/cypher/procedures.h"

namespace kg::cypher {

namespace {

// kValue: a literal value; kRelList: the relationships of a variable-length pattern.
enum class VarKind { kAny, kNode, kRel, kPath, kValue, kRelList };

struct Var {
  std::string name;
  int slot;
  VarKind kind;
  bool hidden;
};

struct Scope {
  std::vector<Var> vars;
  int next_slot = 0;
  const Var* Find(const std::string& n) const {
    for (auto it = vars.rbegin(); it != vars.rend(); ++it)
      if (it->name == n) return &*it;
    return nullptr;
  }
  int Add(const std::string& n, VarKind k, bool hidden = false) {
    int s = next_slot++;
    vars.push_back({n, s, k, hidden});
    return s;
  }
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* KindName(VarKind k) {
  switch (k) {
    case VarKind::kNode: return "a node";
    case VarKind::kRel: return "a relationship";
    case VarKind::kPath: return "a path";
    case VarKind::kRelList:
      return "a list of relationships";
    default: return "a value";
  }
}

class Planner {
 public:
  Planner(const std::string& text, const ProcedureRegistry* procs) : text_(text), procs_(procs) {}

  Status Err(int line, int col, const std::string& msg) {
    if (line <= 0) return Status::InvalidArgument(msg);
    return Status::InvalidArgument(FormatError(text_, line, col, msg));
  }

  // Resolves variables in `e`. aggs != nullptr: collect aggregate calls there
  // (projection context); otherwise aggregates are an error.
  Status Resolve(Expr* e, Scope& sc, std::vector<Expr*>* aggs, bool inside_agg = false) {
    if (!e) return Status::OK();
    switch (e->kind) {
      case ExprKind::kVar: {
        const Var* v = sc.Find(e->name);
        if (!v) return Err(e->line, e->col, "variable `" + e->name + "` not defined (UndefinedVariable)");
        e->slot = v->slot;
        return Status::OK();
      }
      case ExprKind::kCountStar:
      case ExprKind::kFunc: {
        std::string ln = Lower(e->name);
        bool agg = e->kind == ExprKind::kCountStar || IsAggregateName(ln);
        if (e->kind == ExprKind::kFunc && !agg && !IsKnownFunction(ln))
          return Err(e->line, e->col, "unknown function '" + e->name + "' (UnknownFunction)");
        if (agg) {
          if (e->agg_index >= 0) return Status::OK();  // reuses a projected aggregate (ORDER BY)
          if (!aggs) return Err(e->line, e->col, "aggregate '" + e->text + "' is not allowed here (InvalidAggregation)");
          if (inside_agg) return Err(e->line, e->col, "aggregates cannot be nested (NestedAggregation)");
          e->agg_index = static_cast<int>(aggs->size());
          aggs->push_back(e);
          // Aggregate arguments read the incoming rows (matters for ORDER BY).
          Scope& in = agg_scope_ ? *agg_scope_ : sc;
          for (auto& k : e->kids) KG_RETURN_IF_ERROR(Resolve(k.get(), in, aggs, true));
          return Status::OK();
        }
        for (auto& k : e->kids) KG_RETURN_IF_ERROR(Resolve(k.get(), sc, aggs, inside_agg));
        return CheckArgumentKind(*e, ln, sc);
      }
      case ExprKind::kProperty: {
        KG_RETURN_IF_ERROR(Resolve(e->kids[0].get(), sc, aggs, inside_agg));
        if (e->kids[0]->kind == ExprKind::kVar)
          if (const Var* v = sc.Find(e->kids[0]->name); v && v->kind == VarKind::kPath)
            return Err(e->line, e->col,
                       "a path has no properties; `" + e->kids[0]->name + "." + e->name +
                           "` reads nothing (InvalidArgumentType)");
        return Status::OK();
      }
      case ExprKind::kListComp:
      case ExprKind::kQuantifier: {
        KG_RETURN_IF_ERROR(Resolve(e->kids[0].get(), sc, aggs, inside_agg));
        Scope inner = sc;
        e->slot = inner.Add(e->keys[0], VarKind::kAny);
        // No aggregates inside: they would aggregate per list element.
        for (size_t i = 1; i < e->kids.size(); ++i)
          KG_RETURN_IF_ERROR(Resolve(e->kids[i].get(), inner, nullptr, inside_agg));
        sc.next_slot = std::max(sc.next_slot, inner.next_slot);
        return Status::OK();
      }
      case ExprKind::kReduce: {
        KG_RETURN_IF_ERROR(Resolve(e->kids[0].get(), sc, aggs, inside_agg));
        KG_RETURN_IF_ERROR(Resolve(e->kids[1].get(), sc, aggs, inside_agg));
        Scope inner = sc;
        e->slot = inner.Add(e->keys[0], VarKind::kAny);
        e->slot2 = inner.Add(e->keys[1], VarKind::kAny);
        KG_RETURN_IF_ERROR(Resolve(e->kids[2].get(), inner, aggs, inside_agg));
        sc.next_slot = std::max(sc.next_slot, inner.next_slot);
        return Status::OK();
      }
      case ExprKind::kPatternComp: {
        Scope inner = sc;
        KG_RETURN_IF_ERROR(DeclarePattern(e->pattern.get(), inner, false, true));
        for (auto& k : e->kids) KG_RETURN_IF_ERROR(Resolve(k.get(), inner, aggs, inside_agg));
        sc.next_slot = std::max(sc.next_slot, inner.next_slot);
        return Status::OK();
      }
      case ExprKind::kPatternExpr:
      case ExprKind::kExists: {
        // A pattern predicate may not introduce variables (use EXISTS { ... }).
        for (const auto& part : e->pattern->parts) {
          for (const auto& n : part.nodes)
            if (!n.var.empty() && !sc.Find(n.var))
              return Err(n.line, n.col,
                         "variable `" + n.var +
                             "` not defined; a pattern predicate cannot introduce "
                             "variables, EXISTS { ... } can (UndefinedVariable)");
          for (const auto& r : part.rels)
            if (!r.var.empty() && !sc.Find(r.var))
              return Err(r.line, r.col,
                         "variable `" + r.var +
                             "` not defined; a pattern predicate cannot introduce "
                             "variables, EXISTS { ... } can (UndefinedVariable)");
        }
        Scope inner = sc;
        KG_RETURN_IF_ERROR(DeclarePattern(e->pattern.get(), inner, false, true));
        sc.next_slot = std::max(sc.next_slot, inner.next_slot);
        return Status::OK();
      }
      case ExprKind::kExistsSubquery: {
        // Correlated: the subquery starts from the variables in scope, on a
        // copy of the row (its own variables take the slots after them).
        Planner sub(text_, procs_);
        sub.subquery_ = true;
        KG_ASSIGN_OR_RETURN(PlanInfo info, sub.Plan(e->subquery.get(), sc));
        if (info.writes)
          return Err(e->line, e->col,
                     "an EXISTS subquery cannot write to the graph (InvalidClauseComposition)");
        return Status::OK();
      }
      default:
        for (auto& k : e->kids) KG_RETURN_IF_ERROR(Resolve(k.get(), sc, aggs, inside_agg));
        return Status::OK();
    }
  }

  Status DeclareVar(const std::string& name, VarKind kind, int line, int col, Scope& sc,
                    int* slot, bool* bound, std::set<std::string>* declared_here) {
    if (name.empty()) {
      *slot = sc.Add("  anon" + std::to_string(anon_++), kind, true);
      *bound = false;
      return Status::OK();
    }
    const Var* v = sc.Find(name);
    if (v) {
      bool here = declared_here && declared_here->count(name);
      const bool list_ok =
          kind == VarKind::kRelList && (v->kind == VarKind::kValue || v->kind == VarKind::kRelList);
      if (v->kind != VarKind::kAny && v->kind != kind && !list_ok &&
          !(kind == VarKind::kAny && v->kind == VarKind::kRel))
        return Err(line, col, "variable `" + name + "` is " + KindName(v->kind) +
                                  ", not " + KindName(kind) + " (VariableTypeConflict)");
      if (v->kind == VarKind::kAny && kind == VarKind::kPath)
        return Err(line, col, "variable `" + name + "` already declared (VariableAlreadyBound)");
      *slot = v->slot;
      *bound = !here;
      return Status::OK();
    }
    *slot = sc.Add(name, kind);
    *bound = false;
    if (declared_here) declared_here->insert(name);
    return Status::OK();
  }

  // create: CREATE/MERGE rules (bound nodes may not carry labels/props; rels need a type).
  Status DeclarePattern(Pattern* p, Scope& sc, bool create, bool in_expr = false) {
    std::set<std::string> here;
    std::set<std::string> rel_vars;
    // Element variables up to and including each part (a path variable reusing one of
    // them is VariableAlreadyBound; reusing it in a later part is VariableTypeConflict).
    std::set<std::string> element_vars, path_vars;
    for (auto& part : p->parts) {
      for (const auto& n : part.nodes) element_vars.insert(n.var);
      for (const auto& r : part.rels) element_vars.insert(r.var);
      if (!part.path_var.empty()) {
        if (sc.Find(part.path_var) || element_vars.count(part.path_var) || path_vars.count(part.path_var))
          return Err(part.line, part.col, "variable `" + part.path_var + "` already declared (VariableAlreadyBound)");
        path_vars.insert(part.path_var);
      }
      for (const auto& n : part.nodes)
        if (path_vars.count(n.var) && n.var != part.path_var)
          return Err(n.line, n.col, "variable `" + n.var + "` is a path, not a node (VariableTypeConflict)");
      for (const auto& r : part.rels)
        if (path_vars.count(r.var))
          return Err(r.line, r.col, "variable `" + r.var + "` is a path, not a relationship (VariableTypeConflict)");
    }
    for (auto& part : p->parts) {
      for (auto& n : part.nodes) {
        bool seen_before = !n.var.empty() && (sc.Find(n.var) != nullptr);
        KG_RETURN_IF_ERROR(DeclareVar(n.var, VarKind::kNode, n.line, n.col, sc, &n.slot, &n.bound, &here));
        if (create && seen_before && (!n.labels.empty() || n.props))
          return Err(n.line, n.col, "variable `" + n.var + "` already declared (VariableAlreadyBound)");
        if (create && n.bound && part.rels.empty())
          return Err(n.line, n.col, "variable `" + n.var + "` already declared (VariableAlreadyBound)");
      }
      for (auto& r : part.rels) {
        if (!r.var.empty() && rel_vars.count(r.var))
          return Err(r.line, r.col, "relationship variable `" + r.var + "` used twice in one pattern (RelationshipUniquenessViolation)");
        if (!r.var.empty()) rel_vars.insert(r.var);
        if (const Var* v = r.var.empty() ? nullptr : sc.Find(r.var); v && v->kind == VarKind::kNode)
          return Err(r.line, r.col, "variable `" + r.var + "` is a node, not a relationship (VariableTypeConflict)");
        if (!r.var.empty() && r.var_length && create && sc.Find(r.var))
          return Err(r.line, r.col, "variable `" + r.var + "` already declared (VariableAlreadyBound)");
        // A bound list variable in [rs*] names the relationships the path must follow.
        KG_RETURN_IF_ERROR(DeclareVar(r.var, r.var_length ? VarKind::kRelList : VarKind::kRel,
                                      r.line, r.col, sc, &r.slot, &r.bound, &here));
        if (create) {
          if (r.bound) return Err(r.line, r.col, "variable `" + r.var + "` already declared (VariableAlreadyBound)");
          if (r.types.size() != 1)
            return Err(r.line, r.col, "a relationship created must have exactly one type (NoSingleRelationshipType)");
          if (r.var_length) return Err(r.line, r.col, "variable-length relationships cannot be created (CreatingVarLength)");
          if (r.dir == RelDir::kBoth && create_needs_dir_)
            return Err(r.line, r.col, "a relationship created must have a direction (RequiresDirectedRelationship)");
        }
      }
      if (part.kind != PatternPart::Kind::kNormal && !part.rels.empty()) {
        auto& r = part.rels[0];
        if (r.var_length && r.min_hops > 1)
          return Err(r.line, r.col, "shortestPath lower bound must be 0 or 1");
      }
      if (!part.path_var.empty() || in_expr) {
        part.path_slot = part.path_var.empty() ? sc.Add("  path" + std::to_string(anon_++), VarKind::kPath, true)
                                               : sc.Add(part.path_var, VarKind::kPath);
      }
    }
    for (auto& part : p->parts) {
      for (auto& n : part.nodes) {
        if (n.props && n.props->kind != ExprKind::kMap)
          return Err(n.line, n.col, "property map expected");
        KG_RETURN_IF_ERROR(Resolve(n.props.get(), sc, nullptr));
      }
      for (auto& r : part.rels) KG_RETURN_IF_ERROR(Resolve(r.props.get(), sc, nullptr));
    }
    return Status::OK();
  }

  // Items around an aggregate use only simple grouping keys; no rand() in aggregates.
  Status CheckAggregation(const Clause& c) {
    std::vector<const Expr*> keys;
    for (size_t i = 0; i < c.items.size(); ++i)
      if (!c.item_has_agg[i]) keys.push_back(c.items[i].expr.get());
    for (size_t i = 0; i < c.items.size(); ++i) {
      const Expr& x = *c.items[i].expr;
      if (const Expr* r = RandInAggregate(x))
        return Err(r->line, r->col,
                   "rand() inside an aggregate is not deterministic (NonConstantExpression)");
      if (!c.item_has_agg[i]) continue;
      if (const Expr* b = AmbiguousPart(x, keys))
        return Err(b->line, b->col,
                   "`" + (b->text.empty() ? b->name : b->text) +
                       "` is used beside an aggregate "
                       "but is not a grouping key; project it as its own column "
                       "(AmbiguousAggregationExpression)");
    }
    return Status::OK();
  }

  // length(n), type(n), size(p), ... on a variable whose kind is known to be wrong.
  Status CheckArgumentKind(const Expr& call, const std::string& fn, const Scope& sc) {
    if (call.kids.size() != 1 || call.kids[0]->kind != ExprKind::kVar) return Status::OK();
    const Var* v = sc.Find(call.kids[0]->name);
    if (!v) return Status::OK();
    const VarKind k = v->kind;
    const bool bad =
        (fn == "length" && (k == VarKind::kNode || k == VarKind::kRel)) ||
        (fn == "type" && (k == VarKind::kNode || k == VarKind::kPath)) ||
        (fn == "size" && (k == VarKind::kNode || k == VarKind::kRel || k == VarKind::kPath)) ||
        (fn == "labels" && (k == VarKind::kRel || k == VarKind::kPath));
    if (!bad) return Status::OK();
    return Err(call.line, call.col,
               call.name + "() cannot take " + KindName(k) + " (InvalidArgumentType)");
  }

  // WHERE (n) with a node, relationship or path variable is not a predicate.
  Status CheckPredicate(const Expr& w, const Scope& sc) {
    if (w.kind != ExprKind::kVar) return Status::OK();
    const Var* v = sc.Find(w.name);
    if (v && (v->kind == VarKind::kNode || v->kind == VarKind::kRel || v->kind == VarKind::kPath))
      return Err(w.line, w.col,
                 "WHERE expects a boolean, `" + w.name + "` is " + KindName(v->kind) +
                     " (InvalidArgumentType)");
    return Status::OK();
  }

  Status ConstantExpr(Expr* e, const char* what) {
    if (!e) return Status::OK();
    Scope empty;
    Status s = Resolve(e, empty, nullptr);
    if (!s.ok()) return Err(e->line, e->col, std::string(what) + " must be a constant expression (NonConstantExpression)");
    return Status::OK();
  }

  Status Projection(Clause& c, Scope& sc, Scope* out) {
    bool is_with = c.kind == Clause::Kind::kWith;
    c.input_width = sc.next_slot;
    if (c.star) {
      std::vector<const Var*> vis;
      for (const auto& v : sc.vars)
        if (!v.hidden && std::find_if(vis.begin(), vis.end(), [&](const Var* x) { return x->name == v.name; }) == vis.end())
          vis.push_back(&v);
      if (vis.empty() && c.items.empty() && !is_with)
        return Err(c.line, c.col, "RETURN * / WITH * with no variables in scope (NoVariablesInScope)");
      std::sort(vis.begin(), vis.end(), [](const Var* a, const Var* b) { return a->name < b->name; });
      std::vector<ProjectionItem> items;
      for (const Var* v : vis) {
        ProjectionItem it;
        it.expr = std::make_unique<Expr>();
        it.expr->kind = ExprKind::kVar;
        it.expr->name = v->name;
        it.expr->text = v->name;
        it.alias = v->name;
        it.explicit_alias = true;
        items.push_back(std::move(it));
      }
      for (auto& it : c.items) items.push_back(std::move(it));
      c.items = std::move(items);
      c.star = false;
    }
    std::set<std::string> names;
    Scope o;
    Status unaliased;  // reported after the aggregation checks, as Neo4j orders them
    for (auto& it : c.items) {
      size_t before = c.aggs.size();
      KG_RETURN_IF_ERROR(Resolve(it.expr.get(), sc, &c.aggs));
      c.item_has_agg.push_back(c.aggs.size() != before);
      if (is_with && !it.explicit_alias && it.expr->kind != ExprKind::kVar && unaliased.ok())
        unaliased = Err(it.expr->line, it.expr->col,
                        "expression in WITH must be aliased (use AS) (NoExpressionAlias)");
      if (!names.insert(it.alias).second)
        return Err(it.expr->line, it.expr->col, "multiple result columns with the same name `" + it.alias + "` (ColumnNameConflict)");
      VarKind k = VarKind::kAny;
      if (it.expr->kind == ExprKind::kLiteral || it.expr->kind == ExprKind::kList ||
          it.expr->kind == ExprKind::kMap)
        k = it.expr->value.is_null() && it.expr->kind == ExprKind::kLiteral ? VarKind::kAny : VarKind::kValue;
      if (it.expr->kind == ExprKind::kVar) {
        const Var* v = sc.Find(it.expr->name);
        if (v) k = v->kind;
      }
      o.Add(it.alias, k);
    }
    c.has_agg = !c.aggs.empty();
    if (c.has_agg) KG_RETURN_IF_ERROR(CheckAggregation(c));
    // ORDER BY and WITH ... WHERE see the projected columns, then (not shadowed)
    // incoming variables at slot items.size() + input slot.
    Scope os = o;
    os.next_slot = static_cast<int>(c.items.size()) + c.input_width;
    bool restricted = c.distinct || c.has_agg;
    for (const auto& v : sc.vars) {
      if (names.count(v.name) || restricted) continue;
      os.vars.insert(os.vars.begin(), {v.name, static_cast<int>(c.items.size()) + v.slot, v.kind, v.hidden});
    }
    if (restricted) {
      // Grouping keys that are plain variables stay visible under their name.
      for (auto& it : c.items) {
        if (it.expr->kind == ExprKind::kVar && !names.count(it.expr->name)) {
          const Var* v = sc.Find(it.expr->name);
          if (v) os.vars.insert(os.vars.begin(), {v->name, static_cast<int>(c.items.size()) + v->slot, v->kind, false});
        }
      }
    }
    // Aggregates in ORDER BY that are not projected read the projected columns.
    agg_scope_ = &os;
    for (auto& s : c.order) {
      // Parts spelled like a projected expression refer to that column.
      bool complex = false;
      ReplaceProjected(&s.expr, c.items, c.item_has_agg, &complex);
      if (c.has_agg && complex && HasAggregate(*s.expr)) {
        agg_scope_ = nullptr;
        return Err(s.expr->line, s.expr->col,
                   "ORDER BY may combine an aggregate only with projected variables or "
                   "properties, not with other expressions (AmbiguousAggregationExpression)");
      }
      if (c.has_agg) ReuseAggregates(s.expr.get(), c.aggs);
      size_t before = c.aggs.size();
      Status st = Resolve(s.expr.get(), os, &c.aggs);
      if (!st.ok()) {
        agg_scope_ = nullptr;
        return st;
      }
      if (c.aggs.size() != before && !c.has_agg) {
        agg_scope_ = nullptr;
        return Err(s.expr->line, s.expr->col, "aggregation in ORDER BY needs an aggregating projection (InvalidAggregation)");
      }
    }
    agg_scope_ = nullptr;
    KG_RETURN_IF_ERROR(unaliased);
    if (c.where) {
      // After WITH DISTINCT, WHERE still sees the incoming variables (of the kept row).
      Scope ws = os;
      if (c.distinct && !c.has_agg)
        for (const auto& v : sc.vars)
          if (!names.count(v.name))
            ws.vars.insert(ws.vars.begin(), {v.name, static_cast<int>(c.items.size()) + v.slot, v.kind, v.hidden});
      KG_RETURN_IF_ERROR(Resolve(c.where.get(), ws, nullptr));
    }
    KG_RETURN_IF_ERROR(ConstantExpr(c.skip.get(), "SKIP"));
    KG_RETURN_IF_ERROR(ConstantExpr(c.limit.get(), "LIMIT"));
    *out = std::move(o);
    return Status::OK();
  }

  // CALL: the procedure, its arguments (count; types of literals) and the
  // yielded variables. A standalone CALL (the whole query) returns its yields.
  Status PlanCall(Clause& c, Scope& sc, bool standalone, PlanInfo* info) {
    const Procedure* p = procs_ ? procs_->Find(c.proc) : nullptr;
    if (!p) p = BuiltinProcedures().Find(c.proc);
    if (!p)
      return Err(c.line, c.col,
                 "there is no procedure '" + c.proc +
                     "'; CALL dbms.procedures() lists them (ProcedureNotFound)");
    c.procedure = p;
    c.standalone = standalone;
    const ProcSignature& sig = p->Signature();
    if (c.proc_parens) {
      if (c.exprs.size() != sig.inputs.size())
        return Err(c.line, c.col,
                   "procedure " + FormatSignature(sig) + " takes " +
                       std::to_string(sig.inputs.size()) + " argument(s), got " +
                       std::to_string(c.exprs.size()) + " (InvalidNumberOfArguments)");
      for (size_t i = 0; i < c.exprs.size(); ++i) {
        Expr* a = c.exprs[i].get();
        KG_RETURN_IF_ERROR(Resolve(a, sc, nullptr));
        if (a->kind == ExprKind::kLiteral && !ProcTypeAccepts(sig.inputs[i].type, a->value))
          return Err(a->line, a->col,
                     "argument '" + sig.inputs[i].name + "' of " + c.proc + " must be " +
                         sig.inputs[i].type + ", got " + TypeName(a->value.type()) +
                         " (InvalidArgumentType)");
      }
    } else if (!standalone && !sig.inputs.empty()) {
      return Err(c.line, c.col,
                 "in a query, CALL " + c.proc +
                     " needs its arguments in parentheses (InvalidArgumentPassingMode)");
    }
    if (c.yield_star || (standalone && c.yields.empty())) {
      c.yields.clear();
      for (const auto& o : sig.outputs) c.yields.push_back({o.name, o.name, c.line, c.col, -1, -1});
    }
    std::set<std::string> seen;
    for (auto& y : c.yields) {
      for (size_t i = 0; i < sig.outputs.size(); ++i)
        if (sig.outputs[i].name == y.field) y.field_index = static_cast<int>(i);
      if (y.field_index < 0)
        return Err(y.line, y.col,
                   "procedure " + c.proc + " has no output '" + y.field + "'; it yields " +
                       FormatSignature(sig) + " (UndefinedVariable)");
      if (sc.Find(y.alias) || !seen.insert(y.alias).second)
        return Err(y.line, y.col,
                   "variable `" + y.alias + "` already declared (VariableAlreadyBound)");
    }
    for (auto& y : c.yields) y.slot = sc.Add(y.alias, VarKind::kAny);
    if (c.where) KG_RETURN_IF_ERROR(Resolve(c.where.get(), sc, nullptr));
    if (standalone)
      for (const auto& y : c.yields) info->columns.push_back(y.alias);
    return Status::OK();
  }

  Result<PlanInfo> Plan(Query* q, Scope sc = Scope()) {
    PlanInfo info;
    for (size_t i = 0; i < q->clauses.size(); ++i) {
      Clause& c = q->clauses[i];
      bool last = i + 1 == q->clauses.size();
      switch (c.kind) {
        case Clause::Kind::kMatch:
          KG_RETURN_IF_ERROR(DeclarePattern(&c.pattern, sc, false));
          if (c.where) {
            KG_RETURN_IF_ERROR(Resolve(c.where.get(), sc, nullptr));
            KG_RETURN_IF_ERROR(CheckPredicate(*c.where, sc));
          }
          FindDateBounds(&c);
          break;
        case Clause::Kind::kUnwind:
          KG_RETURN_IF_ERROR(Resolve(c.expr.get(), sc, nullptr));
          if (sc.Find(c.alias)) return Err(c.line, c.col, "variable `" + c.alias + "` already declared (VariableAlreadyBound)");
          c.alias_slot = sc.Add(c.alias, VarKind::kAny);
          break;
        case Clause::Kind::kWith:
        case Clause::Kind::kReturn: {
          if (c.kind == Clause::Kind::kReturn && !last)
            return Err(c.line, c.col, "RETURN can only be used at the end of the query");
          Scope out;
          KG_RETURN_IF_ERROR(Projection(c, sc, &out));
          if (c.kind == Clause::Kind::kReturn)
            for (auto& it : c.items) info.columns.push_back(it.alias);
          sc = std::move(out);
          break;
        }
        case Clause::Kind::kCreate:
          info.writes = true;
          create_needs_dir_ = true;
          KG_RETURN_IF_ERROR(DeclarePattern(&c.pattern, sc, true));
          break;
        case Clause::Kind::kMerge:
          info.writes = true;
          create_needs_dir_ = false;
          KG_RETURN_IF_ERROR(DeclarePattern(&c.pattern, sc, true));
          for (auto* list : {&c.on_create, &c.on_match})
            for (auto& s : *list) {
              KG_RETURN_IF_ERROR(Resolve(s.target.get(), sc, nullptr));
              KG_RETURN_IF_ERROR(Resolve(s.value.get(), sc, nullptr));
            }
          break;
        case Clause::Kind::kSet:
        case Clause::Kind::kRemove:
          info.writes = true;
          for (auto& s : c.sets) {
            KG_RETURN_IF_ERROR(Resolve(s.target.get(), sc, nullptr));
            KG_RETURN_IF_ERROR(Resolve(s.value.get(), sc, nullptr));
          }
          break;
        case Clause::Kind::kCall:
          KG_RETURN_IF_ERROR(PlanCall(c, sc, q->clauses.size() == 1 && !subquery_, &info));
          break;
        case Clause::Kind::kDelete:
          info.writes = true;
          for (auto& e : c.exprs) {
            KG_RETURN_IF_ERROR(Resolve(e.get(), sc, nullptr));
            if (e->kind == ExprKind::kLiteral || e->kind == ExprKind::kList ||
                e->kind == ExprKind::kMap ||
                (e->kind >= ExprKind::kNot && e->kind <= ExprKind::kIsNotNull))
              return Err(e->line, e->col,
                         "DELETE expects a node, relationship or path, not a computed value "
                         "(InvalidArgumentType)");
            if (e->kind != ExprKind::kVar && e->kind != ExprKind::kIndex && e->kind != ExprKind::kProperty &&
                e->kind != ExprKind::kFunc)
              return Err(e->line, e->col, "DELETE expects a node, relationship or path (InvalidDelete)");
          }
          break;
      }
    }
    const Clause& lastc = q->clauses.back();
    if (subquery_) return info;
    if (lastc.kind == Clause::Kind::kMatch || lastc.kind == Clause::Kind::kWith ||
        lastc.kind == Clause::Kind::kUnwind)
      return Err(lastc.line, lastc.col, "a query cannot end with MATCH, WITH or UNWIND; add RETURN (InvalidClauseComposition)");
    if (lastc.kind == Clause::Kind::kCall && !lastc.standalone && !lastc.yields.empty())
      return Err(lastc.line, lastc.col,
                 "a query cannot end with CALL ... YIELD; add RETURN (InvalidClauseComposition)");
    return info;
  }

 private:
  const std::string& text_;
  const ProcedureRegistry* procs_;
  Scope* agg_scope_ = nullptr;
  int anon_ = 0;
  bool create_needs_dir_ = true;
  bool subquery_ = false;  // EXISTS { ... }: may end with any clause
};

}  // namespace

Result<PlanInfo> PlanQuery(Query* q, const std::string& text, const ProcedureRegistry* procedures) {
  for (size_t i = 1; i < q->union_all.size(); ++i)
    if (q->union_all[i] != q->union_all[0])
      return Status::InvalidArgument(
          "UNION and UNION ALL cannot be mixed in one query (InvalidClauseComposition)");
  Planner p(text, procedures);
  KG_ASSIGN_OR_RETURN(PlanInfo info, p.Plan(q));
  MarkEndpointPatterns(q);
  for (size_t i = 0; i < q->unions.size(); ++i) {
    Planner pu(text, procedures);
    KG_ASSIGN_OR_RETURN(PlanInfo ui, pu.Plan(q->unions[i].get()));
    if (ui.columns != info.columns)
      return Status::InvalidArgument("all parts of a UNION must return the same columns (DifferentColumnsInUnion)");
    info.writes = info.writes || ui.writes;
  }
  return info;
}

}  // namespace kg::cypher
