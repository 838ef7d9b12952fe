#include "query/cypher/value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kg::cypher {

const char* TypeName(Value::Type t) {
  switch (t) {
    case Value::Type::kNull: return "Null";
    case Value::Type::kBool: return "Boolean";
    case Value::Type::kInt: return "Integer";
    case Value::Type::kFloat: return "Float";
    case Value::Type::kString: return "String";
    case Value::Type::kList: return "List";
    case Value::Type::kMap: return "Map";
    case Value::Type::kNode: return "Node";
    case Value::Type::kRel: return "Relationship";
    case Value::Type::kPath: return "Path";
    case Value::Type::kDate:
      return "Date";
    case Value::Type::kLocalTime:
      return "LocalTime";
    case Value::Type::kTime:
      return "Time";
    case Value::Type::kLocalDateTime:
      return "LocalDateTime";
    case Value::Type::kDateTime:
      return "DateTime";
    case Value::Type::kDuration:
      return "Duration";
  }
  return "?";
}

Value Equals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value::Null();
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return Value::Bool(a.as_int() == b.as_int());
    return Value::Bool(a.as_number() == b.as_number());
  }
  if (a.type() != b.type()) return Value::Bool(false);
  switch (a.type()) {
    case Value::Type::kBool: return Value::Bool(a.as_bool() == b.as_bool());
    case Value::Type::kString: return Value::Bool(a.as_string() == b.as_string());
    case Value::Type::kNode: return Value::Bool(a.node_id() == b.node_id());
    case Value::Type::kRel: return Value::Bool(a.rel_id() == b.rel_id());
    case Value::Type::kPath:
      return Value::Bool(a.as_path().nodes == b.as_path().nodes &&
                         a.as_path().rels == b.as_path().rels);
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return Value::Bool(TemporalEquals(a.as_temporal(), b.as_temporal()));
    case Value::Type::kDuration:
      return Value::Bool(DurationEquals(a.as_duration(), b.as_duration()));
    case Value::Type::kList: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      if (x.size() != y.size()) return Value::Bool(false);
      bool saw_null = false;
      for (size_t i = 0; i < x.size(); ++i) {
        Value e = Equals(x[i], y[i]);
        if (e.is_null()) saw_null = true;
        else if (!e.as_bool()) return Value::Bool(false);
      }
      return saw_null ? Value::Null() : Value::Bool(true);
    }
    case Value::Type::kMap: {
      const Map& x = a.as_map();
      const Map& y = b.as_map();
      if (x.size() != y.size()) return Value::Bool(false);
      bool saw_null = false;
      for (auto it = x.begin(), jt = y.begin(); it != x.end(); ++it, ++jt) {
        if (it->first != jt->first) return Value::Bool(false);
      }
      for (auto it = x.begin(), jt = y.begin(); it != x.end(); ++it, ++jt) {
        Value e = Equals(it->second, jt->second);
        if (e.is_null()) saw_null = true;
        else if (!e.as_bool()) return Value::Bool(false);
      }
      return saw_null ? Value::Null() : Value::Bool(true);
    }
    default: return Value::Null();
  }
}

namespace {
template <typename T>
int Cmp(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

int CmpNumbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return Cmp(a.as_int(), b.as_int());
  double x = a.as_number(), y = b.as_number();
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) ? (std::isnan(y) ? 0 : 1) : -1;
  // Exact comparison between a large integer and a float.
  if (a.is_int() && x == y) return Cmp(static_cast<long double>(a.as_int()),
                                       static_cast<long double>(y));
  if (b.is_int() && x == y) return Cmp(static_cast<long double>(x),
                                       static_cast<long double>(b.as_int()));
  return Cmp(x, y);
}

// Cypher's orderability: MAP < NODE < RELATIONSHIP < LIST < PATH < DATETIME <
// LOCALDATETIME < DATE < TIME < LOCALTIME < DURATION < STRING < BOOLEAN <
// NUMBER (NaN last among numbers) < null.
int Rank(const Value& v) {
  switch (v.type()) {
    case Value::Type::kMap: return 0;
    case Value::Type::kNode: return 1;
    case Value::Type::kRel: return 2;
    case Value::Type::kList: return 3;
    case Value::Type::kPath: return 4;
    case Value::Type::kDateTime:
      return 5;
    case Value::Type::kLocalDateTime:
      return 6;
    case Value::Type::kDate:
      return 7;
    case Value::Type::kTime:
      return 8;
    case Value::Type::kLocalTime:
      return 9;
    case Value::Type::kDuration:
      return 10;
    case Value::Type::kString:
      return 11;
    case Value::Type::kBool:
      return 12;
    case Value::Type::kInt:
      return 13;
    case Value::Type::kFloat:
      return std::isnan(v.as_float()) ? 14 : 13;
    case Value::Type::kNull:
      return 15;
  }
  return 15;
}
}  // namespace

bool CompareForOp(const Value& a, const Value& b, int* cmp) {
  if (a.is_null() || b.is_null()) return false;
  if (a.is_number() && b.is_number()) {
    if ((a.is_float() && std::isnan(a.as_float())) || (b.is_float() && std::isnan(b.as_float())))
      return false;
    *cmp = CmpNumbers(a, b);
    return true;
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::kString: *cmp = Cmp(a.as_string(), b.as_string()); return true;
    case Value::Type::kBool: *cmp = Cmp(a.as_bool(), b.as_bool()); return true;
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      *cmp = TemporalCompare(a.as_temporal(), b.as_temporal());
      return true;
    case Value::Type::kList: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = 0;
        if (!CompareForOp(x[i], y[i], &c)) return false;
        if (c != 0) {
          *cmp = c;
          return true;
        }
      }
      *cmp = Cmp(x.size(), y.size());
      return true;
    }
    default: return false;
  }
}

int OrderCompare(const Value& a, const Value& b) {
  int ra = Rank(a), rb = Rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case Value::Type::kNull: return 0;
    case Value::Type::kInt:
    case Value::Type::kFloat:
      if (ra == 14) return 0;
      return CmpNumbers(a, b);
    case Value::Type::kString: return Cmp(a.as_string(), b.as_string());
    case Value::Type::kBool: return Cmp(a.as_bool(), b.as_bool());
    case Value::Type::kNode: return Cmp(a.node_id(), b.node_id());
    case Value::Type::kRel: return Cmp(a.rel_id(), b.rel_id());
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return TemporalCompare(a.as_temporal(), b.as_temporal());
    case Value::Type::kDuration:
      return DurationOrder(a.as_duration(), b.as_duration());
    case Value::Type::kPath: {
      const PathVal& x = a.as_path();
      const PathVal& y = b.as_path();
      if (x.nodes != y.nodes) return x.nodes < y.nodes ? -1 : 1;
      return Cmp(x.rels, y.rels);
    }
    case Value::Type::kList: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = OrderCompare(x[i], y[i]);
        if (c) return c;
      }
      return Cmp(x.size(), y.size());
    }
    case Value::Type::kMap: {
      const Map& x = a.as_map();
      const Map& y = b.as_map();
      auto it = x.begin();
      auto jt = y.begin();
      for (; it != x.end() && jt != y.end(); ++it, ++jt) {
        if (it->first != jt->first) return it->first < jt->first ? -1 : 1;
        int c = OrderCompare(it->second, jt->second);
        if (c) return c;
      }
      return Cmp(x.size(), y.size());
    }
  }
  return 0;
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string GroupKey(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return "N";
    case Value::Type::kBool: return v.as_bool() ? "T" : "F";
    case Value::Type::kInt: return "#" + std::to_string(v.as_int());
    case Value::Type::kFloat: {
      double d = v.as_float();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
        return "#" + std::to_string(static_cast<int64_t>(d));
      return "#" + FormatFloat(d);
    }
    case Value::Type::kString: return "s" + std::to_string(v.as_string().size()) + ":" + v.as_string();
    case Value::Type::kNode: return "n" + std::to_string(v.node_id());
    case Value::Type::kRel: return "r" + std::to_string(v.rel_id());
    case Value::Type::kPath: {
      std::string k = "p";
      for (auto n : v.as_path().nodes) k += std::to_string(n) + ",";
      k += ";";
      for (auto r : v.as_path().rels) k += std::to_string(r) + ",";
      return k;
    }
    case Value::Type::kList: {
      std::string k = "[";
      for (const auto& e : v.as_list()) k += GroupKey(e) + ",";
      return k + "]";
    }
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return "t" + FormatTemporal(v.as_temporal()) + TypeName(v.type());
    case Value::Type::kDuration:
      return "d" + FormatDuration(v.as_duration());
    case Value::Type::kMap: {
      std::string k = "{";
      for (const auto& [key, e] : v.as_map())
        k += std::to_string(key.size()) + ":" + key + "=" + GroupKey(e) + ",";
      return k + "}";
    }
  }
  return "?";
}

namespace {
// The stored form of a temporal property ({"~date": "2024-06-01"}).
bool TemporalFromTagged(const std::string& type, const std::string& text, Value* out) {
  if (type == "duration") {
    DurationVal d;
    if (!ParseDuration(text, &d).ok()) return false;
    *out = Value::Duration(d);
    return true;
  }
  for (TemporalKind k : {TemporalKind::kDate, TemporalKind::kLocalTime, TemporalKind::kTime,
                         TemporalKind::kLocalDateTime, TemporalKind::kDateTime}) {
    if (type != TemporalKindName(k)) continue;
    TemporalVal t;
    if (!ParseTemporal(k, text, &t).ok()) return false;
    *out = Value::Temporal(t);
    return true;
  }
  return false;
}
}  // namespace

Value FromJson(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return Value::Null();
    case nlohmann::json::value_t::boolean: return Value::Bool(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value::Int(j.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return Value::Float(static_cast<double>(u));
      return Value::Int(static_cast<int64_t>(u));
    }
    case nlohmann::json::value_t::number_float: return Value::Float(j.get<double>());
    case nlohmann::json::value_t::string: return Value::Str(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      List l;
      for (const auto& e : j) l.push_back(FromJson(e));
      return Value::FromList(std::move(l));
    }
    case nlohmann::json::value_t::object: {
      if (j.size() == 1 && j.begin().key().size() > 1 && j.begin().key()[0] == '~' &&
          j.begin()->is_string()) {
        Value t;
        if (TemporalFromTagged(j.begin().key().substr(1), j.begin()->get<std::string>(), &t))
          return t;
      }
      Map m;
      for (auto it = j.begin(); it != j.end(); ++it) m[it.key()] = FromJson(it.value());
      return Value::FromMap(std::move(m));
    }
    default: return Value::Null();
  }
}

nlohmann::json ToJson(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return nullptr;
    case Value::Type::kBool: return v.as_bool();
    case Value::Type::kInt: return v.as_int();
    case Value::Type::kFloat: {
      double d = v.as_float();
      if (!std::isfinite(d)) return FormatFloat(d);
      return d;
    }
    case Value::Type::kString: return v.as_string();
    case Value::Type::kList: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& e : v.as_list()) a.push_back(ToJson(e));
      return a;
    }
    case Value::Type::kMap: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, e] : v.as_map()) o[k] = ToJson(e);
      return o;
    }
    case Value::Type::kNode: return v.node_id();
    case Value::Type::kRel: return v.rel_id();
    case Value::Type::kPath: return nullptr;
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return nlohmann::json{{std::string("~") + TemporalKindName(v.as_temporal().kind),
                             FormatTemporal(v.as_temporal())}};
    case Value::Type::kDuration:
      return nlohmann::json{{"~duration", FormatDuration(v.as_duration())}};
  }
  return nullptr;
}

bool IsStorable(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull:
    case Value::Type::kBool:
    case Value::Type::kInt:
    case Value::Type::kFloat:
    case Value::Type::kString:
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
    case Value::Type::kDuration:
      return true;
    case Value::Type::kList:
      for (const auto& e : v.as_list()) {
        if (e.is_list() || e.is_map() || e.is_node() || e.is_rel() || e.is_path() || e.is_null())
          return false;
      }
      return true;
    default: return false;
  }
}

}  // namespace kg::cypher
