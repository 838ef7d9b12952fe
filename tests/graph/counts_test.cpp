// Counts kept as data (graph/counts.h) on both backends: after any mix of
// ingest, re-ingest, forget, group commits and generic (Cypher-style) writes
// the stored counts equal the counts derived from the records, kg check finds
// nothing, kg repair restores damaged counts, and an older database (schema
// version 2) gets its counts when a writer opens it.
#include <catch2/catch.hpp>
#include <random>

#include "graph/check.h"
#include "graph/counts.h"
#include "graph/graph.h"
#include "graph/graph_internal.h"
#include "graph/keys.h"
#include "graph_backends.h"

namespace {

using kg::testing::MemGraph;
using kg::testing::RocksGraph;

kg::ArticleFacts Article(int n, int version, std::mt19937* rng) {
  static const std::vector<std::string> ents = {"person/a", "person/b", "country/RU", "country/US",
                                                "city/berlin", "organization/nato", "group/x"};
  static const std::vector<std::string> preds = {"meets", "visits", "attacks", "allied_with",
                                                 "supports"};
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>((*rng)() % k); };
  kg::ArticleFacts f;
  f.article.id = "art-" + std::to_string(n);
  f.article.date = "2024-01-1" + std::to_string(pick(10));
  f.content_hash = "h" + std::to_string(n) + "." + std::to_string(version);
  std::vector<std::string> mine;
  while (mine.size() < 2 + pick(4)) {
    const std::string& e = ents[pick(ents.size())];
    if (std::find(mine.begin(), mine.end(), e) == mine.end()) mine.push_back(e);
  }
  for (const auto& e : mine) {
    kg::EntityFact ef;
    ef.id = e;
    ef.type = e.substr(0, e.find('/'));
    ef.name = "Name " + e;
    f.entities.push_back(ef);
  }
  for (std::size_t i = 0; i < pick(5); ++i) {
    kg::RelationFact r;
    r.subject = mine[pick(mine.size())];
    r.object = mine[pick(mine.size())];
    if (r.subject == r.object) continue;
    r.predicate = preds[pick(preds.size())];
    r.evidence.sentence = "s" + std::to_string(i);
    f.relations.push_back(r);
  }
  if (pick(2)) f.co_mentions.push_back({std::min(mine[0], mine[1]), std::max(mine[0], mine[1]), 1});
  return f;
}

void Workload(kg::Graph* g, unsigned seed) {
  std::mt19937 rng(seed);
  {
    auto b = g->NewIngestBatch(kg::IngestBatchOptions{7, 32u << 20, 256u << 20});
    for (int i = 0; i < 40; ++i) REQUIRE(b->ApplyArticle(Article(i, 0, &rng)).ok());
    for (int i = 0; i < 40; i += 3) REQUIRE(b->ApplyArticle(Article(i, 1, &rng)).ok());
    for (int i = 1; i < 40; i += 5) REQUIRE(b->ForgetArticle("art-" + std::to_string(i)).ok());
    REQUIRE(b->Commit().ok());
  }
  for (int i = 40; i < 50; ++i) REQUIRE(g->ApplyArticle(Article(i, 0, &rng)).ok());
  REQUIRE(g->ForgetArticle("art-42").ok());
  // Generic writes: nodes with several labels, label changes, a self-loop,
  // relationships and deletions.
  auto x = g->CreateNode({"Person", "Analyst", "Person"}, {{"name", "X"}});
  auto y = g->CreateNode({}, {{"name", "X"}});
  REQUIRE(x.ok());
  REQUIRE(y.ok());
  auto r1 = g->CreateRel(*x, *y, "KNOWS", nlohmann::json::object());
  auto r2 = g->CreateRel(*x, *x, "KNOWS", nlohmann::json::object());
  REQUIRE(r1.ok());
  REQUIRE(r2.ok());
  REQUIRE(g->SetNodeLabels(*y, {"Country"}).ok());
  REQUIRE(g->DeleteRel(*r1).ok());
  REQUIRE(g->BeginTransaction().ok());
  auto z = g->CreateNode({"Group"}, nlohmann::json::object());
  REQUIRE(z.ok());
  REQUIRE(g->CreateRel(*z, *y, "MEETS", nlohmann::json::object()).ok());
  REQUIRE(g->CommitTransaction().ok());
  REQUIRE(g->BeginTransaction().ok());
  REQUIRE(g->DeleteNode(*z, /*detach=*/true).ok());
  g->RollbackTransaction();
}

void RequireCountsMatch(const kg::Graph& g) {
  kg::internal::CountRecords have, want;
  REQUIRE(kg::internal::StoredCounts(*g.store(), &have).ok());
  REQUIRE(kg::internal::Recount(*g.store(), &want).ok());
  CHECK(have.meta == want.meta);
  CHECK(have.degree == want.degree);
  kg::GraphCheck c;
  REQUIRE(kg::CheckGraph(*g.store(), &c).ok());
  for (const auto& p : c.problems) INFO(p);
  CHECK(c.problems_total == 0);
}

}  // namespace

TEMPLATE_TEST_CASE("Counts: kept equal to the records through every kind of write", "[graph][counts]",
                   MemGraph, RocksGraph) {
  TestType backend;
  auto g = backend.Open();
  REQUIRE(g->counts_kept());
  Workload(g.get(), 7);
  RequireCountsMatch(*g);
  auto st = g->Stats();
  REQUIRE(st.ok());
  CHECK(st->entities == *g->CountNodes(""));
  CHECK(*g->CountNodes("Person") >= 1);
  CHECK(*g->CountSelfLoops() == 1);
  // Stats from counts equal Stats by counting every record.
  auto scanned = kg::internal::ScanStats(*g->store());
  REQUIRE(scanned.ok());
  CHECK(st->entities == scanned->entities);
  CHECK(st->relations == scanned->relations);
  CHECK(st->co_mentions == scanned->co_mentions);
  CHECK(st->evidence == scanned->evidence);
  CHECK(st->articles == scanned->articles);
  // Degrees: the sum of out (and of in) degrees is the number of relationships.
  uint64_t out = 0, in = 0;
  REQUIRE(g->ScanDegrees([&](kg::NodeId, const std::vector<kg::keys::DegreeEntry>& rec) {
                for (const auto& e : rec) out += e.out, in += e.in;
                return true;
              }).ok());
  CHECK(out == st->relations);
  CHECK(in == st->relations);
}

TEMPLATE_TEST_CASE("Counts: forgetting every article leaves no count", "[graph][counts]", MemGraph,
                   RocksGraph) {
  TestType backend;
  auto g = backend.Open();
  std::mt19937 rng(3);
  for (int i = 0; i < 20; ++i) REQUIRE(g->ApplyArticle(Article(i, 0, &rng)).ok());
  for (int i = 0; i < 20; ++i) REQUIRE(g->ForgetArticle("art-" + std::to_string(i)).ok());
  kg::internal::CountRecords have;
  REQUIRE(kg::internal::StoredCounts(*g->store(), &have).ok());
  CHECK(have.meta.empty());
  CHECK(have.degree.empty());
}

TEST_CASE("Counts: a schema-2 database gets its counts from its first writer; check and repair",
          "[graph][counts]") {
  RocksGraph backend;
  {
    auto g = backend.Open();
    Workload(g.get(), 11);
    // Make it look like a database written before counts: no count keys, version 2.
    kg::internal::CountRecords have;
    REQUIRE(kg::internal::StoredCounts(*g->store(), &have).ok());
    kg::WriteBatch b;
    kg::internal::CountFixes(have, kg::internal::CountRecords{}, &b);
    b.Put(kg::Cf::kMeta, kg::keys::kMetaSchemaVersion, "2");
    REQUIRE(g->store()->Write(b).ok());
  }
  {
    // A reader keeps it as it is and counts by scanning.
    kg::RocksOptions ro;
    ro.read_only = true;
    auto s = kg::OpenRocksStore(backend.dir, ro);
    REQUIRE(s.ok());
    auto g = kg::Graph::Open(std::move(s).value());
    REQUIRE(g.ok());
    CHECK_FALSE((*g)->counts_kept());
    CHECK((*g)->CountNodes("").status().code() == kg::Status::Code::kNotSupported);
    CHECK((*g)->Stats().ok());
  }
  {
    auto g = backend.Open();  // a writer derives the counts
    CHECK(g->counts_kept());
    RequireCountsMatch(*g);
    // Damage a count and a degree record: check names them, repair fixes them.
    kg::WriteBatch b;
    b.Put(kg::Cf::kMeta, kg::keys::CountKey(kg::keys::kCountType, "MEETS"), kg::keys::U64(12345));
    b.Delete(kg::Cf::kArticles, kg::keys::DegreeKey(1));
    REQUIRE(g->store()->Write(b).ok());
    kg::GraphCheck c;
    REQUIRE(kg::CheckGraph(*g->store(), &c).ok());
    CHECK(c.problems_total >= 1);
    bool named = false;
    for (const auto& p : c.problems) named |= p.find("count of type MEETS is 12345") != std::string::npos;
    CHECK(named);
    kg::GraphRepair rep;
    REQUIRE(kg::RebuildGraph(g->store(), &rep).ok());
    RequireCountsMatch(*g);
  }
}
