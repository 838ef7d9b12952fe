#include "ingest/segmenter.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_set>

#include "ingest/mofile.h"
#include "ingest/text_util.h"

using namespace kg::ingest;

namespace {
std::vector<std::string> Sentences(Segmenter& s, const std::string& text) {
  Segmentation seg = s.Segment(text);
  std::vector<std::string> out;
  for (const auto& x : seg.sentences) out.push_back(text.substr(x.start, x.end - x.start));
  return out;
}
}  // namespace

TEST_CASE("Segmenter: German abbreviations and ordinals do not split sentences", "[segmenter]") {
  Segmenter s("de", {"z", "b", "z.b", "dr", "bzw"}, {"mai"});
  auto v = Sentences(s, "Die Gruppe traf z. B. Dr. Meier am 3. Mai in Graz. Danach ging sie heim.");
  REQUIRE(v.size() == 2);
  CHECK(v[0] == "Die Gruppe traf z. B. Dr. Meier am 3. Mai in Graz.");
  CHECK(v[1] == "Danach ging sie heim.");
}

TEST_CASE("Segmenter: offsets are bytes and hyphenated words stay one token", "[segmenter]") {
  Segmenter s("de", {}, {});
  std::string text = "Der Rüstungs-Deal mit Südkorea.";
  Segmentation seg = s.Segment(text);
  std::vector<std::string> toks;
  for (const auto& t : seg.tokens) toks.push_back(text.substr(t.start, t.end - t.start));
  REQUIRE(toks.size() == 5);
  CHECK(toks[1] == "Rüstungs-Deal");
  CHECK(toks[3] == "Südkorea");
  CHECK(seg.tokens[3].Is(kUpper));
  CHECK(seg.tokens[3].low == "südkorea");
}

TEST_CASE("Segmenter: a hyphen joins letters or digits only", "[segmenter]") {
  Segmenter s("de", {}, {});
  std::string text =
      "Lese-, Schreib- und Rechen-Kompetenz von Ex-Kanzler Kurz-) mit 2023-09 (-5 %).";
  Segmentation seg = s.Segment(text);
  std::vector<std::string> toks;
  for (const auto& t : seg.tokens) toks.push_back(text.substr(t.start, t.end - t.start));
  auto has = [&](const std::string& t) {
    return std::find(toks.begin(), toks.end(), t) != toks.end();
  };
  CHECK(has("Lese"));
  CHECK(has(","));
  CHECK(has("Rechen-Kompetenz"));
  CHECK(has("Ex-Kanzler"));
  CHECK(has("Kurz"));
  CHECK(has(")"));
  CHECK(has("2023-09"));
  for (const auto& t : toks) CHECK(t.find("-,") == std::string::npos);
  CHECK(!has("(-5"));
}

TEST_CASE("Segmenter: paragraph breaks end a sentence even without a full stop", "[segmenter]") {
  Segmenter s("en", {"mr"}, {});
  auto v = Sentences(s, "A headline without a stop\n\nMr. Smith arrived. He left.");
  REQUIRE(v.size() == 3);
  CHECK(v[1] == "Mr. Smith arrived.");
}

TEST_CASE("TextUtil: slugs and lower case", "[text]") {
  CHECK(Slug("Östliches Wirtschaftsforum") == "oestliches-wirtschaftsforum");
  CHECK(Slug("Kim Jong-un") == "kim-jong-un");
  CHECK(Lower("ÄRGER über SÜDKOREA") == "ärger über südkorea");
  CHECK(NormKey("Russia’s") == "russia's");
  CHECK(AllCaps("NATO"));
  CHECK_FALSE(AllCaps("Nato"));
}

TEST_CASE("MoFile: reads the iso-codes German catalogue", "[mofile]") {
  const std::string path = "/usr/share/locale/de/LC_MESSAGES/iso_3166-1.mo";
  if (!std::filesystem::exists(path)) {
    WARN("iso-codes not installed; skipping");
    return;
  }
  auto r = ReadMoFile(path);
  REQUIRE(r.ok());
  bool found = false;
  for (const auto& [id, tr] : *r)
    if (id == "Germany" && tr == "Deutschland") found = true;
  CHECK(found);
}

TEST_CASE("MoFile: a broken file is Corruption naming the file", "[mofile]") {
  std::string path = std::filesystem::temp_directory_path() / "kg_broken_test.mo";
  {
    std::ofstream out(path, std::ios::binary);
    out << "definitely not a catalogue";
  }
  auto r = ReadMoFile(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kg::Status::Code::kCorruption);
  CHECK(r.status().message().find(path) != std::string::npos);
  std::remove(path.c_str());
}

namespace {
// The shipped abbreviation list of `lang`, as the extractor reads it.
std::unordered_set<std::string> ShippedAbbreviations(const std::string& lang) {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/ingest/data/lexicon/" + lang + "/abbreviations.txt");
  std::unordered_set<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.back() == '.') line.pop_back();
    out.insert(line);
  }
  return out;
}
}  // namespace

TEST_CASE("Segmenter: a sentence ending in an ordinary word or acronym ends", "[segmenter]") {
  // ICU's suppression lists hold these words ("Test.", "App.", "Act.",
  // "DC."); only kg's abbreviation list keeps a full stop from ending a
  // sentence.
  Segmenter de("de", ShippedAbbreviations("de"), {"mai", "januar"});
  CHECK(Sentences(de, "Die neue Software bestand den Test. Die Auslieferung beginnt im Mai.").size() == 2);
  CHECK(Sentences(de, "Die Firma verkauft nun eine App. Sie kostet nichts.").size() == 2);
  CHECK(Sentences(de, "Gemeint war Max. Er kam erst später.").size() == 2);
  CHECK(Sentences(de, "Die Bank verlangt eine neue PIN. Kunden erhalten einen Brief.").size() == 2);
  // True abbreviations still hold the sentence together.
  CHECK(Sentences(de, "Das Projekt kostet 5 Mio. Euro und wird von Prof. Huber geleitet.").size() == 1);
  CHECK(Sentences(de, "Die Firma hat ihren Sitz in St. Pölten, vgl. Abs. 3 des Vertrags.").size() == 1);
  CHECK(Sentences(de, "Sie kamen u. a. aus der Steiermark, z. B. aus Graz.").size() == 1);

  Segmenter en("en", ShippedAbbreviations("en"), {"may", "january"});
  CHECK(Sentences(en, "The senator voted against the Clean Water Act. The bill failed.").size() == 2);
  CHECK(Sentences(en, "She moved her office to Washington, DC. Her staff followed.").size() == 2);
  CHECK(Sentences(en, "The children were told to go. They left quietly.").size() == 2);
  CHECK(Sentences(en, "Dr. Jones met Gov. Smith and Sen. Brown on Jan. 5 in St. Louis.").size() == 1);
}
