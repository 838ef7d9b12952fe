// Reader for GNU gettext .mo catalogues (iso-codes, libgeonames-common).
//
// Format: magic 0x950412de (either byte order), revision, N, offset of the
// original-string table, offset of the translation table; each table entry
// is (length, offset). We read it ourselves: no libintl global state.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/status.h"

namespace kg::ingest {

// A whole .mo file in memory and its (msgid, msgstr) pairs as views into it.
// Ownership: the views point into `data`'s heap buffer, which a move keeps in
// place (do not copy a MoCatalog: the copy's views would point into the
// original). Thread safety: immutable after loading.
struct MoCatalog {
  std::vector<char> data;
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  MoCatalog() = default;
  MoCatalog(MoCatalog&&) = default;
  MoCatalog& operator=(MoCatalog&&) = default;
  MoCatalog(const MoCatalog&) = delete;
  MoCatalog& operator=(const MoCatalog&) = delete;
};

// All (msgid, msgstr) pairs except the header entry (empty msgid), in file
// order. Plural forms keep only the first string (up to the first NUL).
// IOError when unreadable; Corruption naming the file when the structure is
// invalid. One read of the file, no copies of the strings.
Result<MoCatalog> ReadMoCatalog(const std::string& path);

// The same pairs as owned strings.
Result<std::vector<std::pair<std::string, std::string>>> ReadMoFile(const std::string& path);

}  // namespace kg::ingest
