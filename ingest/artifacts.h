// Where kg looks for the data files its build generates next to the
// executable (the word index, the gazetteer snapshot): beside the running
// kg, in <exe dir>/../share/kg (an installed tree) and in the configured
// install prefix's share/kg, in that order.
//
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>

namespace kg::ingest {

// The first existing candidate path for `file_name`; empty when none exists.
std::string FindArtifact(std::string_view file_name);

}  // namespace kg::ingest
