// Count questions answered from the counts kept as data
// (query/cypher/counts_plan.cpp) must give exactly what the general matcher
// gives: every query runs both ways (QueryOptions::use_counts) and the rows
// are compared.
#include <catch2/catch.hpp>
#include <algorithm>

#include "graph/graph.h"
#include "query/cypher/engine.h"
#include "query/cypher/format.h"

using namespace kg;
using namespace kg::cypher;

namespace {

std::vector<std::string> Rows(Graph* g, const std::string& q, bool use_counts, bool sort) {
  QueryOptions o;
  o.use_counts = use_counts;
  auto r = RunQuery(g, q, o, {});
  INFO(q);
  REQUIRE(r.ok());
  std::vector<std::string> out;
  for (const auto& row : r->rows) {
    std::string line;
    for (const auto& v : row) line += GroupKey(v) + "|";
    out.push_back(line);
  }
  if (sort) std::sort(out.begin(), out.end());
  return out;
}

void Same(Graph* g, const std::string& q, bool sort = false) {
  INFO(q);
  CHECK(Rows(g, q, true, sort) == Rows(g, q, false, sort));
}

std::unique_ptr<Graph> Build() {
  auto g = std::move(Graph::Open(NewMemStore())).value();
  // Entities with a shared name (two "Anna"), a node without a name, an
  // alias shared with another node's name, several labels, symmetric types.
  const char* setup[] = {
      "CREATE (:Person {name: 'Anna', id: 'person/anna1'}), (:Person {name: 'Anna', id: 'person/anna2'}), "
      "(:Person {name: 'Bert', id: 'person/bert', aliases: ['Cora']}), (:Person {name: 'Cora'}), "
      "(:Country {name: 'Ruritania'}), (:Country:Person {name: 'Dual'}), (:Group), (:City {name: 'Zed'})",
      "MATCH (a {name: 'Anna'}), (b {name: 'Bert'}) CREATE (a)-[:MEETS]->(b), (a)-[:ATTACKS]->(b)",
      "MATCH (a {name: 'Bert'}), (b {name: 'Cora'}) CREATE (a)-[:VISITS]->(b), (b)-[:VISITS]->(a)",
      "MATCH (a {name: 'Cora'}), (b {name: 'Ruritania'}) CREATE (a)-[:ALLIED_WITH]->(b), (a)-[:SUPPORTS]->(b)",
      "MATCH (a {name: 'Dual'}), (b:Group) CREATE (a)-[:CO_MENTIONED {weight: 1}]->(b), (b)-[:ATTACKS]->(a)",
      "MATCH (a:Group), (b {name: 'Zed'}) CREATE (a)-[:SUPPORTS]->(b), (a)-[:VISITS]->(b), (b)-[:MEETS]->(a)",
  };
  for (const char* q : setup) REQUIRE(RunQuery(g.get(), q, QueryOptions{}, {}).ok());
  return g;
}

const char* kQueries[] = {
    "MATCH (n) RETURN count(*) AS n",
    "MATCH (n) RETURN count(n)",
    "MATCH (n:Person) RETURN count(n) AS people",
    "MATCH (n:Nobody) RETURN count(*)",
    "MATCH ()-[r]->() RETURN count(r) AS n",
    "MATCH ()-[r]-() RETURN count(r) AS n",
    "MATCH (a)-[r]->(b) RETURN count(*)",
    "MATCH ()-[r:MEETS|VISITS]->() RETURN count(r)",
    "MATCH ()-[r]->() WHERE type(r) <> 'CO_MENTIONED' RETURN count(r)",
    "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n ORDER BY t",
    "MATCH ()-[r]->() RETURN count(r) AS n, type(r) AS t ORDER BY n DESC, t LIMIT 3",
    "MATCH ()-[r]-() RETURN type(r) AS t, count(*) AS n ORDER BY t DESC",
    "MATCH (a)-[r]-() RETURN a.name AS actor, count(r) AS degree ORDER BY degree DESC, actor LIMIT 3",
    "MATCH (a)-[r]-() RETURN a.name AS actor, count(r) AS degree ORDER BY degree DESC, actor LIMIT 10",
    "MATCH (a)-[r]-() WHERE type(r) <> 'CO_MENTIONED' RETURN a.name AS actor, count(r) AS degree "
    "ORDER BY degree DESC, actor LIMIT 4",
    "MATCH (a)-[r]-() WHERE type(r) = 'VISITS' OR type(r) = 'MEETS' RETURN a.name AS actor, count(r) AS d "
    "ORDER BY d DESC, actor LIMIT 5",
    "MATCH (a)-[r]->() RETURN a.name AS actor, count(r) AS out ORDER BY out DESC, actor LIMIT 5",
    "MATCH ()-[r]->(a) RETURN a.name AS actor, count(r) AS n ORDER BY n DESC, actor LIMIT 5",
    "MATCH (a)<-[r:ATTACKS]-() RETURN id(a) AS id, count(*) AS n ORDER BY n DESC, id LIMIT 5",
    "MATCH (a:Person)-[r]-() RETURN a.name AS actor, count(r) AS degree ORDER BY degree DESC, actor LIMIT 2",
    "MATCH (a:Country)-[r]-() RETURN a.name AS actor, count(r) AS degree ORDER BY degree ASC, actor LIMIT 2",
    "MATCH (a)-[r]-() RETURN count(r) AS degree, a.name AS actor ORDER BY degree DESC, actor LIMIT 0",
};

}  // namespace

TEST_CASE("Counts plan: same rows as the matcher", "[cypher][counts]") {
  auto g = Build();
  REQUIRE(g->counts_kept());
  for (const char* q : kQueries) Same(g.get(), q);
  // Without ORDER BY the row order is not defined: compare as sets.
  Same(g.get(), "MATCH ()-[r]->() RETURN type(r), count(*)", /*sort=*/true);
}

TEST_CASE("Counts plan: a self-loop sends the query to the matcher", "[cypher][counts]") {
  auto g = Build();
  REQUIRE(RunQuery(g.get(), "MATCH (a {name: 'Zed'}) CREATE (a)-[:MEETS]->(a)", QueryOptions{}, {}).ok());
  for (const char* q : kQueries) Same(g.get(), q);
}
