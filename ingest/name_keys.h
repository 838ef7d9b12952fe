// Catalogue keys for names (gazetteer and KB surfaces): the NormKey()ed
// tokens the Segmenter produces for the name, joined by single spaces, so that
// keys match article tokens (see KeyMaker in kb.h).
//
// Running the Segmenter (ICU, UTF-16 conversion, sentence iterator) on each of
// the ~70,000 catalogue names was the largest cost of Extractor::Create. Most
// names are "plain": words of letters and digits separated by spaces, with
// single inner hyphens ("Kim Jong-un", "Baden-Baden", "F-16"). For those the
// Segmenter's tokens are known without running it: UAX #29 never breaks inside
// a run of letters/digits, always breaks at a space and around '-', and the
// Segmenter merges word-hyphen-word back into one token. PlainNameTokens()
// produces them directly; everything else (apostrophes, periods, other
// scripts, combining marks, ...) goes through the Segmenter.
// tests/ingest/name_keys_test.cpp checks that both paths give identical keys
// and stem keys for every gazetteer and KB name and for edge cases.
//
// Thread safety: PlainNameTokens is pure. A KeyMaker from MakeKeyMaker uses
// the given Segmenter/Stemmer, so it is as thread-safe as they are (not).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/kb.h"

namespace kg::ingest {

class Segmenter;
class Stemmer;

// "Plain" names: bytes are ASCII letters/digits, ' ', '-', or two-byte UTF-8
// letters U+00C0-U+017F (except U+00D7 x and U+00F7 ÷); every '-' stands
// between two letters/digits. For those, fills `tokens` (views into `name`,
// cleared first) with the Segmenter's tokens and returns true; otherwise
// returns false (tokens unspecified).
bool PlainNameTokens(std::string_view name, std::vector<std::string_view>* tokens);

// KeyMaker whose key/stem_key take the PlainNameTokens fast path when it
// applies and run `seg` otherwise; stems come from `stem`.
// REQUIRES: seg and stem outlive the KeyMaker (not owned).
KeyMaker MakeKeyMaker(Segmenter* seg, Stemmer* stem);

// The reference KeyMaker that always runs the Segmenter (tests compare the two).
KeyMaker MakeSegmenterKeyMaker(Segmenter* seg, Stemmer* stem);

}  // namespace kg::ingest
