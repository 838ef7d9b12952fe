// NormKey() in one pass must equal the two-pass definition it replaced:
// punctuation folding applied to Lower().
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "graph/utf8.h"
#include "ingest/text_util.h"

using kg::ingest::Lower;
using kg::ingest::NormKey;

namespace {

int DecodeRef(const std::string& s, size_t i, uint32_t* cp) {
  unsigned char c = s[i];
  if (c < 0x80) { *cp = c; return 1; }
  int n = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
  if (n == 1 || i + n > s.size()) { *cp = c; return 1; }
  uint32_t v = c & (0xFF >> (n + 1));
  for (int k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return n;
}

std::string NormKeyRef(const std::string& s) {
  std::string low = Lower(s), out;
  for (size_t i = 0; i < low.size();) {
    uint32_t cp;
    int n = DecodeRef(low, i, &cp);
    i += n;
    switch (cp) {
      case 0x2019: case 0x2018: case 0x60: case 0xB4: out.push_back('\''); break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: out.push_back('-'); break;
      case 0xAD: break;
      default:
        if (n == 1) out.push_back(static_cast<char>(cp)); else kg::AppendUtf8(&out, cp);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("NormKey: folds case, apostrophes, dashes and soft hyphens", "[text]") {
  CHECK(NormKey("Russia’s") == "russia's");
  CHECK(NormKey("ÄÖÜ-Straße") == "äöü-straße");
  CHECK(NormKey("Kim\xE2\x80\x93Jong\xC2\xADun`s") == "kim-jongun's");
  CHECK(NormKey("ПУТИН Ελλάδα") == "путин ελλάδα");
}

TEST_CASE("NormKey: one pass equals Lower + folding on any bytes", "[text]") {
  std::mt19937 rng(42);
  const std::vector<std::string> pieces = {
      "A", "z", "`", "'", " ", "-", "\xC3\x84", "\xC3\xA4", "\xC3\x9F", "\xE2\x80\x99", "\xE2\x80\x93",
      "\xC2\xAD", "\xC2\xB4", "\xD0\x9F", "\xCE\x91", "\xC4\x80", "\xC4\xB0", "\xF0\x9F\x98\x80",
      "\xC1\xA0", "\xC1\x81", "\xC3", "\x80", "\xE2\x80", "\xF7\xBF\xBF\xBF", "\xFF", "\xC3\x41"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int len = static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) {
      if (rng() % 4 == 0) s.push_back(static_cast<char>(rng() % 256));
      else s += pieces[rng() % pieces.size()];
    }
    INFO("input bytes: " << s);
    REQUIRE(NormKey(s) == NormKeyRef(s));
  }
}

TEST_CASE("Lower: Latin Extended-A pairs, including the odd/even stretches", "[text]") {
  // U+0139..U+0148 and U+0179..U+017E pair odd (upper) with even (lower).
  CHECK(Lower("\xC5\x81\xC3\xB3\x64\xC5\xB9") == "\xC5\x82\xC3\xB3\x64\xC5\xBA");  // ŁódŹ -> łódź
  CHECK(Lower("\xC5\xBD\x49\xC5\xBD\x45\x4B") ==
        "\xC5\xBEi\xC5\xBE"
        "ek");  // ŽIŽEK -> žižek
  CHECK(Lower("\xC5\x9A\x77\x69\xC4\x99\x74\x79") == "\xC5\x9B\x77\x69\xC4\x99\x74\x79");  // Święty
  CHECK(Lower("\xC4\xBF") == "\xC5\x80");  // Ŀ -> ŀ (the lead byte changes)
  CHECK(Lower("\xC5\xB8") == "\xC3\xBF");  // Ÿ -> ÿ
  CHECK(Lower("\xC5\x82") == "\xC5\x82");  // ł stays (it used to become Ń)
  CHECK(kg::ingest::StartsUpper("\xC5\x81\xC3\xB3\x64\xC5\xBA"));        // Łódź
  CHECK_FALSE(kg::ingest::StartsUpper("\xC5\x82\xC3\xB3\x64\xC5\xBA"));  // łódź
  CHECK(kg::ingest::StartsUpper("\xC5\xBD\x69\xC5\xBE\x65\x6B"));        // Žižek
}
