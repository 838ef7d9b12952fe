// Sentence and word segmentation with ICU: sentences and words by ICU's
// BreakIterators or, where they apply, by the same UAX #29 rules on ICU's
// character properties (sentence_breaks.h for sentences with ICU's
// suppressions, word_breaks.h for text of Latin, Greek and Cyrillic letters:
// identical boundaries, several times faster).
// Every offset is a byte offset into the UTF-8 article text.
//
// Sentence breaks that ICU places after abbreviations ("z. B.", "Dr.",
// "U.S."), initials ("George W. Bush") or ordinals ("am 3. Mai") are merged
// back using the per-language abbreviation list (data/lexicon/<lang>/
// abbreviations.txt). Hyphenated words ("Rüstungs-Deal", "Kim Jong-un",
// "US-Präsident") become one token.
//
// Thread safety: NOT thread-safe (holds ICU iterators, reused per call).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kg::ingest {

enum TokenFlags : uint8_t {
  kWord = 1,      // contains letters
  kNumber = 2,    // digits only (may contain . or ,)
  kPunct = 4,     // punctuation / symbol
  kUpper = 8,     // first letter upper case
  kAllCaps = 16,  // >= 2 letters, all upper case
};

struct Token {
  uint32_t start = 0, end = 0;  // byte offsets into the text
  uint8_t flags = 0;
  std::string low;              // NormKey() of the surface
  bool Is(uint8_t f) const { return (flags & f) != 0; }
};

struct Sentence {
  uint32_t start = 0, end = 0;  // byte offsets (end excludes trailing white space)
  int tok_begin = 0, tok_end = 0;  // token index range [begin, end)
};

struct Segmentation {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

class Segmenter {
 public:
  // lang: ISO 639-1. abbreviations: lower-case abbreviations without the
  // final dot ("z", "dr", "bzw", "u.s"). months: lower-case month names and
  // other words an ordinal's full stop may stand before ("minute", "liga").
  Segmenter(const std::string& lang, std::unordered_set<std::string> abbreviations,
            std::unordered_set<std::string> months);
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // REQUIRES: valid UTF-8. Never fails: on an ICU error the whole text is
  // one sentence of whitespace-separated tokens.
  Segmentation Segment(std::string_view text);

  // Tests and benchmarks: always use ICU's word and sentence BreakIterators
  // (default: the UAX #29 fast paths wherever the text allows them).
  void SetIcuWordsOnly(bool on);

 private:
  struct Impl;
  bool IcuBreaks(std::string_view text, bool words_done, std::vector<Token>* toks,
                 std::vector<uint32_t>* sbreaks);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg::ingest
