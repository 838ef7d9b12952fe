#include "ingest/flat_json.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "graph/utf8.h"

namespace kg {

namespace {

// The input and position both parsers share, with their lexical steps.
class JsonCursor {
 protected:
  explicit JsonCursor(std::string_view s) : s_(s) {}
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
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

class FlatParser : JsonCursor {
 public:
  explicit FlatParser(std::string_view s) : JsonCursor(s) {}

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
};

}  // namespace

bool ParseFlatJsonObject(std::string_view line, std::vector<FlatJsonMember>* members) {
  return FlatParser(line).Object(members);
}

}  // namespace kg

namespace kg {

class JsonTree::Parser : JsonCursor {
 public:
  Parser(JsonTree* t, std::string_view s) : JsonCursor(s), t_(t) {}

  bool Document() {
    Ws();
    if (Value(std::string_view(), 0) < 0) return false;
    Ws();
    return i_ == s_.size();
  }

 private:
  bool Digits() {
    const size_t at = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > at;
  }
  // RFC 8259 number without exponent: -?(0|[1-9][0-9]*)(\.[0-9]+)?, at most
  // 300 characters. (nlohmann::json rejects numbers that overflow a double,
  // which takes an exponent or over 300 digits: those go to nlohmann.)
  bool Number() {
    const size_t start = i_;
    Eat('-');
    if (Eat('0')) {
      // no further integer digits
    } else if (i_ < s_.size() && s_[i_] >= '1' && s_[i_] <= '9') {
      Digits();
    } else {
      return false;
    }
    if (Eat('.') && !Digits()) return false;
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) return false;
    return i_ - start <= 300;
  }
  // A string at i_ (after the opening quote is checked): its decoded value.
  bool String(std::string_view* out) {
    if (!Eat('"')) return false;
    const size_t start = i_;
    std::string* decoded = nullptr;
    for (;;) {
      size_t j = i_;
      while (j < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[j]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++j;
      }
      if (decoded) decoded->append(s_.data() + i_, j - i_);
      i_ = j;
      if (i_ >= s_.size()) return false;  // unterminated
      const char c = s_[i_++];
      if (c == '"') {
        *out = decoded ? std::string_view(*decoded) : s_.substr(start, i_ - 1 - start);
        return true;
      }
      if (c != '\\' || i_ >= s_.size()) return false;  // control character
      if (!decoded) {
        t_->owned_.push_back(std::make_unique<std::string>(s_.substr(start, i_ - 1 - start)));
        decoded = t_->owned_.back().get();
      }
      switch (s_[i_++]) {
        case '"':
          decoded->push_back('"');
          break;
        case '\\':
          decoded->push_back('\\');
          break;
        case '/':
          decoded->push_back('/');
          break;
        case 'b':
          decoded->push_back('\b');
          break;
        case 'f':
          decoded->push_back('\f');
          break;
        case 'n':
          decoded->push_back('\n');
          break;
        case 'r':
          decoded->push_back('\r');
          break;
        case 't':
          decoded->push_back('\t');
          break;
        default:
          return false;  // \u escapes (and invalid ones): nlohmann decides
      }
    }
  }
  // Parses a value at i_ into a new node; returns its index or -1.
  int Value(std::string_view key, int depth) {
    if (i_ >= s_.size() || depth > 64) return -1;
    const int idx = static_cast<int>(t_->nodes_.size());
    t_->nodes_.emplace_back();
    t_->nodes_[idx].key = key;
    const size_t start = i_;
    Kind kind;
    switch (s_[i_]) {
      case '"': {
        std::string_view v;
        if (!String(&v)) return -1;
        t_->nodes_[idx].kind = kString;
        t_->nodes_[idx].text = v;
        return idx;
      }
      case 'n':
        kind = kNull;
        if (!Word("null")) return -1;
        break;
      case 't':
        kind = kTrue;
        if (!Word("true")) return -1;
        break;
      case 'f':
        kind = kFalse;
        if (!Word("false")) return -1;
        break;
      case '[':
      case '{': {
        const bool object = s_[i_] == '{';
        kind = object ? kObject : kArray;
        ++i_;
        Ws();
        int last = -1;
        if (!Eat(object ? '}' : ']')) {
          for (;;) {
            std::string_view k;
            if (object) {
              if (!String(&k)) return -1;
              Ws();
              if (!Eat(':')) return -1;
              Ws();
            }
            const int child = Value(k, depth + 1);
            if (child < 0) return -1;
            if (last < 0)
              t_->nodes_[idx].first = child;
            else
              t_->nodes_[last].next = child;
            last = child;
            Ws();
            if (Eat(',')) {
              Ws();
              continue;
            }
            if (Eat(object ? '}' : ']')) break;
            return -1;
          }
        }
        break;
      }
      default:
        kind = kNumber;
        if (!Number()) return -1;
        break;
    }
    t_->nodes_[idx].kind = kind;
    t_->nodes_[idx].text = s_.substr(start, i_ - start);
    return idx;
  }

  JsonTree* t_;
};

bool JsonTree::Parse(std::string_view text) {
  nodes_.clear();
  owned_.clear();
  if (!ValidUtf8(text)) return false;
  return Parser(this, text).Document();
}

std::string_view JsonTree::Keep(std::string s) {
  owned_.push_back(std::make_unique<std::string>(std::move(s)));
  return *owned_.back();
}

int JsonTree::FromJsonNode(const nlohmann::json& j, std::string_view key) {
  const int idx = static_cast<int>(nodes_.size());
  nodes_.emplace_back();
  nodes_[idx].key = key;
  Kind kind = kNull;
  if (j.is_string()) {
    kind = kString;
    nodes_[idx].text = Keep(j.get<std::string>());
  } else if (j.is_boolean()) {
    kind = j.get<bool>() ? kTrue : kFalse;
  } else if (j.is_number()) {
    kind = kNumber;
    nodes_[idx].text = Keep(j.dump());
  } else if (j.is_array() || j.is_object()) {
    kind = j.is_object() ? kObject : kArray;
    nodes_[idx].text = Keep(j.dump());
    int last = -1;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string_view k = j.is_object() ? Keep(it.key()) : std::string_view();
      const int child = FromJsonNode(*it, k);
      if (last < 0)
        nodes_[idx].first = child;
      else
        nodes_[last].next = child;
      last = child;
    }
  }
  nodes_[idx].kind = kind;
  return idx;
}

void JsonTree::FromJson(const nlohmann::json& j) {
  nodes_.clear();
  owned_.clear();
  FromJsonNode(j, std::string_view());
}

int JsonTree::Find(int obj, std::string_view key) const {
  if (nodes_[obj].kind != kObject) return -1;
  int found = -1;
  for (int c = nodes_[obj].first; c >= 0; c = nodes_[c].next)
    if (nodes_[c].key == key) found = c;
  return found;
}

std::vector<int> JsonTree::SortedMembers(int obj) const {
  std::vector<int> out;
  if (nodes_[obj].kind != kObject) return out;
  for (int c = nodes_[obj].first; c >= 0; c = nodes_[c].next) out.push_back(c);
  // Stable: among duplicates the last stays last; keep only it.
  std::stable_sort(out.begin(), out.end(),
                   [&](int a, int b) { return nodes_[a].key < nodes_[b].key; });
  std::vector<int> unique;
  for (size_t i = 0; i < out.size(); ++i)
    if (i + 1 == out.size() || nodes_[out[i + 1]].key != nodes_[out[i]].key)
      unique.push_back(out[i]);
  return unique;
}

}  // namespace kg
