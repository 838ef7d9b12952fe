// Direct MessagePack codecs of relationship records (see rel_record.h).
#include "graph/rel_record.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace kg::internal {

// ---- PropMap ------------------------------------------------------------------

namespace {
auto LowerBound(const std::vector<std::pair<std::string, PropValue>>& v, std::string_view key) {
  return std::lower_bound(v.begin(), v.end(), key,
                          [](const auto& item, std::string_view k) { return item.first < k; });
}
}  // namespace

const PropValue* PropMap::Find(std::string_view key) const {
  auto it = LowerBound(items_, key);
  return it != items_.end() && it->first == key ? &it->second : nullptr;
}

void PropMap::Set(std::string_view key, PropValue v) {
  auto it = LowerBound(items_, key);
  if (it != items_.end() && it->first == key) {
    items_[static_cast<std::size_t>(it - items_.begin())].second = std::move(v);
    return;
  }
  items_.insert(items_.begin() + (it - items_.begin()), {std::string(key), std::move(v)});
}

void PropMap::Erase(std::string_view key) {
  auto it = LowerBound(items_, key);
  if (it != items_.end() && it->first == key) items_.erase(it);
}

int64_t PropMap::Int(std::string_view key, int64_t def) const {
  const PropValue* v = Find(key);
  if (!v) return def;
  switch (v->kind) {
    case PropValue::kInt:
      return v->i;
    case PropValue::kUint:
      return static_cast<int64_t>(v->u);
    case PropValue::kDouble:
      return static_cast<int64_t>(v->d);
    default:
      return def;
  }
}

double PropMap::Num(std::string_view key, double def) const {
  const PropValue* v = Find(key);
  if (!v) return def;
  switch (v->kind) {
    case PropValue::kInt:
      return static_cast<double>(v->i);
    case PropValue::kUint:
      return static_cast<double>(v->u);
    case PropValue::kDouble:
      return v->d;
    default:
      return def;
  }
}

std::string PropMap::Str(std::string_view key, const std::string& def) const {
  const PropValue* v = Find(key);
  return v && v->kind == PropValue::kString ? v->s : def;
}

// ---- writer -------------------------------------------------------------------

void MsgWriter::Be(uint64_t v, int bytes) {
  char b[8];
  for (int i = bytes - 1; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out_->append(b, static_cast<std::size_t>(bytes));
}

void MsgWriter::MapLong(std::size_t n) {
  if (n <= 15) {
    out_->push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xffff) {
    out_->push_back(static_cast<char>(0xDE));
    Be(n, 2);
  } else {
    out_->push_back(static_cast<char>(0xDF));
    Be(n, 4);
  }
}

void MsgWriter::ArrayLong(std::size_t n) {
  if (n <= 15) {
    out_->push_back(static_cast<char>(0x90 | n));
  } else if (n <= 0xffff) {
    out_->push_back(static_cast<char>(0xDC));
    Be(n, 2);
  } else {
    out_->push_back(static_cast<char>(0xDD));
    Be(n, 4);
  }
}

void MsgWriter::StrLong(std::string_view s) {
  const std::size_t n = s.size();
  if (n <= 31) {
    out_->push_back(static_cast<char>(0xA0 | n));
  } else if (n <= 0xff) {
    out_->push_back(static_cast<char>(0xD9));
    Be(n, 1);
  } else if (n <= 0xffff) {
    out_->push_back(static_cast<char>(0xDA));
    Be(n, 2);
  } else {
    out_->push_back(static_cast<char>(0xDB));
    Be(n, 4);
  }
  out_->append(s);
}

void MsgWriter::Uint(uint64_t v) {
  if (v < 128) {
    out_->push_back(static_cast<char>(v));
  } else if (v <= 0xff) {
    out_->push_back(static_cast<char>(0xCC));
    Be(v, 1);
  } else if (v <= 0xffff) {
    out_->push_back(static_cast<char>(0xCD));
    Be(v, 2);
  } else if (v <= 0xffffffffull) {
    out_->push_back(static_cast<char>(0xCE));
    Be(v, 4);
  } else {
    out_->push_back(static_cast<char>(0xCF));
    Be(v, 8);
  }
}

void MsgWriter::Int(int64_t v) {
  if (v >= 0) return Uint(static_cast<uint64_t>(v));
  if (v >= -32) {
    out_->push_back(static_cast<char>(static_cast<int8_t>(v)));
  } else if (v >= std::numeric_limits<int8_t>::min()) {
    out_->push_back(static_cast<char>(0xD0));
    Be(static_cast<uint8_t>(static_cast<int8_t>(v)), 1);
  } else if (v >= std::numeric_limits<int16_t>::min()) {
    out_->push_back(static_cast<char>(0xD1));
    Be(static_cast<uint16_t>(static_cast<int16_t>(v)), 2);
  } else if (v >= std::numeric_limits<int32_t>::min()) {
    out_->push_back(static_cast<char>(0xD2));
    Be(static_cast<uint32_t>(static_cast<int32_t>(v)), 4);
  } else {
    out_->push_back(static_cast<char>(0xD3));
    Be(static_cast<uint64_t>(v), 8);
  }
}

void MsgWriter::Double(double v) {
  // nlohmann's write_compact_float: float32 when exactly representable.
  if (v >= static_cast<double>(std::numeric_limits<float>::lowest()) &&
      v <= static_cast<double>(std::numeric_limits<float>::max()) &&
      static_cast<double>(static_cast<float>(v)) == v) {
    const float f = static_cast<float>(v);
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    out_->push_back(static_cast<char>(0xCA));
    Be(bits, 4);
  } else {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    out_->push_back(static_cast<char>(0xCB));
    Be(bits, 8);
  }
}

void MsgWriter::Value(const PropValue& v) {
  switch (v.kind) {
    case PropValue::kNull:
      Nil();
      break;
    case PropValue::kBool:
      Bool(v.b);
      break;
    case PropValue::kInt:
      Int(v.i);
      break;
    case PropValue::kUint:
      Uint(v.u);
      break;
    case PropValue::kDouble:
      Double(v.d);
      break;
    case PropValue::kString:
      Str(v.s);
      break;
    case PropValue::kRaw:
      Raw(v.s);
      break;
  }
}

// ---- reader -------------------------------------------------------------------

namespace {

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  std::size_t pos() const { return pos_; }

  bool Byte(uint8_t* b) {
    if (pos_ >= in_.size()) return ok_ = false;
    *b = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool Be(int n, uint64_t* v) {
    if (in_.size() - pos_ < static_cast<std::size_t>(n)) return ok_ = false;
    uint64_t r = 0;
    for (int i = 0; i < n; ++i) r = (r << 8) | static_cast<uint8_t>(in_[pos_++]);
    *v = r;
    return true;
  }
  bool Bytes(uint64_t n, std::string_view* out) {
    if (in_.size() - pos_ < n) return ok_ = false;
    *out = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  // Map header: number of pairs.
  bool MapHeader(uint64_t* n) {
    uint8_t b;
    if (!Byte(&b)) return false;
    if ((b & 0xF0) == 0x80) {
      *n = b & 0x0F;
      return true;
    }
    if (b == 0xDE) return Be(2, n);
    if (b == 0xDF) return Be(4, n);
    return ok_ = false;
  }
  bool String(std::string_view* s) {
    uint8_t b;
    if (!Byte(&b)) return false;
    uint64_t n;
    if ((b & 0xE0) == 0xA0) {
      n = b & 0x1F;
    } else if (b == 0xD9) {
      if (!Be(1, &n)) return false;
    } else if (b == 0xDA) {
      if (!Be(2, &n)) return false;
    } else if (b == 0xDB) {
      if (!Be(4, &n)) return false;
    } else {
      return ok_ = false;
    }
    return Bytes(n, s);
  }
  // Any value; scalars decoded, anything else kept raw.
  bool Value(PropValue* v) {
    const std::size_t start = pos_;
    uint8_t b;
    if (!Byte(&b)) return false;
    uint64_t x = 0;
    std::string_view sv;
    auto raw = [&]() {
      v->kind = PropValue::kRaw;
      v->s.assign(in_.substr(start, pos_ - start));
      return true;
    };
    if (b <= 0x7F) {
      v->kind = PropValue::kUint;
      v->u = b;
      return true;
    }
    if (b >= 0xE0) {
      v->kind = PropValue::kInt;
      v->i = static_cast<int8_t>(b);
      return true;
    }
    if ((b & 0xE0) == 0xA0) {
      if (!Bytes(b & 0x1F, &sv)) return false;
      v->kind = PropValue::kString;
      v->s.assign(sv);
      return true;
    }
    if ((b & 0xF0) == 0x80) return Skip(2 * static_cast<uint64_t>(b & 0x0F)) && raw();
    if ((b & 0xF0) == 0x90) return Skip(b & 0x0F) && raw();
    switch (b) {
      case 0xC0:
        v->kind = PropValue::kNull;
        return true;
      case 0xC2:
      case 0xC3:
        v->kind = PropValue::kBool;
        v->b = b == 0xC3;
        return true;
      case 0xCC:
      case 0xCD:
      case 0xCE:
      case 0xCF:
        if (!Be(1 << (b - 0xCC), &x)) return false;
        v->kind = PropValue::kUint;
        v->u = x;
        return true;
      case 0xD0:
      case 0xD1:
      case 0xD2:
      case 0xD3: {
        const int n = 1 << (b - 0xD0);
        if (!Be(n, &x)) return false;
        v->kind = PropValue::kInt;
        if (n == 1)
          v->i = static_cast<int8_t>(x);
        else if (n == 2)
          v->i = static_cast<int16_t>(x);
        else if (n == 4)
          v->i = static_cast<int32_t>(x);
        else
          v->i = static_cast<int64_t>(x);
        return true;
      }
      case 0xCA: {
        if (!Be(4, &x)) return false;
        const uint32_t bits = static_cast<uint32_t>(x);
        float f;
        std::memcpy(&f, &bits, 4);
        v->kind = PropValue::kDouble;
        v->d = f;
        return true;
      }
      case 0xCB: {
        if (!Be(8, &x)) return false;
        double d;
        std::memcpy(&d, &x, 8);
        v->kind = PropValue::kDouble;
        v->d = d;
        return true;
      }
      case 0xD9:
      case 0xDA:
      case 0xDB: {
        const int n = b == 0xD9 ? 1 : b == 0xDA ? 2 : 4;
        if (!Be(n, &x) || !Bytes(x, &sv)) return false;
        v->kind = PropValue::kString;
        v->s.assign(sv);
        return true;
      }
      default:
        --pos_;
        return SkipOne() && raw();
    }
  }
  // Skips n complete values.
  bool Skip(uint64_t n) {
    for (uint64_t i = 0; i < n; ++i)
      if (!SkipOne()) return false;
    return true;
  }
  bool SkipOne() {
    if (++depth_ > 512) return ok_ = false;
    struct Guard {
      int* d;
      ~Guard() { --*d; }
    } guard{&depth_};
    uint8_t b;
    if (!Byte(&b)) return false;
    uint64_t n = 0, len = 0;
    std::string_view sv;
    if (b <= 0x7F || b >= 0xE0 || b == 0xC0 || b == 0xC2 || b == 0xC3) return true;
    if ((b & 0xE0) == 0xA0) return Bytes(b & 0x1F, &sv);
    if ((b & 0xF0) == 0x80) return Skip(2 * static_cast<uint64_t>(b & 0x0F));
    if ((b & 0xF0) == 0x90) return Skip(b & 0x0F);
    switch (b) {
      case 0xCC:
      case 0xD0:
        return Bytes(1, &sv);
      case 0xCD:
      case 0xD1:
        return Bytes(2, &sv);
      case 0xCE:
      case 0xD2:
      case 0xCA:
        return Bytes(4, &sv);
      case 0xCF:
      case 0xD3:
      case 0xCB:
        return Bytes(8, &sv);
      case 0xD9:
      case 0xC4:
        return Be(1, &len) && Bytes(len, &sv);
      case 0xDA:
      case 0xC5:
        return Be(2, &len) && Bytes(len, &sv);
      case 0xDB:
      case 0xC6:
        return Be(4, &len) && Bytes(len, &sv);
      case 0xDC:
        return Be(2, &n) && Skip(n);
      case 0xDD:
        return Be(4, &n) && Skip(n);
      case 0xDE:
        return Be(2, &n) && Skip(2 * n);
      case 0xDF:
        return Be(4, &n) && Skip(2 * n);
      case 0xD4:
        return Bytes(2, &sv);
      case 0xD5:
        return Bytes(3, &sv);
      case 0xD6:
        return Bytes(5, &sv);
      case 0xD7:
        return Bytes(9, &sv);
      case 0xD8:
        return Bytes(17, &sv);
      case 0xC7:
        return Be(1, &len) && Bytes(len + 1, &sv);
      case 0xC8:
        return Be(2, &len) && Bytes(len + 1, &sv);
      case 0xC9:
        return Be(4, &len) && Bytes(len + 1, &sv);
      default:
        return ok_ = false;  // 0xC1 is never used
    }
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
  int depth_ = 0;
};

bool ReadPropMap(Reader* r, PropMap* out) {
  uint64_t n;
  if (!r->MapHeader(&n)) return false;
  auto& items = out->mutable_items();
  items.clear();
  items.reserve(n);
  bool sorted = true;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view k;
    if (!r->String(&k)) return false;
    PropValue v;
    if (!r->Value(&v)) return false;
    if (!items.empty() && !(items.back().first < k)) sorted = false;
    items.emplace_back(std::string(k), std::move(v));
  }
  if (!sorted) {
    // Not written by kg (nlohmann writes maps in key order): normalise as
    // nlohmann's decoder would (sorted; a repeated key keeps its last value).
    PropMap fixed;
    for (auto& [k, v] : items) fixed.Set(k, std::move(v));
    items = std::move(fixed.mutable_items());
  }
  return true;
}

}  // namespace

Status DecodePropMap(std::string_view bytes, const char* what, PropMap* out) {
  Reader r(bytes);
  if (!ReadPropMap(&r, out) || !r.done())
    return Status::Corruption(std::string("undecodable ") + what + " record");
  return Status::OK();
}

Status DecodeRelRecord(uint64_t id, std::string_view bytes, RelRecord* out) {
  Reader r(bytes);
  uint64_t n;
  bool has_s = false, has_d = false, has_t = false;
  out->id = id;
  out->props.mutable_items().clear();
  auto bad = [&]() {
    return Status::Corruption("relationship " + std::to_string(id) +
                              ": undecodable or incomplete relationship record");
  };
  if (!r.MapHeader(&n)) return bad();
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view k;
    if (!r.String(&k)) return bad();
    if (k == "p") {
      if (!ReadPropMap(&r, &out->props)) return bad();
      continue;
    }
    PropValue v;
    if (!r.Value(&v)) return bad();
    if (k == "s" || k == "d") {
      if (v.kind != PropValue::kUint) return bad();
      (k == "s" ? out->src : out->dst) = v.u;
      (k == "s" ? has_s : has_d) = true;
    } else if (k == "t") {
      if (v.kind != PropValue::kString) return bad();
      out->type = std::move(v.s);
      has_t = true;
    }
  }
  if (!r.done() || !has_s || !has_d || !has_t) return bad();
  return Status::OK();
}

Status DecodeNodeProps(std::string_view bytes, PropMap* out) {
  Reader r(bytes);
  uint64_t n;
  bool has_p = false;
  auto bad = []() { return Status::Corruption("undecodable node record"); };
  if (!r.MapHeader(&n)) return bad();
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view k;
    if (!r.String(&k)) return bad();
    if (k == "p") {
      if (!ReadPropMap(&r, out)) return bad();
      has_p = true;
    } else if (!r.SkipOne()) {
      return bad();
    }
  }
  if (!r.done() || !has_p) return bad();
  return Status::OK();
}

bool DecodeStringArray(std::string_view raw, std::vector<std::string_view>* out) {
  out->clear();
  Reader r(raw);
  uint8_t b;
  uint64_t n;
  if (!r.Byte(&b)) return false;
  if ((b & 0xF0) == 0x90) {
    n = b & 0x0F;
  } else if (b == 0xDC) {
    if (!r.Be(2, &n)) return false;
  } else if (b == 0xDD) {
    if (!r.Be(4, &n)) return false;
  } else {
    return false;
  }
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view s;
    if (!r.String(&s)) return false;
    out->push_back(s);
  }
  return r.done();
}

std::string EncodeRelRecord(const RelRecord& r) {
  std::string out;
  out.reserve(64 + r.type.size() + 24 * r.props.items().size());
  MsgWriter w(&out);
  w.Map(4);  // keys in order: d, p, s, t
  w.Str("d");
  w.Uint(r.dst);
  w.Str("p");
  w.Map(r.props.items().size());
  for (const auto& [k, v] : r.props.items()) {
    w.Str(k);
    w.Value(v);
  }
  w.Str("s");
  w.Uint(r.src);
  w.Str("t");
  w.Str(r.type);
  return out;
}

std::string EncodeNewCoMentionRecord(uint64_t src, uint64_t dst, std::string_view type,
                                     std::string_view date, int64_t weight) {
  std::string out;
  out.reserve(128 + type.size() + 3 * date.size());
  MsgWriter w(&out);
  // Map(4) "d" dst "p" Map(8) {"confidence": 1.0 (float32), "date": date,
  // "first_seen": date, "last_seen": date, "location": nil, "modality":
  // "asserted", "support": 1, "weight": weight} "s" src "t" type; the
  // constant runs are written as raw bytes.
  using namespace std::string_view_literals;
  w.Raw(
      "\x84\xa1"
      "d"sv);
  w.Uint(dst);
  w.Raw(
      "\xa1"
      "p"
      "\x88\xaa"
      "confidence"
      "\xca\x3f\x80\x00\x00\xa4"
      "date"sv);
  w.Str(date);
  w.Raw(
      "\xaa"
      "first_seen"sv);
  w.Str(date);
  w.Raw(
      "\xa9"
      "last_seen"sv);
  w.Str(date);
  w.Raw(
      "\xa8"
      "location"
      "\xc0\xa8"
      "modality"
      "\xa8"
      "asserted"
      "\xa7"
      "support"
      "\x01\xa6"
      "weight"sv);
  w.Int(weight);
  w.Raw(
      "\xa1"
      "s"sv);
  w.Uint(src);
  w.Raw(
      "\xa1"
      "t"sv);
  w.Str(type);
  return out;
}

}  // namespace kg::internal
