// Reader for GNU gettext .mo catalogues (iso-codes, libgeonames-common).
//
// Format: magic 0x950412de (either byte order), revision, N, offset of the
// original-string table, offset of the translation table; each table entry
// is (length, offset). We read it ourselves: no libintl global state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "graph/status.h"

namespace kg::ingest {

// All (msgid, msgstr) pairs except the header entry (empty msgid). Plural
// forms keep only the first string. IOError when unreadable; Corruption
// naming the file when the structure is invalid.
Result<std::vector<std::pair<std::string, std::string>>> ReadMoFile(const std::string& path);

}  // namespace kg::ingest
