// Cypher runtime values: null, boolean, integer, float, string, list, map,
// node, relationship, path and the temporal types (date, localtime, time,
// localdatetime, datetime, duration; see temporal.h). Nodes and relationships are references (ids)
// into the Graph; their labels/properties are read through the executor.
//
// Values are immutable once built; lists and maps share their storage
// (copying a Value is cheap). Thread safety: immutable values may be read from
// several threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "query/cypher/temporal.h"

namespace kg::cypher {

class Value;
using List = std::vector<Value>;
using Map = std::map<std::string, Value>;

struct NodeRef {
  uint64_t id = 0;
};
struct RelRef {
  uint64_t id = 0;
  // The relationship's type when the matcher knew it from the adjacency key
  // (an interned string that lives as long as the process), else nullptr.
  const std::string* type = nullptr;
};
struct PathVal {
  std::vector<uint64_t> nodes;  // nodes.size() == rels.size() + 1
  std::vector<uint64_t> rels;
};

class Value {
 public:
  enum class Type {
    kNull,
    kBool,
    kInt,
    kFloat,
    kString,
    kList,
    kMap,
    kNode,
    kRel,
    kPath,
    kDate,
    kLocalTime,
    kTime,
    kLocalDateTime,
    kDateTime,
    kDuration
  };

  Value() = default;
  static Value Null() { return Value(); }
  static Value Bool(bool b) { Value v; v.v_ = b; return v; }
  static Value Int(int64_t i) { Value v; v.v_ = i; return v; }
  static Value Float(double d) { Value v; v.v_ = d; return v; }
  static Value Str(std::string s) { Value v; v.v_ = std::move(s); return v; }
  static Value FromList(List l) {
    Value v;
    v.v_ = std::make_shared<const List>(std::move(l));
    return v;
  }
  static Value FromMap(Map m) {
    Value v;
    v.v_ = std::make_shared<const Map>(std::move(m));
    return v;
  }
  static Value Node(uint64_t id) { Value v; v.v_ = NodeRef{id}; return v; }
  static Value Rel(uint64_t id, const std::string* type = nullptr) {
    Value v;
    v.v_ = RelRef{id, type};
    return v;
  }
  static Value Path(PathVal p) {
    Value v;
    v.v_ = std::make_shared<const PathVal>(std::move(p));
    return v;
  }

  static Value Temporal(const TemporalVal& t) {
    Value v;
    v.v_ = t;
    return v;
  }
  static Value Duration(const DurationVal& d) {
    Value v;
    v.v_ = Normalize(d);
    return v;
  }

  Type type() const {
    const size_t i = v_.index();
    if (i < kTemporalIndex) return static_cast<Type>(i);
    if (i == kTemporalIndex)
      return static_cast<Type>(static_cast<int>(Type::kDate) +
                               static_cast<int>(std::get<TemporalVal>(v_).kind));
    return Type::kDuration;
  }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_float() const { return type() == Type::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_list() const { return type() == Type::kList; }
  bool is_map() const { return type() == Type::kMap; }
  bool is_node() const { return type() == Type::kNode; }
  bool is_rel() const { return type() == Type::kRel; }
  bool is_path() const { return type() == Type::kPath; }
  bool is_temporal() const { return v_.index() == kTemporalIndex; }  // date .. datetime
  bool is_duration() const { return type() == Type::kDuration; }

  // REQUIRES: the matching type.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_float() const { return std::get<double>(v_); }
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const List& as_list() const { return *std::get<std::shared_ptr<const List>>(v_); }
  const Map& as_map() const { return *std::get<std::shared_ptr<const Map>>(v_); }
  uint64_t node_id() const { return std::get<NodeRef>(v_).id; }
  uint64_t rel_id() const { return std::get<RelRef>(v_).id; }
  const std::string* rel_type() const { return std::get<RelRef>(v_).type; }
  const PathVal& as_path() const { return *std::get<std::shared_ptr<const PathVal>>(v_); }
  const TemporalVal& as_temporal() const { return std::get<TemporalVal>(v_); }
  const DurationVal& as_duration() const { return std::get<DurationVal>(v_); }

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<const List>,
               std::shared_ptr<const Map>, NodeRef, RelRef, std::shared_ptr<const PathVal>,
               TemporalVal, DurationVal>
      v_;
  static constexpr size_t kTemporalIndex = 10;
};

const char* TypeName(Value::Type t);

// Three-valued equality (=): null when either side is null or a nested
// comparison is undecidable. Returns Null or Bool.
Value Equals(const Value& a, const Value& b);
// Three-valued ordering comparison for <, <=, >, >=: returns -1/0/1 in *cmp
// and true when comparable; false (-> null) for incomparable types or null.
bool CompareForOp(const Value& a, const Value& b, int* cmp);
// Total order used by ORDER BY, min and max (Cypher orderability; null last).
int OrderCompare(const Value& a, const Value& b);
// Grouping/DISTINCT key: equal keys <=> equivalent values (null ~ null, 1 ~ 1.0).
std::string GroupKey(const Value& v);

// Property values <-> JSON (graph storage). Nodes/relationships/paths have no
// JSON property form (ToJson gives their id). Temporal values are stored as a
// one-key object {"~date": "2024-06-01"} (key "~" + type name, value the ISO
// text); such objects read back as the temporal value. Maps are never stored
// as properties, so the form cannot collide with user data.
Value FromJson(const nlohmann::json& j);
nlohmann::json ToJson(const Value& v);
// Whether `v` may be stored as a property (null, scalars incl. temporal values,
// lists of them).
bool IsStorable(const Value& v);

// Cypher literal text for scalars/lists/maps: 'str', 1.0, [1, 2], {a: 1}.
// Nodes/rels/paths render as (#id) / [#id] / <...> — the executor renders them fully.
std::string FormatFloat(double d);

}  // namespace kg::cypher
