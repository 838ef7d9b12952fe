// Scalar functions of the Cypher subset. Argument counts and types are
// checked at run time (ArgumentError / TypeError messages with position).
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

const std::set<std::string>& Aggregates() {
  static const std::set<std::string> k = {"count", "sum", "avg", "min", "max", "collect",
                                          "stdev", "stdevp", "percentiledisc", "percentilecont"};
  return k;
}

const std::set<std::string>& Scalars() {
  static const std::set<std::string> k = {
      "size", "length", "nodes", "relationships", "type", "labels", "id", "coalesce", "tolower",
      "toupper", "tostring", "tointeger", "toint", "tofloat", "toboolean", "exists", "keys",
      "properties", "head", "last", "tail", "range", "abs", "startnode", "endnode", "reverse",
      "substring", "left", "right", "trim", "ltrim", "rtrim", "replace", "split", "sqrt", "sign",
      "ceil", "floor", "round", "exp", "log", "log10", "sin", "cos", "tan", "pi", "e", "isempty",
      "evidence_count", "tostringornull", "tointegerornull", "tofloatornull", "rand"};
  return k;
}

std::string Lower(const std::string& s) {
  std::string o = s;
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}
std::string Upper(const std::string& s) {
  std::string o = s;
  for (char& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return o;
}

// Number of UTF-8 code points.
int64_t Utf8Len(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}
// Byte offset of code point `cp` (clamped to the end).
size_t Utf8Offset(const std::string& s, int64_t cp) {
  size_t i = 0;
  while (i < s.size() && cp > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --cp;
  }
  return i;
}

std::string ToStr(const Value& v) {
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_float()) return FormatFloat(v.as_float());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return v.as_string();
}

}  // namespace

bool IsAggregateName(const std::string& lname) { return Aggregates().count(lname) > 0; }
bool IsKnownFunction(const std::string& lname) {
  return Scalars().count(lname) > 0 || Aggregates().count(lname) > 0 || IsTemporalFunction(lname);
}

Result<Value> CallFunction(const Expr& e, const std::string& f, std::vector<Value>& a,
                           ExecContext& ctx) {
  auto arity = [&](size_t lo, size_t hi) -> Status {
    if (a.size() < lo || a.size() > hi)
      return ctx.Error(e.line, e.col, "wrong number of arguments to " + e.name + "() (InvalidNumberOfArguments)");
    return Status::OK();
  };
  auto type_err = [&](const std::string& what) -> Status {
    return ctx.Error(e.line, e.col, e.name + "() " + what + " (InvalidArgumentType)");
  };
  // A value of a type the function cannot take, found at run time.
  auto value_err = [&](const std::string& what) -> Status {
    return ctx.Error(e.line, e.col, e.name + "() " + what + " (InvalidArgumentValue)");
  };
  if (IsTemporalFunction(f)) return CallTemporalFunction(e, f, a, ctx);
  if (f == "coalesce") {
    for (const auto& v : a)
      if (!v.is_null()) return v;
    return Value::Null();
  }
  if (f == "pi") { KG_RETURN_IF_ERROR(arity(0, 0)); return Value::Float(M_PI); }
  if (f == "e") { KG_RETURN_IF_ERROR(arity(0, 0)); return Value::Float(M_E); }
  if (f == "rand") { KG_RETURN_IF_ERROR(arity(0, 0)); return Value::Float(std::rand() / (RAND_MAX + 1.0)); }
  if (f == "range") {
    KG_RETURN_IF_ERROR(arity(2, 3));
    for (const auto& v : a)
      if (!v.is_int()) return type_err("expects integer arguments");
    int64_t lo = a[0].as_int(), hi = a[1].as_int(), step = a.size() == 3 ? a[2].as_int() : 1;
    if (step == 0) return ctx.Error(e.line, e.col, "range() step must not be zero (NumberOutOfRange)");
    List out;
    // No signed overflow near the int64 ends: stop when the next step would pass hi.
    for (int64_t i = lo; step > 0 ? i <= hi : i >= hi;) {
      KG_RETURN_IF_ERROR(ctx.Tick());
      out.push_back(Value::Int(i));
      if (out.size() > 10000000) return ctx.Error(e.line, e.col, "range() too large");
      if (__builtin_add_overflow(i, step, &i)) break;
    }
    return Value::FromList(std::move(out));
  }
  if (f == "substring") {
    KG_RETURN_IF_ERROR(arity(2, 3));
    if (a[0].is_null()) return Value::Null();
    if (!a[0].is_string() || !a[1].is_int() || (a.size() == 3 && !a[2].is_int()))
      return type_err("expects (string, integer[, integer])");
    if (a[1].as_int() < 0 || (a.size() == 3 && a[2].as_int() < 0))
      return ctx.Error(e.line, e.col, "substring() negative argument (NumberOutOfRange)");
    const std::string& s = a[0].as_string();
    size_t b = Utf8Offset(s, a[1].as_int());
    size_t end = a.size() == 3 ? Utf8Offset(s, a[1].as_int() + a[2].as_int()) : s.size();
    return Value::Str(s.substr(b, end - b));
  }
  if (f == "left" || f == "right") {
    KG_RETURN_IF_ERROR(arity(2, 2));
    if (a[0].is_null()) return Value::Null();
    if (!a[0].is_string() || !a[1].is_int()) return type_err("expects (string, integer)");
    if (a[1].as_int() < 0) return ctx.Error(e.line, e.col, e.name + "() negative length (NumberOutOfRange)");
    const std::string& s = a[0].as_string();
    int64_t n = Utf8Len(s), k = std::min(a[1].as_int(), n);
    if (f == "left") return Value::Str(s.substr(0, Utf8Offset(s, k)));
    return Value::Str(s.substr(Utf8Offset(s, n - k)));
  }
  if (f == "replace") {
    KG_RETURN_IF_ERROR(arity(3, 3));
    for (const auto& v : a)
      if (v.is_null()) return Value::Null();
    for (const auto& v : a)
      if (!v.is_string()) return type_err("expects strings");
    std::string s = a[0].as_string();
    const std::string& from = a[1].as_string();
    const std::string& to = a[2].as_string();
    if (from.empty()) return Value::Str(s);
    std::string out;
    size_t i = 0, j;
    while ((j = s.find(from, i)) != std::string::npos) {
      out += s.substr(i, j - i) + to;
      i = j + from.size();
    }
    return Value::Str(out + s.substr(i));
  }
  if (f == "split") {
    KG_RETURN_IF_ERROR(arity(2, 2));
    if (a[0].is_null() || a[1].is_null()) return Value::Null();
    if (!a[0].is_string() || !a[1].is_string()) return type_err("expects strings");
    const std::string& s = a[0].as_string();
    const std::string& d = a[1].as_string();
    List out;
    if (d.empty()) {
      for (size_t i = 0; i < s.size();) {
        size_t j = Utf8Offset(s.substr(i), 1) + i;
        out.push_back(Value::Str(s.substr(i, j - i)));
        i = j;
      }
      return Value::FromList(std::move(out));
    }
    size_t i = 0, j;
    while ((j = s.find(d, i)) != std::string::npos) {
      out.push_back(Value::Str(s.substr(i, j - i)));
      i = j + d.size();
    }
    out.push_back(Value::Str(s.substr(i)));
    return Value::FromList(std::move(out));
  }
  if (f == "evidence_count") {
    KG_RETURN_IF_ERROR(arity(1, 1));
    if (a[0].is_null()) return Value::Null();
    if (!a[0].is_rel()) return type_err("expects a relationship");
    std::vector<EvidenceRecord> ev;
    KG_RETURN_IF_ERROR(ctx.graph->GetEvidence(a[0].rel_id(), &ev));
    return Value::Int(static_cast<int64_t>(ev.size()));
  }
  // One-argument functions from here on.
  KG_RETURN_IF_ERROR(arity(1, 1));
  const Value& x = a[0];
  if (f == "exists") return Value::Bool(!x.is_null());
  if (f == "isempty") {
    if (x.is_null()) return x;
    if (x.is_string()) return Value::Bool(x.as_string().empty());
    if (x.is_list()) return Value::Bool(x.as_list().empty());
    if (x.is_map()) return Value::Bool(x.as_map().empty());
    return type_err("expects a string, list or map");
  }
  if (x.is_null()) return Value::Null();
  if (f == "size") {
    if (x.is_list()) return Value::Int(static_cast<int64_t>(x.as_list().size()));
    if (x.is_string()) return Value::Int(Utf8Len(x.as_string()));
    if (x.is_map()) return Value::Int(static_cast<int64_t>(x.as_map().size()));
    return type_err("expects a list or string");
  }
  if (f == "length") {
    if (x.is_path()) return Value::Int(static_cast<int64_t>(x.as_path().rels.size()));
    return type_err("expects a path");
  }
  if (f == "nodes" || f == "relationships") {
    if (!x.is_path()) return type_err("expects a path");
    List out;
    if (f == "nodes") for (auto id : x.as_path().nodes) out.push_back(Value::Node(id));
    else for (auto id : x.as_path().rels) out.push_back(Value::Rel(id));
    return Value::FromList(std::move(out));
  }
  if (f == "type") {
    if (!x.is_rel())
      return value_err("expects a relationship, got " + std::string(TypeName(x.type())));
    // Known from the adjacency key: no record read.
    if (ctx.read_only_query && x.rel_type()) return Value::Str(*x.rel_type());
    auto r = ctx.GetRel(x.rel_id());
    if (!r.ok() && r.status().IsNotFound())
      if (const std::string* t = ctx.DeletedType(x.rel_id())) return Value::Str(*t);
    if (!r.ok()) return r.status();
    return Value::Str((*r)->type);
  }
  if (f == "labels") {
    if (!x.is_node()) return value_err("expects a node, got " + std::string(TypeName(x.type())));
    KG_ASSIGN_OR_RETURN(const Node* n, ctx.GetNode(x.node_id()));
    List out;
    for (const auto& l : n->labels) out.push_back(Value::Str(l));
    return Value::FromList(std::move(out));
  }
  if (f == "id") {
    if (x.is_node()) return Value::Int(static_cast<int64_t>(x.node_id()));
    if (x.is_rel()) return Value::Int(static_cast<int64_t>(x.rel_id()));
    return type_err("expects a node or relationship");
  }
  if (f == "startnode" || f == "endnode") {
    if (!x.is_rel()) return type_err("expects a relationship");
    KG_ASSIGN_OR_RETURN(const Rel* r, ctx.GetRel(x.rel_id()));
    return Value::Node(f == "startnode" ? r->src : r->dst);
  }
  if (f == "keys" || f == "properties") {
    Value m = x;
    if (x.is_node()) {
      KG_ASSIGN_OR_RETURN(const Node* n, ctx.GetNode(x.node_id()));
      m = PropsToMap(n->props);
    } else if (x.is_rel()) {
      KG_ASSIGN_OR_RETURN(const Rel* r, ctx.GetRel(x.rel_id()));
      m = RelPropsToMap(r->props);
    } else if (!x.is_map()) {
      return type_err("expects a node, relationship or map");
    }
    if (f == "properties") return m;
    List out;
    for (const auto& [k, v] : m.as_map()) out.push_back(Value::Str(k));
    return Value::FromList(std::move(out));
  }
  if (f == "head" || f == "last" || f == "tail" || f == "reverse") {
    if (f == "reverse" && x.is_string()) {
      std::string s = x.as_string();
      std::string out;
      for (size_t i = s.size(); i > 0;) {
        size_t j = i - 1;
        while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
        out += s.substr(j, i - j);
        i = j;
      }
      return Value::Str(out);
    }
    if (!x.is_list()) return type_err("expects a list");
    const List& l = x.as_list();
    if (f == "head") return l.empty() ? Value::Null() : l.front();
    if (f == "last") return l.empty() ? Value::Null() : l.back();
    if (f == "tail") return Value::FromList(l.empty() ? List{} : List(l.begin() + 1, l.end()));
    return Value::FromList(List(l.rbegin(), l.rend()));
  }
  if (f == "tolower" || f == "toupper" || f == "trim" || f == "ltrim" || f == "rtrim") {
    if (!x.is_string()) return type_err("expects a string");
    std::string s = x.as_string();
    if (f == "tolower") return Value::Str(Lower(s));
    if (f == "toupper") return Value::Str(Upper(s));
    size_t b = 0, en = s.size();
    if (f != "rtrim") while (b < en && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    if (f != "ltrim") while (en > b && std::isspace(static_cast<unsigned char>(s[en - 1]))) --en;
    return Value::Str(s.substr(b, en - b));
  }
  if (f == "tostring" || f == "tostringornull") {
    if (x.is_string() || x.is_number() || x.is_bool()) return Value::Str(ToStr(x));
    if (x.is_temporal()) return Value::Str(FormatTemporal(x.as_temporal()));
    if (x.is_duration()) return Value::Str(FormatDuration(x.as_duration()));
    if (f == "tostringornull") return Value::Null();
    return value_err("cannot convert a " + std::string(TypeName(x.type())));
  }
  if (f == "tointeger" || f == "toint" || f == "tointegerornull") {
    if (x.is_int()) return x;
    if (x.is_float()) {
      if (!std::isfinite(x.as_float())) return Value::Null();
      return Value::Int(static_cast<int64_t>(x.as_float()));
    }
    if (x.is_bool()) return Value::Int(x.as_bool() ? 1 : 0);
    if (x.is_string()) {
      const std::string& s = x.as_string();
      char* end = nullptr;
      errno = 0;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && end && *end == '\0' && errno == 0) return Value::Int(v);
      double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && end && *end == '\0' && std::isfinite(d)) return Value::Int(static_cast<int64_t>(d));
      return Value::Null();
    }
    if (f == "tointegerornull") return Value::Null();
    return value_err("cannot convert a " + std::string(TypeName(x.type())));
  }
  if (f == "tofloat" || f == "tofloatornull") {
    if (x.is_float()) return x;
    if (x.is_int()) return Value::Float(static_cast<double>(x.as_int()));
    if (x.is_string()) {
      const std::string& s = x.as_string();
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && end && *end == '\0') return Value::Float(d);
      return Value::Null();
    }
    if (f == "tofloatornull") return Value::Null();
    return value_err("cannot convert a " + std::string(TypeName(x.type())));
  }
  if (f == "toboolean") {
    if (x.is_bool()) return x;
    if (x.is_string()) {
      std::string s = Lower(x.as_string());
      if (s == "true") return Value::Bool(true);
      if (s == "false") return Value::Bool(false);
      return Value::Null();
    }
    if (x.is_int()) return Value::Bool(x.as_int() != 0);
    return value_err("cannot convert a " + std::string(TypeName(x.type())));
  }
  // Numeric functions.
  if (!x.is_number()) return type_err("expects a number");
  if (f == "abs") {
    if (!x.is_int()) return Value::Float(std::fabs(x.as_float()));
    // -INT64_MIN is not an int64 (signed overflow, undefined behaviour).
    if (x.as_int() == INT64_MIN) return ctx.Error(e.line, e.col, "integer overflow (ArithmeticError)");
    return Value::Int(x.as_int() < 0 ? -x.as_int() : x.as_int());
  }
  if (f == "sign") {
    double d = x.as_number();
    return Value::Int(d > 0 ? 1 : d < 0 ? -1 : 0);
  }
  double d = x.as_number();
  if (f == "ceil") return Value::Float(std::ceil(d));
  if (f == "floor") return Value::Float(std::floor(d));
  if (f == "round") return Value::Float(std::floor(d + 0.5));
  if (f == "sqrt") return Value::Float(std::sqrt(d));
  if (f == "exp") return Value::Float(std::exp(d));
  if (f == "log") return Value::Float(std::log(d));
  if (f == "log10") return Value::Float(std::log10(d));
  if (f == "sin") return Value::Float(std::sin(d));
  if (f == "cos") return Value::Float(std::cos(d));
  if (f == "tan") return Value::Float(std::tan(d));
  return ctx.Error(e.line, e.col, "unknown function '" + e.name + "' (UnknownFunction)");
}

}  // namespace kg::cypher
