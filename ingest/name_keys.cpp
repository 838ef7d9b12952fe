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

// NormKey() of a plain token: ASCII lower-cased inline, the rest by NormKey.
void AppendLow(std::string_view tok, std::string* out) {
  for (unsigned char c : tok)
    if (c >= 0x80) {
      *out += NormKey(tok);
      return;
    }
  const size_t at = out->size();
  out->resize(at + tok.size());
  char* p = out->data() + at;
  for (size_t i = 0; i < tok.size(); ++i) {
    const char c = tok[i];
    p[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
}

std::string SegKey(Segmenter* seg, const std::string& s, int* n) {
  Segmentation sg = seg->Segment(s);
  std::string key;
  for (const auto& t : sg.tokens) {
    if (!key.empty()) key += ' ';
    key += t.low;
  }
  *n = static_cast<int>(sg.tokens.size());
  return key;
}

std::string SegStemKey(Segmenter* seg, Stemmer* stem, const std::string& s) {
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
    tokens->push_back(name.substr(start, i - start));
  }
  return true;
}

KeyMaker MakeKeyMaker(Segmenter* seg, Stemmer* stem) {
  KeyMaker k;
  k.key = [seg](const std::string& s, int* n) {
    thread_local std::vector<std::string_view> toks;
    if (!PlainNameTokens(s, &toks)) return SegKey(seg, s, n);
    std::string key;
    key.reserve(s.size());
    for (size_t i = 0; i < toks.size(); ++i) {
      if (i) key += ' ';
      AppendLow(toks[i], &key);
    }
    *n = static_cast<int>(toks.size());
    return key;
  };
  k.stem_key = [seg, stem](const std::string& s) {
    thread_local std::vector<std::string_view> toks;
    if (!PlainNameTokens(s, &toks)) return SegStemKey(seg, stem, s);
    std::string key, low;
    for (size_t i = 0; i < toks.size(); ++i) {
      if (i) key += ' ';
      low.clear();
      AppendLow(toks[i], &low);
      key += stem->Stem(low);
    }
    return key;
  };
  return k;
}

KeyMaker MakeSegmenterKeyMaker(Segmenter* seg, Stemmer* stem) {
  KeyMaker k;
  k.key = [seg](const std::string& s, int* n) { return SegKey(seg, s, n); };
  k.stem_key = [seg, stem](const std::string& s) { return SegStemKey(seg, stem, s); };
  return k;
}

}  // namespace kg::ingest
