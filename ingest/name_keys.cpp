#include "ingest/name_keys.h"

#include "ingest/segmenter.h"
#include "ingest/stemmer.h"
#include "ingest/text_util.h"

namespace kg::ingest {

namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of a letter at s[i] (1 or 2 bytes) or 0 when s[i] starts no letter
// of the plain set.
size_t LetterLen(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (IsAsciiAlnum(c)) return 1;
  if (i + 1 >= s.size()) return 0;
  const auto d = static_cast<unsigned char>(s[i + 1]);
  if ((d & 0xC0) != 0x80) return 0;
  // U+00C0-U+00FF: C3 80..BF; U+0100-U+017F: C4 80..BF, C5 80..BF.
  if (c == 0xC3) return (d == 0x97 || d == 0xB7) ? 0 : 2;  // U+00D7, U+00F7
  if (c == 0xC4 || c == 0xC5) return 2;
  return 0;
}

// NormKey() of a plain token (see PlainNameTokens), appended to `out`:
// ASCII lower-cased; the two-byte letters (U+00C0-U+017F) through
// LowerCodePoint, which keeps them two bytes. Everything else is copied.
void AppendLow(std::string_view tok, std::string* out) {
  const size_t at = out->size();
  out->resize(at + tok.size());
  char* p = out->data() + at;
  for (size_t i = 0; i < tok.size(); ++i) {
    const auto c = static_cast<unsigned char>(tok[i]);
    if (c < 0x80) {
      p[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
      continue;
    }
    // A plain token's non-ASCII bytes are two-byte letters: lead C3, C4 or C5.
    const auto d = static_cast<unsigned char>(tok[i + 1]);
    const uint32_t cp = LowerCodePoint((uint32_t{c} & 0x1F) << 6 | (d & 0x3F));
    p[i] = static_cast<char>(0xC0 | (cp >> 6));
    p[i + 1] = static_cast<char>(0x80 | (cp & 0x3F));
    ++i;
  }
}

// Calls on_token(token) for each of the Segmenter's tokens of a plain name
// (views into `name`); false as soon as `name` turns out not to be plain.
template <typename F>
bool ScanPlain(std::string_view name, F&& on_token) {
  size_t i = 0;
  const size_t n = name.size();
  while (i < n) {
    if (name[i] == ' ') {
      ++i;
      continue;
    }
    // A token: letter runs joined by single hyphens.
    const size_t start = i;
    for (;;) {
      size_t len = LetterLen(name, i);
      if (len == 0) return false;  // not a letter (or a hyphen without a letter before/after)
      for (;;) {
        while (i < n && IsAsciiAlnum(static_cast<unsigned char>(name[i]))) ++i;
        if (i >= n || (len = LetterLen(name, i)) == 0) break;
        i += len;
      }
      if (i < n && name[i] == '-') {
        ++i;
        if (i >= n) return false;
        continue;  // the next loop round requires a letter
      }
      break;
    }
    if (i < n && name[i] != ' ') return false;
    on_token(name.substr(start, i - start));
  }
  return true;
}

std::string SegKey(Segmenter* seg, std::string_view s, int* n) {
  Segmentation sg = seg->Segment(s);
  std::string key;
  for (const auto& t : sg.tokens) {
    if (!key.empty()) key += ' ';
    key += t.low;
  }
  *n = static_cast<int>(sg.tokens.size());
  return key;
}

std::string SegStemKey(Segmenter* seg, Stemmer* stem, std::string_view s) {
  Segmentation sg = seg->Segment(s);
  std::string key;
  for (const auto& t : sg.tokens) {
    if (!key.empty()) key += ' ';
    key += stem->Stem(t.low);
  }
  return key;
}

}  // namespace

bool PlainNameTokens(std::string_view name, std::vector<std::string_view>* tokens) {
  tokens->clear();
  return ScanPlain(name, [&](std::string_view tok) { tokens->push_back(tok); });
}

KeyMaker MakeKeyMaker(Segmenter* seg, Stemmer* stem) {
  KeyMaker k;
  // Plain names: one pass that checks the name and builds the key.
  k.key = [seg](std::string_view s, int* n) {
    std::string key;
    key.reserve(s.size());
    int count = 0;
    const bool plain = ScanPlain(s, [&](std::string_view tok) {
      if (count++) key += ' ';
      AppendLow(tok, &key);
    });
    if (!plain) return SegKey(seg, s, n);
    *n = count;
    return key;
  };
  k.stem_key = [seg, stem](std::string_view s) {
    std::string key, low;
    int count = 0;
    const bool plain = ScanPlain(s, [&](std::string_view tok) {
      if (count++) key += ' ';
      low.clear();
      AppendLow(tok, &low);
      key += stem->Stem(low);
    });
    if (!plain) return SegStemKey(seg, stem, s);
    return key;
  };
  return k;
}

KeyMaker MakeSegmenterKeyMaker(Segmenter* seg, Stemmer* stem) {
  KeyMaker k;
  k.key = [seg](std::string_view s, int* n) { return SegKey(seg, s, n); };
  k.stem_key = [seg, stem](std::string_view s) { return SegStemKey(seg, stem, s); };
  return k;
}

}  // namespace kg::ingest
