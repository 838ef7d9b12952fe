#include "ingest/hunspell.h"

#include <hunspell/hunspell.hxx>

#include <cstdlib>
#include <filesystem>

#include "ingest/text_util.h"

namespace kg::ingest {

WordOracle::WordOracle() {
  std::string dir = "/usr/share/hunspell";
  if (const char* e = std::getenv("KG_HUNSPELL_DIR"); e && *e) dir = e;
  std::string aff = dir + "/de_DE.aff", dic = dir + "/de_DE.dic";
  if (std::filesystem::exists(aff) && std::filesystem::exists(dic))
    h_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
}

WordOracle::~WordOracle() = default;

bool WordOracle::Known(std::string_view word) {
  if (!h_ || word.empty()) return false;
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  std::string w(word);
  bool known = false;
  if (AllCaps(w)) {
    // "WERBUNG" -> "Werbung"; short all-caps tokens are abbreviations.
    if (w.size() > 4) {
      std::string low = Lower(w);
      std::string title = w.substr(0, 1) + low.substr(1);
      known = h_->spell(title);
    }
  } else {
    known = h_->spell(w);
    if (!known && w.find('-') != std::string::npos) {
      // Hyphenated compounds: known when the last part is a known word.
      std::string last = w.substr(w.rfind('-') + 1);
      if (!last.empty() && StartsUpper(last)) known = h_->spell(last);
    }
  }
  if (cache_.size() > 200000) cache_.clear();
  cache_.emplace(std::move(w), known);
  return known;
}

}  // namespace kg::ingest
