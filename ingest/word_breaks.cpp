#include "ingest/word_breaks.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

namespace kg::ingest {
namespace {

// Word_Break classes the fast path understands.
enum Wb : uint8_t {
  kOther,
  kALetter,
  kNumeric,
  kMidLetter,
  kMidNum,
  kMidNumLet,
  kSingleQuote,
  kExtendNumLet,
  kWSegSpace,
  kCR,
  kLF,
  kNewline,
  kUnsupported
};

Wb FromIcu(UChar32 c) {
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_OTHER:
      return kOther;
    // Double_Quote only matters between Hebrew letters (WB7b, WB7c), which are
    // outside the table (text with them takes ICU's iterator): here it is Other.
    case U_WB_DOUBLE_QUOTE:
      return kOther;
    case U_WB_ALETTER:
      return kALetter;
    case U_WB_NUMERIC:
      return kNumeric;
    case U_WB_MIDLETTER:
      return kMidLetter;
    case U_WB_MIDNUM:
      return kMidNum;
    case U_WB_MIDNUMLET:
      return kMidNumLet;
    case U_WB_SINGLE_QUOTE:
      return kSingleQuote;
    case U_WB_EXTENDNUMLET:
      return kExtendNumLet;
    case U_WB_WSEGSPACE:
      return kWSegSpace;
    case U_WB_CR:
      return kCR;
    case U_WB_LF:
      return kLF;
    case U_WB_NEWLINE:
      return kNewline;
    default:
      return kUnsupported;
  }
}

// Classes of U+0000..U+052F and U+2000..U+20CF, from ICU once.
struct Table {
  std::array<Wb, 0x530> low{};
  std::array<Wb, 0xD0> punct{};
  Table() {
    for (UChar32 c = 0; c < 0x530; ++c) low[c] = FromIcu(c);
    // ICU's tailoring of UAX #29 (icu4c data/brkitr/rules/word.txt): "@" is an
    // ALetter (e-mail addresses, handles) and ":" is no MidLetter.
    low['@'] = kALetter;
    low[':'] = kOther;
    for (UChar32 c = 0; c < 0xD0; ++c) punct[c] = FromIcu(0x2000 + c);
  }
  Wb Of(UChar32 c) const {
    if (c >= 0 && c < 0x530) return low[c];
    if (c >= 0x2000 && c < 0x20D0) return punct[c - 0x2000];
    return kUnsupported;
  }
};

bool AH(Wb w) { return w == kALetter; }
bool MidLetterQ(Wb w) { return w == kMidLetter || w == kMidNumLet || w == kSingleQuote; }
bool MidNumQ(Wb w) { return w == kMidNum || w == kMidNumLet || w == kSingleQuote; }
bool Hard(Wb w) { return w == kCR || w == kLF || w == kNewline; }

}  // namespace

bool SimpleWordBreaks(std::string_view text, std::vector<uint32_t>* breaks) {
  static const Table table;
  breaks->clear();
  // Classes and start offsets of the code points.
  thread_local std::vector<Wb> cls;
  thread_local std::vector<uint32_t> at;
  cls.resize(text.size());
  at.resize(text.size());
  size_t m = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  // A run of ALetter (or of Numeric) is one entry: no rule breaks inside it
  // and every rule only looks at the classes next to a position, which a run
  // has just like a single character.
  for (int32_t i = 0; i < n;) {
    const uint32_t start = static_cast<uint32_t>(i);
    UChar32 c = static_cast<unsigned char>(text[i]);
    Wb w;
    if (c < 0x80) {
      w = table.low[c];
      ++i;
      if (w == kALetter || w == kNumeric) {
        // The rest of an ASCII run of the same class in one tight loop.
        while (i < n && static_cast<unsigned char>(text[i]) < 0x80 &&
               table.low[static_cast<unsigned char>(text[i])] == w)
          ++i;
      }
    } else {
      U8_NEXT(text.data(), i, n, c);
      w = table.Of(c);
    }
    if (w == kUnsupported) return false;
    if (m > 0 && w == cls[m - 1] && (w == kALetter || w == kNumeric)) continue;
    at[m] = start;
    cls[m++] = w;
  }
  breaks->push_back(0);
  auto get = [&](size_t k) { return k < m ? cls[k] : kUnsupported; };
  for (size_t i = 1; i < m; ++i) {
    const Wb a = cls[i - 1], b = cls[i];
    // Most pairs are letters/digits inside a word: WB5, WB8, WB9, WB10 keep them
    // (no earlier rule applies to such a pair).
    if ((a == kALetter || a == kNumeric) && (b == kALetter || b == kNumeric)) continue;
    bool keep;
    if (a == kCR && b == kLF)
      keep = true;  // WB3
    else if (Hard(a) || Hard(b))
      keep = false;  // WB3a, WB3b
    else if (a == kWSegSpace && b == kWSegSpace)
      keep = true;  // WB3d
    else if (AH(a) && AH(b))
      keep = true;  // WB5
    else if (AH(a) && MidLetterQ(b) && AH(get(i + 1)))
      keep = true;  // WB6
    else if (i >= 2 && AH(cls[i - 2]) && MidLetterQ(a) && AH(b))
      keep = true;  // WB7
    else if (a == kNumeric && b == kNumeric)
      keep = true;  // WB8
    else if (AH(a) && b == kNumeric)
      keep = true;  // WB9
    else if (a == kNumeric && AH(b))
      keep = true;  // WB10
    else if (i >= 2 && cls[i - 2] == kNumeric && MidNumQ(a) && b == kNumeric)
      keep = true;  // WB11
    else if (a == kNumeric && MidNumQ(b) && get(i + 1) == kNumeric)
      keep = true;  // WB12
    else if ((AH(a) || a == kNumeric || a == kExtendNumLet) && b == kExtendNumLet)
      keep = true;  // WB13a
    else if (a == kExtendNumLet && (AH(b) || b == kNumeric))
      keep = true;  // WB13b
    else
      keep = false;  // WB999
    if (!keep) breaks->push_back(at[i]);
  }
  if (n > 0) breaks->push_back(static_cast<uint32_t>(n));
  return true;
}

}  // namespace kg::ingest
