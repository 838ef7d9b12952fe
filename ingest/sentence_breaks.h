// Sentence boundaries exactly as ICU's sentence BreakIterator for
// "<lang>@ss=standard" finds them, without the iterator: the Unicode
// sentence-break rules (UAX #29, which ICU's sent.txt implements) over each
// character's Sentence_Break property from ICU, then ICU's "standard"
// suppressions for the locale (no break after "Dr.", "z.B.", "U.S." ...: the
// exceptions list in ICU's break-iterator data, matched the way ICU's
// filtered iterator matches it). tests/ingest/sentence_breaks_test.cpp
// compares both over the samples and the shared corpora.
//
// Why: ICU's rule-based iterator runs a state machine over a UTF-16 copy of
// the text and was the largest single cost of segmentation; this scans the
// UTF-8 text and only looks closely at sentence terminators and separators.
//
// Thread safety: an object is immutable after Create(); Find() may run
// concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

class SentenceBreaks {
 public:
  // For ICU locale `locale` ("de", "en"). Null when ICU's suppression data
  // for it cannot be read; the caller then uses ICU's iterator.
  // `icu_suppressions` false: the plain UAX #29 boundaries, as ICU's iterator
  // for `locale` without "@ss=standard" (ICU's lists hold ordinary words such
  // as "Test.", "Art.", "Act.", "Link."; kg's segmenter applies its own
  // abbreviation list instead).
  static std::unique_ptr<SentenceBreaks> Create(const std::string& locale, bool icu_suppressions = true);
  ~SentenceBreaks();
  SentenceBreaks(const SentenceBreaks&) = delete;
  SentenceBreaks& operator=(const SentenceBreaks&) = delete;

  // REQUIRES: valid UTF-8. Fills `breaks` with what BreakIterator::next()
  // returns from the start: the boundary byte offsets after 0 in increasing
  // order, the last being text.size() (nothing for empty text).
  void Find(std::string_view text, std::vector<uint32_t>* breaks) const;

 private:
  SentenceBreaks() = default;
  bool Suppressed(std::string_view text, size_t at) const;

  // Suppressions: reversed entries (full ones, and the part up to the first
  // '.' of entries with more after it) and, for the latter, the entries
  // forwards (ICU tries).
  struct Tries;
  std::unique_ptr<Tries> tries_;
  bool suppress_ = true;
};

}  // namespace kg::ingest
