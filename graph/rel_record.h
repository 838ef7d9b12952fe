// Internal to graph/: relationship records and evidence values encoded and
// decoded directly as MessagePack, without nlohmann::json temporaries (the
// ingest hot path). The bytes are exactly what keys::EncodeValue() of the
// equivalent nlohmann::json writes (maps in key order, the smallest integer
// and string headers, float32 when a double is exactly representable), so
// databases, exports and the typed scans are unchanged (schema version 2).
//
// Thread safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/status.h"

namespace kg::internal {

// One property value: a scalar, or any other MessagePack value kept as its
// raw bytes (arrays, maps, binary: copied through unchanged).
struct PropValue {
  enum Kind : uint8_t { kNull, kBool, kInt, kUint, kDouble, kString, kRaw };
  Kind kind = kNull;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string s;  // kString: the text; kRaw: the encoded value

  static PropValue Null() { return {}; }
  static PropValue Int(int64_t v) {
    PropValue p;
    p.kind = kInt;
    p.i = v;
    return p;
  }
  static PropValue Double(double v) {
    PropValue p;
    p.kind = kDouble;
    p.d = v;
    return p;
  }
  static PropValue Str(std::string v) {
    PropValue p;
    p.kind = kString;
    p.s = std::move(v);
    return p;
  }
};

// A property map kept sorted by key (bytewise, as std::map<std::string>).
class PropMap {
 public:
  const PropValue* Find(std::string_view key) const;
  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  void Set(std::string_view key, PropValue v);
  void Erase(std::string_view key);
  // Typed reads with nlohmann's value(key, default) meaning; a value of
  // another type gives the default.
  int64_t Int(std::string_view key, int64_t def) const;
  double Num(std::string_view key, double def) const;
  std::string Str(std::string_view key, const std::string& def = {}) const;
  const std::vector<std::pair<std::string, PropValue>>& items() const { return items_; }
  std::vector<std::pair<std::string, PropValue>>& mutable_items() { return items_; }

 private:
  std::vector<std::pair<std::string, PropValue>> items_;
};

// A relationship record (Cf::kRels value {"s", "d", "t", "p"}).
struct RelRecord {
  uint64_t id = 0, src = 0, dst = 0;
  std::string type;
  PropMap props;
  // Set by LoadRelRecord: the day the date index (rel_date.h) holds the
  // stored record under, so PutRelRecord can move it without a second read.
  std::optional<int64_t> indexed_day;
};

// Corruption (naming the relationship) when the bytes are not a relationship record.
Status DecodeRelRecord(uint64_t id, std::string_view bytes, RelRecord* out);
std::string EncodeRelRecord(const RelRecord& r);
// Decodes a MessagePack map of scalars/raw values (e.g. an evidence record).
Status DecodePropMap(std::string_view bytes, const char* what, PropMap* out);

// The props map ("p") of a node record {"l": labels, "p": props}, as
// DecodePropMap decodes it (arrays and maps kept raw). Corruption when the
// record is not a map or "p" is not a map (also when "p" is missing).
Status DecodeNodeProps(std::string_view bytes, PropMap* out);
// The elements of an encoded MessagePack array when they are all strings
// (views into `raw`); false otherwise.
bool DecodeStringArray(std::string_view raw, std::vector<std::string_view>* out);

// The record of a CO_MENTIONED relationship that one article just created:
// EncodeRelRecord of {id, src, dst, type} with the props {confidence: 1.0,
// date: date, first_seen: date, last_seen: date, location: null, modality:
// "asserted", support: 1, weight: weight}, written without building the
// PropMap (same bytes).
std::string EncodeNewCoMentionRecord(uint64_t src, uint64_t dst, std::string_view type,
                                     std::string_view date, int64_t weight);

// MessagePack writer with nlohmann's (canonical) choices of headers.
class MsgWriter {
 public:
  explicit MsgWriter(std::string* out) : out_(out) {}
  // Short maps, arrays and strings (the usual case) inline; the rest out of line.
  void Map(std::size_t n) {
    if (n <= 15) return out_->push_back(static_cast<char>(0x80 | n));
    MapLong(n);
  }
  void Array(std::size_t n) {
    if (n <= 15) return out_->push_back(static_cast<char>(0x90 | n));
    ArrayLong(n);
  }
  void Str(std::string_view s) {
    if (s.size() > 31) return StrLong(s);
    out_->push_back(static_cast<char>(0xA0 | s.size()));
    out_->append(s);
  }
  void Uint(uint64_t v);
  void Int(int64_t v);
  void Double(double v);
  void Nil() { out_->push_back(static_cast<char>(0xC0)); }
  void Bool(bool v) { out_->push_back(static_cast<char>(v ? 0xC3 : 0xC2)); }
  void Raw(std::string_view bytes) { out_->append(bytes); }
  void Value(const PropValue& v);

 private:
  void Be(uint64_t v, int bytes);
  void MapLong(std::size_t n);
  void ArrayLong(std::size_t n);
  void StrLong(std::string_view s);
  std::string* out_;
};

}  // namespace kg::internal
