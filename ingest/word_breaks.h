// Word boundaries by the Unicode word-break rules (UAX #29) for text made of
// "simple" characters, with each character's Word_Break property taken from
// ICU. It finds exactly the boundaries ICU's word BreakIterator finds for such
// text (tests/ingest/word_breaks_test.cpp compares both over the samples and
// the shared corpora) in a fraction of the time, which matters because word
// segmentation was the largest single cost of extraction.
//
// "Simple": code points below U+0530 (Latin, Greek, Cyrillic) and U+2000-U+20CF
// (general punctuation, currency signs) whose Word_Break property is one of
// ALetter, Numeric, MidLetter, MidNum, MidNumLet, Single_Quote, ExtendNumLet,
// WSegSpace, CR, LF, Newline or Other. Anything else (combining marks,
// format characters, ZWJ, Hebrew, CJK, Thai, emoji sequences, ...) makes the
// function return false, and the caller uses ICU's iterator for the text.
//
// Thread safety: safe (the property table is built once, thread-safely).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kg::ingest {

// REQUIRES: valid UTF-8. On success fills `breaks` with the boundary byte
// offsets in increasing order, starting with 0 and ending with text.size(),
// and returns true; returns false (breaks unspecified) for non-simple text.
bool SimpleWordBreaks(std::string_view text, std::vector<uint32_t>* breaks);

}  // namespace kg::ingest
