// The word index (ingest/word_index.h): affix expansion, the file format,
// and agreement with Hunspell itself for the index the build generates.
#include "ingest/word_index.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/hunspell.h"
#include "ingest/stemmer.h"
#include "ingest/text_util.h"
#include "ingest/word_index_build.h"

using namespace kg::ingest;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path p;
  TempDir() {
    char tmpl[] = "/tmp/kg-wordindex-XXXXXX";
    p = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(p); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(p / name) << text;
    return (p / name).string();
  }
};

const char* kAff =
    "SET UTF-8\n"
    "COMPOUNDBEGIN x\n"
    "COMPOUNDEND z\n"
    "SFX S Y 1\n"
    "SFX S 0 s .\n"
    "SFX N Y 2\n"
    "SFX N e en e\n"
    "SFX N 0 en [^e]\n"
    "SFX T Y 1\n"
    "SFX T 0 er/S .\n"
    "PFX U Y 1\n"
    "PFX U 0 un .\n";
const char* kDic = "5\nHaus/Sxz\nKatze/N\nklar/UN\nGarten/xz\nBau/T\n";

std::set<std::string> ExpandAll(const AffixRules& rules, const std::string& dic) {
  std::set<std::string> forms;
  REQUIRE(ReadDic(dic, [&](const std::string& root, std::string_view flags) {
            rules.Expand(root, flags,
                         [&](const std::string& f, const Derivation&) { forms.insert(f); });
          }).ok());
  return forms;
}

}  // namespace

TEST_CASE("AffixRules: suffixes honour strip and conditions, prefixes cross", "[wordindex]") {
  TempDir d;
  AffixRules rules;
  REQUIRE(rules.Load(d.Write("t.aff", kAff)).ok());
  auto forms = ExpandAll(rules, d.Write("t.dic", kDic));
  for (const char* f : {"Haus", "Hauss", "Katze", "Katzen", "klar", "klaren", "unklar", "unklaren",
                        "Garten", "Bau", "Bauer", "Bauers"})
    CHECK(forms.count(f) == 1);
  CHECK(forms.count("Katzeen") == 0);  // [^e] condition
  CHECK(forms.count("Hausen") == 0);   // N is not Haus's class
}

TEST_CASE("AffixRules: a bad condition names file and line", "[wordindex]") {
  TempDir d;
  AffixRules rules;
  kg::Status s = rules.Load(d.Write("bad.aff", "SFX N Y 1\nSFX N 0 en [^e\n"));
  REQUIRE(!s.ok());
  CHECK(s.ToString().find("bad.aff:2") != std::string::npos);
}

TEST_CASE("WordIndex: known, unknown and ask verdicts", "[wordindex]") {
  TempDir d;
  const std::string aff = d.Write("t.aff", kAff), dic = d.Write("t.dic", kDic);
  auto stamp = StampOf(aff, dic);
  REQUIRE(stamp.ok());
  WordSets sets;
  sets[WordTable::kKnown] = {"Haus", "Katze", "Katzen", "Garten", "Klar", "Maße"};
  sets[WordTable::kParts] = {"haus", "hauss", "katze", "katzen", "garten",
                             "klar", "zaun",  "tor",   "-haus"};
  sets[WordTable::kBegin] = {"Garten", "Katzen"};
  sets[WordTable::kMiddle] = {"tor"};
  sets[WordTable::kEnd] = {"haus", "zaun"};
  sets[WordTable::kForbidden] = {"torhaus"};
  // As written: pieces that carry a compound flag by any derivation.
  sets[WordTable::kBeginAny] = {"Garten", "Katzen", "garten"};
  sets[WordTable::kMiddleAny] = {"tor"};
  sets[WordTable::kEndAny] = {"haus", "zaun", "-Haus"};
  sets[WordTable::kRejected] = {"garten"};  // Hunspell said no to this string
  const std::string path = (d.p / "t.kgwords").string();
  REQUIRE(WriteWordIndex(path, *stamp, sets).ok());
  auto idx = WordIndex::Open(path, *stamp);
  REQUIRE(idx.ok());
  CHECK((*idx)->size(WordTable::kKnown) == 6);
  CHECK((*idx)->size(WordTable::kParts) == 9);
  using V = WordIndex::Verdict;
  CHECK((*idx)->Judge("Katzen") == V::kKnown);
  CHECK((*idx)->Judge("Gartenhaus") == V::kKnown);     // begin + end
  CHECK((*idx)->Judge("Gartentorzaun") == V::kKnown);  // begin + middle + end
  CHECK((*idx)->Judge("Gartentorhaus") == V::kAsk);    // holds a forbidden form
  CHECK((*idx)->Judge("gartenhaus") == V::kAsk);       // pieces as written only
  CHECK((*idx)->Judge("Hauskatze") == V::kUnknown);    // cuts into parts, no begin piece
  CHECK((*idx)->Judge("Klar") == V::kKnown);
  CHECK((*idx)->Judge("KLAR") == V::kAsk);  // a form in another case
  CHECK((*idx)->Judge("Xylofon") == V::kUnknown);
  CHECK((*idx)->Judge("Gartenzwerg") == V::kUnknown);  // "zwerg" is no part
  // Hyphens: Hunspell's BREAK rule (both sides known -> known).
  CHECK((*idx)->Judge("Katzen-Garten") == V::kKnown);
  CHECK((*idx)->Judge("Xylo-Garten") == V::kUnknown);
  CHECK((*idx)->Judge("EU-Recht") == V::kUnknown);
  CHECK((*idx)->Judge("Haus-Katzen-Garten") == V::kKnown);
  CHECK((*idx)->Judge("Gartentor-Haus") == V::kAsk);  // the whole may be a compound (-haus)
  CHECK((*idx)->Judge("Gartentor-Xylo") == V::kUnknown);
  CHECK((*idx)->Judge("KATZEN-GARTEN") == V::kUnknown);  // breaks as "Katzen-garten"
  CHECK((*idx)->Judge("G7") == V::kUnknown);             // no form has digits
  CHECK((*idx)->Judge("2023") == V::kKnown);             // Hunspell accepts numbers
  CHECK((*idx)->Judge("1.000,5") == V::kKnown);
  // Punctuation has no case; '.' is a BREAK character like '-'.
  CHECK((*idx)->Judge("O'Neill") == V::kUnknown);
  CHECK((*idx)->Judge("O'NEILL") == V::kAsk);  // all caps with ' (SANT'ELIA)
  CHECK((*idx)->Judge("Haus-,") == V::kUnknown);
  CHECK((*idx)->Judge("Katzen.Garten") == V::kKnown);
  CHECK((*idx)->Judge("Haus.de") == V::kUnknown);
  CHECK((*idx)->Judge("Haus.") == V::kAsk);  // trailing dots: abbreviations
  // Mixed case is checked as written only.
  CHECK((*idx)->Judge("Katzenhaus") == V::kKnown);
  CHECK((*idx)->Judge("KatzenHaus") == V::kUnknown);
  // CHECKSHARPS: an all-caps "SS" may be ß.
  CHECK((*idx)->Judge("MASSE") == V::kAsk);  // "Maße"
  CHECK((*idx)->Judge("XASSE") == V::kUnknown);
  // ı ș ț: lower case, but not first (Hunspell would capitalise them).
  CHECK((*idx)->Judge("Kaymakcı") == V::kUnknown);
  CHECK((*idx)->Judge("ıhaus") == V::kAsk);
  CHECK((*idx)->Judge("") == V::kAsk);
}

TEST_CASE("WordIndex: wrong dictionary, truncation and garbage are refused", "[wordindex]") {
  TempDir d;
  const std::string aff = d.Write("t.aff", kAff), dic = d.Write("t.dic", kDic);
  auto stamp = StampOf(aff, dic);
  REQUIRE(stamp.ok());
  const std::string path = (d.p / "t.kgwords").string();
  WordSets sets;
  sets[WordTable::kKnown] = {"Haus"};
  sets[WordTable::kParts] = {"haus"};
  REQUIRE(WriteWordIndex(path, *stamp, sets).ok());
  DictStamp other = *stamp;
  other.dic_size += 1;
  auto r = WordIndex::Open(path, other);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == kg::Status::Code::kAborted);
  fs::resize_file(path, fs::file_size(path) - 4);
  r = WordIndex::Open(path, *stamp);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == kg::Status::Code::kCorruption);
  r = WordIndex::Open(d.Write("junk", std::string(100, 'x')), *stamp);
  CHECK(r.status().code() == kg::Status::Code::kCorruption);
  CHECK(!WordIndex::Open((d.p / "missing").string(), *stamp).ok());
}

// The index the build generated must give Hunspell's verdict for every word:
// a shipped list of common words, compounds, names and odd tokens, plus the
// capitalised words of 10kGNAD articles when ../shared is present.
TEST_CASE("WordIndex: the generated de_DE index agrees with Hunspell", "[wordindex]") {
  if (!fs::exists(KG_WORD_INDEX_FILE) || !fs::exists("/usr/share/hunspell/de_DE.dic")) {
    WARN("no generated word index or no de_DE dictionary: skipped");
    return;
  }
  auto stamp = StampOf("/usr/share/hunspell/de_DE.aff", "/usr/share/hunspell/de_DE.dic");
  REQUIRE(stamp.ok());
  auto idx = WordIndex::Open(KG_WORD_INDEX_FILE, *stamp);
  REQUIRE(idx.ok());
  std::vector<std::string> words;
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/tests/ingest/fixtures/de_words.txt");
  for (std::string w; std::getline(in, w);)
    if (!w.empty() && w[0] != '#') words.push_back(w);
  REQUIRE(words.size() > 100);
  std::ifstream gnad(std::string(KG_SHARED_DIR) + "/corpora/10kgnad/test.csv");
  std::string line;
  for (int n = 0; n < 300 && std::getline(gnad, line); ++n) {
    std::string w;
    for (char c : line + " ") {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0x80 || std::isalnum(u) || c == '-') {
        w.push_back(c);
      } else {
        if (StartsUpper(w)) words.push_back(w);
        w.clear();
      }
    }
  }
  WordOracle plain(nullptr, nullptr), indexed(nullptr, idx->get());
  REQUIRE(plain.available());
  size_t answered = 0;
  for (const auto& w : words) {
    INFO(w);
    CHECK(plain.Known(w) == indexed.Known(w));
    if ((*idx)->Judge(w) != WordIndex::Verdict::kAsk) ++answered;
  }
  // Most words never reach Hunspell.
  CHECK(answered * 2 > words.size());
}

// GermanStemBound (ingest/stemmer.h): the German Snowball stem is a prefix of
// the folded word, which lets relation rules skip stemming words that cannot
// stem to a lexicon entry.
TEST_CASE("GermanStemBound: the German stem is a prefix of the folded word", "[stemmer]") {
  kg::ingest::Stemmer stemmer("de");
  std::vector<std::string> words = {
      "größte",   "schotterbänke", "täte",          "beschwerdeführern", "trafen",  "getroffen",
      "lieferte", "unterstützten", "sanktionierte", "verhandelten",      "bedroht", "angegriffen"};
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/tests/ingest/fixtures/de_words.txt");
  for (std::string w; std::getline(in, w);)
    if (!w.empty() && w[0] != '#') words.push_back(Lower(w));
  size_t checked = 0;
  for (const auto& w : words) {
    std::string bound;
    if (!GermanStemBound(w, &bound)) continue;
    INFO(w);
    const std::string st = stemmer.Stem(w);
    CHECK(bound.compare(0, st.size(), st) == 0);
    ++checked;
  }
  CHECK(checked > 100);
  std::string b;
  CHECK(GermanStemBound("straße", &b));
  CHECK(b == "strasse");
  CHECK_FALSE(GermanStemBound("café", &b));  // other letters: no claim
}
