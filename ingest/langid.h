// Language identification with CLD2.
//
// Thread safety: stateless; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace kg::ingest {

// ISO 639-1 code of the dominant language of `text` ("de", "en", ...), or
// `fallback` when CLD2 finds nothing reliable. REQUIRES: valid UTF-8.
std::string DetectLanguage(std::string_view text, const std::string& fallback = "de");

}  // namespace kg::ingest
