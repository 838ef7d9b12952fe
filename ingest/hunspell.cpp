#include "ingest/hunspell.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <hunspell/hunspell.hxx>
#include <vector>

#include "ingest/artifacts.h"
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

namespace {

std::string DictDir() {
  if (const char* e = std::getenv("KG_HUNSPELL_DIR"); e && *e) return e;
  return "/usr/share/hunspell";
}

}  // namespace

WordOracle::WordOracle(VerdictCache* shared, const WordIndex* index, const std::string& dict)
    : shared_(shared), index_(index) {
  const std::string dir = DictDir();
  aff_ = dir + "/" + dict + ".aff";
  dic_ = dir + "/" + dict + ".dic";
  lower_ = dict != "de_DE";
  std::error_code ec;
  available_ = std::filesystem::exists(aff_, ec) && std::filesystem::exists(dic_, ec);
}

WordOracle::~WordOracle() = default;

bool WordOracle::Spell(const std::string& w) {
  if (index_) {
    switch (index_->Judge(w)) {
      case WordIndex::Verdict::kKnown:
        return true;
      case WordIndex::Verdict::kUnknown:
        return false;
      case WordIndex::Verdict::kAsk:
        break;
    }
  }
  // Only Hunspell's verdicts are worth sharing between threads (the index
  // answers in about a microsecond).
  bool known = false;
  if (shared_ && shared_->Get(w, &known)) return known;
  if (!h_) h_ = std::make_unique<Hunspell>(aff_.c_str(), dic_.c_str());
  known = h_->spell(w);
  if (shared_) shared_->Put(w, known);
  return known;
}

bool WordOracle::Ask(const std::string& w) {
  // Run-together text ("a list of forty towns without spaces") is no
  // dictionary word, and Hunspell's compound analysis of it is slow.
  if (w.size() > 100) return false;
  if (lower_) {
    // Short all-caps tokens are abbreviations ("NASA", "FBI"), not words.
    if (AllCaps(w) && w.size() <= 5) return false;
    return Spell(Lower(w));
  }
  if (AllCaps(w)) {
    // "WERBUNG" -> "Werbung"; short all-caps tokens are abbreviations.
    if (w.size() <= 4) return false;
    std::string low = Lower(w);
    return Spell(w.substr(0, 1) + low.substr(1));
  }
  if (w.find('-') != std::string::npos) {
    // Hyphenated compounds: known when the last part is a known word. Asked
    // first: the index answers it, and Hunspell is then not needed for the
    // whole word.
    std::string last = w.substr(w.rfind('-') + 1);
    if (!last.empty() && StartsUpper(last) && Spell(last)) return true;
  }
  return Spell(w);
}

bool WordOracle::Known(std::string_view word) {
  if (!available_ || word.empty()) return false;
  const uint64_t h = FlatHash(word);
  if (const bool* v = cache_.Find(word, h)) return *v;
  const bool known = Ask(std::string(word));
  if (cache_.size() > 200000) cache_.Clear();
  *cache_.TryEmplace(word, h).first = known;
  return known;
}

std::unique_ptr<WordIndex> OpenWordIndex() {
  std::string path;
  if (const char* e = std::getenv("KG_WORD_INDEX"); e && *e) {
    if (std::string(e) == "off") return nullptr;
    path = e;
  } else {
    path = FindArtifact("de_DE.kgwords");
  }
  const std::string dir = DictDir();
  auto stamp = StampOf(dir + "/de_DE.aff", dir + "/de_DE.dic");
  if (!stamp.ok()) return nullptr;  // no dictionary: nothing to index
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return nullptr;
  auto idx = WordIndex::Open(path, *stamp);
  if (idx.ok()) return std::move(idx).value();
  std::fprintf(stderr, "kg: warning: word index not used: %s\n", idx.status().ToString().c_str());
  return nullptr;
}

}  // namespace kg::ingest
