#include "graph/utf8.h"
#include "ingest/text_util.h"

#include <cstdint>

namespace kg::ingest {

namespace {

// Decodes one code point; returns its length (1 for invalid bytes).
int Decode(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = s[i];
  if (c < 0x80) { *cp = c; return 1; }
  int n = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
  if (n == 1 || i + n > s.size()) { *cp = c; return 1; }
  uint32_t v = c & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return n;
}

// Latin Extended-A (U+0100..U+017F) pairs upper/lower case mostly as
// even/odd, but U+0139..U+0148 and U+0179..U+017E pair odd/even, and a few
// letters have no partner in the block (İ ı ĸ ŉ Ÿ ſ).
bool LatinExtAUpper(uint32_t cp) {
  if (cp == 0x130 || cp == 0x178) return true;
  if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp % 2 == 1;
  return cp % 2 == 0;
}

bool IsUpperCp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return LatinExtAUpper(cp);
  if (cp >= 0x391 && cp <= 0x3AB) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}
bool IsLowerCp(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return !LatinExtAUpper(cp);
  if (cp >= 0x3B1 && cp <= 0x3CB) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  return false;
}
uint32_t ToLowerCp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && LatinExtAUpper(cp)) {
    if (cp == 0x130) return cp;  // İ: its lower case "i" would change the byte length
    if (cp == 0x178) return 0xFF;
    return cp + 1;
  }
  if (cp >= 0x391 && cp <= 0x3AB) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

}  // namespace

uint32_t LowerCodePoint(uint32_t cp) { return ToLowerCp(cp); }

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    uint32_t cp;
    int n = Decode(s, i, &cp);
    if (n == 1) {
      out.push_back(s[i]);
    } else {
      AppendUtf8(&out, ToLowerCp(cp));
    }
    i += n;
  }
  return out;
}

// One pass of Lower() followed by the punctuation folding (same result as
// folding the output of Lower(): lower-casing keeps every code point's
// UTF-8 length and never yields one of the folded characters).
std::string NormKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32)
                                         : c == 0x60 ? '\'' : static_cast<char>(c));
      ++i;
      continue;
    }
    uint32_t cp;
    int n = Decode(s, i, &cp);
    i += n;
    if (n == 1) {  // invalid byte: kept, but folded like the code point of its value
      if (c == 0xB4) out.push_back('\'');
      else if (c != 0xAD) out.push_back(static_cast<char>(c));
      continue;
    }
    cp = ToLowerCp(cp);
    switch (cp) {
      case 0x2019: case 0x2018: case 0x60: case 0xB4: out.push_back('\''); break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: out.push_back('-'); break;
      case 0xAD: break;  // soft hyphen
      default: AppendUtf8(&out, cp);
    }
  }
  return out;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  uint32_t cp;
  Decode(s, 0, &cp);
  return IsUpperCp(cp);
}

bool AllCaps(std::string_view s) {
  int letters = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    i += Decode(s, i, &cp);
    if (IsLowerCp(cp)) return false;
    if (IsUpperCp(cp)) ++letters;
  }
  return letters >= 2;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasDigit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}

bool HasLetter(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    i += Decode(s, i, &cp);
    if (IsUpperCp(cp) || IsLowerCp(cp) || cp >= 0x80) return true;
  }
  return false;
}

std::string Slug(std::string_view s) {
  std::string low = Lower(s), out;
  bool dash = false;
  auto put = [&](const char* t) {
    if (dash && !out.empty()) out.push_back('-');
    dash = false;
    out += t;
  };
  for (size_t i = 0; i < low.size();) {
    uint32_t cp;
    i += Decode(low, i, &cp);
    char buf[2] = {0, 0};
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      buf[0] = static_cast<char>(cp);
      put(buf);
    } else if (cp == 0xE4) put("ae");
    else if (cp == 0xF6) put("oe");
    else if (cp == 0xFC) put("ue");
    else if (cp == 0xDF) put("ss");
    else if (cp >= 0xE0 && cp <= 0xE5) put("a");
    else if (cp == 0xE7 || cp == 0x107 || cp == 0x10D) put("c");
    else if (cp >= 0xE8 && cp <= 0xEB) put("e");
    else if (cp >= 0xEC && cp <= 0xEF) put("i");
    else if (cp == 0xF1 || cp == 0x144) put("n");
    else if ((cp >= 0xF2 && cp <= 0xF5) || cp == 0xF8) put("o");
    else if (cp >= 0xF9 && cp <= 0xFB) put("u");
    else if (cp == 0xFD || cp == 0xFF) put("y");
    else if (cp == 0x161 || cp == 0x15B || cp == 0x15F) put("s");
    else if (cp == 0x17E || cp == 0x17A || cp == 0x17C) put("z");
    else if (cp == 0x142) put("l");
    else if (cp == 0x11B || cp == 0x119) put("e");
    else if (cp == 0x159) put("r");
    else if (cp == 0x105) put("a");
    else if (cp == 0x131) put("i");
    else if (cp == 0x11F) put("g");
    else if (cp >= 0x80 && cp < 0x2000 && !(cp >= 0xA0 && cp <= 0xBF)) {
      // Other scripts: keep the letter as UTF-8 so ids stay distinct.
      std::string e;
      AppendUtf8(&e, cp);
      put(e.c_str());
    } else {
      dash = true;
    }
  }
  return out;
}

std::vector<std::string> SplitWs(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    size_t j = i;
    while (j < s.size() && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n')) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace kg::ingest
