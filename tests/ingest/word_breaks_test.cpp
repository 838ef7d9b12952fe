// The UAX #29 fast path must give exactly ICU's word tokens.
#include "ingest/word_breaks.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "graph/utf8.h"
#include "ingest/segmenter.h"

namespace fs = std::filesystem;
using kg::ingest::Segmenter;
using kg::ingest::SimpleWordBreaks;

namespace {

std::vector<std::pair<uint32_t, uint32_t>> Spans(Segmenter& s, const std::string& text) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& t : s.Segment(text).tokens) out.emplace_back(t.start, t.end);
  return out;
}

// Compares fast-path and ICU-only tokens; returns the number of texts compared.
void ExpectSameTokens(const std::string& text, const std::string& what) {
  Segmenter fast("de", {}, {}), icu("de", {}, {});
  icu.SetIcuWordsOnly(true);
  auto a = Spans(fast, text), b = Spans(icu, text);
  if (a != b) {
    size_t k = 0;
    while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
    size_t at = k < b.size() ? b[k].first : (k < a.size() ? a[k].first : 0);
    size_t from = at > 40 ? at - 40 : 0;
    FAIL(what << ": first difference at byte " << at << " near: " << text.substr(from, 80));
  }
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("WordBreaks: UAX #29 rules on Latin text", "[segmenter]") {
  std::vector<uint32_t> b;
  REQUIRE(SimpleWordBreaks("z.B. 3,5 Mio. don't", &b));
  // z.B | . | ' ' | 3,5 | ' ' | Mio | . | ' ' | don't
  CHECK(b == std::vector<uint32_t>{0, 3, 4, 5, 8, 9, 12, 13, 14, 19});
  REQUIRE(SimpleWordBreaks("Müller_2\r\nX", &b));
  CHECK(b == std::vector<uint32_t>{0, 9, 11, 12});
  // Combining marks, CJK, Hebrew: not handled here (ICU does them).
  CHECK_FALSE(SimpleWordBreaks("Cafe\xCC\x81", &b));
  CHECK_FALSE(SimpleWordBreaks("\xE4\xB8\xAD\xE6\x96\x87", &b));
  CHECK(SimpleWordBreaks("", &b));
  CHECK(b == std::vector<uint32_t>{0});
}

TEST_CASE("WordBreaks: tricky strings give ICU's tokens", "[segmenter]") {
  for (const char* s :
       {"U.S.-Präsident Joe Biden", "Kim Jong-un's", "e-mail: a@b.de, 1.000.000 $ 3.5% 2023-09-13",
        "„Zitat“ – ‚so‘ … «Gänsefüßchen» ‘quoted’", "a'b ''x'' 1'000 1.2.3 a.1 1.a _x_ x_ __",
        "Straße STRASSE ÆØÅ æøå Привет мир Ελλάδα", "tab\tnbsp\xC2\xA0space  end.\n\nNew para",
        "1,5-fach 10:30 Uhr 20.000er C++ #tag @user http://x.y/z?q=1",
        "l'Élysée d’Orsay rock’n’roll", "\"Zitat\" a\"b 3\"5 \"\"x\"\" x\"'\"y"}) {
    ExpectSameTokens(s, s);
  }
}

TEST_CASE("WordBreaks: every simple character in context gives ICU's tokens", "[segmenter]") {
  std::vector<uint32_t> b;
  auto utf8 = [](char32_t c) {
    std::string s;
    kg::AppendUtf8(&s, c);
    return s;
  };
  std::vector<char32_t> cps;
  for (char32_t c = 0x20; c < 0x530; ++c) cps.push_back(c);
  for (char32_t c = 0x2000; c < 0x20D0; ++c) cps.push_back(c);
  std::string text;
  for (char32_t c : cps) {
    std::string x = utf8(c);
    if (!SimpleWordBreaks(x, &b)) continue;
    for (const char* ctx : {"a%b", "1%2", "a%1", "1%a", "%%", "a%", "%a", "a%%b", "1%%2", "_%a",
                            "a%_", "a.%b", "a'%b", "1,%2", " % "}) {
      std::string t;
      for (const char* p = ctx; *p; ++p) t += *p == '%' ? x : std::string(1, *p);
      text += t + " \n";
    }
  }
  ExpectSameTokens(text, "character contexts");
}

TEST_CASE("WordBreaks: samples and shared corpora give ICU's tokens", "[segmenter]") {
  int files = 0;
  std::vector<fs::path> roots = {fs::path(KG_SOURCE_DIR) / "samples"};
  fs::path shared(KG_SHARED_DIR);
  if (fs::exists(shared / "corpora")) {
    roots.push_back(shared / "corpora");
    roots.push_back(shared / "seed");
  }
  for (const auto& root : roots) {
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file()) continue;
      auto ext = e.path().extension().string();
      if (ext != ".txt" && ext != ".jsonl" && ext != ".csv" && ext != ".tsv" && ext != ".md" &&
          ext != ".json")
        continue;
      ExpectSameTokens(Slurp(e.path()), e.path().string());
      ++files;
    }
  }
  CHECK(files >= 16);
}
