#include "ingest/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "ingest/sentence_breaks.h"
#include "ingest/text_util.h"
#include "ingest/word_breaks.h"

namespace kg::ingest {

struct Segmenter::Impl {
  std::string locale;  // "de" or "en"
  // ICU's iterators, created on first use (most texts take the fast paths);
  // `icu_failed` after a failed creation.
  std::unique_ptr<icu::BreakIterator> words, sentences;
  bool icu_failed = false;
  std::unique_ptr<SentenceBreaks> fast_sentences;  // null: ICU's iterator
  std::unordered_set<std::string> abbrevs, months;
  // Reused per call: the text in UTF-16 (ICU iterates UTF-16 several times
  // faster than UTF-8 UText) and each UTF-16 unit's byte offset in the UTF-8
  // text (plus one entry for the end).
  std::vector<UChar> u16;
  std::vector<uint32_t> u8_offset;
  std::vector<uint32_t> word_breaks;
  bool icu_words_only = false;
};

Segmenter::Segmenter(const std::string& lang, std::unordered_set<std::string> abbreviations,
                     std::unordered_set<std::string> months)
    : impl_(std::make_unique<Impl>()) {
  impl_->locale = IsGerman(lang) ? "de" : "en";
  // Only kg's abbreviation list (a data file) keeps a full stop from ending a
  // sentence: ICU's suppression lists hold ordinary words ("Test.", "Act.").
  impl_->fast_sentences = SentenceBreaks::Create(impl_->locale, /*icu_suppressions=*/false);
  impl_->abbrevs = std::move(abbreviations);
  impl_->months = std::move(months);
}

Segmenter::~Segmenter() = default;

void Segmenter::SetIcuWordsOnly(bool on) { impl_->icu_words_only = on; }

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

void Classify(std::string_view text, Token* t) {
  std::string_view s = text.substr(t->start, t->end - t->start);
  // ASCII fast path (most tokens): lower-cases and counts in one pass.
  t->low.resize(s.size());
  char* out = t->low.data();
  int letters = 0, upper = 0, digits = 0;
  bool ascii = true;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 'A' && c <= 'Z') {
      ++letters;
      ++upper;
      out[i] = static_cast<char>(c + 32);
      continue;
    }
    if (c >= 'a' && c <= 'z')
      ++letters;
    else if (c >= '0' && c <= '9')
      ++digits;
    out[i] = c;
  }
  if (ascii) {
    t->flags = 0;
    if (letters) {
      t->flags |= kWord;
      if (s[0] >= 'A' && s[0] <= 'Z') t->flags |= kUpper;
      if (letters >= 2 && upper == letters) t->flags |= kAllCaps;
    } else {
      t->flags |= digits ? kNumber : kPunct;
    }
    return;
  }
  t->low = NormKey(s);
  t->flags = 0;
  if (HasLetter(s) && !(s.size() == 1 && static_cast<unsigned char>(s[0]) < 0x80 &&
                        !std::isalpha(static_cast<unsigned char>(s[0])))) {
    bool letter = false;
    for (unsigned char c : s)
      if (std::isalpha(c) || c >= 0x80) letter = true;
    if (letter) t->flags |= kWord;
  }
  if (!(t->flags & kWord)) {
    if (HasDigit(s)) t->flags |= kNumber;
    else t->flags |= kPunct;
  }
  // Symbols such as quotes/dashes decode as non-ASCII: treat multi-byte
  // non-letter tokens (“ ” – „) as punctuation.
  if ((t->flags & kWord) && s.size() <= 3 && static_cast<unsigned char>(s[0]) >= 0xE2 &&
      static_cast<unsigned char>(s[0]) <= 0xE2) {
    t->flags = kPunct;
  }
  if (t->flags & kWord) {
    if (StartsUpper(s)) t->flags |= kUpper;
    if (AllCaps(s)) t->flags |= kAllCaps;
  }
}

void FallbackTokens(std::string_view text, std::vector<Token>* out) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !IsSpace(text[j])) ++j;
    if (j > i) {
      Token t;
      t.start = i;
      t.end = j;
      Classify(text, &t);
      out->push_back(std::move(t));
    }
    i = j;
  }
}

// Whether the code point ending at / starting at byte `i` is a letter or digit.
bool AlnumBefore(std::string_view text, uint32_t i) {
  if (i == 0) return false;
  int32_t k = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(text.data(), 0, k, c);
  return c >= 0 && u_isalnum(c);
}
bool AlnumAt(std::string_view text, uint32_t i) {
  int32_t k = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(text.data(), k, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isalnum(c);
}

// A word token for the segment [prev, cur) unless it is white space.
void AddToken(std::string_view text, uint32_t prev, uint32_t cur, std::vector<Token>* toks) {
  for (uint32_t k = prev; k < cur; ++k) {
    const unsigned char c = text[k];
    if (IsSpace(c)) continue;
    if (c == 0xC2 && k + 1 < cur && static_cast<unsigned char>(text[k + 1]) == 0xA0) {
      ++k;  // no-break space
      continue;
    }
    Token t;
    t.start = prev;
    t.end = cur;
    toks->push_back(std::move(t));
    return;
  }
}

}  // namespace

// ICU's iterators over a UTF-16 copy of the text: sentence breaks, and word
// tokens unless `words_done`. False when ICU fails.
bool Segmenter::IcuBreaks(std::string_view text, bool words_done, std::vector<Token>* toks,
                          std::vector<uint32_t>* sbreaks) {
  if (!impl_->words && !impl_->icu_failed) {
    UErrorCode st = U_ZERO_ERROR;
    impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    const std::string loc = impl_->locale;  // no ICU suppressions (see the constructor)
    impl_->sentences.reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale(loc.c_str()), st));
    impl_->icu_failed = U_FAILURE(st) || !impl_->words || !impl_->sentences;
  }
  if (impl_->icu_failed) return false;
  UErrorCode st = U_ZERO_ERROR;
  auto& u16 = impl_->u16;
  auto& off = impl_->u8_offset;
  const int32_t n = static_cast<int32_t>(text.size());
  u16.resize(text.size());
  off.resize(text.size() + 1);
  size_t j = 0;
  for (int32_t i = 0; i < n;) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      u16[j] = byte;
      off[j++] = static_cast<uint32_t>(i++);
      continue;
    }
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c <= 0xFFFF) {
      u16[j] = static_cast<UChar>(c);
      off[j++] = static_cast<uint32_t>(at);
    } else {  // 4 UTF-8 bytes -> 2 UTF-16 units: fits
      u16[j] = U16_LEAD(c);
      off[j++] = static_cast<uint32_t>(at);
      u16[j] = U16_TRAIL(c);
      off[j++] = static_cast<uint32_t>(at);
    }
  }
  u16.resize(j);
  off[j] = static_cast<uint32_t>(n);
  off.resize(j + 1);
  UText* ut = utext_openUChars(nullptr, u16.data(), static_cast<int64_t>(u16.size()), &st);
  bool ok = U_SUCCESS(st);
  if (ok && !words_done) {
    impl_->words->setText(ut, st);
    ok = U_SUCCESS(st);
    if (ok) {
      int32_t prev16 = impl_->words->first();
      for (int32_t cur16 = impl_->words->next(); cur16 != icu::BreakIterator::DONE;
           prev16 = cur16, cur16 = impl_->words->next())
        AddToken(text, off[prev16], off[cur16], toks);
    }
  }
  if (ok) {
    impl_->sentences->setText(ut, st);
    ok = U_SUCCESS(st);
    for (int32_t b = ok ? impl_->sentences->next() : icu::BreakIterator::DONE;
         b != icu::BreakIterator::DONE; b = impl_->sentences->next())
      sbreaks->push_back(off[b]);
  }
  utext_close(ut);
  return ok;
}

Segmentation Segmenter::Segment(std::string_view text) {
  Segmentation seg;
  auto& toks = seg.tokens;
  toks.reserve(text.size() / 5 + 4);
  std::vector<uint32_t> sbreaks;
  // The UAX #29 fast paths where they apply (identical boundaries), ICU's
  // iterators otherwise.
  auto& wb = impl_->word_breaks;
  const bool fast_words = !impl_->icu_words_only && SimpleWordBreaks(text, &wb);
  if (fast_words)
    for (size_t k = 1; k < wb.size(); ++k) AddToken(text, wb[k - 1], wb[k], &toks);
  bool icu_ok = true;
  if (fast_words && impl_->fast_sentences)
    impl_->fast_sentences->Find(text, &sbreaks);
  else
    icu_ok = IcuBreaks(text, fast_words, &toks, &sbreaks);
  if (!icu_ok) {
    toks.clear();
    FallbackTokens(text, &toks);
    sbreaks.assign(1, static_cast<uint32_t>(text.size()));
  } else {
    // Merge word-hyphen-word (no spaces) into one token, in place (tokens
    // have no text yet: Classify fills `low` afterwards). Both sides must
    // be letters or digits where they meet the hyphen: "Lese-, Schreib-"
    // and "(-5" stay apart.
    size_t w = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
      Token t = toks[i];
      while (i + 2 < toks.size() && toks[i + 1].start == t.end &&
             toks[i + 2].start == toks[i + 1].end && toks[i + 1].end - toks[i + 1].start == 1 &&
             text[toks[i + 1].start] == '-' && AlnumBefore(text, t.end) &&
             AlnumAt(text, toks[i + 2].start)) {
        t.end = toks[i + 2].end;
        i += 2;
      }
      toks[w].start = t.start;
      toks[w].end = t.end;
      ++w;
    }
    toks.resize(w);
    for (auto& t : toks) Classify(text, &t);
  }
  // Assign tokens to sentences, merging false breaks.
  size_t ti = 0;
  uint32_t sstart = 0;
  for (size_t bi = 0; bi < sbreaks.size(); ++bi) {
    uint32_t b = sbreaks[bi];
    size_t tj = ti;
    while (tj < toks.size() && toks[tj].start < b) ++tj;
    if (tj == ti) continue;
    if (bi + 1 < sbreaks.size() && tj < toks.size()) {
      // Is the break after an abbreviation / initial / ordinal?
      const Token& last = toks[tj - 1];
      const Token& next = toks[tj];
      bool merge = false;
      bool newline_between = false;
      for (uint32_t k = last.end; k < next.start; ++k)
        if (text[k] == '\n') newline_between = true;
      if (!newline_between && last.low == "." && tj >= ti + 2 && toks[tj - 2].end == last.start) {
        const Token& w = toks[tj - 2];
        if (impl_->abbrevs.count(w.low)) merge = true;
        else if ((w.flags & kWord) && (w.flags & kUpper) && w.end - w.start == 1) merge = true;  // initial
        else if ((w.flags & kNumber) && w.end - w.start <= 2 &&
                 (impl_->months.count(next.low) || !(next.flags & kUpper)))
          merge = true;  // ordinal
      }
      if (!newline_between && (next.flags & kWord) && !(next.flags & kUpper) && last.low != "?" &&
          last.low != "!")
        merge = true;  // sentences do not start lower case
      if (merge) continue;
    }
    Sentence s;
    s.tok_begin = static_cast<int>(ti);
    s.tok_end = static_cast<int>(tj);
    s.start = toks[ti].start;
    s.end = toks[tj - 1].end;
    (void)sstart;
    seg.sentences.push_back(s);
    ti = tj;
  }
  if (ti < toks.size()) {
    Sentence s;
    s.tok_begin = static_cast<int>(ti);
    s.tok_end = static_cast<int>(toks.size());
    s.start = toks[ti].start;
    s.end = toks.back().end;
    seg.sentences.push_back(s);
  }
  return seg;
}

}  // namespace kg::ingest
