// Unit tests of the Cypher lexer, parser, planner errors and engine guards.
#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "query/cypher/engine.h"
#include "query/cypher/lexer.h"
#include "query/cypher/parser.h"

using namespace kg;
using namespace kg::cypher;

namespace {
std::unique_ptr<Graph> NewGraph() {
  auto g = Graph::Open(NewMemStore());
  REQUIRE(g.ok());
  return std::move(g).value();
}
}  // namespace

TEST_CASE("Cypher lexer: tokens carry line and column", "[cypher][lexer]") {
  auto t = Lex("MATCH (n)\n  RETURN n.`weird name`, 'it\\'s', $p, 1.5e3, 0x1F");
  REQUIRE(t.ok());
  const auto& v = *t;
  CHECK(v[0].text == "MATCH");
  CHECK(v[0].line == 1);
  auto ret = std::find_if(v.begin(), v.end(), [](const Token& x) { return x.text == "RETURN"; });
  REQUIRE(ret != v.end());
  CHECK(ret->line == 2);
  CHECK(ret->col == 3);
  CHECK(std::any_of(v.begin(), v.end(), [](const Token& x) { return x.quoted && x.text == "weird name"; }));
  CHECK(std::any_of(v.begin(), v.end(), [](const Token& x) { return x.kind == Tok::kString && x.text == "it's"; }));
  CHECK(std::any_of(v.begin(), v.end(), [](const Token& x) { return x.kind == Tok::kParam && x.text == "p"; }));
  CHECK(std::any_of(v.begin(), v.end(), [](const Token& x) { return x.kind == Tok::kFloat; }));
}

TEST_CASE("Cypher lexer: unterminated string is an error with a caret", "[cypher][lexer]") {
  auto t = Lex("RETURN 'abc");
  REQUIRE_FALSE(t.ok());
  CHECK_THAT(t.status().message(), Catch::StartsWith("line 1, column 8: unterminated string"));
  CHECK_THAT(t.status().message(), Catch::EndsWith("\n         ^"));
}

TEST_CASE("Cypher parser: clauses and patterns", "[cypher][parser]") {
  auto q = Parse(
      "MATCH p = (a:Person {name: 'X'})-[r:MEETS|VISITS*1..3]->(b)<-[:T]-(c) "
      "WHERE a.x > 1 WITH a, count(*) AS n ORDER BY n DESC SKIP 1 LIMIT 2 RETURN DISTINCT a, n");
  REQUIRE(q.ok());
  const Query& query = **q;
  REQUIRE(query.clauses.size() == 3);
  const PatternPart& part = query.clauses[0].pattern.parts[0];
  CHECK(part.path_var == "p");
  REQUIRE(part.rels.size() == 2);
  CHECK(part.rels[0].types == std::vector<std::string>{"MEETS", "VISITS"});
  CHECK(part.rels[0].var_length);
  CHECK(part.rels[0].min_hops == 1);
  CHECK(part.rels[0].max_hops == 3);
  CHECK(part.rels[0].dir == RelDir::kRight);
  CHECK(part.rels[1].dir == RelDir::kLeft);
  CHECK(query.clauses[1].order.size() == 1);
  CHECK(query.clauses[2].distinct);
}

TEST_CASE("Cypher parser: malformed queries report line and column", "[cypher][parser]") {
  struct Case {
    const char* q;
    const char* prefix;
  };
  for (const Case& c : {Case{"MATCH (n RETURN n", "line 1, column 10:"},
                        Case{"MATCH (n)\nRETURN n.", "line 2, column 10:"},
                        Case{"RETURN [1, 2", "line 1, column 13:"},
                        Case{"FROB (n)", "line 1, column 1:"},
                        Case{"RETURN 9223372036854775808", "line 1, column 8:"},
                        Case{"MATCH (a)-[r]->(b) RETURN a ORDER", "line 1, column 34:"}}) {
    auto q = Parse(c.q);
    INFO(c.q);
    REQUIRE_FALSE(q.ok());
    CHECK(q.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(q.status().message(), Catch::StartsWith(c.prefix));
  }
}

TEST_CASE("Cypher parser: deep nesting is an error, not a crash", "[cypher][parser]") {
  std::string q = "RETURN " + std::string(5000, '(') + "1" + std::string(5000, ')');
  auto r = Parse(q);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("nested too deeply"));
  std::string l = "RETURN " + std::string(5000, '[');
  CHECK_FALSE(Parse(l).ok());
}

TEST_CASE("Cypher engine: semantic errors carry positions", "[cypher][engine]") {
  auto g = NewGraph();
  auto r = RunQuery(g.get(), "MATCH (a)\nRETURN b", {}, {});
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::StartsWith("line 2, column 8: variable `b` not defined"));
}

TEST_CASE("Cypher engine: --max-rows guard stops with a clear message", "[cypher][engine]") {
  auto g = NewGraph();
  QueryOptions o;
  o.max_rows = 5;
  auto r = RunQuery(g.get(), "UNWIND range(1, 100) AS x RETURN x", o, {});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTimeout);
  CHECK_THAT(r.status().message(), Catch::Contains("more than 5 rows"));
  auto ok = RunQuery(g.get(), "UNWIND range(1, 100) AS x RETURN x LIMIT 5", o, {});
  REQUIRE(ok.ok());
  CHECK(ok->rows.size() == 5);
}

TEST_CASE("Cypher engine: unbounded * is cut at max_var_length with a warning", "[cypher][engine]") {
  auto g = NewGraph();
  REQUIRE(RunQuery(g.get(),
                   "UNWIND range(1, 20) AS i CREATE (:N {i: i})", {}, {}).ok());
  REQUIRE(RunQuery(g.get(),
                   "MATCH (a:N), (b:N) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)", {}, {}).ok());
  QueryOptions o;
  o.max_var_length = 4;
  auto r = RunQuery(g.get(), "MATCH (a:N {i: 1})-[:NEXT*]->(b) RETURN max(b.i) AS m", o, {});
  REQUIRE(r.ok());
  CHECK(r->rows[0][0].as_int() == 5);
  REQUIRE(r->warnings.size() == 1);
  CHECK_THAT(r->warnings[0], Catch::Contains("4 hops"));
  auto all = RunQuery(g.get(), "MATCH (a:N {i: 1})-[:NEXT*1..30]->(b) RETURN max(b.i) AS m", o, {});
  REQUIRE(all.ok());
  CHECK(all->rows[0][0].as_int() == 20);
  CHECK(all->warnings.empty());
}

TEST_CASE("Cypher engine: an empty result names a mis-cased schema label or type",
          "[cypher][engine]") {
  auto g = NewGraph();
  REQUIRE(RunQuery(g.get(), "CREATE (:Person {name: 'A'})-[:MEETS]->(:Person {name: 'B'})", {}, {})
              .ok());
  auto r = RunQuery(g.get(), "MATCH (a:person)-[r:meets|VISITS]->(b:PERSON) RETURN a.name", {}, {});
  REQUIRE(r.ok());
  CHECK(r->rows.empty());
  REQUIRE(r->warnings.size() == 3);
  CHECK_THAT(r->warnings[0],
             Catch::Contains(":person") && Catch::Contains("did you mean :Person?"));
  CHECK_THAT(r->warnings[1], Catch::Contains(":PERSON") && Catch::Contains(":Person?"));
  CHECK_THAT(r->warnings[2],
             Catch::Contains("type :meets") && Catch::Contains("did you mean :MEETS?"));
  // Rows found, names outside kg's schema, or CREATE: no note.
  auto found = RunQuery(
      g.get(), "MATCH (a:Person)-[:MEETS]->(b) OPTIONAL MATCH (a)-[:meets]->(c) RETURN a.name", {},
      {});
  REQUIRE(found.ok());
  CHECK(found->rows.size() == 2);  // MEETS is symmetric: both directions match
  CHECK(found->warnings.empty());
  // Names outside kg's schema that nothing in the graph has: a note each.
  auto other = RunQuery(g.get(), "MATCH (a:Ship)-[:sails_to]->(b) RETURN a.flag", {}, {});
  REQUIRE(other.ok());
  REQUIRE(other->warnings.size() == 3);
  CHECK_THAT(other->warnings[0], Catch::Contains("unknown label :Ship"));
  CHECK_THAT(other->warnings[1], Catch::Contains("unknown relationship type :sails_to"));
  CHECK_THAT(other->warnings[2], Catch::Contains("unknown property key 'flag'"));
  REQUIRE(RunQuery(g.get(), "CREATE (:Ship {flag: 'x'})-[:sails_to]->(:Port)", {}, {}).ok());
  auto known = RunQuery(g.get(), "MATCH (a:Ship)-[:sails_to]->(b) RETURN a.flag", {}, {});
  REQUIRE(known.ok());
  CHECK(known->warnings.empty());
  auto created = RunQuery(g.get(), "CREATE (:person {name: 'C'})-[:meets]->(:Thing)", {}, {});
  REQUIRE(created.ok());
  CHECK(created->warnings.empty());
}

TEST_CASE("Cypher engine: r.location_name is the name of the location entity", "[cypher][engine]") {
  auto g = NewGraph();
  REQUIRE(
      RunQuery(g.get(),
               "CREATE (:City {id: 'city/gn1', name: 'Wladiwostok'}), "
               "(:Person {name: 'A'})-[:MEETS {location: 'city/gn1'}]->(:Person {name: 'B'}), "
               "(:Person {name: 'C'})-[:MEETS {location: 'city/none'}]->(:Person {name: 'D'}), "
               "(:Person {name: 'E'})-[:MEETS {location: 'city/gn1', location_name: 'Stored'}]->"
               "(:Person {name: 'F'})",
               {}, {})
          .ok());
  auto r = RunQuery(g.get(),
                    "MATCH (a)-[r:MEETS]->() WHERE startNode(r) = a RETURN a.name AS a, r.location_name AS l "
                    "ORDER BY a",
                    {}, {});
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 3);
  CHECK(r->rows[0][1].as_string() == "Wladiwostok");
  CHECK(r->rows[1][1].is_null());  // no entity with that id
  CHECK(r->rows[2][1].as_string() == "Stored");
}

TEST_CASE("Cypher engine: parameters and ParseParamValue", "[cypher][engine]") {
  auto g = NewGraph();
  CHECK(ParseParamValue("12").as_int() == 12);
  CHECK(ParseParamValue("'x y'").as_string() == "x y");
  CHECK(ParseParamValue("[1, 2]").as_list().size() == 2);
  CHECK(ParseParamValue("{\"a\": 1}").as_map().at("a").as_int() == 1);
  CHECK(ParseParamValue("Olaf Scholz").as_string() == "Olaf Scholz");
  Map params = {{"name", Value::Str("B")}};
  REQUIRE(RunQuery(g.get(), "CREATE (:P {name: 'A'}), (:P {name: 'B'})", {}, {}).ok());
  auto r = RunQuery(g.get(), "MATCH (n:P {name: $name}) RETURN n.name", {}, params);
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 1);
  CHECK(r->rows[0][0].as_string() == "B");
  auto missing = RunQuery(g.get(), "RETURN $nope", {}, {});
  CHECK_FALSE(missing.ok());
}

TEST_CASE("Cypher engine: read-only option rejects writes", "[cypher][engine]") {
  auto g = NewGraph();
  QueryOptions o;
  o.read_only = true;
  auto r = RunQuery(g.get(), "CREATE (n)", o, {});
  REQUIRE_FALSE(r.ok());
  CHECK(QueryWrites("CREATE (n)").value());
  CHECK_FALSE(QueryWrites("MATCH (n) RETURN n").value());
  CHECK_FALSE(QueryWrites("MATCH (n RETURN n").ok());
}

TEST_CASE("Cypher engine: streaming callback can stop early", "[cypher][engine]") {
  auto g = NewGraph();
  int seen = 0;
  std::vector<std::string> cols;
  Status s = RunQueryStreaming(
      g.get(), "UNWIND range(1, 1000) AS x RETURN x", {}, {},
      [&](const std::vector<std::string>& c) { cols = c; },
      [&](const std::vector<Value>&) { return ++seen < 3; });
  REQUIRE(s.ok());
  CHECK(seen == 3);
  CHECK(cols == std::vector<std::string>{"x"});
}
