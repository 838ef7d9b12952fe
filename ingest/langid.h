// Language identification with CLD2.
//
// Thread safety: stateless; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace kg::ingest {

// ISO 639-1 code of the dominant language of `text` ("de", "en", ...). CLD2
// decides, except that German and English function words ("der", "und",
// "trifft"; "the", "and", "met") decide texts under 400 bytes when they lean
// one way, and back up an unreliable CLD2 verdict; a short text with neither
// gets `fallback`. REQUIRES: valid UTF-8.
std::string DetectLanguage(std::string_view text, const std::string& fallback = "de");

}  // namespace kg::ingest
