#include "ingest/hunspell.h"

#include <hunspell/hunspell.hxx>

#include <cstdlib>
#include <filesystem>

#include "ingest/text_util.h"

namespace kg::ingest {

bool VerdictCache::Get(std::string_view word, bool* known) const {
  std::lock_guard<std::mutex> lock(mu_);
  const bool* v = map_.Find(word);
  if (!v) return false;
  *known = *v;
  return true;
}

void VerdictCache::Put(std::string_view word, bool known) {
  std::lock_guard<std::mutex> lock(mu_);
  if (map_.size() > 400000) map_.Clear();
  auto [v, inserted] = map_.TryEmplace(word);
  if (inserted) *v = known;  // like emplace: an existing verdict stays
}

WordOracle::WordOracle(VerdictCache* shared) : shared_(shared) {
  std::string dir = "/usr/share/hunspell";
  if (const char* e = std::getenv("KG_HUNSPELL_DIR"); e && *e) dir = e;
  std::string aff = dir + "/de_DE.aff", dic = dir + "/de_DE.dic";
  if (std::filesystem::exists(aff) && std::filesystem::exists(dic))
    h_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
}

WordOracle::~WordOracle() = default;

bool WordOracle::Ask(const std::string& w) {
  if (AllCaps(w)) {
    // "WERBUNG" -> "Werbung"; short all-caps tokens are abbreviations.
    if (w.size() <= 4) return false;
    std::string low = Lower(w);
    return h_->spell(w.substr(0, 1) + low.substr(1));
  }
  if (h_->spell(w)) return true;
  if (w.find('-') != std::string::npos) {
    // Hyphenated compounds: known when the last part is a known word.
    std::string last = w.substr(w.rfind('-') + 1);
    if (!last.empty() && StartsUpper(last)) return h_->spell(last);
  }
  return false;
}

bool WordOracle::Known(std::string_view word) {
  if (!h_ || word.empty()) return false;
  const uint64_t h = FlatHash(word);
  if (const bool* v = cache_.Find(word, h)) return *v;
  bool known = false;
  if (!shared_ || !shared_->Get(word, &known)) {
    known = Ask(std::string(word));
    if (shared_) shared_->Put(word, known);
  }
  if (cache_.size() > 200000) cache_.Clear();
  *cache_.TryEmplace(word, h).first = known;
  return known;
}

}  // namespace kg::ingest
