// The relationship date index (graph/rel_date.h): what it holds, how every
// write keeps it in step, and the rebuild of a database written before it.
#include <catch2/catch.hpp>
#include <set>

#include "graph/check.h"
#include "graph/graph.h"
#include "graph/keys.h"
#include "graph/rel_date.h"
#include "graph_backends.h"

namespace {

using kg::testing::MemGraph;
using kg::testing::RocksGraph;

int64_t Day(const char* iso) {
  int64_t d = 0;
  kg::DatePrecision p;
  REQUIRE(kg::ParseIsoDate(iso, &d, &p));
  return d;
}

std::set<kg::RelId> InRange(const kg::Graph& g, const char* from, const char* to) {
  std::set<kg::RelId> out;
  REQUIRE(g.ScanRelsByDate(Day(from), Day(to), [&](kg::RelId r) {
             out.insert(r);
             return true;
           }).ok());
  return out;
}

kg::ArticleFacts Article(const std::string& id, const std::string& date,
                         const std::string& rel_date) {
  kg::ArticleFacts f;
  f.article.id = id;
  f.article.date = date;
  f.content_hash = id + date + rel_date;
  for (const char* e : {"person/a", "person/b"}) {
    kg::EntityFact x;
    x.id = e;
    x.name = e;
    x.type = "person";
    f.entities.push_back(x);
  }
  kg::RelationFact r;
  r.subject = "person/a";
  r.predicate = "meets";
  r.object = "person/b";
  r.date = rel_date;
  r.evidence.sentence = "A met B.";
  f.relations.push_back(r);
  kg::CoMention c;
  c.a = "person/a";
  c.b = "person/b";
  c.count = 1;
  f.co_mentions.push_back(c);
  return f;
}

}  // namespace

TEST_CASE("RelDate: ISO dates of any precision, the first day of the period", "[reldate]") {
  int64_t d = 0;
  kg::DatePrecision p;
  REQUIRE(kg::ParseIsoDate("1970-01-02", &d, &p));
  CHECK(d == 1);
  CHECK(p == kg::DatePrecision::kDay);
  REQUIRE(kg::ParseIsoDate("2023-09", &d, &p));
  CHECK(d == Day("2023-09-01"));
  CHECK(p == kg::DatePrecision::kMonth);
  REQUIRE(kg::ParseIsoDate("2024", &d, &p));
  CHECK(d == Day("2024-01-01"));
  CHECK(p == kg::DatePrecision::kYear);
  CHECK(kg::ParseIsoDate("1969-12-31", &d, &p));
  CHECK(d == -1);
  for (const char* bad : {"2023-02-29", "2024-13", "24-01-01", "2024-1-01", "someday", ""})
    CHECK_FALSE(kg::ParseIsoDate(bad, &d, &p));
  CHECK(kg::IndexedRelDay(nlohmann::json{{"~date", "2024-02-29"}}) == Day("2024-02-29"));
  CHECK(kg::IndexedRelDay(nlohmann::json{{"~date", "+12024-02-29"}}) ==
        kg::DaysFromCivil(12024, 2, 29));
  CHECK_FALSE(kg::IndexedRelDay(nlohmann::json{{"~datetime", "2024-02-29T10:00Z"}}).has_value());
  CHECK_FALSE(kg::IndexedRelDay(nlohmann::json(42)).has_value());
}

TEST_CASE("Keys: date index keys sort by day, negative days first", "[keys][reldate]") {
  CHECK(kg::keys::RelDateKey(-5, 9) < kg::keys::RelDateKey(0, 1));
  CHECK(kg::keys::RelDateKey(0, 1) < kg::keys::RelDateKey(0, 2));
  CHECK(kg::keys::RelDateKey(0, 99) < kg::keys::RelDateKey(1, 1));
  int64_t day = 0;
  uint64_t rel = 0;
  REQUIRE(kg::keys::DecodeRelDateKey(kg::keys::RelDateKey(-719468, 77), &day, &rel).ok());
  CHECK(day == -719468);
  CHECK(rel == 77);
  CHECK(kg::keys::DecodeRelDateKey("d123", &day, &rel).code() == kg::Status::Code::kCorruption);
}

TEMPLATE_TEST_CASE("Graph: generic writes keep the date index in step", "[graph][reldate]",
                   MemGraph, RocksGraph) {
  TestType fixture;
  auto g = fixture.Open();
  REQUIRE(g->HasRelDateIndex());
  auto a = g->CreateNode({"Person"}, {{"name", "A"}});
  auto b = g->CreateNode({"Person"}, {{"name", "B"}});
  REQUIRE((a.ok() && b.ok()));
  auto r1 = g->CreateRel(*a, *b, "MEETS", {{"date", "2024-06-19"}});
  auto r2 = g->CreateRel(*a, *b, "MEETS", {{"date", "2024-06"}});
  auto r3 = g->CreateRel(*a, *b, "MEETS", {{"date", "someday"}});
  auto r4 = g->CreateRel(*a, *b, "MEETS", {{"date", {{"~date", "2024-06-20"}}}});
  REQUIRE((r1.ok() && r2.ok() && r3.ok() && r4.ok()));
  CHECK(InRange(*g, "2024-06-01", "2024-06-30") == std::set<kg::RelId>{*r1, *r2, *r4});
  CHECK(InRange(*g, "2024-06-19", "2024-06-19") == std::set<kg::RelId>{*r1});
  CHECK(InRange(*g, "2024-06-02", "2024-06-18").empty());
  REQUIRE(g->SetRelProps(*r1, {{"date", "2023-01-05"}}).ok());
  REQUIRE(g->SetRelProps(*r3, {{"date", "2024-06-10"}}).ok());
  CHECK(InRange(*g, "2024-06-01", "2024-06-30") == std::set<kg::RelId>{*r2, *r3, *r4});
  CHECK(InRange(*g, "2023-01-01", "2023-12-31") == std::set<kg::RelId>{*r1});
  REQUIRE(g->DeleteRel(*r2).ok());
  REQUIRE(g->DeleteNode(*b, /*detach=*/true).ok());
  CHECK(InRange(*g, "0001-01-01", "9999-12-31").empty());
}

TEMPLATE_TEST_CASE("Graph: ingest and forget keep the date index in step", "[graph][reldate]",
                   MemGraph, RocksGraph) {
  TestType fixture;
  auto g = fixture.Open();
  REQUIRE(g->ApplyArticle(Article("art/1", "2023-09-17", "2023-09-13")).ok());
  // The MEETS relation (2023-09-13) and the co-mention (article date).
  CHECK(InRange(*g, "2023-09-13", "2023-09-13").size() == 1);
  CHECK(InRange(*g, "2023-09-01", "2023-09-30").size() == 2);
  // A changed article moves the relation's date; a second article keeps it.
  REQUIRE(g->ApplyArticle(Article("art/1", "2023-09-17", "2023-09")).ok());
  CHECK(InRange(*g, "2023-09-13", "2023-09-13").empty());
  CHECK(InRange(*g, "2023-09-01", "2023-09-01").size() == 1);
  REQUIRE(g->ForgetArticle("art/1").ok());
  CHECK(InRange(*g, "0001-01-01", "9999-12-31").empty());
}

TEST_CASE("Graph: a database without the date index gets it at its first writable open",
          "[graph][reldate]") {
  RocksGraph fixture;
  kg::RelId rel = 0;
  {
    auto g = fixture.Open();
    auto a = g->CreateNode({"Person"}, {{"name", "A"}});
    auto b = g->CreateNode({"Person"}, {{"name", "B"}});
    auto r = g->CreateRel(*a, *b, "MEETS", {{"date", "2024-06-19"}});
    REQUIRE(r.ok());
    rel = *r;
    // As a database written before the index existed: no keys, no flag.
    kg::WriteBatch wb;
    wb.Delete(kg::Cf::kNames, kg::keys::RelDateKey(Day("2024-06-19"), rel));
    wb.Delete(kg::Cf::kMeta, kg::keys::kMetaRelDateIndex);
    REQUIRE(g->store()->Write(wb).ok());
  }
  {
    kg::RocksOptions ro;
    ro.read_only = true;
    auto s = kg::OpenRocksStore(fixture.dir, ro);
    REQUIRE(s.ok());
    auto g = kg::Graph::Open(std::move(s).value());
    REQUIRE(g.ok());
    CHECK_FALSE((*g)->HasRelDateIndex());  // readers fall back to scanning
  }
  auto g = fixture.Open();
  CHECK(g->HasRelDateIndex());
  CHECK(InRange(*g, "2024-06-19", "2024-06-19") == std::set<kg::RelId>{rel});
}

TEST_CASE("CheckGraph/RebuildGraph: the date index is checked and rebuilt", "[graph][reldate][check]") {
  auto g = std::move(kg::Graph::Open(kg::NewMemStore())).value();
  REQUIRE(g->ApplyArticle(Article("art/1", "2023-09-17", "2023-09-13")).ok());
  const std::set<kg::RelId> dated = InRange(*g, "2023-09-13", "2023-09-13");
  REQUIRE(dated.size() == 1);
  const kg::RelId rel = *dated.begin();
  kg::Store* s = g->store();
  kg::GraphCheck clean;
  REQUIRE(kg::CheckGraph(*s, &clean).ok());
  INFO((clean.problems.empty() ? std::string() : clean.problems[0]));
  REQUIRE(clean.problems_total == 0);

  // Damage: the relationship's key gone, a key under a day that is not its date.
  kg::WriteBatch wb;
  wb.Delete(kg::Cf::kNames, kg::keys::RelDateKey(Day("2023-09-13"), rel));
  wb.Put(kg::Cf::kNames, kg::keys::RelDateKey(Day("2020-01-01"), rel), "");
  REQUIRE(s->Write(wb).ok());
  kg::GraphCheck damaged;
  REQUIRE(kg::CheckGraph(*s, &damaged).ok());
  std::string all;
  for (const auto& p : damaged.problems) all += p + "\n";
  INFO(all);
  CHECK(damaged.problems_total == 2);
  CHECK(all.find("date index lacks relationship " + std::to_string(rel)) != std::string::npos);
  CHECK(all.find("date index lists relationship " + std::to_string(rel) + " under a day") != std::string::npos);

  kg::GraphRepair rep;
  REQUIRE(kg::RebuildGraph(s, &rep).ok());
  kg::GraphCheck repaired;
  REQUIRE(kg::CheckGraph(*s, &repaired).ok());
  INFO((repaired.problems.empty() ? std::string() : repaired.problems[0]));
  CHECK(repaired.problems_total == 0);

  // A database without the index (no flag) is not damaged; repair builds it.
  kg::WriteBatch off;
  off.Delete(kg::Cf::kNames, kg::keys::RelDateKey(Day("2023-09-13"), rel));
  off.Delete(kg::Cf::kMeta, kg::keys::kMetaRelDateIndex);
  REQUIRE(s->Write(off).ok());
  kg::GraphCheck unindexed;
  REQUIRE(kg::CheckGraph(*s, &unindexed).ok());
  CHECK(unindexed.problems_total == 0);
  kg::GraphRepair rep2;
  REQUIRE(kg::RebuildGraph(s, &rep2).ok());
  std::string acts;
  for (const auto& a : rep2.actions) acts += a + "\n";
  CHECK(acts.find("date index rebuilt") != std::string::npos);
  std::string flag;
  REQUIRE(s->Get(kg::Cf::kMeta, kg::keys::kMetaRelDateIndex, &flag).ok());
  CHECK(flag == "1");
  std::string key;
  CHECK(s->Get(kg::Cf::kNames, kg::keys::RelDateKey(Day("2023-09-13"), rel), &key).ok());
}
