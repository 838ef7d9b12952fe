// Graph::ScanNodesTyped / ScanRelsTyped: bulk scans that read the MessagePack
// node and relationship records (keys.h: {"l", "p"} and {"s", "d", "t", "p"})
// with a small pull reader and keep only the fields SnapNode / SnapRel hold,
// instead of building an nlohmann::json tree per record (~6x faster on a
// million relationships).
//
// The conversions mirror NodeFromGraph / RelFromGraph (snapshot_load.cpp) on
// the JSON a record decodes to, including its corner cases: a string property
// that holds an integer is printed with std::to_string, any other non-string
// value (float, bool, list, map, binary) with nlohmann::json::dump(), invalid
// UTF-8 replaced by U+FFFD (the rare value is decoded on its own for that);
// values that are not numbers count as absent for numeric fields; duplicate map keys: the last one
// wins. Records the JSON decoder rejects (truncated, trailing bytes, reserved byte 0xc1, non-string
// map keys) are Corruption here too.
#include <cstring>

#include "graph/graph.h"
#include "graph/keys.h"
#include "graph/rel_date.h"
#include "graph/snapshot.h"

namespace kg {

namespace {

// Pull reader over one MessagePack value. Every Read* checks bounds and
// returns false (leaving the reader failed) on malformed or truncated input.
class MsgReader {
 public:
  explicit MsgReader(std::string_view b)
      : p_(reinterpret_cast<const unsigned char*>(b.data())), n_(b.size()) {}

  bool at_end() const { return pos_ == n_; }
  size_t pos() const { return pos_; }
  std::string_view Slice(size_t from, size_t to) const {
    return {reinterpret_cast<const char*>(p_) + from, to - from};
  }
  bool Peek(unsigned char* b) const {
    if (pos_ >= n_) return false;
    *b = p_[pos_];
    return true;
  }

  // Map/array headers: false when the next value is not a map/array (nothing consumed).
  bool ReadMapHeader(uint32_t* count) {
    unsigned char b;
    if (!Peek(&b)) return false;
    if ((b & 0xF0) == 0x80) return ++pos_, *count = b & 0x0F, true;
    if (b == 0xDE) return Header(2, count);
    if (b == 0xDF) return Header(4, count);
    return false;
  }
  bool ReadArrayHeader(uint32_t* count) {
    unsigned char b;
    if (!Peek(&b)) return false;
    if ((b & 0xF0) == 0x90) return ++pos_, *count = b & 0x0F, true;
    if (b == 0xDC) return Header(2, count);
    if (b == 0xDD) return Header(4, count);
    return false;
  }
  // A string (fixstr, str8/16/32): false when the next value is not one (nothing consumed)
  // or it is truncated (reader failed).
  bool ReadStr(std::string_view* s) {
    unsigned char b;
    if (!Peek(&b)) return false;
    uint64_t len;
    size_t head;
    if ((b & 0xE0) == 0xA0) {
      len = b & 0x1F, head = 1;
    } else if (b == 0xD9 || b == 0xDA || b == 0xDB) {
      head = 1 + (size_t{1} << (b - 0xD9));
      if (!Uint(pos_ + 1, head - 1, &len)) return false;
    } else {
      return false;
    }
    if (len > n_ - pos_ - head) return Fail();
    *s = {reinterpret_cast<const char*>(p_) + pos_ + head, static_cast<size_t>(len)};
    pos_ += head + len;
    return true;
  }

  enum class Num { kNone, kUnsigned, kSigned, kFloat };
  // A number (fixint, uint/int 8..64, float32/64): its kind and value; kNone
  // (nothing consumed) when the next value is not a number.
  Num ReadNumber(uint64_t* u, int64_t* i, double* d) {
    unsigned char b;
    if (!Peek(&b)) return Num::kNone;
    if (b <= 0x7F) {
      ++pos_;
      *u = b;
      return Num::kUnsigned;
    }
    if (b >= 0xE0) {
      ++pos_;
      *i = static_cast<int8_t>(b);
      return Num::kSigned;
    }
    if (b >= 0xCC && b <= 0xCF) {
      const size_t w = size_t{1} << (b - 0xCC);
      if (!Uint(pos_ + 1, w, u)) return Num::kNone;
      pos_ += 1 + w;
      return Num::kUnsigned;
    }
    if (b >= 0xD0 && b <= 0xD3) {
      const size_t w = size_t{1} << (b - 0xD0);
      uint64_t raw;
      if (!Uint(pos_ + 1, w, &raw)) return Num::kNone;
      pos_ += 1 + w;
      switch (w) {
        case 1:
          *i = static_cast<int8_t>(raw);
          break;
        case 2:
          *i = static_cast<int16_t>(raw);
          break;
        case 4:
          *i = static_cast<int32_t>(raw);
          break;
        default:
          *i = static_cast<int64_t>(raw);
          break;
      }
      return Num::kSigned;
    }
    if (b == 0xCA) {
      uint64_t raw;
      if (!Uint(pos_ + 1, 4, &raw)) return Num::kNone;
      uint32_t r32 = static_cast<uint32_t>(raw);
      float f;
      std::memcpy(&f, &r32, 4);
      *d = static_cast<double>(f);
      pos_ += 5;
      return Num::kFloat;
    }
    if (b == 0xCB) {
      uint64_t raw;
      if (!Uint(pos_ + 1, 8, &raw)) return Num::kNone;
      std::memcpy(d, &raw, 8);
      pos_ += 9;
      return Num::kFloat;
    }
    return Num::kNone;
  }
  bool ReadNil() {
    if (pos_ < n_ && p_[pos_] == 0xC0) return ++pos_, true;
    return false;
  }

  // Skips one complete value of any type.
  bool Skip(int depth = 0) {
    unsigned char b;
    if (!Peek(&b) || depth > 512) return Fail();
    uint32_t count;
    if (ReadMapHeader(&count)) {
      for (uint32_t k = 0; k < count; ++k) {
        std::string_view key;  // nlohmann's reader accepts only string keys
        if (!ReadStr(&key)) return Fail();
        if (!Skip(depth + 1)) return false;
      }
      return true;
    }
    if (ReadArrayHeader(&count)) {
      for (uint32_t k = 0; k < count; ++k)
        if (!Skip(depth + 1)) return false;
      return true;
    }
    if (failed_) return false;
    std::string_view s;
    if (ReadStr(&s)) return true;
    if (failed_) return false;
    uint64_t u;
    int64_t i;
    double d;
    if (ReadNumber(&u, &i, &d) != Num::kNone) return true;
    if (failed_) return false;
    if (b == 0xC0 || b == 0xC2 || b == 0xC3) return ++pos_, true;
    if (b >= 0xC4 && b <= 0xC6) return Blob(1 + (size_t{1} << (b - 0xC4)), 1 << (b - 0xC4), 0);
    if (b >= 0xC7 && b <= 0xC9) return Blob(1 + (size_t{1} << (b - 0xC7)), 1 << (b - 0xC7), 1);
    if (b >= 0xD4 && b <= 0xD8) return Fixed(2 + (size_t{1} << (b - 0xD4)));
    return Fail();  // 0xC1 (never used)
  }

  bool failed() const { return failed_; }
  bool Fail() {
    failed_ = true;
    return false;
  }

 private:
  bool Uint(size_t at, size_t width, uint64_t* v) {
    if (at > n_ || width > n_ - at) return Fail();
    uint64_t r = 0;
    for (size_t k = 0; k < width; ++k) r = (r << 8) | p_[at + k];
    *v = r;
    return true;
  }
  bool Header(size_t width, uint32_t* count) {
    uint64_t v;
    if (!Uint(pos_ + 1, width, &v)) return false;
    pos_ += 1 + width;
    *count = static_cast<uint32_t>(v);
    return true;
  }
  bool Fixed(size_t total) {
    if (total > n_ - pos_) return Fail();
    pos_ += total;
    return true;
  }
  // bin/ext: `head` bytes of marker + length (+ `extra` type byte), then the payload.
  bool Blob(size_t head, size_t width, size_t extra) {
    uint64_t len;
    if (!Uint(pos_ + 1, width, &len)) return false;
    if (head + extra > n_ - pos_ || len > n_ - pos_ - head - extra) return Fail();
    pos_ += head + extra + len;
    return true;
  }

  const unsigned char* p_;
  size_t n_;
  size_t pos_ = 0;
  bool failed_ = false;
};

// A string-valued property as StringProp() in snapshot_load.cpp reads it from
// JSON: null -> "", string -> itself, integer -> std::to_string(int64), a
// temporal value set by Cypher -> its ISO text, other values -> their JSON
// text. False on malformed input.
bool ReadStringProp(MsgReader* r, std::string* out) {
  std::string_view s;
  if (r->ReadStr(&s)) {
    out->assign(s.data(), s.size());
    return true;
  }
  if (r->failed()) return false;
  if (r->ReadNil()) {
    out->clear();
    return true;
  }
  const size_t start = r->pos();
  uint64_t u = 0;
  int64_t i = 0;
  double d = 0;
  switch (r->ReadNumber(&u, &i, &d)) {
    case MsgReader::Num::kUnsigned:
      *out = std::to_string(static_cast<int64_t>(u));
      return true;
    case MsgReader::Num::kSigned:
      *out = std::to_string(i);
      return true;
    case MsgReader::Num::kFloat:
      break;                     // consumed; printed as JSON below
    case MsgReader::Num::kNone:  // anything else: JSON text, as nlohmann prints it
      if (r->failed() || !r->Skip()) return false;
      break;
  }
  const std::string_view raw = r->Slice(start, r->pos());
  auto j = nlohmann::json::from_msgpack(raw.begin(), raw.end(), /*strict=*/true,
                                        /*allow_exceptions=*/false);
  if (j.is_discarded()) return r->Fail();
  if (auto t = StoredTemporalText(j)) {  // a date set by Cypher, as StringProp
    *out = std::move(*t);
    return true;
  }
  *out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // as StringProp
  return true;
}

// A numeric property as DoubleProp() reads it: any number -> its double value;
// anything else -> absent (false in *present).
bool ReadDoubleProp(MsgReader* r, double* out, bool* present) {
  *present = false;
  uint64_t u = 0;
  int64_t i = 0;
  double d = 0;
  switch (r->ReadNumber(&u, &i, &d)) {
    case MsgReader::Num::kUnsigned:
      *out = static_cast<double>(u);
      break;
    case MsgReader::Num::kSigned:
      *out = static_cast<double>(i);
      break;
    case MsgReader::Num::kFloat:
      *out = d;
      break;
    case MsgReader::Num::kNone:
      if (r->failed()) return false;
      *present = false;
      return r->Skip();
  }
  *present = true;
  return true;
}

// A list of strings: non-string elements are skipped; a non-list clears `out`.
bool ReadStringList(MsgReader* r, std::vector<std::string>* out) {
  out->clear();
  uint32_t n;
  if (!r->ReadArrayHeader(&n)) return !r->failed() && r->Skip();
  for (uint32_t k = 0; k < n; ++k) {
    std::string_view s;
    if (r->ReadStr(&s)) {
      out->emplace_back(s);
    } else if (r->failed() || !r->Skip()) {
      return false;
    }
  }
  return true;
}

// key == lit, with a compile-time length (inlined compare; ~14 keys per record).
template <size_t N>
bool Is(std::string_view key, const char (&lit)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), lit, N - 1) == 0;
}

bool ReadKey(MsgReader* r, std::string_view* key) {
  if (r->ReadStr(key)) return true;
  return r->Fail();  // nlohmann's MessagePack reader only accepts string keys
}

// The node props map ("p"): resets the prop-derived fields, then reads it.
bool ReadNodeProps(MsgReader* r, SnapNode* n) {
  n->key.clear();
  n->name.clear();
  n->aliases.clear();
  n->country.clear();
  n->latitude = kUnknown;
  n->longitude = kUnknown;
  uint32_t count;
  if (!r->ReadMapHeader(&count)) return !r->failed() && r->Skip();  // not a map: no props
  bool present = false;
  for (uint32_t k = 0; k < count; ++k) {
    std::string_view key;
    if (!ReadKey(r, &key)) return false;
    bool ok;
    if (Is(key, "id")) {
      ok = ReadStringProp(r, &n->key);
    } else if (Is(key, "name")) {
      ok = ReadStringProp(r, &n->name);
    } else if (Is(key, "aliases")) {
      ok = ReadStringList(r, &n->aliases);
    } else if (Is(key, "country")) {
      ok = ReadStringProp(r, &n->country);
    } else if (Is(key, "latitude")) {
      ok = ReadDoubleProp(r, &n->latitude, &present);
      if (!present) n->latitude = kUnknown;
    } else if (Is(key, "longitude")) {
      ok = ReadDoubleProp(r, &n->longitude, &present);
      if (!present) n->longitude = kUnknown;
    } else {
      ok = r->Skip();
    }
    if (!ok) return false;
  }
  return true;
}

Status DecodeNodeTyped(NodeId id, std::string_view bytes, SnapNode* n) {
  MsgReader r(bytes);
  auto bad = [&] { return Status::Corruption("undecodable node record " + std::to_string(id)); };
  uint32_t count;
  if (!r.ReadMapHeader(&count)) {
    if (r.failed() || !r.Skip() || !r.at_end()) return bad();
    return Status::Corruption("node record is not a map");
  }
  n->id = id;
  for (uint32_t k = 0; k < count; ++k) {
    std::string_view key;
    if (!ReadKey(&r, &key)) return bad();
    bool ok;
    if (Is(key, "l")) {
      ok = ReadStringList(&r, &n->labels);
    } else if (Is(key, "p")) {
      ok = ReadNodeProps(&r, n);
    } else {
      ok = r.Skip();
    }
    if (!ok) return bad();
  }
  if (!r.at_end()) return bad();
  n->type = n->labels.empty() ? std::string() : PredicateForRelType(n->labels.front());
  return Status::OK();
}

// Numeric relationship props whose presence matters for `weight`.
struct RelNums {
  double support = 0, weight = 0;
  bool has_support = false, has_weight = false;
};

bool ReadRelProps(MsgReader* r, SnapRel* s, RelNums* nums) {
  *nums = RelNums();
  s->confidence = kUnknown;
  s->modality.clear();
  s->location.clear();
  s->location_name.clear();
  s->date.clear();
  s->first_seen.clear();
  s->last_seen.clear();
  uint32_t count;
  if (!r->ReadMapHeader(&count)) return !r->failed() && r->Skip();
  bool present = false;
  for (uint32_t k = 0; k < count; ++k) {
    std::string_view key;
    if (!ReadKey(r, &key)) return false;
    bool ok;
    if (Is(key, "support")) {
      ok = ReadDoubleProp(r, &nums->support, &nums->has_support);
    } else if (Is(key, "weight")) {
      ok = ReadDoubleProp(r, &nums->weight, &nums->has_weight);
    } else if (Is(key, "confidence")) {
      ok = ReadDoubleProp(r, &s->confidence, &present);
      if (!present) s->confidence = kUnknown;
    } else if (Is(key, "modality")) {
      ok = ReadStringProp(r, &s->modality);
    } else if (Is(key, "location")) {
      ok = ReadStringProp(r, &s->location);
    } else if (Is(key, "location_name")) {
      ok = ReadStringProp(r, &s->location_name);
    } else if (Is(key, "date")) {
      ok = ReadStringProp(r, &s->date);
    } else if (Is(key, "first_seen")) {
      ok = ReadStringProp(r, &s->first_seen);
    } else if (Is(key, "last_seen")) {
      ok = ReadStringProp(r, &s->last_seen);
    } else {
      ok = r->Skip();
    }
    if (!ok) return false;
  }
  return true;
}

// An id ("s", "d") as nlohmann's get<uint64_t>() converts a number; *present is
// false for any other value (the JSON path throws on it: a corrupt record).
bool ReadId(MsgReader* r, uint64_t* out, bool* present) {
  uint64_t u = 0;
  int64_t i = 0;
  double d = 0;
  *present = true;
  switch (r->ReadNumber(&u, &i, &d)) {
    case MsgReader::Num::kUnsigned:
      *out = u;
      return true;
    case MsgReader::Num::kSigned:
      *out = static_cast<uint64_t>(i);
      return true;
    case MsgReader::Num::kFloat:
      *out = static_cast<uint64_t>(d);
      return true;
    case MsgReader::Num::kNone:
      break;
  }
  // Not a number: unusable unless a later duplicate key replaces it (last one wins).
  *present = false;
  return !r->failed() && r->Skip();
}

// PredicateForRelType of the last type seen (a scan sees few distinct types).
struct PredicateCache {
  std::string type, predicate;
  const std::string& Get(const std::string& t) {
    if (t != type) {
      type = t;
      predicate = PredicateForRelType(t);
    }
    return predicate;
  }
};

Status DecodeRelTyped(RelId id, std::string_view bytes, PredicateCache* preds, NodeId* src,
                      NodeId* dst, SnapRel* s) {
  MsgReader r(bytes);
  auto bad = [&] {
    return Status::Corruption("undecodable relationship record " + std::to_string(id));
  };
  uint32_t count;
  if (!r.ReadMapHeader(&count)) {
    if (r.failed() || !r.Skip() || !r.at_end()) return bad();
    return Status::Corruption("relationship record lacks src/dst/type");
  }
  s->id = id;
  RelNums nums;
  bool has_s = false, has_d = false, has_t = false;
  for (uint32_t k = 0; k < count; ++k) {
    std::string_view key;
    if (!ReadKey(&r, &key)) return bad();
    bool ok;
    if (Is(key, "s")) {
      ok = ReadId(&r, src, &has_s);
    } else if (Is(key, "d")) {
      ok = ReadId(&r, dst, &has_d);
    } else if (Is(key, "t")) {
      std::string_view t;
      has_t = r.ReadStr(&t);
      if (has_t) s->type.assign(t.data(), t.size());
      ok = has_t || (!r.failed() && r.Skip());  // a non-string type counts as missing
    } else if (Is(key, "p")) {
      ok = ReadRelProps(&r, s, &nums);
    } else {
      ok = r.Skip();
    }
    if (!ok) return bad();
  }
  if (!r.at_end()) return bad();
  if (!has_s || !has_d || !has_t)
    return Status::Corruption("relationship record lacks src/dst/type");
  s->predicate = preds->Get(s->type);
  s->support = static_cast<int64_t>(nums.has_support ? nums.support : 0);
  const bool co = s->is_co_mention();
  const bool has_primary = co ? nums.has_weight : nums.has_support;
  if (has_primary) {
    s->weight = co ? nums.weight : nums.support;
  } else {
    s->weight = nums.has_weight ? nums.weight : nums.has_support ? nums.support : 1.0;
  }
  return Status::OK();
}

}  // namespace

Status Graph::ScanNodesTyped(const std::function<bool(SnapNode*)>& fn) const {
  auto it = store_->NewIterator(Cf::kNodes);
  SnapNode n;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    NodeId id;
    KG_RETURN_IF_ERROR(keys::DecodeNodeKey(it->key(), &id));
    n = SnapNode();
    KG_RETURN_IF_ERROR(DecodeNodeTyped(id, it->value(), &n));
    if (!fn(&n)) return Status::OK();
  }
  return it->status();
}

Status Graph::ScanRelsTyped(const std::function<bool(NodeId, NodeId, SnapRel*)>& fn) const {
  auto it = store_->NewIterator(Cf::kRels);
  SnapRel s;
  PredicateCache preds;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RelId id;
    KG_RETURN_IF_ERROR(keys::DecodeRelKey(it->key(), &id));
    s = SnapRel();
    NodeId src = 0, dst = 0;
    KG_RETURN_IF_ERROR(DecodeRelTyped(id, it->value(), &preds, &src, &dst, &s));
    if (!fn(src, dst, &s)) return Status::OK();
  }
  return it->status();
}

Status Graph::GetNodeTyped(NodeId id, SnapNode* out) const {
  std::string v;
  Status s = store_->Get(Cf::kNodes, keys::NodeKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
  KG_RETURN_IF_ERROR(s);
  *out = SnapNode();
  return DecodeNodeTyped(id, v, out);
}

Status Graph::GetRelTyped(RelId id, NodeId* src, NodeId* dst, SnapRel* out) const {
  std::string v;
  Status s = store_->Get(Cf::kRels, keys::RelKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
  KG_RETURN_IF_ERROR(s);
  *out = SnapRel();
  PredicateCache preds;
  return DecodeRelTyped(id, v, &preds, src, dst, out);
}

Status Graph::GetRelsTyped(const std::vector<RelId>& ids,
                           const std::function<void(std::size_t, NodeId, NodeId, SnapRel*)>& fn) const {
  std::vector<std::string> keys;
  keys.reserve(ids.size());
  for (RelId id : ids) keys.push_back(keys::RelKey(id));
  PredicateCache preds;
  SnapRel s;
  return store_->MultiGet(Cf::kRels, keys, [&](std::size_t i, std::string_view value) {
    s = SnapRel();
    NodeId src = 0, dst = 0;
    KG_RETURN_IF_ERROR(DecodeRelTyped(ids[i], value, &preds, &src, &dst, &s));
    fn(i, src, dst, &s);
    return Status::OK();
  });
}

}  // namespace kg
