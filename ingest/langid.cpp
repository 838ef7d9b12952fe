#include "ingest/langid.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/internal/lang_script.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace kg::ingest {

namespace {

// The commonest function words of German and English news (articles,
// pronouns, prepositions, auxiliaries, reporting and meeting verbs): a short
// text has some even when it is mostly names, where CLD2's character
// statistics are unreliable.
constexpr std::array<const char*, 52> kGerman = {
    "der",   "die",    "das",   "und",    "ist",    "nicht",  "mit",   "von",   "den",     "dem",
    "des",   "ein",    "eine",  "einen",  "im",     "auf",    "für",   "zu",    "sich",    "hat",
    "wird",  "wurde",  "sind",  "auch",   "nach",   "bei",    "aus",   "über",  "am",      "vom",
    "zum",   "zur",    "sie",   "er",     "es",     "als",    "hatte", "haben", "sagte",   "oder",
    "trifft", "traf",  "besucht", "besuchte", "gegen", "seit", "wegen", "laut", "erklärte", "worden",
    "gestern", "heute"};
constexpr std::array<const char*, 52> kEnglish = {
    "the",  "and",   "of",    "to",     "is",      "was",   "with",  "for",     "on",     "that",
    "by",   "from",  "has",   "have",   "had",     "are",   "were",  "be",      "been",   "it",
    "its",  "at",    "as",    "can",    "this",    "which", "he",    "she",     "they",   "his",
    "her",  "their", "will",  "would",  "said",    "after", "not",   "but",     "or",     "who",
    "met",  "meets", "visited", "visits", "against", "since", "during", "told", "announced", "says",
    "yesterday", "today"};

// (German, English) function-word counts of the first 4 KB of `text`.
std::pair<int, int> FunctionWords(std::string_view text) {
  int de = 0, en = 0;
  std::string w;
  auto flush = [&] {
    if (w.empty()) return;
    for (const char* x : kGerman)
      if (w == x) ++de;
    for (const char* x : kEnglish)
      if (w == x) ++en;
    w.clear();
  };
  const std::size_t n = std::min<std::size_t>(text.size(), 4096);
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c) || c >= 0x80) w.push_back(static_cast<char>(std::tolower(c)));
    else flush();
  }
  flush();
  return {de, en};
}

}  // namespace

std::string DetectLanguage(std::string_view text, const std::string& fallback) {
  if (text.empty()) return fallback;
  // CLD2 looks at most at the first few KB for a decision anyway.
  int len = static_cast<int>(std::min<size_t>(text.size(), 16384));
  bool reliable = false;
  CLD2::Language langs[3];
  int percents[3];
  int text_bytes = 0;
  CLD2::Language l = CLD2::DetectLanguageSummary(text.data(), len, /*is_plain_text=*/true, langs,
                                                 percents, &text_bytes, &reliable);
  std::string code = l == CLD2::UNKNOWN_LANGUAGE ? std::string() : std::string(CLD2::LanguageCode(l));
  if (code.size() > 2 && code.find('-') != std::string::npos) code = code.substr(0, code.find('-'));
  // Function words decide a short text (where CLD2 guesses from a few names)
  // and back up an unreliable verdict; without either, the fallback.
  auto [de, en] = FunctionWords(text);
  if (text.size() < 400 && de != en) return de > en ? "de" : "en";
  if (!reliable || code.empty()) {
    if (de >= 2 && de >= 2 * en) return "de";
    if (en >= 2 && en >= 2 * de) return "en";
    if (text.size() < 400) return fallback;
  }
  return code.empty() ? fallback : code;
}

}  // namespace kg::ingest
