#include "ingest/hunspell.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
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

// Capitalised entries of a de_DE .dic whose only affix flag is the genitive
// "S" (or none, see below), with their genitive forms: the dictionary's proper names
// ("Stalin/S", "Tobias", "Rüttgers"). Common nouns carry plural and
// compounding flags ("Berg/STmij"); a word with any such entry is not listed.
// All-caps entries (acronyms) are left out. Read once per .dic path.
const std::unordered_set<std::string>& DictionaryNames(const std::string& dic) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::unique_ptr<std::unordered_set<std::string>>> by_path;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = by_path[dic];
  if (slot) return *slot;
  slot = std::make_unique<std::unordered_set<std::string>>();
  std::unordered_map<std::string, bool> proper;  // word -> every entry is name-like
  std::ifstream in(dic);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) { first = false; continue; }  // the entry count
    if (line.empty() || line[0] == '\t' || line[0] == '#') continue;
    const size_t slash = line.find('/');
    std::string word = line.substr(0, slash);
    std::string flags = slash == std::string::npos ? "" : line.substr(slash + 1);
    while (!flags.empty() && (flags.back() == ' ' || flags.back() == '\r')) flags.pop_back();
    if (word.empty() || !StartsUpper(word) || AllCaps(word)) continue;
    // "CDs", "NGOs": plurals of abbreviations, not names.
    if (std::count_if(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) > 1 &&
        word.back() == 's')
      continue;
    // No flag at all: only words ending in s, x, z or ß, which take no
    // genitive "s" ("Tobias", "Schulz"); others without flags are mostly
    // plurals, peoples and adjectives ("Roma", "Brüsseler").
    const char last = word.back();
    const bool sibilant = last == 's' || last == 'x' || last == 'z' ||
                          (word.size() >= 2 && word.compare(word.size() - 2, 2, "ß") == 0);
    const bool name_like = flags == "S" || (flags.empty() && sibilant);
    auto [it, inserted] = proper.emplace(word, name_like);
    if (!inserted) it->second = it->second && name_like;
    if (name_like && flags == "S") {
      auto [g, ins] = proper.emplace(word + "s", true);
      (void)g;
      (void)ins;
    }
  }
  for (const auto& [w, ok] : proper)
    if (ok) slot->insert(w);
  return *slot;
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
  // The dictionary's proper names ("Stalin", "Tobias") are names, not words.
  if (!lower_ && Name(w)) return false;
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

bool WordOracle::Name(std::string_view word) {
  if (!available_ || lower_ || word.empty()) return false;
  if (!names_) names_ = &DictionaryNames(dic_);  // once per oracle: the loader locks
  return names_->count(std::string(word)) > 0;
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
