#include "ingest/reader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using kg::ArticleMeta;
using kg::InputProblem;

namespace {

struct Collected {
  std::vector<ArticleMeta> articles;
  std::vector<InputProblem> problems;
};

Collected Parse(const std::string& path, const std::string& content) {
  Collected c;
  auto s = kg::ParseArticles(
      path, content, [&](ArticleMeta&& a) { c.articles.push_back(std::move(a)); },
      [&](const InputProblem& p) { c.problems.push_back(p); });
  REQUIRE(s.ok());
  return c;
}

}  // namespace

TEST_CASE("Reader: plain text header gives date, source and title", "[reader]") {
  auto c = Parse("a/b.txt", "date 2024-03 Von Beispiel Desk\n\nEin Titel\n\nErster Satz. Zweiter.\n");
  REQUIRE(c.articles.size() == 1);
  const auto& a = c.articles[0];
  CHECK(a.id == "a/b.txt");
  CHECK(a.date == "2024-03");
  CHECK(a.source == "Beispiel Desk");
  CHECK(a.title == "Ein Titel");
  CHECK(a.text.find("Erster Satz.") != std::string::npos);
  CHECK(c.problems.empty());
}

TEST_CASE("Reader: plain text without header keeps whole text", "[reader]") {
  auto c = Parse("x.txt", "Der Kanzler reiste nach Paris.\n");
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].date.empty());
  CHECK(c.articles[0].text == "Der Kanzler reiste nach Paris.\n");
}

TEST_CASE("Reader: English By header", "[reader]") {
  auto c = Parse("e.txt", "date 2023-09-12 By Some Wire\n\nBody text here.");
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].date == "2023-09-12");
  CHECK(c.articles[0].source == "Some Wire");
}

TEST_CASE("Reader: JSONL bad lines are reported with line numbers, good lines kept", "[reader]") {
  std::string content =
      "{\"id\": \"a1\", \"text\": \"One.\", \"date\": \"2023-01-02\", \"lang\": \"en\"}\n"
      "{not json\n"
      "\n"
      "{\"title\": \"no text\"}\n"
      "{\"text\": \"Two.\"}\n"
      "[1,2]\n";
  auto c = Parse("feed.jsonl", content);
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].id == "a1");
  CHECK(c.articles[0].lang == "en");
  CHECK(c.articles[1].id == "feed.jsonl#" + kg::TextKey("Two."));
  REQUIRE(c.problems.size() == 3);
  CHECK(c.problems[0].line == 2);
  CHECK(c.problems[0].ToString() == "feed.jsonl:2: malformed JSON line");
  CHECK(c.problems[1].line == 4);
  CHECK(c.problems[2].line == 6);
}

TEST_CASE("Reader: broken UTF-8 is repaired and warned about", "[reader]") {
  auto c = Parse("bad.txt", std::string("Gr\xFC\xDF" "e aus Berlin."));
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].text == "Gr\xEF\xBF\xBD\xEF\xBF\xBD" "e aus Berlin.");
  REQUIRE(c.problems.size() == 1);
  CHECK_FALSE(c.problems[0].fatal);
}

TEST_CASE("Reader: binary input is rejected as a whole", "[reader]") {
  std::string bin("\x7f" "ELF\0\0\x01", 7);
  auto s = kg::ParseArticles(
      "prog", bin, [](ArticleMeta&&) { FAIL("no article expected"); }, [](const InputProblem&) {});
  CHECK(s.code() == kg::Status::Code::kCorruption);
  CHECK(s.message().find("binary") != std::string::npos);
}

TEST_CASE("Reader: content hash is stable and sensitive to text", "[reader]") {
  ArticleMeta a;
  a.id = "x";
  a.text = "Hallo";
  std::string h1 = kg::ContentHash(a);
  CHECK(h1 == kg::ContentHash(a));
  CHECK(h1.size() == 16);
  a.text = "Hallo!";
  CHECK(h1 != kg::ContentHash(a));
}

TEST_CASE("Reader: directories are walked recursively and sorted", "[reader]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("kg_reader_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  fs::create_directories(dir / ".hidden");
  std::ofstream(dir / "b.txt") << "B";
  std::ofstream(dir / "sub" / "a.jsonl") << "{}";
  std::ofstream(dir / ".hidden" / "c.txt") << "C";
  std::ofstream(dir / "img.png") << "x";
  std::ofstream(dir / "README.txt") << "docs";
  std::ofstream(dir / "sub" / "gold.json") << "{\n}";
  std::vector<std::string> files;
  REQUIRE(kg::ListInputFiles({dir.string()}, &files).ok());
  REQUIRE(files.size() == 2);
  CHECK(files[0] == (dir / "b.txt").string());
  CHECK(files[1] == (dir / "sub" / "a.jsonl").string());
  std::vector<std::string> none;
  CHECK(kg::ListInputFiles({(dir / "missing").string()}, &none).IsNotFound());
  fs::remove_all(dir);
}

TEST_CASE("Reader: stdin articles get ids from their text", "[reader]") {
  auto a = Parse("-", "Olaf Scholz besuchte Paris.\n");
  auto b = Parse("-", "Olaf Scholz besuchte Rom.\n");
  REQUIRE(a.articles.size() == 1);
  REQUIRE(b.articles.size() == 1);
  CHECK(a.articles[0].id == "stdin#" + kg::TextKey("Olaf Scholz besuchte Paris."));
  CHECK(a.articles[0].id != b.articles[0].id);
  CHECK(Parse("-", "  Olaf Scholz besuchte Paris.  \n\n").articles[0].id == a.articles[0].id);
}

TEST_CASE("Reader: header offset and dates from the text", "[reader]") {
  auto c = Parse("h.txt", "date 2024-03-01 Von X\nTitel\n\nText.\n");
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].text_offset == 22);
  CHECK(kg::DateFromText("Saturday, October 9, 2010\n\nText.") == "2010-10-09");
  CHECK(kg::DateFromText("Titel\n\nWien, 9. Jänner 2016 (APA) - Der Kanzler sagte am Montag etwas.") == "2016-01-09");
  CHECK(kg::DateFromText("09.10.2010\nText") == "2010-10-09");
  CHECK(kg::DateFromText("Text ohne Datum.\nZweite Zeile.\nDritte.\nAm 9. Oktober 2010 war es.") == "");
  CHECK(kg::DateFromText("31. Februar 2010") == "2010-02-31");  // shape only, like the header
  CHECK(Parse("x.txt", "Titel\n\nMonday, 3 June 2024\n\nText.\n").articles[0].date == "2024-06-03");
}

TEST_CASE("Reader: an unterminated last JSON line is incomplete, not malformed", "[reader]") {
  auto c = Parse("f.jsonl", "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"te");
  REQUIRE(c.articles.size() == 1);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].incomplete);
  CHECK_FALSE(c.problems[0].fatal);
  auto d = Parse("f.jsonl", "{\"id\": \"b\", \"te\n{\"id\": \"a\", \"text\": \"One.\"}\n");
  REQUIRE(d.problems.size() == 1);
  CHECK(d.problems[0].fatal);
  CHECK_FALSE(d.problems[0].incomplete);
}
