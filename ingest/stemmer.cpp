#include "ingest/stemmer.h"

#include <libstemmer.h>

#include "ingest/text_util.h"

namespace kg::ingest {

Stemmer::Stemmer(const std::string& lang)
    : sb_(sb_stemmer_new(IsGerman(lang) ? "german" : "english", "UTF_8")) {}

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

bool GermanStemBound(std::string_view w, std::string* out) {
  out->clear();
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      continue;
    }
    const unsigned char d = i + 1 < w.size() ? static_cast<unsigned char>(w[i + 1]) : 0;
    if (c != 0xC3) return false;
    if (d == 0xA4)
      out->push_back('a');
    else if (d == 0xB6)
      out->push_back('o');
    else if (d == 0xBC)
      out->push_back('u');
    else if (d == 0x9F)
      out->append("ss");
    else
      return false;
    ++i;
  }
  return true;
}

}  // namespace kg::ingest
