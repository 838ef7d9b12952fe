// Hostile query text: every recursion of the parser and of the passes over
// the tree is bounded, so 1 M-character inputs give an error (or a result),
// never a stack overflow (issue 22).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "graph/graph.h"
#include "query/cypher/engine.h"
#include "query/cypher/parser.h"

using namespace kg;
using namespace kg::cypher;

namespace {

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// ~1 M characters: `head` + n x `unit` + `tail`.
std::string Big(const std::string& head, const std::string& unit, const std::string& tail) {
  return head + Repeat(unit, 1000000 / unit.size()) + tail;
}

std::unique_ptr<Graph> NewGraph() {
  auto g = Graph::Open(NewMemStore());
  REQUIRE(g.ok());
  return std::move(g).value();
}

}  // namespace

TEST_CASE("Cypher limits: 1 M-character chains and nestings are errors, not crashes",
          "[cypher][parser][limits]") {
  struct Case {
    const char* what;
    std::string text;
  };
  const Case cases[] = {
      {"+ chain", Big("RETURN ", "1+", "1")},
      {"OR chain", Big("RETURN ", "true OR ", "true")},
      {"AND chain", Big("RETURN ", "true AND ", "true")},
      {"XOR chain", Big("RETURN ", "true XOR ", "true")},
      {"* chain", Big("RETURN ", "2*", "2")},
      {"^ chain", Big("RETURN ", "2^", "2")},
      {"comparison chain", Big("RETURN ", "1 < ", "2")},
      {"IN chain", Big("RETURN ", "1 IN ", "[1]")},
      {"IS NULL chain", Big("RETURN 1", " IS NULL", "")},
      {"STARTS WITH chain", Big("RETURN 'a'", " STARTS WITH 'a'", "")},
      {"property chain", Big("WITH {} AS a RETURN a", ".b", "")},
      {"index chain", Big("WITH [] AS a RETURN a", "[0]", "")},
      {"NOT chain", Big("RETURN ", "NOT ", "true")},
      {"unary minus chain", Big("RETURN ", "- ", "1")},
      {"parentheses", Big("RETURN ", "(", "1")},
      {"lists", Big("RETURN ", "[", "1")},
      {"maps", Big("RETURN ", "{a:", "1")},
      {"list comprehensions", Big("RETURN ", "[x IN ", "[1]")},
      {"CASE nesting", Big("RETURN ", "CASE WHEN true THEN ", "1")},
      {"function nesting", Big("RETURN ", "abs(", "1")},
      {"pattern chain", Big("MATCH (a)", "-->(a)", " RETURN a")},
      {"pattern parentheses", Big("MATCH ", "(", "a)")},
      {"clauses", Big("", "MATCH (n) ", "RETURN n")},  // 100,000 clauses
      {"WITH clauses", Big("", "WITH 1 AS x ", "RETURN x")},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    REQUIRE(c.text.size() >= 999000);
    const auto t0 = std::chrono::steady_clock::now();
    auto q = Parse(c.text);
    REQUIRE_FALSE(q.ok());
    CHECK(q.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(q.status().message(), Catch::Contains("line 1, column"));
    CHECK_THAT(q.status().message(),
               Catch::Contains("nested too deeply") || Catch::Contains("clauses") ||
                   Catch::Contains("expected"));
    auto e = ParseExpression(c.text.substr(c.text.find(' ') + 1));
    CHECK_FALSE(e.ok());
    // Linear time: a few seconds would mean backtracking.
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
  }
}

TEST_CASE("Cypher limits: long flat inputs are fine", "[cypher][parser][limits]") {
  auto g = NewGraph();
  // A label list is flat (one level): 250,000 labels parse.
  CHECK(Parse(Big("MATCH (a) RETURN a", ":A", "")).ok());
  // A 1 M-character string literal, a 200,000-element list, a 900-term OR.
  auto r = RunQuery(g.get(), "RETURN size('" + std::string(1000000, 'x') + "') AS n", {}, {});
  REQUIRE(r.ok());
  CHECK(r->rows[0][0].as_int() == 1000000);
  r = RunQuery(g.get(), Big("RETURN size([", "1,", "1]) AS n"), {}, {});
  REQUIRE(r.ok());
  CHECK(r->rows[0][0].as_int() == 500001);
  r = RunQuery(g.get(), "RETURN " + Repeat("false OR ", 900) + "true AS x", {}, {});
  REQUIRE(r.ok());
  CHECK(r->rows[0][0].as_bool());
  r = RunQuery(g.get(), "RETURN " + Repeat("1 + ", 900) + "1 AS x", {}, {});
  REQUIRE(r.ok());
  CHECK(r->rows[0][0].as_int() == 901);
  // A chain just past the limit is refused with the hint.
  auto q = Parse("RETURN " + Repeat("false OR ", 1001) + "true");
  REQUIRE_FALSE(q.ok());
  CHECK_THAT(q.status().message(), Catch::Contains("use IN [...]"));
  // 1,999 clauses of each kind run (the rows are pushed through one operator
  // per clause); 2,001 are refused.
  for (const char* clause : {"WITH 1 AS x ", "UNWIND [1] AS y", "MATCH (n) ", "OPTIONAL MATCH (m) "}) {
    INFO(clause);
    std::string text;
    for (int i = 0; i < 1999; ++i) text += clause + (clause[0] == 'U' ? std::to_string(i) + " " : "");
    r = RunQuery(g.get(), text + "RETURN 1 AS one", {}, {});
    REQUIRE(r.ok());
  }
  r = RunQuery(g.get(), Repeat("CREATE () ", 1999) + "RETURN 1 AS one", {}, {});
  REQUIRE(r.ok());
  q = Parse(Repeat("WITH 1 AS x ", 2001) + "RETURN x");
  REQUIRE_FALSE(q.ok());
  CHECK_THAT(q.status().message(), Catch::Contains("more than 2000 clauses"));
}
