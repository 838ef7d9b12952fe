#include "ingest/stemmer.h"

#include <libstemmer.h>

namespace kg::ingest {

Stemmer::Stemmer(const std::string& lang)
    : sb_(sb_stemmer_new(lang == "de" ? "german" : "english", "UTF_8")) {}

Stemmer::~Stemmer() {
  if (sb_) sb_stemmer_delete(sb_);
}

std::string Stemmer::Stem(std::string_view lower) const {
  if (!sb_ || lower.empty()) return std::string(lower);
  const uint64_t h = FlatHash(lower);
  if (const std::string* cached = cache_.Find(lower, h)) return *cached;
  const sb_symbol* r = sb_stemmer_stem(sb_, reinterpret_cast<const sb_symbol*>(lower.data()),
                                       static_cast<int>(lower.size()));
  if (!r) return std::string(lower);
  std::string stem(reinterpret_cast<const char*>(r), sb_stemmer_length(sb_));
  if (cache_.size() > 200000) cache_.Clear();
  *cache_.TryEmplace(lower, h).first = stem;
  return stem;
}

}  // namespace kg::ingest
