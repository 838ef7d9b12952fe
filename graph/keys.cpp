#include "graph/keys.h"

#include <bit>
#include <cstring>

namespace kg::keys {

namespace {
// Key builders size the string once and fill it in place (no append calls).
inline char* PutBE64(char* p, uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
  return p + 8;
}
inline char* PutBE32(char* p, uint32_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
  return p + 4;
}
inline char* PutBytes(char* p, std::string_view s) {
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
}  // namespace

void AppendU64(std::string* out, uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(b, 8);
}

void AppendU32(std::string* out, uint32_t v) {
  char b[4];
  for (int i = 3; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(b, 4);
}

std::string U64(uint64_t v) {
  std::string s(8, '\0');
  PutBE64(s.data(), v);
  return s;
}

Status ReadU64(std::string_view in, std::size_t pos, uint64_t* v) {
  if (pos > in.size() || in.size() - pos < 8)
    return Status::Corruption("truncated key: expected an 8-byte id");
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | static_cast<unsigned char>(in[pos + i]);
  *v = r;
  return Status::OK();
}

Status ReadU32(std::string_view in, std::size_t pos, uint32_t* v) {
  if (pos > in.size() || in.size() - pos < 4)
    return Status::Corruption("truncated key: expected a 4-byte counter");
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) r = (r << 8) | static_cast<unsigned char>(in[pos + i]);
  *v = r;
  return Status::OK();
}

std::string NodeKey(uint64_t node) { return U64(node); }
std::string RelKey(uint64_t rel) { return U64(rel); }

Status DecodeNodeKey(std::string_view key, uint64_t* node) {
  if (key.size() != 8) return Status::Corruption("node key is not 8 bytes");
  return ReadU64(key, 0, node);
}

Status DecodeRelKey(std::string_view key, uint64_t* rel) {
  if (key.size() != 8) return Status::Corruption("relationship key is not 8 bytes");
  return ReadU64(key, 0, rel);
}

std::string EncodeAdjKey(uint64_t self, std::string_view type, uint64_t other, uint64_t rel) {
  std::string k(8 + type.size() + 1 + 16, '\0');
  char* p = PutBytes(PutBE64(k.data(), self), type) + 1;
  PutBE64(PutBE64(p, other), rel);
  return k;
}

namespace {
inline uint64_t LoadBE(const char* p) {
  uint64_t r = 0;
  for (int i = 0; i < 8; ++i) r = (r << 8) | static_cast<unsigned char>(p[i]);
  return r;
}
}  // namespace

Status DecodeAdjKey(std::string_view key, AdjKey* out) {
  std::string_view type;
  KG_RETURN_IF_ERROR(DecodeAdjKeyType(key, &type));
  const std::size_t type_end = key.size() - 17;
  out->self = LoadBE(key.data());
  out->type.assign(type.data(), type.size());  // reuses the buffer across calls
  out->other = LoadBE(key.data() + type_end + 1);
  out->rel = LoadBE(key.data() + type_end + 9);
  return Status::OK();
}

Status DecodeAdjKeyType(std::string_view key, std::string_view* type) {
  if (key.size() < 8 + 1 + 16) return Status::Corruption("adjacency key too short");
  const std::size_t type_end = key.size() - 17;
  if (key[type_end] != '\0') return Status::Corruption("adjacency key: missing type terminator");
  *type = key.substr(8, type_end - 8);
  return Status::OK();
}

std::string AdjTailKey(uint64_t self, std::string_view type) {
  std::string k(8 + type.size() + 1 + 16, '\xff');
  char* p = PutBytes(PutBE64(k.data(), self), type);
  *p = '\0';
  return k;
}

std::string EncodeAdjChunk(const AdjItem* items, std::size_t n) {
  std::string v(n * kAdjItemBytes, '\0');
  char* p = v.data();
  for (std::size_t i = 0; i < n; ++i) p = PutBE64(PutBE64(p, items[i].other), items[i].rel);
  return v;
}

Status AdjChunkCount(std::string_view value, std::size_t* n) {
  if (value.empty() || value.size() % kAdjItemBytes != 0)
    return Status::Corruption("adjacency chunk of " + std::to_string(value.size()) +
                              " bytes (expected a non-empty multiple of 16)");
  *n = value.size() / kAdjItemBytes;
  return Status::OK();
}

Status DecodeAdjChunk(std::string_view value, std::vector<AdjItem>* out) {
  std::size_t n = 0;
  KG_RETURN_IF_ERROR(AdjChunkCount(value, &n));
  out->resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    (*out)[i] = AdjChunkItem(value, i);
    if (i > 0 && !((*out)[i - 1] < (*out)[i]))
      return Status::Corruption("adjacency chunk entries out of order");
  }
  return Status::OK();
}

std::string AdjPrefix(uint64_t self) { return U64(self); }

std::string AdjTypePrefix(uint64_t self, std::string_view type) {
  std::string k;
  k.reserve(8 + type.size() + 1);
  AppendU64(&k, self);
  k.append(type);
  k.push_back('\0');
  return k;
}

std::string AdjTypeOtherPrefix(uint64_t self, std::string_view type, uint64_t other) {
  std::string k(8 + type.size() + 1 + 8, '\0');
  PutBE64(PutBytes(PutBE64(k.data(), self), type) + 1, other);
  return k;
}

std::string EvidenceArticlePrefix(uint64_t rel, char kind, std::string_view article) {
  std::string k;
  k.reserve(8 + 1 + article.size() + 1 + 4);  // room for EncodeEvidenceKey's counter
  AppendU64(&k, rel);
  k.push_back(kind);
  k.append(article);
  k.push_back('\0');
  return k;
}

std::string EncodeEvidenceKey(uint64_t rel, char kind, std::string_view article, uint32_t n) {
  std::string k(8 + 1 + article.size() + 1 + 4, '\0');
  char* p = PutBE64(k.data(), rel);
  *p++ = kind;
  PutBE32(PutBytes(p, article) + 1, n);
  return k;
}

Status DecodeEvidenceKey(std::string_view key, EvidenceKey* out) {
  if (key.size() < 8 + 1 + 1 + 4) return Status::Corruption("evidence key too short");
  KG_RETURN_IF_ERROR(ReadU64(key, 0, &out->rel));
  out->kind = key[8];
  if (out->kind != kEvidenceTyped && out->kind != kEvidenceCoMention)
    return Status::Corruption("evidence key: unknown kind byte");
  std::size_t term = key.size() - 5;
  if (key[term] != '\0') return Status::Corruption("evidence key: missing article terminator");
  out->article.assign(key.substr(9, term - 9));
  return ReadU32(key, term + 1, &out->n);
}

std::string EvidencePrefix(uint64_t rel) { return U64(rel); }

std::string NameKey(std::string_view normalised, uint64_t node) {
  std::string k(1 + normalised.size() + 1 + 8, '\0');
  k[0] = kNamePrefix;
  PutBE64(PutBytes(k.data() + 1, normalised) + 1, node);
  return k;
}

std::string NamePrefix(std::string_view normalised_prefix) {
  std::string k(1, kNamePrefix);
  k.append(normalised_prefix);
  return k;
}

std::string NameExactPrefix(std::string_view normalised) {
  std::string k = NamePrefix(normalised);
  k.push_back('\0');
  return k;
}

std::string ExternalIdPrefix(std::string_view external_id) {
  std::string k;
  k.reserve(1 + external_id.size() + 1 + 8);  // room for ExternalIdKey's node id
  k.push_back(kExternalIdPrefix);
  k.append(external_id);
  k.push_back('\0');
  return k;
}

std::string ExternalIdKey(std::string_view external_id, uint64_t node) {
  std::string k(1 + external_id.size() + 1 + 8, '\0');
  k[0] = kExternalIdPrefix;
  PutBE64(PutBytes(k.data() + 1, external_id) + 1, node);
  return k;
}

Status DecodeIndexKey(std::string_view key, std::string* text, uint64_t* node) {
  if (key.size() < 1 + 1 + 8) return Status::Corruption("name index key too short");
  if (key[0] != kNamePrefix && key[0] != kExternalIdPrefix)
    return Status::Corruption("name index key: unknown prefix");
  std::size_t term = key.size() - 9;
  if (key[term] != '\0') return Status::Corruption("name index key: missing terminator");
  if (text) text->assign(key.substr(1, term - 1));
  return ReadU64(key, term + 1, node);
}

std::string RelDateKey(int64_t day, uint64_t rel) {
  std::string k(17, kRelDatePrefix);
  PutBE64(PutBE64(k.data() + 1, static_cast<uint64_t>(day) ^ (uint64_t{1} << 63)), rel);
  return k;
}

std::string RelDateSeek(int64_t day) {
  std::string k(9, kRelDatePrefix);
  PutBE64(k.data() + 1, static_cast<uint64_t>(day) ^ (uint64_t{1} << 63));
  return k;
}

Status DecodeRelDateKey(std::string_view key, int64_t* day, uint64_t* rel) {
  if (key.size() != 17 || key[0] != kRelDatePrefix)
    return Status::Corruption("relationship date index key: bad form");
  uint64_t d = 0;
  KG_RETURN_IF_ERROR(ReadU64(key, 1, &d));
  *day = static_cast<int64_t>(d ^ (uint64_t{1} << 63));
  return ReadU64(key, 9, rel);
}

std::string ArticleKey(std::string_view article_id) {
  std::string k;
  k.reserve(1 + article_id.size());
  k.push_back(kArticlePrefix);
  k.append(article_id);
  return k;
}

std::string FileKey(std::string_view path) {
  std::string k(1, kFilePrefix);
  k.append(path);
  return k;
}

std::string RefCountKey(uint64_t node) {
  std::string k(9, kRefCountPrefix);
  PutBE64(k.data() + 1, node);
  return k;
}

Status DecodeRefCountKey(std::string_view key, uint64_t* node) {
  if (key.size() != 9 || key[0] != kRefCountPrefix)
    return Status::Corruption("reference count key malformed");
  return ReadU64(key, 1, node);
}

std::string EncodeValue(const nlohmann::json& j) {
  std::string out;
  nlohmann::json::to_msgpack(j, nlohmann::detail::output_adapter<char>(out));
  return out;
}

Status DecodeValue(std::string_view bytes, const char* what, nlohmann::json* out) {
  *out = nlohmann::json::from_msgpack(bytes.begin(), bytes.end(), /*strict=*/true,
                                      /*allow_exceptions=*/false);
  if (out->is_discarded())
    return Status::Corruption(std::string("undecodable ") + what + " record");
  return Status::OK();
}

// ---- counts ----

std::string CountKey(char what, std::string_view name) {
  std::string k(2 + name.size(), '\0');
  k[0] = kCountPrefix;
  k[1] = what;
  PutBytes(k.data() + 2, name);
  return k;
}

std::string DegreeKey(uint64_t node) {
  std::string k(9, '\0');
  k[0] = kDegreePrefix;
  PutBE64(k.data() + 1, node);
  return k;
}

Status DecodeDegreeKey(std::string_view key, uint64_t* node) {
  if (key.size() != 9 || key[0] != kDegreePrefix) return Status::Corruption("degree key is not 'd' + 8 bytes");
  return ReadU64(key, 1, node);
}

namespace {
void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
bool GetVarint(std::string_view in, std::size_t* pos, uint64_t* v) {
  uint64_t r = 0;
  for (int shift = 0; shift < 64 && *pos < in.size(); shift += 7) {
    const auto b = static_cast<unsigned char>(in[(*pos)++]);
    r |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}
}  // namespace

std::string EncodeDegree(const std::vector<DegreeEntry>& entries) {
  std::string v;
  v.reserve(entries.size() * 16);
  for (const auto& e : entries) {
    PutVarint(&v, e.type.size());
    v.append(e.type);
    PutVarint(&v, e.out);
    PutVarint(&v, e.in);
  }
  return v;
}

Status DecodeDegree(std::string_view value, std::vector<DegreeEntry>* out) {
  out->clear();
  std::size_t pos = 0;
  while (pos < value.size()) {
    uint64_t len = 0;
    DegreeEntry e;
    if (!GetVarint(value, &pos, &len) || len == 0 || len > value.size() - pos)
      return Status::Corruption("degree record: bad type length");
    e.type.assign(value.substr(pos, len));
    pos += len;
    if (!GetVarint(value, &pos, &e.out) || !GetVarint(value, &pos, &e.in))
      return Status::Corruption("degree record: truncated count");
    if (!out->empty() && !(out->back().type < e.type))
      return Status::Corruption("degree record: types out of order");
    out->push_back(std::move(e));
  }
  return Status::OK();
}

}  // namespace kg::keys
