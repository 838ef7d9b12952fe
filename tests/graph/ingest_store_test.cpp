// Knowledge-graph writes (ApplyArticle / ForgetArticle), on both backends.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "graph/graph.h"
#include "graph/rocks_store.h"
#include "graph/snapshot.h"
#include "graph_backends.h"

namespace fs = std::filesystem;

namespace {

using kg::testing::MemGraph;
using kg::testing::RocksGraph;

kg::EntityFact Ent(const std::string& id, const std::string& name, const std::string& type,
                   std::vector<std::string> aliases = {}) {
  kg::EntityFact e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.aliases = std::move(aliases);
  return e;
}

kg::RelationFact RelF(const std::string& s, const std::string& p, const std::string& o,
                      double conf = 0.9, const std::string& modality = "asserted") {
  kg::RelationFact r;
  r.subject = s;
  r.predicate = p;
  r.object = o;
  r.confidence = conf;
  r.modality = modality;
  r.evidence.sentence = s + " " + p + " " + o;
  r.evidence.rule = "test.rule";
  return r;
}

kg::ArticleFacts Article(const std::string& id, const std::string& date, const std::string& hash) {
  kg::ArticleFacts f;
  f.article.id = id;
  f.article.date = date;
  f.article.title = "Title " + id;
  f.article.source = "Test";
  f.content_hash = hash;
  f.entities = {Ent("person/putin", "Wladimir Putin", "person", {"Putin"}),
                Ent("person/kim", "Kim Jong Un", "person"),
                Ent("country/KP", "Nordkorea", "country", {"North Korea"})};
  return f;
}

kg::RelId OnlyRel(kg::Graph& g, kg::NodeId from, const std::string& type) {
  std::vector<kg::AdjEntry> adj;
  REQUIRE(g.Adjacent(from, kg::Direction::kBoth, type, &adj).ok());
  REQUIRE(adj.size() == 1);
  return adj[0].rel;
}

kg::NodeId Node(kg::Graph& g, const std::string& ext) {
  auto r = g.LookupEntityId(ext);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  return **r;
}

}  // namespace

TEMPLATE_TEST_CASE("Graph: ApplyArticle stores entities, relations, evidence", "[graph][ingest]",
                   MemGraph, RocksGraph) {
  TestType b;
  auto g = b.Open();
  auto a = Article("a1", "2023-09-13", "h1");
  a.relations = {RelF("person/putin", "meets", "person/kim"),
                 RelF("person/kim", "leader_of", "country/KP")};
  a.co_mentions = {{"person/kim", "person/putin", 2}};
  REQUIRE(*g->ApplyArticle(a) == kg::IngestOutcome::kNew);
  CHECK(*g->ApplyArticle(a) == kg::IngestOutcome::kUnchanged);

  auto st = g->Stats();
  REQUIRE(st.ok());
  CHECK(st->articles == 1);
  CHECK(st->entities == 3);
  CHECK(st->relations == 3);
  CHECK(st->typed_relations == 2);
  CHECK(st->co_mentions == 1);
  CHECK(st->evidence == 2);
  CHECK(g->ArticleHash("a1")->value() == "h1");
  CHECK_FALSE(g->ArticleHash("zz")->has_value());

  auto putin = Node(*g, "person/putin");
  CHECK(*g->LookupName("putin") == std::vector<kg::NodeId>{putin});
  auto n = g->GetNode(putin);
  CHECK(n->labels == std::vector<std::string>{"Person"});
  CHECK(n->props["id"] == "person/putin");
  CHECK(n->props["name"] == "Wladimir Putin");

  auto meets = g->GetRel(OnlyRel(*g, putin, "MEETS"));
  REQUIRE(meets.ok());
  CHECK(meets->props["support"] == 1);
  CHECK(meets->props["first_seen"] == "2023-09-13");
  CHECK(meets->props["modality"] == "asserted");
  CHECK(meets->props["provenance"] == "article");
  auto co = g->GetRel(OnlyRel(*g, putin, "CO_MENTIONED"));
  CHECK(co->props["weight"] == 2);
  std::vector<kg::EvidenceRecord> ev;
  REQUIRE(g->GetEvidence(meets->id, &ev).ok());
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].article_id == "a1");
  CHECK(ev[0].article_title == "Title a1");
  CHECK(ev[0].rule == "test.rule");
}

TEMPLATE_TEST_CASE("Graph: support counts distinct articles; symmetric predicates merge",
                   "[graph][ingest]", MemGraph, RocksGraph) {
  TestType b;
  auto g = b.Open();
  auto a1 = Article("a1", "2023-09-13", "h1");
  a1.relations = {RelF("person/putin", "meets", "person/kim", 0.6, "reported"),
                  RelF("person/putin", "meets", "person/kim", 0.7, "reported")};
  auto a2 = Article("a2", "2024-06-19", "h2");
  a2.relations = {RelF("person/kim", "meets", "person/putin", 0.9, "asserted")};
  a2.relations[0].location = "city/gn1";
  a1.co_mentions = {{"person/kim", "person/putin", 2}};
  a2.co_mentions = {{"person/putin", "person/kim", 3}};
  REQUIRE(g->ApplyArticle(a1).ok());
  REQUIRE(g->ApplyArticle(a2).ok());
  auto putin = Node(*g, "person/putin");
  auto r = g->GetRel(OnlyRel(*g, putin, "MEETS"));
  CHECK(r->props["support"] == 2);
  CHECK(r->props["first_seen"] == "2023-09-13");
  CHECK(r->props["last_seen"] == "2024-06-19");
  CHECK(r->props["confidence"] == 0.9);
  CHECK(r->props["location"] == "city/gn1");
  std::vector<kg::EvidenceRecord> ev;
  REQUIRE(g->GetEvidence(r->id, &ev).ok());
  CHECK(ev.size() == 3);
  auto co = g->GetRel(OnlyRel(*g, putin, "CO_MENTIONED"));
  CHECK(co->props["weight"] == 5);
  CHECK(co->props["support"] == 2);

  // Forgetting the stronger article restores the weaker evidence's properties.
  REQUIRE(g->ForgetArticle("a2").ok());
  r = g->GetRel(OnlyRel(*g, putin, "MEETS"));
  CHECK(r->props["support"] == 1);
  CHECK(r->props["confidence"] == 0.7);
  CHECK(r->props["modality"] == "reported");
  CHECK(r->props["location"].is_null());
  CHECK(r->props["last_seen"] == "2023-09-13");
  co = g->GetRel(OnlyRel(*g, putin, "CO_MENTIONED"));
  CHECK(co->props["weight"] == 2);
  CHECK(g->ForgetArticle("a2").IsNotFound());
}

TEMPLATE_TEST_CASE("Graph: a changed article replaces its old facts", "[graph][ingest]", MemGraph,
                   RocksGraph) {
  TestType b;
  auto g = b.Open();
  auto v1 = Article("a1", "2023-09-13", "h1");
  v1.relations = {RelF("person/putin", "meets", "person/kim")};
  v1.entities.push_back(Ent("country/RU", "Russland", "country"));
  v1.relations.push_back(RelF("country/RU", "supplies", "country/KP"));
  REQUIRE(g->ApplyArticle(v1).ok());
  auto other = Article("a2", "2023-10-01", "h2");
  other.relations = {RelF("person/putin", "meets", "person/kim")};
  REQUIRE(g->ApplyArticle(other).ok());

  auto v2 = Article("a1", "2023-09-14", "h1b");
  v2.relations = {RelF("person/kim", "visits", "country/KP")};
  REQUIRE(*g->ApplyArticle(v2) == kg::IngestOutcome::kUpdated);

  auto st = g->Stats();
  CHECK(st->articles == 2);
  CHECK(st->typed_relations == 2);  // MEETS (a2 only) + VISITS; SUPPLIES gone
  CHECK(st->entities == 3);         // Russland lost its only article and relation
  CHECK_FALSE(g->LookupEntityId("country/RU")->has_value());
  auto putin = Node(*g, "person/putin");
  auto meets = g->GetRel(OnlyRel(*g, putin, "MEETS"));
  CHECK(meets->props["support"] == 1);
  CHECK(meets->props["first_seen"] == "2023-10-01");
  std::vector<kg::EvidenceRecord> ev;
  REQUIRE(g->GetEvidence(meets->id, &ev).ok());
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].article_id == "a2");

  REQUIRE(g->ForgetArticle("a1").ok());
  REQUIRE(g->ForgetArticle("a2").ok());
  st = g->Stats();
  CHECK(st->articles == 0);
  CHECK(st->entities == 0);
  CHECK(st->relations == 0);
  CHECK(st->evidence == 0);
  CHECK(g->LookupName("putin")->empty());
}

TEMPLATE_TEST_CASE("Graph: KB facts keep provenance kb; entities named only by id are created",
                   "[graph][ingest]", MemGraph, RocksGraph) {
  TestType b;
  auto g = b.Open();
  kg::ArticleFacts f;
  f.article.id = "a";
  f.content_hash = "h";
  auto r = RelF("person/kim-jong-un", "leader_of", "country/KP");
  r.source = "kb";
  f.relations = {r};
  REQUIRE(g->ApplyArticle(f).ok());
  auto kim = Node(*g, "person/kim-jong-un");
  CHECK(g->GetNode(kim)->props["name"] == "kim jong un");
  CHECK(g->GetNode(kim)->labels == std::vector<std::string>{"Person"});
  CHECK(g->GetNode(Node(*g, "country/KP"))->labels == std::vector<std::string>{"Country"});
  auto rel = g->GetRel(OnlyRel(*g, kim, "LEADER_OF"));
  CHECK(rel->props["provenance"] == "kb");

  kg::ArticleFacts bad;
  bad.article.id = "b";
  bad.relations = {RelF("x/a", "frobnicates", "x/b")};
  auto res = g->ApplyArticle(bad);
  REQUIRE_FALSE(res.ok());
  CHECK(res.status().message().find("frobnicates") != std::string::npos);
  CHECK(g->Stats()->articles == 1);  // nothing of the bad article was written
}

TEST_CASE("Graph: RocksDB graph survives reopening with the same ids", "[graph][ingest]") {
  RocksGraph b;
  kg::NodeId putin;
  {
    auto g = b.Open();
    auto a = Article("a1", "2023-09-13", "h1");
    a.relations = {RelF("person/putin", "meets", "person/kim")};
    REQUIRE(g->ApplyArticle(a).ok());
    putin = Node(*g, "person/putin");
  }
  auto g = b.Open();
  CHECK(Node(*g, "person/putin") == putin);
  auto a2 = Article("a2", "2023-09-14", "h2");
  a2.entities.push_back(Ent("country/RU", "Russland", "country"));
  REQUIRE(g->ApplyArticle(a2).ok());
  CHECK(Node(*g, "country/RU") > putin);  // id counters persisted: no reuse
  CHECK(*g->ApplyArticle(Article("a1", "2023-09-13", "h1")) == kg::IngestOutcome::kUnchanged);
}

TEMPLATE_TEST_CASE("Graph: cron file state round-trips and does not count as an article",
                   "[graph][ingest]", MemGraph, RocksGraph) {
  TestType b;
  auto g = b.Open();
  CHECK_FALSE(g->GetFileState("/in/a.jsonl")->has_value());
  kg::FileState st;
  st.size = 42;
  st.mtime_ns = 1700000000123456789LL;
  st.hash = "abc";
  st.articles = {"a1", "a2"};
  REQUIRE(g->PutFileState("/in/a.jsonl", st).ok());
  auto got = g->GetFileState("/in/a.jsonl");
  REQUIRE(got.ok());
  REQUIRE(got->has_value());
  CHECK((*got)->size == 42);
  CHECK((*got)->mtime_ns == 1700000000123456789LL);
  CHECK((*got)->hash == "abc");
  CHECK((*got)->articles == std::vector<std::string>{"a1", "a2"});
  CHECK(g->Stats()->articles == 0);
}

TEST_CASE("Graph: ingest order does not change relationship properties", "[graph][ingest]") {
  auto make = [](const std::string& id, double conf, const std::string& mod, const char* date) {
    auto a = Article(id, date, "h" + id);
    a.relations = {RelF("person/putin", "meets", "person/kim", conf, mod)};
    return a;
  };
  auto a1 = make("a1", 0.8, "reported", "2023-01-01");
  auto a2 = make("a2", 0.8, "asserted", "2022-05-05");
  auto a3 = make("a3", 0.5, "asserted", "2024-02-02");
  auto props = [&](std::vector<kg::ArticleFacts> order) {
    auto g = MemGraph().Open();
    for (const auto& a : order) REQUIRE(g->ApplyArticle(a).ok());
    auto putin = Node(*g, "person/putin");
    return g->GetRel(OnlyRel(*g, putin, "MEETS"))->props;
  };
  auto p1 = props({a1, a2, a3});
  auto p2 = props({a3, a2, a1});
  CHECK(p1 == p2);
  CHECK(p1["modality"] == "asserted");
  CHECK(p1["first_seen"] == "2022-05-05");
  CHECK(p1["last_seen"] == "2024-02-02");
  CHECK(p1["support"] == 3);
}

namespace {

// The relationship's "location" and "location_name" ("" when absent or null;
// "<absent>" for a location_name key that is missing).
std::pair<std::string, std::string> Place(kg::Graph& g, kg::RelId id) {
  auto r = g.GetRel(id);
  REQUIRE(r.ok());
  const auto& p = r->props;
  std::string loc =
      p.contains("location") && p["location"].is_string() ? p["location"].get<std::string>() : "";
  std::string name = "<absent>";
  if (p.contains("location_name")) {
    REQUIRE(p["location_name"].is_string());
    name = p["location_name"].get<std::string>();
  }
  return {loc, name};
}

kg::RelationFact At(kg::RelationFact r, const std::string& location) {
  r.location = location;
  return r;
}

using Pair = std::pair<std::string, std::string>;

}  // namespace

TEMPLATE_TEST_CASE("Graph: location_name follows location (several articles, forget, edits)",
                   "[graph][ingest]", MemGraph, RocksGraph) {
  TestType b;
  auto g = b.Open();
  // a1: the weaker statement, placed in a city the article names.
  auto a1 = Article("a1", "2023-09-13", "h1");
  a1.entities.push_back(Ent("city/gn11", "Nordhafen", "city", {"North Harbour"}));
  a1.relations = {At(RelF("person/putin", "meets", "person/kim", 0.6), "city/gn11")};
  REQUIRE(g->ApplyArticle(a1).ok());
  const auto putin = Node(*g, "person/putin");
  const auto meets = OnlyRel(*g, putin, "MEETS");
  CHECK(Place(*g, meets) == Pair("city/gn11", "Nordhafen"));

  // a2: stronger, in another city; it takes over location and name.
  auto a2 = Article("a2", "2023-09-20", "h2");
  a2.entities.push_back(Ent("region/ostmark", "Ostmark-Gebiet", "region"));
  a2.relations = {At(RelF("person/kim", "meets", "person/putin", 0.9), "region/ostmark")};
  REQUIRE(g->ApplyArticle(a2).ok());
  CHECK(Place(*g, meets) == Pair("region/ostmark", "Ostmark-Gebiet"));

  // a3: weaker, names the first city in its own spelling: location stays a2's.
  auto a3 = Article("a3", "2023-09-21", "h3");
  a3.entities.push_back(Ent("city/gn11", "North Harbour", "city"));
  a3.relations = {At(RelF("person/putin", "meets", "person/kim", 0.5), "city/gn11")};
  REQUIRE(g->ApplyArticle(a3).ok());
  CHECK(Place(*g, meets) == Pair("region/ostmark", "Ostmark-Gebiet"));

  // Forgetting the strongest article: back to a1's place, named as the entity's node is named.
  REQUIRE(g->ForgetArticle("a2").ok());
  CHECK(Place(*g, meets) == Pair("city/gn11", "Nordhafen"));

  // An edited a1 without a place, then a3 forgotten: no place left, no name left.
  auto a1b = Article("a1", "2023-09-13", "h1b");
  a1b.relations = {RelF("person/putin", "meets", "person/kim", 0.95)};
  REQUIRE(*g->ApplyArticle(a1b) == kg::IngestOutcome::kUpdated);
  CHECK(Place(*g, meets) == Pair("", "<absent>"));  // a1b is stronger and has no place
  REQUIRE(g->ForgetArticle("a1").ok());
  CHECK(Place(*g, meets) == Pair("city/gn11", "Nordhafen"));  // a3 alone
  auto a3b = Article("a3", "2023-09-21", "h3b");
  a3b.entities.push_back(Ent("region/ostmark", "Ostmark-Gebiet", "region"));
  a3b.relations = {At(RelF("person/putin", "meets", "person/kim", 0.5), "region/ostmark")};
  REQUIRE(*g->ApplyArticle(a3b) == kg::IngestOutcome::kUpdated);  // an edit moves the place
  CHECK(Place(*g, meets) == Pair("region/ostmark", "Ostmark-Gebiet"));
  a3b.content_hash = "h3c";
  a3b.relations = {RelF("person/putin", "meets", "person/kim", 0.5)};
  REQUIRE(*g->ApplyArticle(a3b) == kg::IngestOutcome::kUpdated);
  CHECK(Place(*g, meets) == Pair("", "<absent>"));

  // A place that is not in the article's entity list: the node already in the
  // store names it; an id no node has gets no name.
  auto a4 = Article("a4", "2023-10-01", "h4");
  a4.relations = {At(RelF("person/kim", "visits", "country/KP"), "region/ostmark")};
  a4.relations.push_back(At(RelF("person/putin", "supports", "country/KP"), "city/gn404"));
  REQUIRE(g->ApplyArticle(a4).ok());
  const auto kim = Node(*g, "person/kim");
  CHECK(Place(*g, OnlyRel(*g, kim, "VISITS")) == Pair("region/ostmark", "Ostmark-Gebiet"));
  CHECK(Place(*g, OnlyRel(*g, putin, "SUPPORTS")) == Pair("city/gn404", "<absent>"));
  CHECK(g->ForgetArticle("a3").ok());
  CHECK(g->ForgetArticle("a4").ok());
  CHECK(g->Stats()->relations == 0);
}

TEMPLATE_TEST_CASE("Graph: records without location_name (older databases) still read and heal",
                   "[graph][ingest]", MemGraph, RocksGraph) {
  TestType b;
  auto g = b.Open();
  auto a1 = Article("a1", "2023-09-13", "h1");
  a1.entities.push_back(Ent("city/gn11", "Nordhafen", "city"));
  a1.relations = {At(RelF("person/putin", "meets", "person/kim", 0.9), "city/gn11")};
  REQUIRE(g->ApplyArticle(a1).ok());
  const auto meets = OnlyRel(*g, Node(*g, "person/putin"), "MEETS");
  // The record as kg wrote it before location_name existed.
  auto rel = g->GetRel(meets);
  auto props = rel->props;
  props.erase("location_name");
  REQUIRE(g->SetRelProps(meets, props).ok());
  CHECK(Place(*g, meets) == Pair("city/gn11", "<absent>"));
  // Snapshots (exports) name the place from the node.
  auto snap = kg::LoadSnapshot(*g);
  REQUIRE(snap.ok());
  REQUIRE(snap->rels().size() == 1);
  CHECK(snap->rels()[0].location_name == "Nordhafen");
  // A stored name is what they show.
  props["location_name"] = "Nordhafen (stored)";
  REQUIRE(g->SetRelProps(meets, props).ok());
  snap = kg::LoadSnapshot(*g);
  REQUIRE(snap.ok());
  CHECK(snap->rels()[0].location_name == "Nordhafen (stored)");
  props.erase("location_name");
  REQUIRE(g->SetRelProps(meets, props).ok());
  // The next article that supports the relationship writes the name.
  auto a2 = Article("a2", "2023-09-20", "h2");
  a2.relations = {RelF("person/putin", "meets", "person/kim", 0.5)};
  REQUIRE(g->ApplyArticle(a2).ok());
  CHECK(Place(*g, meets) == Pair("city/gn11", "Nordhafen"));
}
