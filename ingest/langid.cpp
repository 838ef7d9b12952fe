#include "ingest/langid.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/internal/lang_script.h>
#include <cld2/public/encodings.h>

#include <algorithm>

namespace kg::ingest {

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
  if (l == CLD2::UNKNOWN_LANGUAGE) return fallback;
  std::string code = CLD2::LanguageCode(l);
  if (code.size() > 2 && code.find('-') != std::string::npos) code = code.substr(0, code.find('-'));
  return code;
}

}  // namespace kg::ingest
