#include "ingest/flat_json.h"

#include "graph/utf8.h"

#include <cstdint>
#include <cstring>

namespace kg {

namespace {

class FlatParser {
 public:
  explicit FlatParser(std::string_view s) : s_(s) {}

  bool Object(std::vector<FlatJsonMember>* members) {
    members->clear();
    Ws();
    if (!Eat('{')) return false;
    Ws();
    if (Eat('}')) return End();
    for (;;) {
      FlatJsonMember m;
      if (!String(&m.key)) return false;
      Ws();
      if (!Eat(':')) return false;
      Ws();
      if (!Value(&m)) return false;
      members->push_back(std::move(m));
      Ws();
      if (Eat(',')) {
        Ws();
        continue;
      }
      if (Eat('}')) return End();
      return false;
    }
  }

 private:
  bool End() {
    Ws();
    return i_ == s_.size();
  }
  void Ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Word(const char* w) {
    const size_t n = std::strlen(w);
    if (s_.substr(i_, n) != w) return false;
    i_ += n;
    return true;
  }
  bool Value(FlatJsonMember* m) {
    if (i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '"':
        m->kind = FlatJsonMember::kString;
        return String(&m->value);
      case 'n':
        m->kind = FlatJsonMember::kNull;
        return Word("null");
      case 't':
        m->kind = FlatJsonMember::kTrue;
        return Word("true");
      case 'f':
        m->kind = FlatJsonMember::kFalse;
        return Word("false");
      default:
        return false;  // numbers, arrays, objects: not flat
    }
  }
  // Four hex digits at i_ -> code unit, or -1.
  int Hex4() {
    if (i_ + 4 > s_.size()) return -1;
    int v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_ + k];
      int d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        return -1;
      v = v * 16 + d;
    }
    i_ += 4;
    return v;
  }
  // True when one of the 8 bytes at p is '"', '\\' or below 0x20 (exact:
  // the classic "has zero byte" / "has byte less than" word tricks).
  static bool Special8(const char* p) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    auto has_zero = [&](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
    const bool less_than_space = ((x - kOnes * 0x20) & ~x & kHigh) != 0;
    return less_than_space || has_zero(x ^ (kOnes * '"')) || has_zero(x ^ (kOnes * '\\'));
  }
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    out->clear();
    for (;;) {
      // Copy the run up to the next quote, backslash or control character
      // (eight bytes at a time while none of them is one of those).
      size_t j = i_;
      while (j + 8 <= s_.size() && !Special8(s_.data() + j)) j += 8;
      while (j < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[j]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++j;
      }
      out->append(s_.data() + i_, j - i_);
      i_ = j;
      if (i_ >= s_.size()) return false;  // unterminated
      const char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') return false;  // control character
      if (i_ >= s_.size()) return false;
      switch (s_[i_++]) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          int u1 = Hex4();
          if (u1 < 0) return false;
          uint32_t cp = static_cast<uint32_t>(u1);
          if (u1 >= 0xD800 && u1 <= 0xDBFF) {
            if (!Eat('\\') || !Eat('u')) return false;
            int u2 = Hex4();
            if (u2 < 0xDC00 || u2 > 0xDFFF) return false;
            cp = 0x10000 + ((static_cast<uint32_t>(u1) - 0xD800) << 10) +
                 (static_cast<uint32_t>(u2) - 0xDC00);
          } else if (u1 >= 0xDC00 && u1 <= 0xDFFF) {
            return false;  // lone low surrogate
          }
          kg::AppendUtf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

bool ParseFlatJsonObject(std::string_view line, std::vector<FlatJsonMember>* members) {
  return FlatParser(line).Object(members);
}

}  // namespace kg
