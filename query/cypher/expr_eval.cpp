// Expression evaluation with Cypher's null semantics (three-valued logic).
#include <algorithm>
#include <cmath>
#include <regex>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

Status TypeErr(ExecContext& ctx, const Expr& e, const std::string& msg) {
  return ctx.Error(e.line, e.col, msg + " (InvalidArgumentType)");
}

// Boolean or null, else a type error.
Result<Value> AsTernary(const Value& v, ExecContext& ctx, const Expr& e) {
  if (v.is_null() || v.is_bool()) return v;
  return TypeErr(ctx, e, std::string("expected a boolean, got ") + TypeName(v.type()));
}

Result<Value> Arith(ExprKind k, const Value& a, const Value& b, ExecContext& ctx, const Expr& e) {
  if (a.is_null() || b.is_null()) return Value::Null();
  if (a.is_temporal() || a.is_duration() || b.is_temporal() || b.is_duration()) {
    if (k == ExprKind::kAdd && (a.is_list() || b.is_list())) {
      // list concatenation below
    } else if (k == ExprKind::kAdd && (a.is_string() || b.is_string())) {
      return TypeErr(
          ctx, e, std::string("cannot add ") + TypeName(a.type()) + " and " + TypeName(b.type()));
    } else {
      return TemporalArith(k, a, b, ctx, e);
    }
  }
  if (k == ExprKind::kAdd) {
    if (a.is_list() || b.is_list()) {
      List out;
      if (a.is_list()) out = a.as_list(); else out.push_back(a);
      if (b.is_list()) out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      else out.push_back(b);
      return Value::FromList(std::move(out));
    }
    if (a.is_string() && b.is_string()) return Value::Str(a.as_string() + b.as_string());
    if (a.is_string() && b.is_number())
      return Value::Str(a.as_string() + (b.is_int() ? std::to_string(b.as_int()) : FormatFloat(b.as_float())));
    if (a.is_number() && b.is_string())
      return Value::Str((a.is_int() ? std::to_string(a.as_int()) : FormatFloat(a.as_float())) + b.as_string());
  }
  if (!a.is_number() || !b.is_number())
    return TypeErr(ctx, e, std::string("cannot apply arithmetic to ") + TypeName(a.type()) + " and " +
                               TypeName(b.type()));
  if (k == ExprKind::kPow) return Value::Float(std::pow(a.as_number(), b.as_number()));
  if (a.is_int() && b.is_int()) {
    int64_t x = a.as_int(), y = b.as_int(), r = 0;
    bool ovf = false;
    switch (k) {
      case ExprKind::kAdd: ovf = __builtin_add_overflow(x, y, &r); break;
      case ExprKind::kSub: ovf = __builtin_sub_overflow(x, y, &r); break;
      case ExprKind::kMul: ovf = __builtin_mul_overflow(x, y, &r); break;
      case ExprKind::kDiv:
      case ExprKind::kMod:
        if (y == 0) return ctx.Error(e.line, e.col, "division by zero (ArithmeticError)");
        if (x == INT64_MIN && y == -1) {
          ovf = k == ExprKind::kDiv;
          r = 0;
        } else {
          r = k == ExprKind::kDiv ? x / y : x % y;
        }
        break;
      default: break;
    }
    if (ovf) return ctx.Error(e.line, e.col, "integer overflow (ArithmeticError)");
    return Value::Int(r);
  }
  double x = a.as_number(), y = b.as_number();
  switch (k) {
    case ExprKind::kAdd: return Value::Float(x + y);
    case ExprKind::kSub: return Value::Float(x - y);
    case ExprKind::kMul: return Value::Float(x * y);
    case ExprKind::kDiv: return Value::Float(x / y);
    case ExprKind::kMod: return Value::Float(std::fmod(x, y));
    default: return Value::Null();
  }
}

Result<Value> Index(const Value& c, const Value& i, ExecContext& ctx, const Expr& e) {
  if (c.is_null() || i.is_null()) return Value::Null();
  if (c.is_list()) {
    if (!i.is_int()) return TypeErr(ctx, e, std::string("list index must be an integer, got ") + TypeName(i.type()));
    const List& l = c.as_list();
    int64_t n = static_cast<int64_t>(l.size()), k = i.as_int();
    if (k < 0) k += n;
    if (k < 0 || k >= n) return Value::Null();
    return l[static_cast<size_t>(k)];
  }
  if (c.is_map() || c.is_node() || c.is_rel()) {
    if (!i.is_string())
      return ctx.Error(e.line, e.col,
                       std::string("map key must be a string, got ") + TypeName(i.type()) +
                           " (MapElementAccessByNonString)");
    return PropertyOf(c, i.as_string(), ctx, e);
  }
  return TypeErr(ctx, e, std::string("cannot index a ") + TypeName(c.type()));
}

// kg's relation dates read as date values; a date compared with a string is
// never true (Cypher semantics), which silently empties a WHERE. Say so once.
void DateStringNote(const Value& a, const Value& b, ExecContext& ctx) {
  if ((a.is_temporal() && b.is_string()) || (a.is_string() && b.is_temporal()))
    ctx.NoteOnce(
        "a " + std::string(TypeName((a.is_temporal() ? a : b).type())) +
        " compared with a string is null (never true); compare with a temporal value instead, e.g. "
        "r.date >= date('2024-06-01')");
}

}  // namespace

Value PropsToMap(const nlohmann::json& props) {
  Map m;
  if (props.is_object())
    for (auto it = props.begin(); it != props.end(); ++it)
      if (!it.value().is_null()) m[it.key()] = FromJson(it.value());
  return Value::FromMap(std::move(m));
}

Result<Value> PropertyOf(const Value& v, const std::string& key, ExecContext& ctx, const Expr& e) {
  if (v.is_null()) return Value::Null();
  const nlohmann::json* props = nullptr;
  if (v.is_map()) {
    auto it = v.as_map().find(key);
    return it == v.as_map().end() ? Value::Null() : it->second;
  }
  if (v.is_temporal() || v.is_duration()) return TemporalProperty(v, key, ctx, e);
  if (v.is_node()) {
    KG_ASSIGN_OR_RETURN(const Node* n, ctx.GetNode(v.node_id()));
    props = &n->props;
  } else if (v.is_rel()) {
    KG_ASSIGN_OR_RETURN(const Rel* r, ctx.GetRel(v.rel_id()));
    props = &r->props;
  } else {
    return TypeErr(ctx, e, std::string("cannot read property '") + key + "' of a " + TypeName(v.type()));
  }
  if (v.is_rel() && key != "location_name") return RelProperty(*props, key);
  auto it = props->find(key);
  if (it == props->end()) {
    // Derived: a relationship's location_name is the name of the entity its
    // location (an entity id) names, unless stored.
    if (v.is_rel() && key == "location_name") {
      auto loc = props->find("location");
      if (loc == props->end() || !loc->is_string()) return Value::Null();
      KG_ASSIGN_OR_RETURN(auto id, ctx.graph->LookupEntityId(loc->get<std::string>()));
      if (!id) return Value::Null();
      KG_ASSIGN_OR_RETURN(const Node* n, ctx.GetNode(*id));
      auto name = n->props.find("name");
      return name == n->props.end() ? Value::Null() : FromJson(*name);
    }
    return Value::Null();
  }
  return FromJson(*it);
}

Result<bool> EvalPredicate(const Expr& e, Row& row, ExecContext& ctx) {
  KG_ASSIGN_OR_RETURN(Value v, Eval(e, row, ctx));
  if (v.is_null()) return false;
  if (v.is_bool()) return v.as_bool();
  return TypeErr(ctx, e, std::string("WHERE expects a boolean, got ") + TypeName(v.type()));
}

Result<Value> Eval(const Expr& e, Row& row, ExecContext& ctx) {
  switch (e.kind) {
    case ExprKind::kLiteral: return e.value;
    case ExprKind::kParam: {
      auto it = ctx.params->find(e.name);
      if (it == ctx.params->end())
        return ctx.Error(e.line, e.col, "parameter $" + e.name + " was not given (ParameterMissing)");
      return it->second;
    }
    case ExprKind::kVar:
      if (e.slot < 0 || static_cast<size_t>(e.slot) >= row.size()) return Value::Null();
      return row[e.slot];
    case ExprKind::kProperty: {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e.kids[0], row, ctx));
      return PropertyOf(v, e.name, ctx, e);
    }
    case ExprKind::kIndex: {
      KG_ASSIGN_OR_RETURN(Value c, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value i, Eval(*e.kids[1], row, ctx));
      return Index(c, i, ctx, e);
    }
    case ExprKind::kSlice: {
      KG_ASSIGN_OR_RETURN(Value c, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value lo, Eval(*e.kids[1], row, ctx));
      KG_ASSIGN_OR_RETURN(Value hi, Eval(*e.kids[2], row, ctx));
      if (c.is_null() || (e.has_lo && lo.is_null()) || (e.has_hi && hi.is_null())) return Value::Null();
      if (!c.is_list()) return TypeErr(ctx, e, std::string("cannot slice a ") + TypeName(c.type()));
      if ((e.has_lo && !lo.is_int()) || (e.has_hi && !hi.is_int()))
        return TypeErr(ctx, e, "slice bounds must be integers");
      const List& l = c.as_list();
      int64_t n = static_cast<int64_t>(l.size());
      int64_t a = e.has_lo ? lo.as_int() : 0, b = e.has_hi ? hi.as_int() : n;
      if (a < 0) a += n;
      if (b < 0) b += n;
      a = std::max<int64_t>(0, std::min(a, n));
      b = std::max<int64_t>(0, std::min(b, n));
      if (b <= a) return Value::FromList({});
      return Value::FromList(List(l.begin() + a, l.begin() + b));
    }
    case ExprKind::kList: {
      List out;
      out.reserve(e.kids.size());
      for (const auto& k : e.kids) {
        KG_RETURN_IF_ERROR(ctx.Tick());
        KG_ASSIGN_OR_RETURN(Value v, Eval(*k, row, ctx));
        out.push_back(std::move(v));
      }
      return Value::FromList(std::move(out));
    }
    case ExprKind::kMap: {
      Map out;
      for (size_t i = 0; i < e.kids.size(); ++i) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*e.kids[i], row, ctx));
        out[e.keys[i]] = std::move(v);
      }
      return Value::FromMap(std::move(out));
    }
    case ExprKind::kCountStar:
    case ExprKind::kFunc: {
      if (e.agg_index >= 0) {
        if (!ctx.agg_values) return ctx.Error(e.line, e.col, "aggregate used outside a projection (InvalidAggregation)");
        return (*ctx.agg_values)[e.agg_index];
      }
      std::vector<Value> args;
      args.reserve(e.kids.size());
      for (const auto& k : e.kids) {
        KG_ASSIGN_OR_RETURN(Value v, Eval(*k, row, ctx));
        args.push_back(std::move(v));
      }
      std::string ln = e.name;
      for (char& c : ln) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return CallFunction(e, ln, args, ctx);
    }
    case ExprKind::kNot: {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(v, AsTernary(v, ctx, e));
      return v.is_null() ? v : Value::Bool(!v.as_bool());
    }
    case ExprKind::kNeg: {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e.kids[0], row, ctx));
      if (v.is_null()) return v;
      if (v.is_int()) {
        if (v.as_int() == INT64_MIN) return ctx.Error(e.line, e.col, "integer overflow (ArithmeticError)");
        return Value::Int(-v.as_int());
      }
      if (v.is_float()) return Value::Float(-v.as_float());
      return TypeErr(ctx, e, std::string("cannot negate a ") + TypeName(v.type()));
    }
    case ExprKind::kPos: {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*e.kids[0], row, ctx));
      if (!v.is_null() && !v.is_number()) return TypeErr(ctx, e, "unary + expects a number");
      return v;
    }
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kXor: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(a, AsTernary(a, ctx, *e.kids[0]));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      KG_ASSIGN_OR_RETURN(b, AsTernary(b, ctx, *e.kids[1]));
      if (e.kind == ExprKind::kAnd) {
        if ((a.is_bool() && !a.as_bool()) || (b.is_bool() && !b.as_bool())) return Value::Bool(false);
        if (a.is_null() || b.is_null()) return Value::Null();
        return Value::Bool(true);
      }
      if (e.kind == ExprKind::kOr) {
        if ((a.is_bool() && a.as_bool()) || (b.is_bool() && b.as_bool())) return Value::Bool(true);
        if (a.is_null() || b.is_null()) return Value::Null();
        return Value::Bool(false);
      }
      if (a.is_null() || b.is_null()) return Value::Null();
      return Value::Bool(a.as_bool() != b.as_bool());
    }
    case ExprKind::kAdd: case ExprKind::kSub: case ExprKind::kMul:
    case ExprKind::kDiv: case ExprKind::kMod: case ExprKind::kPow: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      return Arith(e.kind, a, b, ctx, e);
    }
    case ExprKind::kEq:
    case ExprKind::kNe: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      DateStringNote(a, b, ctx);
      Value r = Equals(a, b);
      if (e.kind == ExprKind::kNe && r.is_bool()) return Value::Bool(!r.as_bool());
      return r;
    }
    case ExprKind::kLt: case ExprKind::kLe: case ExprKind::kGt: case ExprKind::kGe: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      DateStringNote(a, b, ctx);
      int c = 0;
      if (a.is_number() && b.is_number() &&
          ((a.is_float() && std::isnan(a.as_float())) || (b.is_float() && std::isnan(b.as_float()))))
        return Value::Bool(false);  // NaN is unordered: every comparison is false
      if (!CompareForOp(a, b, &c)) return Value::Null();
      switch (e.kind) {
        case ExprKind::kLt: return Value::Bool(c < 0);
        case ExprKind::kLe: return Value::Bool(c <= 0);
        case ExprKind::kGt: return Value::Bool(c > 0);
        default: return Value::Bool(c >= 0);
      }
    }
    case ExprKind::kRegex: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      if (!a.is_string() || !b.is_string()) return Value::Null();
      try {
        std::regex re(b.as_string(), std::regex::ECMAScript);
        return Value::Bool(std::regex_match(a.as_string(), re));
      } catch (const std::regex_error&) {
        return ctx.Error(e.kids[1]->line, e.kids[1]->col, "invalid regular expression '" + b.as_string() + "'");
      }
    }
    case ExprKind::kIn: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      if (b.is_null()) return Value::Null();
      if (!b.is_list()) return TypeErr(ctx, e, std::string("IN expects a list, got ") + TypeName(b.type()));
      bool saw_null = false;
      for (const auto& x : b.as_list()) {
        KG_RETURN_IF_ERROR(ctx.Tick());
        Value r = Equals(a, x);
        if (r.is_null()) saw_null = true;
        else if (r.as_bool()) return Value::Bool(true);
      }
      return saw_null ? Value::Null() : Value::Bool(false);
    }
    case ExprKind::kStartsWith:
    case ExprKind::kEndsWith:
    case ExprKind::kContains: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value b, Eval(*e.kids[1], row, ctx));
      if (!a.is_string() || !b.is_string()) return Value::Null();
      const std::string& s = a.as_string();
      const std::string& t = b.as_string();
      if (e.kind == ExprKind::kStartsWith) return Value::Bool(s.compare(0, t.size(), t) == 0);
      if (e.kind == ExprKind::kEndsWith)
        return Value::Bool(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
      return Value::Bool(s.find(t) != std::string::npos);
    }
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      return Value::Bool(a.is_null() == (e.kind == ExprKind::kIsNull));
    }
    case ExprKind::kHasLabels: {
      KG_ASSIGN_OR_RETURN(Value a, Eval(*e.kids[0], row, ctx));
      if (a.is_null()) return a;
      if (a.is_rel()) {  // r:T tests the relationship's type
        KG_ASSIGN_OR_RETURN(const Rel* r, ctx.GetRel(a.rel_id()));
        for (const auto& l : e.keys)
          if (l != r->type) return Value::Bool(false);
        return Value::Bool(true);
      }
      if (!a.is_node()) return TypeErr(ctx, e, std::string("label check on a ") + TypeName(a.type()));
      KG_ASSIGN_OR_RETURN(const Node* n, ctx.GetNode(a.node_id()));
      for (const auto& l : e.keys)
        if (std::find(n->labels.begin(), n->labels.end(), l) == n->labels.end()) return Value::Bool(false);
      return Value::Bool(true);
    }
    case ExprKind::kCase: {
      size_t i = 0;
      Value subject;
      if (e.has_subject) {
        KG_ASSIGN_OR_RETURN(subject, Eval(*e.kids[0], row, ctx));
        i = 1;
      }
      size_t end = e.kids.size() - (e.has_else ? 1 : 0);
      for (; i + 1 < end; i += 2) {
        KG_ASSIGN_OR_RETURN(Value w, Eval(*e.kids[i], row, ctx));
        bool hit = e.has_subject ? Equals(subject, w).is_bool() && Equals(subject, w).as_bool()
                                 : (w.is_bool() && w.as_bool());
        if (hit) return Eval(*e.kids[i + 1], row, ctx);
      }
      if (e.has_else) return Eval(*e.kids.back(), row, ctx);
      return Value::Null();
    }
    case ExprKind::kListComp:
    case ExprKind::kQuantifier: {
      KG_ASSIGN_OR_RETURN(Value l, Eval(*e.kids[0], row, ctx));
      if (l.is_null()) return l;
      if (!l.is_list()) return TypeErr(ctx, e, std::string("expected a list, got ") + TypeName(l.type()));
      if (row.size() <= static_cast<size_t>(e.slot)) row.resize(e.slot + 1);
      List out;
      int64_t trues = 0, falses = 0;
      bool nulls = false;
      for (const auto& x : l.as_list()) {
        KG_RETURN_IF_ERROR(ctx.Tick());
        row[e.slot] = x;
        Value keep = Value::Bool(true);
        if (e.has_where) {
          KG_ASSIGN_OR_RETURN(keep, Eval(*e.kids[1], row, ctx));
          KG_ASSIGN_OR_RETURN(keep, AsTernary(keep, ctx, *e.kids[1]));
        }
        if (e.kind == ExprKind::kQuantifier) {
          if (keep.is_null()) nulls = true;
          else if (keep.as_bool()) ++trues;
          else ++falses;
          continue;
        }
        if (!keep.is_bool() || !keep.as_bool()) continue;
        if (e.has_map) {
          KG_ASSIGN_OR_RETURN(Value m, Eval(*e.kids.back(), row, ctx));
          out.push_back(std::move(m));
        } else {
          out.push_back(x);
        }
      }
      if (e.kind == ExprKind::kListComp) return Value::FromList(std::move(out));
      if (e.name == "ANY") return trues > 0 ? Value::Bool(true) : nulls ? Value::Null() : Value::Bool(false);
      if (e.name == "ALL") return falses > 0 ? Value::Bool(false) : nulls ? Value::Null() : Value::Bool(true);
      if (e.name == "NONE") return trues > 0 ? Value::Bool(false) : nulls ? Value::Null() : Value::Bool(true);
      // SINGLE
      if (trues > 1) return Value::Bool(false);
      if (nulls) return Value::Null();
      return Value::Bool(trues == 1);
    }
    case ExprKind::kReduce: {
      KG_ASSIGN_OR_RETURN(Value acc, Eval(*e.kids[0], row, ctx));
      KG_ASSIGN_OR_RETURN(Value l, Eval(*e.kids[1], row, ctx));
      if (l.is_null()) return l;
      if (!l.is_list()) return TypeErr(ctx, e, "reduce expects a list");
      size_t need = static_cast<size_t>(std::max(e.slot, e.slot2)) + 1;
      if (row.size() < need) row.resize(need);
      for (const auto& x : l.as_list()) {
        KG_RETURN_IF_ERROR(ctx.Tick());
        row[e.slot] = acc;
        row[e.slot2] = x;
        KG_ASSIGN_OR_RETURN(acc, Eval(*e.kids[2], row, ctx));
      }
      return acc;
    }
    case ExprKind::kPatternComp: {
      Row r = row;
      List out;
      Status s = MatchPattern(*e.pattern, r, ctx, [&](Row& m) -> Status {
        if (e.has_where) {
          KG_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*e.kids[0], m, ctx));
          if (!ok) return Status::OK();
        }
        KG_ASSIGN_OR_RETURN(Value v, Eval(*e.kids.back(), m, ctx));
        out.push_back(std::move(v));
        return Status::OK();
      });
      KG_RETURN_IF_ERROR(s);
      return Value::FromList(std::move(out));
    }
    case ExprKind::kPatternExpr:
    case ExprKind::kExists: {
      Row r = row;
      List paths;
      bool exists_only = e.kind == ExprKind::kExists;
      const PatternPart& part = e.pattern->parts[0];
      Status s = MatchPattern(*e.pattern, r, ctx, [&](Row& m) -> Status {
        if (exists_only) return Status::Aborted("stop");
        KG_ASSIGN_OR_RETURN(Value p, BuildPath(part, m, ctx));
        paths.push_back(std::move(p));
        return Status::OK();
      });
      if (exists_only) {
        if (!s.ok() && s.code() != Status::Code::kAborted) return s;
        return Value::Bool(!s.ok());
      }
      KG_RETURN_IF_ERROR(s);
      return Value::FromList(std::move(paths));
    }
    case ExprKind::kExistsSubquery:
      return EvalExistsSubquery(e, row, ctx);
    case ExprKind::kMapProjection: {
      KG_ASSIGN_OR_RETURN(Value base, Eval(*e.kids[0], row, ctx));
      if (base.is_null()) return base;
      Map out;
      for (size_t i = 0; i < e.keys.size(); ++i) {
        const std::string& k = e.keys[i];
        if (k == ".*") {
          Value all = base;
          if (base.is_node()) {
            KG_ASSIGN_OR_RETURN(const Node* n, ctx.GetNode(base.node_id()));
            all = PropsToMap(n->props);
          } else if (base.is_rel()) {
            KG_ASSIGN_OR_RETURN(const Rel* r, ctx.GetRel(base.rel_id()));
            all = RelPropsToMap(r->props);
          }
          if (all.is_map()) for (const auto& [kk, vv] : all.as_map()) out[kk] = vv;
        } else if (k[0] == '.') {
          KG_ASSIGN_OR_RETURN(out[k.substr(1)], PropertyOf(base, k.substr(1), ctx, e));
        } else {
          KG_ASSIGN_OR_RETURN(out[k], Eval(*e.kids[i + 1], row, ctx));
        }
      }
      return Value::FromMap(std::move(out));
    }
  }
  return Value::Null();
}

}  // namespace kg::cypher
