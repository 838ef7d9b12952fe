// Small UTF-8 text helpers shared by the ingest stages (no ICU needed).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::ingest {

// A document or pipeline language code is German ("de"). Inline: the
// extraction stages ask it per token.
inline bool IsGerman(std::string_view lang) { return lang == "de"; }

// Lower-cases ASCII and the Latin-1/Latin Extended-A letters used in German
// and most European names (Ä->ä, É->é, ...); other bytes are copied.
std::string Lower(std::string_view s);
// The lower case of one code point as Lower() maps it (keeps its UTF-8 length).
uint32_t LowerCodePoint(uint32_t cp);

// Lower() plus normalisation of typographic apostrophes and dashes to ASCII
// and removal of soft hyphens (umlauts and accents are kept). Used for
// gazetteer and lexicon keys.
std::string NormKey(std::string_view s);

// True when the first code point is an upper-case letter (ASCII, Latin-1,
// Latin Extended-A, Greek, Cyrillic).
bool StartsUpper(std::string_view s);
// True when every letter is upper case and there are at least two letters.
bool AllCaps(std::string_view s);
bool HasDigit(std::string_view s);
// Number of code points of UTF-8 text.
size_t Utf8Length(std::string_view s);
bool HasLetter(std::string_view s);

// ASCII slug for entity ids: ä->ae, ö->oe, ü->ue, ß->ss, other accents
// dropped, runs of non-alphanumerics -> '-'.
std::string Slug(std::string_view s);

// Splits on ASCII whitespace.
std::vector<std::string> SplitWs(std::string_view s);
// Joins with a single space.
std::string Join(const std::vector<std::string>& parts, std::string_view sep = " ");
std::string Trim(std::string_view s);

}  // namespace kg::ingest
