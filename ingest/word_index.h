// A precomputed index over the Hunspell de_DE dictionary that answers most
// "is this a German word?" questions without running Hunspell.
//
// Hunspell spends ~10 µs per new word, most of it in compound analysis, and
// extraction asks about every new capitalised word. The index, generated at
// build time from the installed de_DE.{aff,dic} (ingest/wordindex/main.cpp),
// holds hash sets of word forms:
//   known  — every dictionary form (root, affixed forms, lower-cased, and their
//            capitalised variants) for which Hunspell::spell() returned true at build
//            time;
//   parts  — every form the affix rules derive, lower-cased, plus ß→ss
//            variants: a superset of the pieces Hunspell builds compounds of;
//   begin, middle, end — forms the .aff's COMPOUNDBEGIN/MIDDLE/END flags
//            (with COMPOUNDPERMITFLAG affixes) allow in that position,
//            chosen conservatively (no circumfixes, prefixes or twofold
//            suffixes);
//   forbidden — lower-cased forms of FORBIDDENWORD roots;
//   begin_any, middle_any, end_any — lower-cased forms that carry the
//            compound flag by any derivation: a superset of the pieces
//            Hunspell accepts in that position (hyphenated forms included);
//   rejected — every form, lower-cased form and their capitalisations that
//            Hunspell::spell() rejected at build time (its exact verdict for
//            that string).
// Judge(): a word in `known` is known (exactly Hunspell's verdict); a word
// that cannot be cut into `parts` is unknown (Hunspell's compounds are
// concatenations of such pieces); a word that is begin + middle* + end
// (pieces of >= 2 letters, case as written) and contains no forbidden form
// is a known compound; a word that is not lower-case begin_any +
// middle_any* + end_any (and not a form under another case) is unknown;
// anything else must be asked of Hunspell. A hyphenated word follows
// Hunspell's BREAK rule for '-' (de_DE: BREAK - and .): when the whole word
// cannot be a form or compound, it is known exactly when Hunspell's split
// (at the second hyphen if there is one, else the first; then the first)
// has both sides known, judged the same way. Numbers are known (Hunspell's
// rule); words with '.', apostrophes, other symbols or letters beyond Latin
// Extended-A (and hyphenated ones beyond Latin-1) are always asked.
//
// File layout (little endian): a 48-byte header (magic "KGWORDS2", format
// version, sizes and mtimes of the .aff and .dic it was made from, number of
// tables), one 16-byte descriptor per table (log2 of its slot count, entries,
// slot width 8 or 4), then the tables in WordTable order: open addressing
// with linear probing, 0 = empty; 8-byte slots hold the hash, 4-byte slots
// a 32-bit fingerprint (parts and the *_any supersets: a false hit only costs
// a Hunspell call).
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

inline constexpr uint32_t kWordIndexVersion = 4;

enum class WordTable {
  kKnown,
  kParts,
  kBegin,
  kMiddle,
  kEnd,
  kForbidden,
  kBeginAny,
  kMiddleAny,
  kEndAny,
  kRejected,
  kCount
};

// The word sets of an index (generator side). All but `parts` and
// `forbidden` as written; those two lower-cased.
struct WordSets {
  std::vector<std::string> table[static_cast<int>(WordTable::kCount)];
  std::vector<std::string>& operator[](WordTable t) { return table[static_cast<int>(t)]; }
  const std::vector<std::string>& operator[](WordTable t) const {
    return table[static_cast<int>(t)];
  }
};

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

  // Entries in a table.
  size_t size(WordTable t) const { return tables_[static_cast<int>(t)].n; }

 private:
  struct Table {
    const void* slots = nullptr;
    uint64_t mask = 0;
    size_t n = 0;
    uint32_t width = 8;
  };
  WordIndex() = default;
  bool Has(WordTable t, uint64_t h) const;
  bool Splits(std::string_view low) const;  // cut into >= 1 parts
  // begin + middle* + end, pieces of >= 2 letters.
  bool Chain(std::string_view w, WordTable begin, WordTable middle, WordTable end) const;
  bool HasForbidden(std::string_view low) const;
  // After the exact lookups; `low` is Lower(word).
  Verdict JudgePlain(std::string_view word, const std::string& low) const;   // no hyphen
  Verdict JudgeHyphen(std::string_view word, const std::string& low) const;  // with a hyphen

  void* map_ = nullptr;
  size_t map_len_ = 0;
  Table tables_[static_cast<int>(WordTable::kCount)];
};

// Writes an index file (used by the generator and tests). Overwrites `path`
// atomically (temp file + rename).
Status WriteWordIndex(const std::string& path, const DictStamp& stamp, const WordSets& sets);

}  // namespace kg::ingest
