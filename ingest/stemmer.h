// Snowball stemming (libstemmer) for German and English.
//
// Thread safety: NOT thread-safe (the Snowball environment and the stem cache
// are mutable); one Stemmer per thread. Lifetime: owns the sb_stemmer.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ingest/flat_map.h"

struct sb_stemmer;

namespace kg::ingest {

class Stemmer {
 public:
  // lang: "de" -> german, anything else -> english.
  explicit Stemmer(const std::string& lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  // REQUIRES: `lower` is lower-case UTF-8. Results are cached (news text
  // repeats its vocabulary; the cache is dropped when it exceeds 200,000 words).
  std::string Stem(std::string_view lower) const;

 private:
  sb_stemmer* sb_ = nullptr;
  mutable FlatMap<std::string> cache_;
};

// The German Snowball stem of `low` (lower-case) is always a prefix of the
// word with ä, ö, ü folded to a, o, u and ß to ss: sets *out to that string.
// Returns false (no claim) for a word with other non-ASCII characters. Lets
// callers rule out matches against a set of stems without stemming.
bool GermanStemBound(std::string_view low, std::string* out);

}  // namespace kg::ingest
