#include "graph/export/escape.h"

#include <charconv>
#include <cmath>

namespace kg::exp {

char32_t NextCodePoint(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = *pos;
  unsigned char c = p[i];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len;
  char32_t cp;
  char32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  size_t j = i + 1;
  for (int k = 1; k < len; ++k, ++j) {
    if (j >= n || (p[j] & 0xC0) != 0x80) {
      *pos = j;  // replace the truncated sequence, resume at the offending byte
      return 0xFFFD;
    }
    cp = (cp << 6) | (p[j] & 0x3F);
  }
  *pos = j;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  return cp;
}

namespace {

// Fast path: a run of plain ASCII bytes that need no escaping in any format
// is copied as is; `special` decides per byte.
template <typename Special, typename Handle>
void Walk(std::string* out, std::string_view s, Special special, Handle handle) {
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80 || special(c)) break;
      ++i;
    }
    out->append(s.data() + start, i - start);
    if (i >= s.size()) break;
    char32_t cp = NextCodePoint(s, &i);
    handle(cp);
  }
}

const char kHex[] = "0123456789ABCDEF";

}  // namespace

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  Walk(&out, s, [](unsigned char) { return false; }, [&](char32_t cp) { AppendUtf8(&out, cp); });
  return out;
}

void AppendXml(std::string* out, std::string_view s) {
  Walk(
      out, s,
      [](unsigned char c) {
        return c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
      },
      [&](char32_t cp) {
        switch (cp) {
          case '&': out->append("&amp;"); return;
          case '<': out->append("&lt;"); return;
          case '>': out->append("&gt;"); return;
          case '"': out->append("&quot;"); return;
          case '\'': out->append("&apos;"); return;
          case '\t': out->append("&#9;"); return;
          case '\n': out->append("&#10;"); return;
          case '\r': out->append("&#13;"); return;
          default: break;
        }
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) cp = 0xFFFD;
        AppendUtf8(out, cp);
      });
}

void AppendJson(std::string* out, std::string_view s) {
  Walk(
      out, s, [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0x7F; },
      [&](char32_t cp) {
        switch (cp) {
          case '"': out->append("\\\""); return;
          case '\\': out->append("\\\\"); return;
          case '\n': out->append("\\n"); return;
          case '\r': out->append("\\r"); return;
          case '\t': out->append("\\t"); return;
          case '\b': out->append("\\b"); return;
          case '\f': out->append("\\f"); return;
          default: break;
        }
        if (cp < 0x20 || cp == 0x7F) {
          out->append("\\u00");
          out->push_back(kHex[cp >> 4]);
          out->push_back(kHex[cp & 15]);
          return;
        }
        AppendUtf8(out, cp);
      });
}

void AppendJsonQuoted(std::string* out, std::string_view s) {
  out->push_back('"');
  AppendJson(out, s);
  out->push_back('"');
}

void AppendCsvQuoted(std::string* out, std::string_view s) {
  out->push_back('"');
  Walk(
      out, s, [](unsigned char c) { return c < 0x20 || c == '"' || c == 0x7F; },
      [&](char32_t cp) {
        if (cp == '"') {
          out->append("\"\"");
        } else if (cp < 0x20 || cp == 0x7F) {
          out->push_back(' ');
        } else {
          AppendUtf8(out, cp);
        }
      });
  out->push_back('"');
}

void AppendNTriplesLiteral(std::string* out, std::string_view s) {
  Walk(
      out, s, [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0x7F; },
      [&](char32_t cp) {
        switch (cp) {
          case '"': out->append("\\\""); return;
          case '\\': out->append("\\\\"); return;
          case '\n': out->append("\\n"); return;
          case '\r': out->append("\\r"); return;
          case '\t': out->append("\\t"); return;
          default: break;
        }
        // Noncharacters (U+FFFE, U+FFFF in every plane, U+FDD0..U+FDEF) are
        // rejected by RDF parsers such as raptor.
        if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) cp = 0xFFFD;
        if (cp <= 0xFFFF) {
          out->append("\\u");
          for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(cp >> shift) & 15]);
        } else {
          out->append("\\U");
          for (int shift = 28; shift >= 0; shift -= 4) out->push_back(kHex[(cp >> shift) & 15]);
        }
      });
}

void AppendIriComponent(std::string* out, std::string_view s) {
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/' || c == ':') {
      out->push_back(static_cast<char>(c));
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

void AppendDot(std::string* out, std::string_view s) {
  Walk(
      out, s, [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; },
      [&](char32_t cp) {
        switch (cp) {
          case '"': out->append("\\\""); return;
          case '\\': out->append("\\\\"); return;
          case '\n': out->append("\\n"); return;
          case '\r': return;
          case '\t': out->push_back(' '); return;
          default: break;
        }
        if (cp < 0x20) cp = 0xFFFD;
        AppendUtf8(out, cp);
      });
}

void AppendDouble(std::string* out, double v) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "INF" : "-INF");
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

}  // namespace kg::exp
