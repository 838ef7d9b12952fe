// SentenceBreaks must give exactly the boundaries of ICU's sentence
// BreakIterator for "de@ss=standard" and "en@ss=standard".
#include "ingest/sentence_breaks.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using kg::ingest::SentenceBreaks;

namespace {

struct Pair {
  std::unique_ptr<icu::BreakIterator> icu;
  std::unique_ptr<SentenceBreaks> fast;
};

Pair Make(const std::string& lang) {
  UErrorCode st = U_ZERO_ERROR;
  Pair p;
  p.icu.reset(
      icu::BreakIterator::createSentenceInstance(icu::Locale((lang + "@ss=standard").c_str()), st));
  REQUIRE(U_SUCCESS(st));
  p.fast = SentenceBreaks::Create(lang);
  REQUIRE(p.fast);
  return p;
}

// ICU's boundaries after 0 as UTF-8 byte offsets.
std::vector<uint32_t> IcuBreaks(icu::BreakIterator* it, const std::string& text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::vector<uint32_t> byte_at;  // per UTF-16 unit, plus the end
  uint32_t b = 0;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    const int units = U16_LENGTH(c);
    for (int k = 0; k < units; ++k) byte_at.push_back(b);
    b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += units;
  }
  byte_at.push_back(b);
  it->setText(u);
  std::vector<uint32_t> out;
  for (int32_t x = it->next(); x != icu::BreakIterator::DONE; x = it->next())
    out.push_back(byte_at[x]);
  return out;
}

void ExpectSame(Pair& p, const std::string& text, const std::string& what) {
  std::vector<uint32_t> fast;
  p.fast->Find(text, &fast);
  const std::vector<uint32_t> icu = IcuBreaks(p.icu.get(), text);
  if (fast == icu) return;
  size_t k = 0;
  while (k < fast.size() && k < icu.size() && fast[k] == icu[k]) ++k;
  const size_t at = k < icu.size() ? icu[k] : (k < fast.size() ? fast[k] : 0);
  const size_t from = at > 40 ? at - 40 : 0;
  FAIL(what << ": first difference at byte " << at << " near: " << text.substr(from, 80));
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("SentenceBreaks: rules and suppressions give ICU's boundaries", "[segmenter]") {
  const char* texts[] = {
      "",
      "Ein Satz. Noch einer! Und? Ja.",
      "Dr. Müller kam. Prof. Dr. Meier ging, z. B. heute; z.B. Morgen. U.S. Army.",
      "Am 3. Mai 2023 um 5.30 Uhr. Die U.S.A. und d. h. etwa n. Chr. Geb.",
      "an. Chr. folgt",  // the text starts inside an entry
      "Er sagte: \"Nein.\" Dann ging er. (So war es.) Ende",
      "etc. (und mehr) und so. Weiter...  Noch.\n\nAbsatz\r\nZeile\rX\u2029Y",
      "Wait?! Really?? \u201eJa.\u201c \u2014 sagte er. 1.000. Zahl 3.5.",
      "a\u00ad.B. c\u0301. D \u2024 E\uff0e F\u3002G",
      "Mr. Smith, e.g. Mr. Jones. Ph.D. students. I.e. no. Etc. Yes.",
      "x. y. Z.  Zwei Leerzeichen. \tTab.",
  };
  for (const char* lang : {"de", "en"}) {
    Pair p = Make(lang);
    for (const char* t : texts) ExpectSame(p, t, std::string(lang) + ": " + t);
  }
}

TEST_CASE("SentenceBreaks: random mixes of terminators, quotes, spaces and letters",
          "[segmenter]") {
  const std::vector<std::string> atoms = {
      ".",      ".",          "!",      "?",      " ",        " ",       "\n",     "\r\n",
      "\r",     "\"",         "(",      ")",      ",",        "-",       ":",      ";",
      "\u201e", "\u201c",     "\u2019", "\u2026", "\u00a0",   "\u00ad",  "\u0301", "\u2029",
      "\u3002", "\u0085",     "\u00ab", "\u00bb", "\u2013",   "\u061f",  "\u2024", "a",
      "x",      "A",          "Z",      "\u00e4", "\u00dc",   "\u00df",  "1",      "9",
      "\u05d0", "\U0001F600", "Dr.",    "z.B.",   "z. B.",    "U.S.",    "e.V.",   "D. h.",
      "Mr.",    "e.g.",       "St.",    "Nr.",    "k. u. k.", "n. Chr.", "Jan.",   "Ph.D.",
      "Etc.",   "bzw.",       "Haus",   "der",    "Die",      "2023"};
  std::mt19937 rng(20261129);
  for (const char* lang : {"de", "en"}) {
    Pair p = Make(lang);
    for (int doc = 0; doc < 4000; ++doc) {
      std::string text;
      const int n = 1 + static_cast<int>(rng() % 24);
      for (int k = 0; k < n; ++k) {
        text += atoms[rng() % atoms.size()];
        if (rng() % 2) text += ' ';
      }
      ExpectSame(p, text, std::string(lang) + " random doc " + std::to_string(doc));
    }
  }
}

TEST_CASE("SentenceBreaks: samples and shared corpora give ICU's boundaries", "[segmenter]") {
  std::vector<fs::path> roots = {fs::path(KG_SOURCE_DIR) / "samples"};
  const fs::path shared(KG_SHARED_DIR);
  if (fs::exists(shared / "corpora")) {
    roots.push_back(shared / "corpora");
    roots.push_back(shared / "seed");
  }
  int files = 0;
  for (const char* lang : {"de", "en"}) {
    Pair p = Make(lang);
    for (const auto& root : roots) {
      if (!fs::exists(root)) continue;
      for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        const auto ext = e.path().extension().string();
        if (ext != ".txt" && ext != ".jsonl" && ext != ".csv" && ext != ".tsv" && ext != ".md" &&
            ext != ".json")
          continue;
        ExpectSame(p, Slurp(e.path()), std::string(lang) + ": " + e.path().string());
        ++files;
      }
    }
  }
  CHECK(files >= 32);
}
