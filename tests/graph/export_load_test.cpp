// LoadSnapshot on a real Graph (memory store): typed fields, evidence counts
// equal to Graph::GetEvidence, fallbacks for Cypher-style nodes.
#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "graph/snapshot.h"

namespace {

kg::RelationFact Fact(const std::string& s, const std::string& p, const std::string& o,
                      const std::string& sentence) {
  kg::RelationFact r;
  r.subject = s;
  r.predicate = p;
  r.object = o;
  r.date = "2023-09-13";
  r.evidence.sentence = sentence;
  r.evidence.end = sentence.size();
  return r;
}

kg::EntityFact Ent(const std::string& id, const std::string& name, const std::string& type) {
  kg::EntityFact e;
  e.id = id;
  e.name = name;
  e.type = type;
  return e;
}

}  // namespace

TEST_CASE("LoadSnapshot: fields, evidence counts and fallbacks from a Graph", "[export]") {
  auto g = kg::Graph::Open(kg::NewMemStore());
  REQUIRE(g.ok());
  kg::Graph& graph = **g;
  kg::ArticleFacts a;
  a.article.id = "a1";
  a.article.date = "2023-09-13";
  a.content_hash = "h1";
  a.entities = {Ent("person/kim", "Kim Jong Un", "person"), Ent("country/RU", "Russland", "country"),
                Ent("person/putin", "Wladimir Putin", "person")};
  a.relations = {Fact("person/kim", "visits", "country/RU", "Kim besucht Russland."),
                 Fact("person/kim", "meets", "person/putin", "Kim trifft Putin."),
                 Fact("person/kim", "meets", "person/putin", "Noch ein Treffen.")};
  a.co_mentions = {{"country/RU", "person/kim", 2}};
  REQUIRE(graph.ApplyArticle(a).ok());
  kg::ArticleFacts b = a;
  b.article.id = "a2";
  b.article.date = "2023-10-01";
  b.content_hash = "h2";
  b.relations.resize(1);
  REQUIRE(graph.ApplyArticle(b).ok());
  auto lone = graph.CreateNode({"Thing"}, nlohmann::json{{"color", "red"}});
  REQUIRE(lone.ok());

  auto snap = kg::LoadSnapshot(graph);
  REQUIRE(snap.ok());
  REQUIRE(snap->nodes().size() == 4);
  auto stats = graph.Stats();
  REQUIRE(stats.ok());
  CHECK(snap->rels().size() == stats->relations);
  bool saw_co = false, saw_visits = false;
  for (const auto& r : snap->rels()) {
    std::vector<kg::EvidenceRecord> ev;
    REQUIRE(graph.GetEvidence(r.id, &ev).ok());
    CHECK(r.evidence_count == static_cast<int32_t>(ev.size()));
    CHECK(r.predicate == kg::PredicateForRelType(r.type));
    if (r.is_co_mention()) {
      saw_co = true;
      CHECK(r.weight >= 2);
    }
    if (r.predicate == "visits") {
      saw_visits = true;
      CHECK(r.support == 2);
      CHECK(r.weight == 2);
      CHECK(r.evidence_count == 2);
      CHECK(snap->nodes()[r.src].key == "person/kim");
      CHECK(snap->nodes()[r.dst].name == "Russland");
      CHECK(snap->nodes()[r.dst].type == "country");
    }
  }
  CHECK(saw_co);
  CHECK(saw_visits);
  auto idx = snap->IndexOf(*lone);
  REQUIRE(idx);
  const auto& n = snap->nodes()[*idx];
  CHECK(n.key == "n" + std::to_string(*lone));
  CHECK(n.name == n.key);
  CHECK(n.type == "thing");

  kg::SnapshotLoadOptions no_ev;
  no_ev.evidence_counts = false;
  auto fast = kg::LoadSnapshot(graph, no_ev);
  REQUIRE(fast.ok());
  for (const auto& r : fast->rels()) CHECK(r.evidence_count == -1);
}
