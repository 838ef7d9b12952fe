// Hunspell as a common-word oracle for unknown-name detection.
//
// German (de_DE) capitalises every noun, so a capitalised token is only a name
// candidate when the dictionary does not know it. English (en_US): a
// capitalised token whose lower-case form the dictionary knows ("Bay",
// "Other") is a common word; en_US lists proper nouns capitalised only, so
// "paris" is unknown.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <string_view>

#include "ingest/flat_map.h"
#include "ingest/word_index.h"

class Hunspell;

namespace kg::ingest {

// Verdicts shared by the WordOracles of several threads, so a word is looked up
// in Hunspell (~10 µs on first sight) about once per process, not once per
// thread. Thread safety: all members are safe to call concurrently.
class VerdictCache {
 public:
  // True and *known set when `word` has a verdict.
  bool Get(std::string_view word, bool* known) const;
  void Put(std::string_view word, bool known);

 private:
  mutable std::mutex mu_;
  FlatMap<bool> map_;  // GUARDED_BY(mu_)
};

// Thread safety: a WordOracle is NOT thread-safe (Hunspell keeps per-call state
// in the object, and the oracle's own cache is unlocked); use one per thread.
// Oracles of different threads may share one VerdictCache.
class WordOracle {
 public:
  // Uses /usr/share/hunspell/de_DE.{aff,dic} (or $KG_HUNSPELL_DIR); when the
  // files are missing, Known() always answers false (every unknown
  // capitalised token is then a name candidate). `shared` (may be null) is
  // consulted before Hunspell and filled with new verdicts; it must outlive
  // the oracle. `index` (may be null; see OpenWordIndex) answers most words
  // without Hunspell, which is then loaded on the first word it cannot
  // answer; it must outlive the oracle.
  // `dict` names the dictionary: "de_DE" (the default) or "en_US" (then
  // `index` must be null: the word index is made from de_DE).
  explicit WordOracle(VerdictCache* shared = nullptr, const WordIndex* index = nullptr,
                      const std::string& dict = "de_DE");
  ~WordOracle();
  WordOracle(const WordOracle&) = delete;
  WordOracle& operator=(const WordOracle&) = delete;

  bool available() const { return available_; }
  // de_DE: true when `word` (as written, or title-cased when all caps) is a
  // word the dictionary knows, i.e. a common noun/word rather than a name;
  // false for the dictionary's proper names (Name()).
  // en_US: true when the lower-case form of `word` is one.
  bool Known(std::string_view word);
  // de_DE: true when `word` (as written) is one of the dictionary's proper
  // names: a capitalised entry with no affix flag but the genitive "S"
  // ("Stalin/S", "Tobias"), or its genitive; Known() is false for these.
  // Always false for en_US. The list is read from the .dic once per process
  // (thread-safe).
  bool Name(std::string_view word);

 private:
  bool Ask(const std::string& w);  // the index, else Hunspell
  bool Spell(const std::string& w);

  VerdictCache* shared_ = nullptr;
  const WordIndex* index_ = nullptr;
  std::string aff_, dic_;
  bool available_ = false;
  bool lower_ = false;  // en_US: judge the lower-case form
  std::unique_ptr<Hunspell> h_;  // loaded on first use
  FlatMap<bool> cache_;
  const std::unordered_set<std::string>* names_ = nullptr;  // Name(): the .dic's proper names
};

// The word index for the de_DE dictionary WordOracle uses: $KG_WORD_INDEX
// (a path; "off" disables the index), else de_DE.kgwords beside the
// executable, in <exe dir>/../share/kg or in the install prefix. Null when
// there is none or it was made from other dictionary files (then one warning
// on stderr: extraction stays correct, only slower).
std::unique_ptr<WordIndex> OpenWordIndex();

}  // namespace kg::ingest
