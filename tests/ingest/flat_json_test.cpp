// The flat JSON fast path (ingest/flat_json.h) may only accept lines that
// nlohmann::json accepts, with the same members and values; everything else
// must be left to nlohmann::json. Checked on hand-written lines, on every line
// of the shared 10kGNAD corpus converted to JSON Lines (when present), and on
// many mutations of valid lines.
#include "ingest/flat_json.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "ingest/reader.h"

using kg::FlatJsonMember;

namespace {

// Fails when the fast parser accepts `line` but nlohmann::json does not, or
// when they disagree on a member. Returns whether the fast parser accepted.
bool Agree(const std::string& line) {
  std::vector<FlatJsonMember> flat;
  const bool fast = kg::ParseFlatJsonObject(line, &flat);
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!fast) return false;
  INFO("line: " << line);
  REQUIRE(!j.is_discarded());
  REQUIRE(j.is_object());
  // nlohmann keeps the last value of a repeated key.
  nlohmann::json expect = nlohmann::json::object();
  for (const auto& m : flat) {
    switch (m.kind) {
      case FlatJsonMember::kString:
        expect[m.key] = m.value;
        break;
      case FlatJsonMember::kNull:
        expect[m.key] = nullptr;
        break;
      case FlatJsonMember::kTrue:
        expect[m.key] = true;
        break;
      case FlatJsonMember::kFalse:
        expect[m.key] = false;
        break;
    }
  }
  REQUIRE(expect == j);
  return true;
}

}  // namespace

TEST_CASE("FlatJson: flat objects are parsed like nlohmann::json", "[flat_json]") {
  for (const char* s : {
           R"({"id": "a1", "text": "One.", "lang": "de"})",
           R"({})",
           " \t{ }\r ",
           R"({"a":null,"b":true,"c":false,"d":""})",
           R"({"text": "Er sagte: \"Nein\" \\ \/ \b\f\n\r\t"})",
           R"({"t": "\u00fcber \u00DCBER \u20ac \ud83d\ude00 \u0041"})",
           R"({"t\u0065xt": "escaped key", "text": "last wins"})",
           R"({"id": "1", "id": "2"})",
           "{\"text\": \"Gr\xC3\xBC\xC3\x9F"
           "e \xE2\x80\x9Equoted\xE2\x80\x9C\"}",
       })
    CHECK(Agree(s));
}

TEST_CASE("FlatJson: anything else is left to nlohmann::json", "[flat_json]") {
  for (const char* s : {
           R"({"id": 5, "text": "x"})",          // number
           R"({"a": [1], "text": "x"})",         // array
           R"({"a": {"b": "c"}})",               // nested object
           R"([1, 2])",                          // not an object
           R"({"id": "a1", "text": "x"} junk)",  // trailing content
           R"({"id": "a1",})",                   // trailing comma
           R"({"id" "a1"})",                     // missing colon
           R"({'id': 'a1'})",                    // single quotes
           R"({"t": "\x"})",                     // bad escape
           R"({"t": "\u12"})",                   // short \u
           R"({"t": "\ud83d"})",                 // lone high surrogate
           R"({"t": "\ud83d\u0041"})",           // high surrogate + non-low
           R"({"t": "\ude00"})",                 // lone low surrogate
           R"({"t": "unterminated)",
           "{\"t\": \"tab\tinside\"}",  // raw control character
           R"({"t": nul})",
           R"({"t": True})",
           "\xEF\xBB\xBF{\"t\": \"bom\"}",  // byte-order mark
           "",
           "{",
       }) {
    INFO(s);
    CHECK_FALSE(Agree(s));
  }
}

TEST_CASE("FlatJson: agrees with nlohmann::json on corpus lines and their mutations",
          "[flat_json]") {
  std::vector<std::string> lines = {
      R"({"id": "a1", "title": "T", "text": "Der Kanzler reiste nach Paris.", "date": "2024-05-02", "lang": "de"})",
      R"({"id":"e\u00e9","text":"\"Quoted\" and \\ back\/slash \ud83d\ude00","source":null,"flag":true})",
  };
  // The 10kGNAD test split converted like scripts/10kgnad_to_jsonl.py does
  // (one JSON object per row; json.dumps escapes quotes, backslashes and
  // control characters).
  const std::string csv = std::string(KG_SHARED_DIR) + "/corpora/10kgnad/test.csv";
  if (std::filesystem::exists(csv)) {
    std::ifstream in(csv);
    std::string row;
    int n = 0;
    while (std::getline(in, row) && n < 400) {
      auto semi = row.find(';');
      if (semi == std::string::npos) continue;
      int bad = kg::RepairUtf8(&row);
      (void)bad;
      nlohmann::json o = {{"id", "10kgnad-" + std::to_string(++n)},
                          {"text", row.substr(semi + 1)},
                          {"lang", "de"},
                          {"source", "DER STANDARD"},
                          {"label", row.substr(0, semi)}};
      lines.push_back(o.dump());
      lines.push_back(o.dump(-1, ' ', /*ensure_ascii=*/true));
    }
  } else {
    WARN("no ../shared 10kGNAD corpus: checking built-in lines only");
  }
  size_t accepted = 0;
  for (const auto& l : lines) accepted += Agree(l);
  REQUIRE(accepted == lines.size());  // all of these are flat
  // Mutations: delete, duplicate or replace one byte with a JSON-significant one.
  std::mt19937 rng(42);
  const std::string specials = "\"\\{}[]:,u0aA \t\n/-+.e9";
  size_t mutated_accepted = 0, mutations = 0;
  for (const auto& l : lines) {
    for (int k = 0; k < 60; ++k) {
      std::string m = l;
      size_t at = std::uniform_int_distribution<size_t>(0, m.size() - 1)(rng);
      switch (k % 3) {
        case 0:
          m.erase(at, 1);
          break;
        case 1:
          m.insert(at, 1, m[at]);
          break;
        default:
          m[at] = specials[std::uniform_int_distribution<size_t>(0, specials.size() - 1)(rng)];
      }
      if (kg::RepairUtf8(&m)) continue;  // the reader repairs before parsing
      ++mutations;
      mutated_accepted += Agree(m);
    }
  }
  INFO(mutated_accepted << " of " << mutations << " mutated lines accepted by the fast path");
  CHECK(mutated_accepted > 0);
  CHECK(mutated_accepted < mutations);
}

TEST_CASE("FlatJson: reader gives the same articles for flat and non-flat lines",
          "[flat_json][reader]") {
  // The same article written flat and with a number field (nlohmann path).
  std::string content =
      "{\"id\": \"a\", \"text\": \"Eins.\", \"date\": \"2024-01-02T10:00:00Z\", \"title\": null}\n"
      "{\"id\": \"a\", \"text\": \"Eins.\", \"date\": \"2024-01-02T10:00:00Z\", \"title\": null, "
      "\"n\": 1}\n"
      "{\"id\": true, \"text\": \"x\"}\n"
      "{\"id\": [true], \"text\": \"x\"}\n";
  std::vector<kg::ArticleMeta> arts;
  std::vector<kg::InputProblem> probs;
  auto s = kg::ParseArticles(
      "f.jsonl", content, [&](kg::ArticleMeta&& a) { arts.push_back(std::move(a)); },
      [&](const kg::InputProblem& p) { probs.push_back(p); });
  REQUIRE(s.ok());
  REQUIRE(arts.size() == 2);
  CHECK(arts[0].id == arts[1].id);
  CHECK(arts[0].text == arts[1].text);
  CHECK(arts[0].date == "2024-01-02");
  CHECK(arts[1].date == "2024-01-02");
  REQUIRE(probs.size() == 2);
  CHECK(probs[0].ToString() == "f.jsonl:3: field \"id\" is not a string");
  CHECK(probs[1].ToString() == "f.jsonl:4: field \"id\" is not a string");
}

// ---- JsonTree ----

namespace {

// The nlohmann::json value the tree describes at node `i`.
nlohmann::json TreeToJson(const kg::JsonTree& t, int i) {
  const kg::JsonTree::Node& n = t.node(i);
  switch (n.kind) {
    case kg::JsonTree::kNull:
      return nullptr;
    case kg::JsonTree::kTrue:
      return true;
    case kg::JsonTree::kFalse:
      return false;
    case kg::JsonTree::kString:
      return std::string(n.text);
    case kg::JsonTree::kNumber:
      return nlohmann::json::parse(n.text);
    case kg::JsonTree::kArray: {
      nlohmann::json a = nlohmann::json::array();
      for (int c = n.first; c >= 0; c = t.node(c).next) a.push_back(TreeToJson(t, c));
      REQUIRE(nlohmann::json::parse(n.text) == a);
      return a;
    }
    case kg::JsonTree::kObject: {
      nlohmann::json o = nlohmann::json::object();
      for (int c = n.first; c >= 0; c = t.node(c).next)
        o[std::string(t.node(c).key)] = TreeToJson(t, c);
      // Find: the member nlohmann keeps (the last of duplicates).
      for (int c = n.first; c >= 0; c = t.node(c).next) {
        REQUIRE(t.Find(i, t.node(c).key) >= 0);
        REQUIRE(o[std::string(t.node(c).key)] == TreeToJson(t, t.Find(i, t.node(c).key)));
      }
      REQUIRE(t.Find(i, "no such key") == -1);
      // Sorted members: nlohmann's iteration order and values.
      std::vector<int> sorted = t.SortedMembers(i);
      REQUIRE(sorted.size() == o.size());
      size_t k = 0;
      for (auto it = o.begin(); it != o.end(); ++it, ++k) {
        REQUIRE(t.node(sorted[k]).key == it.key());
        REQUIRE(TreeToJson(t, sorted[k]) == it.value());
      }
      REQUIRE(nlohmann::json::parse(n.text) == o);
      return o;
    }
  }
  return nullptr;
}

// Fails when JsonTree accepts `line` but nlohmann::json does not, or builds
// a different value; also checks FromJson on what nlohmann parses. Returns
// whether the tree parser accepted.
bool TreeAgrees(const std::string& line) {
  INFO("line: " << line);
  kg::JsonTree tree;
  const bool fast = tree.Parse(line);
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_discarded()) {
    kg::JsonTree mirror;
    mirror.FromJson(j);
    REQUIRE(TreeToJson(mirror, 0) == j);
  }
  if (!fast) return false;
  REQUIRE(!j.is_discarded());
  const nlohmann::json built = TreeToJson(tree, 0);
  REQUIRE(built == j);
  REQUIRE(built.dump() == j.dump());  // same number types too
  return true;
}

std::vector<std::string> KbLines() {
  std::vector<std::string> lines;
  for (const char* dir : {"/ingest/data/kb", "/tests/ingest/fixtures/lexicon/kb"}) {
    const std::string d = std::string(KG_SOURCE_DIR) + dir;
    if (!std::filesystem::is_directory(d)) continue;
    for (const auto& f : std::filesystem::directory_iterator(d)) {
      if (f.path().extension() != ".jsonl") continue;
      std::ifstream in(f.path());
      std::string l;
      while (std::getline(in, l))
        if (!l.empty() && l[0] != '#') lines.push_back(l);
    }
  }
  return lines;
}

}  // namespace

TEST_CASE("JsonTree: values are parsed like nlohmann::json", "[flat_json]") {
  for (const char* s : {
           R"({"id": "person/x", "aliases": ["A", "B"], "roles": [{"role": "r", "of": "o"}]})",
           R"({"aliases": {"en": ["E"], "de": ["D"], "de": ["D2"]}, "z": 1, "a": 2})",
           R"([1, -0, 0.5, -1.25, 0.1, 18446744073709551615, 18446744073709551616])",
           R"([-9223372036854775808, -9223372036854775809, 123456789012345678901234])",
           R"({"t": "Er sagte: \"Nein\" \\ \/ \b\f\n\r\t", "": "empty key"})",
           R"("just a string")",
           R"(42)",
           " \t[ ]\r\n",
           R"({"a":{"b":{"c":[[],{},null,true,false]}}})",
           "{\"text\": \"Gr\xC3\xBC\xC3\x9F"
           "e \xE2\x80\x9Equoted\xE2\x80\x9C \xF0\x9F\x98\x80\"}",
       })
    CHECK(TreeAgrees(s));
}

TEST_CASE("JsonTree: anything else is left to nlohmann::json", "[flat_json]") {
  for (const char* s : {
           R"({"t": "\u00fcber"})",  // \u escape: nlohmann decodes
           R"({"id": "a1",})",       // trailing comma
           R"([1,])",
           R"({"id" "a1"})",  // missing colon
           R"({"id": 01})",   // leading zero
           R"({"id": 1.})",
           R"({"id": .5})",
           R"({"id": +1})",
           R"({"id": 1e})",
           R"({"id": -})",
           R"({"id": NaN})",
           R"({"id": 1e2})",    // exponents: nlohmann decides
           R"({"id": 1e400})",  // (it rejects overflows)
           R"({"id": -2.5E-3})",
           R"({"t": "\x"})",
           R"({"t": "unterminated)",
           "{\"t\": \"tab\tinside\"}",
           "{\"t\": \"bad \xC3\x28 utf8\"}",
           "{\"t\": \"overlong \xC0\xAF\"}",
           "{\"t\": \"surrogate \xED\xA0\x80\"}",
           "{\"t\": \"too big \xF4\x90\x80\x80\"}",
           "{\"t\": \"truncated \xE2\x80\"}",
           "\xEF\xBB\xBF{\"t\": \"bom\"}",
           R"({"t": nul})",
           R"({} {})",
           "",
           "{",
       }) {
    CHECK_FALSE(TreeAgrees(s));
  }
}

TEST_CASE("JsonTree: agrees with nlohmann::json on the KB lines and their mutations",
          "[flat_json]") {
  std::vector<std::string> lines = KbLines();
  REQUIRE(lines.size() > 500);
  size_t accepted = 0;
  for (const auto& l : lines) accepted += TreeAgrees(l);
  REQUIRE(accepted == lines.size());  // the shipped KB takes the fast path
  std::mt19937 rng(7);
  const std::string specials = "\"\\{}[]:,u0aA \t\n/-+.eE9\x7f\xc3\xa4\xff";
  size_t mutated_accepted = 0, mutations = 0;
  for (size_t i = 0; i < lines.size(); i += 3) {
    for (int k = 0; k < 30; ++k) {
      std::string m = lines[i];
      size_t at = std::uniform_int_distribution<size_t>(0, m.size() - 1)(rng);
      switch (k % 3) {
        case 0:
          m.erase(at, 1);
          break;
        case 1:
          m.insert(at, 1, m[at]);
          break;
        default:
          m[at] = specials[std::uniform_int_distribution<size_t>(0, specials.size() - 1)(rng)];
      }
      ++mutations;
      mutated_accepted += TreeAgrees(m);
    }
  }
  INFO(mutated_accepted << " of " << mutations << " mutated lines accepted by the tree parser");
  CHECK(mutated_accepted > 0);
  CHECK(mutated_accepted < mutations);
}
