#include "ingest/sentence_breaks.h"

#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/ucharstriebuilder.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace kg::ingest {
namespace {

// Sentence_Break values (UAX #29).
enum Sb : uint8_t {
  kOther,
  kCR,
  kLF,
  kSep,
  kSp,
  kLower,
  kUpper,
  kOLetter,
  kNumeric,
  kATerm,
  kSTerm,
  kClose,
  kSContinue,
  kExtend,
  kFormat,
};

Sb FromIcu(UChar32 c) {
  switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
    case U_SB_CR:
      return kCR;
    case U_SB_LF:
      return kLF;
    case U_SB_SEP:
      return kSep;
    case U_SB_SP:
      return kSp;
    case U_SB_LOWER:
      return kLower;
    case U_SB_UPPER:
      return kUpper;
    case U_SB_OLETTER:
      return kOLetter;
    case U_SB_NUMERIC:
      return kNumeric;
    case U_SB_ATERM:
      return kATerm;
    case U_SB_STERM:
      return kSTerm;
    case U_SB_CLOSE:
      return kClose;
    case U_SB_SCONTINUE:
      return kSContinue;
    case U_SB_EXTEND:
      return kExtend;
    case U_SB_FORMAT:
      return kFormat;
    default:
      return kOther;
  }
}

// Classes of U+0000..U+07FF (one- and two-byte UTF-8), from ICU once.
const std::array<Sb, 0x800>& LowClasses() {
  static const std::array<Sb, 0x800> table = [] {
    std::array<Sb, 0x800> t{};
    for (UChar32 c = 0; c < 0x800; ++c) t[c] = FromIcu(c);
    return t;
  }();
  return table;
}

// Classes that start a rule which may break: terminators and separators.
bool Starts(Sb c) {
  constexpr uint32_t kStart = 1u << kATerm | 1u << kSTerm | 1u << kCR | 1u << kLF | 1u << kSep;
  return (kStart >> c) & 1;
}

// Values in the suppression tries.
constexpr int32_t kPartial = 1;  // a prefix: the forward trie decides
constexpr int32_t kMatch = 2;    // a whole entry: no break after it

// Decodes the code point at `*i` (invalid bytes as U+FFFD, as the UTF-16
// copy for ICU had them) and advances `*i`.
UChar32 Next(std::string_view text, size_t* i) {
  int32_t k = static_cast<int32_t>(*i);
  UChar32 c;
  U8_NEXT(text.data(), k, static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(k);
  return c < 0 ? 0xFFFD : c;
}

bool IsParaSep(Sb c) { return c == kSep || c == kCR || c == kLF; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text), low_(LowClasses()) {}

  // Class of the character at `i`; `*end` is where the next one starts.
  Sb At(size_t i, size_t* end) const {
    const unsigned char b = static_cast<unsigned char>(text_[i]);
    if (b < 0x80) {
      *end = i + 1;
      return low_[b];
    }
    *end = i;
    const UChar32 c = Next(text_, end);
    return c < 0x800 ? low_[c] : FromIcu(c);
  }
  // Skips Extend and Format characters from `i` (rule 5: they belong to the
  // character before them).
  size_t SkipExtend(size_t i) const {
    size_t e;
    while (i < text_.size()) {
      const Sb c = At(i, &e);
      if (c != kExtend && c != kFormat) break;
      i = e;
    }
    return i;
  }
  // Rule 7's left side: an upper- or lower-case letter (with any Extend or
  // Format after it) right before `i`.
  bool LetterBefore(size_t i) const {
    int32_t q = static_cast<int32_t>(i);
    while (q > 0) {
      UChar32 c;
      U8_PREV(text_.data(), 0, q, c);
      const Sb k = FromIcu(c < 0 ? 0xFFFD : c);
      if (k == kExtend || k == kFormat) continue;
      return k == kUpper || k == kLower;
    }
    return false;
  }
  // Rule 8's right side: from `i`, characters other than letters,
  // separators and terminators, then a lower-case letter.
  bool LowerAhead(size_t i) const {
    size_t e;
    while (i < text_.size()) {
      const Sb c = At(i, &e);
      if (c == kLower) return true;
      if (c == kUpper || c == kOLetter || IsParaSep(c) || c == kATerm || c == kSTerm) return false;
      i = e;
    }
    return false;
  }
  // Skips characters of class `want` (with their Extend/Format) from `i`.
  size_t SkipRun(size_t i, Sb want) const {
    size_t e;
    while (i < text_.size() && At(i, &e) == want) i = SkipExtend(e);
    return i;
  }

 private:
  std::string_view text_;
  const std::array<Sb, 0x800>& low_;
};

}  // namespace

struct SentenceBreaks::Tries {
  std::unique_ptr<icu::UCharsTrie> backward, forward;
};

SentenceBreaks::~SentenceBreaks() = default;

std::unique_ptr<SentenceBreaks> SentenceBreaks::Create(const std::string& locale, bool icu_suppressions) {
  UErrorCode st = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(U_ICUDATA_NAME "-brkitr", locale.c_str(), &st);
  if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING) {
    ures_close(bundle);
    return nullptr;
  }
  UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &st);
  UResourceBundle* list = ures_getByKey(exceptions, "SentenceBreak", nullptr, &st);
  std::vector<icu::UnicodeString> entries;
  while (U_SUCCESS(st) && ures_hasNext(list)) {
    int32_t len = 0;
    const UChar* s = ures_getNextString(list, &len, nullptr, &st);
    if (U_SUCCESS(st)) entries.emplace_back(s, len);
  }
  ures_close(list);
  ures_close(exceptions);
  ures_close(bundle);
  if (U_FAILURE(st) || entries.empty()) return nullptr;

  // ICU keeps the entries sorted and unique; an entry with a '.' before its
  // end makes its part up to that '.' a partial match (once per such part),
  // and every entry starting with that part is then decided forwards.
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  const int32_t n = static_cast<int32_t>(entries.size());
  std::vector<bool> forward(n, false);
  icu::UCharsTrieBuilder back(st), fwd(st);
  int32_t fwd_count = 0;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t dot = entries[i].indexOf(u'.');
    if (dot < 0 || dot + 1 == entries[i].length()) continue;
    bool prefix_in_back = false;
    for (int32_t j = 0; j < n; ++j) {
      if (j == i || entries[i].compare(0, dot + 1, entries[j], 0, dot + 1) != 0) continue;
      if (!forward[j])
        forward[j] = true;
      else
        prefix_in_back = true;
    }
    if (!prefix_in_back && !forward[i]) {
      icu::UnicodeString prefix(entries[i], 0, dot + 1);
      back.add(prefix.reverse(), kPartial, st);
      forward[i] = true;
    }
  }
  for (int32_t i = 0; i < n; ++i) {
    if (forward[i]) {
      fwd.add(entries[i], kMatch, st);
      ++fwd_count;
    } else {
      icu::UnicodeString r(entries[i]);
      back.add(r.reverse(), kMatch, st);
    }
  }
  std::unique_ptr<SentenceBreaks> out(new SentenceBreaks());
  out->tries_ = std::make_unique<Tries>();
  out->suppress_ = icu_suppressions;
  out->tries_->backward.reset(back.build(USTRINGTRIE_BUILD_FAST, st));
  if (fwd_count > 0) out->tries_->forward.reset(fwd.build(USTRINGTRIE_BUILD_FAST, st));
  if (U_FAILURE(st) || !out->tries_->backward) return nullptr;
  return out;
}

void SentenceBreaks::Find(std::string_view text, std::vector<uint32_t>* breaks) const {
  breaks->clear();
  const size_t n = text.size();
  const Scanner sc(text);
  const std::array<Sb, 0x800>& low = LowClasses();
  auto add = [&](size_t b) {
    if (b < n && !(suppress_ && Suppressed(text, b))) breaks->push_back(static_cast<uint32_t>(b));
  };
  size_t i = 0, e;
  while (i < n) {
    // Only terminators and separators start a rule that may break: skip
    // other one- and two-byte characters without decoding them further.
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (!Starts(low[byte])) {
        ++i;
        continue;
      }
    } else if (byte >= 0xC2 && byte < 0xE0 && i + 1 < n) {
      const unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if ((next & 0xC0) == 0x80 && !Starts(low[(byte & 0x1F) << 6 | (next & 0x3F)])) {
        i += 2;
        continue;
      }
    }
    const Sb c = sc.At(i, &e);
    if (c == kCR || c == kLF || c == kSep) {
      if (c == kCR && e < n && text[e] == '\n') ++e;  // rule 3
      add(e);                                         // rule 4
      i = e;
      continue;
    }
    if (c != kATerm && c != kSTerm) {
      i = e;
      continue;
    }
    size_t j = sc.SkipExtend(e);
    if (c == kATerm && j < n) {
      const Sb d = sc.At(j, &e);
      // Rule 6 ("3.5") and rule 7 ("U.S"): no break; go on after the '.'.
      if (d == kNumeric || (d == kUpper && sc.LetterBefore(i))) {
        i = j;
        continue;
      }
    }
    j = sc.SkipRun(sc.SkipRun(j, kClose), kSp);
    if (j < n) {
      const Sb d = sc.At(j, &e);
      // Rule 8a: before a comma, dash, colon ... or another terminator.
      if (d == kSContinue || d == kATerm || d == kSTerm) {
        i = j;
        continue;
      }
      // Rule 8: before a lower-case letter reached without crossing another
      // letter, a separator or a terminator ("etc. (und mehr").
      if (c == kATerm && sc.LowerAhead(j)) {
        i = j;
        continue;
      }
      // Rules 9-11: the break follows the terminator, closing punctuation,
      // spaces and one separator.
      if (d == kCR) {
        j = e;
        if (j < n && text[j] == '\n') ++j;
      } else if (d == kSep || d == kLF) {
        j = e;
      }
    }
    add(j);
    i = j;
  }
  if (n > 0) breaks->push_back(static_cast<uint32_t>(n));
}

// ICU's filtered iterator: skip one space before the break, then find the
// longest suppression entry the text ends with there (walking the reversed
// entries backwards); a partial entry must also match forwards from its
// start.
bool SentenceBreaks::Suppressed(std::string_view text, size_t at) const {
  size_t p = at;
  if (p > 0 && text[p - 1] == ' ') --p;
  if (p == 0) return false;
  icu::UCharsTrie back(*tries_->backward);
  back.reset();
  int64_t best = -1;
  int32_t value = -1;
  for (int32_t q = static_cast<int32_t>(p); q > 0;) {
    UChar32 c;
    U8_PREV(text.data(), 0, q, c);
    const UStringTrieResult r = back.nextForCodePoint(c < 0 ? 0xFFFD : c);
    if (USTRINGTRIE_HAS_VALUE(r)) {
      best = q;
      value = back.getValue();
    }
    if (!USTRINGTRIE_HAS_NEXT(r)) break;
  }
  if (best < 0) return false;
  if (value == kMatch) return true;
  if (value != kPartial || !tries_->forward) return false;
  icu::UCharsTrie fwd(*tries_->forward);
  fwd.reset();
  UStringTrieResult rf = USTRINGTRIE_INTERMEDIATE_VALUE;
  for (size_t k = static_cast<size_t>(best); k < text.size();) {
    rf = fwd.nextForCodePoint(Next(text, &k));
    if (!USTRINGTRIE_HAS_NEXT(rf)) break;
  }
  return USTRINGTRIE_MATCHES(rf);
}

}  // namespace kg::ingest
