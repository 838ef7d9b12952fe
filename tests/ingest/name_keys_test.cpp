// The plain-name fast path of the catalogue KeyMaker (ingest/name_keys.h)
// must give exactly the keys the Segmenter gives: checked for every name the
// gazetteers (iso-codes, GeoNames catalogues) and the shipped KB pass to the
// KeyMaker, for edge cases, and on the whole resulting catalogue.
#include "ingest/name_keys.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/gazetteer.h"
#include "ingest/kb.h"
#include "ingest/lexicon.h"
#include "ingest/segmenter.h"
#include "ingest/stemmer.h"

using namespace kg::ingest;

namespace {

// The German segmenter and stemmer exactly as Extractor::Init builds them.
struct Pipeline {
  Stemmer stem{"de"};
  Lexicon lex;
  std::unique_ptr<Segmenter> seg;
  Pipeline() {
    kg::Status st =
        LoadLexiconDir(std::string(KG_SOURCE_DIR) + "/ingest/data/lexicon", "de", stem, &lex);
    REQUIRE(st.ok());
    std::unordered_set<std::string> months;
    for (auto& [m, n] : lex.months) months.insert(m);
    seg = std::make_unique<Segmenter>("de", lex.abbreviations, months);
  }
};

Pipeline& P() {
  static Pipeline* p = new Pipeline();
  return *p;
}

bool HaveGazetteers() { return std::filesystem::exists(GazetteerPaths{}.iso_json); }

// Every string the loaders turn into keys.
std::vector<std::string> AllCatalogueNames() {
  std::vector<std::string> names;
  KeyMaker ref = MakeSegmenterKeyMaker(P().seg.get(), &P().stem);
  KeyMaker rec;
  rec.key = [&](std::string_view s, int* n) {
    names.emplace_back(s);
    return ref.key(s, n);
  };
  rec.stem_key = [&](std::string_view s) {
    names.emplace_back(s);
    return ref.stem_key(s);
  };
  Catalog cat;
  if (HaveGazetteers()) REQUIRE(LoadGazetteers(GazetteerPaths{}, rec, &cat).ok());
  REQUIRE(LoadKbDir(std::string(KG_SOURCE_DIR) + "/ingest/data/kb", rec, &cat).ok());
  REQUIRE(
      LoadKbDir(std::string(KG_SOURCE_DIR) + "/tests/ingest/fixtures/lexicon/kb", rec, &cat).ok());
  return names;
}

void CheckSame(const std::string& s, const KeyMaker& fast, const KeyMaker& ref) {
  int nf = -1, nr = -2;
  std::string kf = fast.key(s, &nf), kr = ref.key(s, &nr);
  INFO("name: \"" << s << "\"");
  REQUIRE(kf == kr);
  REQUIRE(nf == nr);
  REQUIRE(fast.stem_key(s) == ref.stem_key(s));
}

}  // namespace

TEST_CASE("NameKeys: plain-name tokens", "[name_keys]") {
  std::vector<std::string_view> t;
  REQUIRE(PlainNameTokens("Kim Jong-un", &t));
  REQUIRE(t == std::vector<std::string_view>{"Kim", "Jong-un"});
  REQUIRE(PlainNameTokens("  Bosnien und  Herzegowina ", &t));
  REQUIRE(t.size() == 3);
  REQUIRE(PlainNameTokens("Österreich", &t));
  REQUIRE(PlainNameTokens("G20", &t));
  REQUIRE(PlainNameTokens("", &t));
  REQUIRE(t.empty());
  for (const char* s : {"Côte d'Ivoire", "St. Louis", "A--B", "-A", "A-", "A - B", "A -B",
                        "Nord\tKorea", "Москва", "Tiếng",
                        "A\xC3\x97"
                        "B",
                        "Korea, Republic of", "Bolivia (Plurinational)"})
    CHECK_FALSE(PlainNameTokens(s, &t));
}

TEST_CASE("NameKeys: fast path equals the segmenter on edge cases", "[name_keys]") {
  KeyMaker fast = MakeKeyMaker(P().seg.get(), &P().stem);
  KeyMaker ref = MakeSegmenterKeyMaker(P().seg.get(), &P().stem);
  for (const char* s : {"Kim Jong-un",
                        "Baden-Baden",
                        "F-16",
                        "A-B-C",
                        "a-1-b",
                        "G7",
                        "G20 Gipfel",
                        "2023",
                        "  Lead  trail ",
                        "x",
                        "",
                        " ",
                        "Österreich",
                        "ÖSTERREICH",
                        "Ärzte ohne Grenzen",
                        "İstanbul",
                        "Łódź",
                        "Straße",
                        "ĸŉſ",
                        "Évian-les-Bains",
                        "Groß-Gerau",
                        "Nord Rhein Westfalen",
                        "Weißrussland",
                        "Côte d'Ivoire",
                        "A--B",
                        "-A",
                        "A-",
                        "A - B",
                        "St. Louis",
                        "U.S.",
                        "Москва",
                        "Bosnia and Herzegovina",
                        "ÀÿĀſ",
                        "europäische Union",
                        "Mc Donald's"})
    CheckSame(s, fast, ref);
}

TEST_CASE("NameKeys: fast path equals the segmenter for every gazetteer and KB name",
          "[name_keys]") {
  if (!HaveGazetteers()) WARN("iso-codes not installed: checking the KB names only");
  std::vector<std::string> names = AllCatalogueNames();
  KeyMaker fast = MakeKeyMaker(P().seg.get(), &P().stem);
  KeyMaker ref = MakeSegmenterKeyMaker(P().seg.get(), &P().stem);
  size_t plain = 0;
  std::vector<std::string_view> toks;
  for (const auto& s : names) {
    plain += PlainNameTokens(s, &toks);
    int nf = -1, nr = -2;
    std::string kf = fast.key(s, &nf), kr = ref.key(s, &nr);
    if (kf != kr || nf != nr || fast.stem_key(s) != ref.stem_key(s)) {
      INFO("name: \"" << s << "\" fast \"" << kf << "\" segmenter \"" << kr << "\"");
      REQUIRE(false);
    }
  }
  INFO(plain << " of " << names.size() << " names take the fast path");
  REQUIRE(names.size() > 1000);
  REQUIRE(plain * 10 > names.size() * 8);  // the fast path is the common case
}

TEST_CASE("NameKeys: catalogues built with either KeyMaker are identical", "[name_keys]") {
  auto build = [](const KeyMaker& k, Catalog* cat) {
    if (HaveGazetteers()) REQUIRE(LoadGazetteers(GazetteerPaths{}, k, cat).ok());
    REQUIRE(LoadKbDir(std::string(KG_SOURCE_DIR) + "/ingest/data/kb", k, cat).ok());
  };
  Catalog a, b;
  build(MakeKeyMaker(P().seg.get(), &P().stem), &a);
  build(MakeSegmenterKeyMaker(P().seg.get(), &P().stem), &b);
  REQUIRE(a.size() == b.size());
  REQUIRE(a.max_tokens() == b.max_tokens());
  REQUIRE(a.surfaces().size() == b.surfaces().size());
  for (const auto& [key, va] : a.surfaces()) {
    const auto* vb = b.Lookup(key);
    INFO("key: " << key);
    REQUIRE(vb);
    REQUIRE(va.size() == vb->size());
    for (size_t i = 0; i < va.size(); ++i) {
      CHECK(va[i].entity == (*vb)[i].entity);
      CHECK(va[i].kind == (*vb)[i].kind);
      CHECK(va[i].lang == (*vb)[i].lang);
      CHECK(va[i].lower == (*vb)[i].lower);
    }
    const auto first = key.substr(0, key.find(' '));
    CHECK(a.MaxTokensFrom(first) == b.MaxTokensFrom(first));
  }
}
