// Snowball stemming (libstemmer) for German and English.
//
// Thread safety: NOT thread-safe (the Snowball environment is mutable);
// one Stemmer per thread. Lifetime: owns the sb_stemmer.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace kg::ingest {

class Stemmer {
 public:
  // lang: "de" -> german, anything else -> english.
  explicit Stemmer(const std::string& lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  // REQUIRES: `lower` is lower-case UTF-8.
  std::string Stem(std::string_view lower) const;

 private:
  sb_stemmer* sb_ = nullptr;
};

}  // namespace kg::ingest
