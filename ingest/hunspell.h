// Hunspell de_DE as a common-word oracle for unknown-name detection.
//
// German capitalises every noun, so a capitalised token is only a name
// candidate when the dictionary does not know it. Results are cached per
// token. Thread safety: NOT thread-safe (cache + Hunspell state).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

class Hunspell;

namespace kg::ingest {

class WordOracle {
 public:
  // Opens /usr/share/hunspell/de_DE.{aff,dic} (or $KG_HUNSPELL_DIR); when the
  // files are missing, Known() always answers false (every unknown
  // capitalised token is then a name candidate).
  WordOracle();
  ~WordOracle();
  WordOracle(const WordOracle&) = delete;
  WordOracle& operator=(const WordOracle&) = delete;

  bool available() const { return h_ != nullptr; }
  // True when `word` (as written, or title-cased when all caps) is a word the
  // dictionary knows, i.e. a common noun/word rather than a name.
  bool Known(std::string_view word);

 private:
  std::unique_ptr<Hunspell> h_;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, bool, Hash, std::equal_to<>> cache_;
};

}  // namespace kg::ingest
