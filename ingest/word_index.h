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
//   rejected — the same candidates for which it returned false (its exact
//            verdict for that string). Together they hold every form as
//            written;
//   parts  — every form the affix rules derive, lower-cased: a superset of
//            the pieces Hunspell builds compounds of;
//   begin, middle, end — forms the .aff's COMPOUNDBEGIN/MIDDLE/END flags
//            (with COMPOUNDPERMITFLAG affixes) allow in that position,
//            chosen conservatively (no circumfixes, prefixes or twofold
//            suffixes);
//   forbidden — lower-cased forms of FORBIDDENWORD roots;
//   begin_any, middle_any, end_any — forms as written that carry the
//            compound flag by any derivation (a prefixed form ends a
//            compound only with COMPOUNDPERMITFLAG): a superset of the
//            pieces Hunspell accepts in that position.
// Judge() follows Hunspell::spell() step by step. Numbers are known
// (Hunspell's rule); a word in `known` or `rejected` gets that verdict; a
// word that cannot be cut into `parts` is unknown; a word that is begin +
// middle* + end (pieces of >= 2 letters, as written) where no forbidden
// form starts at a place Hunspell may look a piece up is a known compound.
// Otherwise the strings spell() checks for the word's case type (as
// written; a capitalised word also in lower case; an all-caps word also
// capitalised, and with each "SS" read as ß: CHECKSHARPS) must each be
// neither a form (`known`, `rejected`) nor a begin_any + middle_any* +
// end_any chain for the word to be unknown. Then a word with '-' or '.'
// follows Hunspell's BREAK rule (de_DE: BREAK - and .): for each pattern the
// split at its second occurrence if there is one, else its first, then the
// first; known when both sides are, judged the same way. Anything else is
// asked of Hunspell, and so are words with trailing dots, all-caps words
// with an apostrophe, and characters whose case Hunspell and Lower() might
// treat differently (beyond ASCII, Latin-1, Latin Extended-A, ‘ ’ and
// ı ș ț; hyphenated or dotted ones beyond Latin-1).
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

inline constexpr uint32_t kWordIndexVersion = 5;

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
  bool ForbiddenPiece(std::string_view w, std::string_view low) const;
  // Hunspell's case types: HUHCAP and HUHINITCAP (mixed case) act alike.
  enum class Cap { kNo, kInit, kAll, kHuh };
  struct Shape {
    bool hyphen = false, dot = false, apos = false;
    bool ext = false;  // letters beyond Latin-1
    Cap cap = Cap::kNo;
  };
  static bool ShapeOf(std::string_view w, Shape* s);
  // Superset tests (false: Hunspell rejects): `w` as a compound; `w` as a
  // form or compound; the case variants spell() tries; CHECKSHARPS variants.
  bool MayCompound(std::string_view w) const;
  bool MayForm(std::string_view w) const;
  // REQUIRES: `word` is in neither `known` nor `rejected` (Judge looked).
  bool MayPassCases(std::string_view word, const std::string& low, Cap cap) const;
  bool SharpsMayPass(const std::string& low) const;
  // After the exact lookups; `low` is Lower(word).
  Verdict JudgePlain(std::string_view word, const std::string& low, const Shape& s) const;
  // A word with '-' or '.' (Hunspell's BREAK characters in de_DE).
  Verdict JudgeBreak(std::string_view word, const std::string& low, const Shape& s) const;

  void* map_ = nullptr;
  size_t map_len_ = 0;
  Table tables_[static_cast<int>(WordTable::kCount)];
};

// Writes an index file (used by the generator and tests). Overwrites `path`
// atomically (temp file + rename).
Status WriteWordIndex(const std::string& path, const DictStamp& stamp, const WordSets& sets);

}  // namespace kg::ingest
