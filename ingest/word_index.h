// A precomputed index over the Hunspell de_DE dictionary that answers most
// "is this a German word?" questions without running Hunspell.
//
// Hunspell spends ~10 µs per new word, most of it in compound analysis, and
// extraction asks about every new capitalised word. The index, generated at
// build time from the installed de_DE.{aff,dic} (ingest/wordindex/main.cpp),
// holds two hash sets:
//   known — every dictionary form (root, affixed forms and their capitalised
//           variants) for which Hunspell::spell() returned true at build time;
//   parts — every form the affix rules derive, lower-cased, plus ß→ss
//           variants: a superset of the pieces Hunspell builds compounds of.
// Judge(): a word in `known` is known (exactly Hunspell's verdict); a word
// that cannot be cut into `parts` is unknown (Hunspell's compounds are
// concatenations of such pieces); anything else must be asked of Hunspell.
// Words with '-', '.', digits or other non-letters are always asked.
//
// File layout (little endian): a 64-byte header (magic "KGWORDS1", format
// version, sizes and mtimes of the .aff and .dic it was made from, table
// sizes), then the known table (uint64 slots) and the parts table (uint32
// fingerprint slots), both open addressing with linear probing, 0 = empty.
//
// Thread safety: an opened WordIndex is immutable; Judge() may run
// concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"

namespace kg::ingest {

// Persisted 64-bit hash of a word (FNV-1a with a final mix): part of the
// file format, never change it without bumping kWordIndexVersion.
uint64_t WordIndexHash(std::string_view s);

inline constexpr uint32_t kWordIndexVersion = 1;

// Identity of the dictionary files an index was made from.
struct DictStamp {
  uint64_t aff_size = 0, aff_mtime = 0, dic_size = 0, dic_mtime = 0;
  bool operator==(const DictStamp& o) const {
    return aff_size == o.aff_size && aff_mtime == o.aff_mtime && dic_size == o.dic_size &&
           dic_mtime == o.dic_mtime;
  }
};

// Stats the two files; IOError when either is missing.
Result<DictStamp> StampOf(const std::string& aff, const std::string& dic);

class WordIndex {
 public:
  enum class Verdict { kKnown, kUnknown, kAsk };

  // Maps the index at `path` (read-only). Corruption for a bad header or a
  // truncated file; Aborted when the index was made from other dictionary
  // files than `expect` (a Debian update of hunspell-de-de).
  static Result<std::unique_ptr<WordIndex>> Open(const std::string& path, const DictStamp& expect);
  ~WordIndex();
  WordIndex(const WordIndex&) = delete;
  WordIndex& operator=(const WordIndex&) = delete;

  // `word` as Hunspell would be asked (UTF-8, as written).
  Verdict Judge(std::string_view word) const;

  size_t known_size() const { return known_n_; }
  size_t parts_size() const { return parts_n_; }

 private:
  WordIndex() = default;
  bool KnownHas(uint64_t h) const;
  bool PartsHas(uint64_t h) const;
  bool Splits(std::string_view low) const;  // cut into >= 1 parts

  void* map_ = nullptr;
  size_t map_len_ = 0;
  const uint64_t* known_ = nullptr;
  const uint32_t* parts_ = nullptr;
  uint64_t known_mask_ = 0, parts_mask_ = 0;
  size_t known_n_ = 0, parts_n_ = 0;
};

// Writes an index file (used by the generator and tests). `known` and
// `parts` are the word sets described above; `parts` must already be
// lower-cased. Overwrites `path` atomically (temp file + rename).
Status WriteWordIndex(const std::string& path, const DictStamp& stamp,
                      const std::vector<std::string>& known, const std::vector<std::string>& parts);

}  // namespace kg::ingest
