// Issue 22, graph layer: the overlay store and Graph transactions, the
// consistency check and rebuild, the commit record, date and line checks of
// kg load input.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "graph/check.h"
#include "graph/commit_record.h"
#include "graph/fact_lines.h"
#include "graph/graph.h"
#include "graph/keys.h"
#include "graph/overlay_store.h"
#include "graph/rocks_store.h"
#include "graph_backends.h"

using namespace kg;

namespace {

std::vector<std::pair<std::string, std::string>> Dump(const Store& s, Cf cf) {
  std::vector<std::pair<std::string, std::string>> out;
  auto it = s.NewIterator(cf);
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace_back(it->key(), it->value());
  REQUIRE(it->status().ok());
  return out;
}

ArticleFacts Article(const std::string& id, const std::string& a, const std::string& b) {
  ArticleFacts f;
  f.article.id = id;
  f.article.date = "2024-06-19";
  f.content_hash = id + a + b;
  for (const auto& n : {a, b}) {
    EntityFact e;
    e.id = "person/" + n;
    e.name = n;
    e.type = "person";
    f.entities.push_back(e);
  }
  RelationFact r;
  r.subject = "person/" + a;
  r.predicate = "meets";
  r.object = "person/" + b;
  r.evidence.sentence = a + " meets " + b;
  f.relations.push_back(r);
  f.co_mentions.push_back({"person/" + a, "person/" + b, 2});
  return f;
}

}  // namespace

TEST_CASE("OverlayStore: reads merge pending writes over the base, deletes hide keys", "[store][txn]") {
  auto base = NewMemStore();
  WriteBatch b;
  for (const char* k : {"a", "c", "e"}) b.Put(Cf::kNodes, k, std::string("base-") + k);
  REQUIRE(base->Write(b).ok());
  auto ov = NewOverlayStore(base.get());
  WriteBatch w;
  w.Put(Cf::kNodes, "b", "new-b");
  w.Put(Cf::kNodes, "c", "new-c");
  w.Delete(Cf::kNodes, "e");
  w.Put(Cf::kNodes, "f", "new-f");
  REQUIRE(ov->Write(w).ok());
  std::string v;
  REQUIRE(ov->Get(Cf::kNodes, "c", &v).ok());
  CHECK(v == "new-c");
  CHECK(ov->Get(Cf::kNodes, "e", &v).IsNotFound());
  CHECK(Dump(*ov, Cf::kNodes) == std::vector<std::pair<std::string, std::string>>{
                                     {"a", "base-a"}, {"b", "new-b"}, {"c", "new-c"}, {"f", "new-f"}});
  auto it = ov->NewIterator(Cf::kNodes);
  it->Seek("d");
  REQUIRE(it->Valid());
  CHECK(it->key() == "f");
  // Nothing reached the base until the batch is taken and written.
  CHECK(Dump(*base, Cf::kNodes).size() == 3);
  REQUIRE(base->Write(ov->TakeBatch()).ok());
  CHECK(Dump(*base, Cf::kNodes) == std::vector<std::pair<std::string, std::string>>{
                                       {"a", "base-a"}, {"b", "new-b"}, {"c", "new-c"}, {"f", "new-f"}});
}

TEMPLATE_TEST_CASE("Graph: a transaction is stored by one commit or not at all", "[graph][txn]",
                   testing::MemGraph, testing::RocksGraph) {
  TestType b;
  auto g = b.Open();
  auto before = g->Stats();
  REQUIRE(before.ok());
  REQUIRE(g->BeginTransaction().ok());
  CHECK(g->BeginTransaction().code() == Status::Code::kInvalidArgument);
  auto n1 = g->CreateNode({"Temp"}, {{"name", "one"}});
  REQUIRE(n1.ok());
  auto n2 = g->CreateNode({"Temp"}, {{"name", "two"}});
  REQUIRE(n2.ok());
  REQUIRE(g->CreateRel(*n1, *n2, "KNOWS", nlohmann::json::object()).ok());
  // Reads through the graph see the pending writes.
  std::vector<AdjEntry> adj;
  REQUIRE(g->Adjacent(*n1, Direction::kOut, "", &adj).ok());
  CHECK(adj.size() == 1);
  auto found = g->LookupName("one");
  REQUIRE(found.ok());
  CHECK(found->size() == 1);
  g->RollbackTransaction();
  auto after = g->Stats();
  REQUIRE(after.ok());
  CHECK(after->entities == before->entities);
  // The rolled-back ids are handed out again; a committed transaction stays.
  REQUIRE(g->BeginTransaction().ok());
  auto m1 = g->CreateNode({"Temp"}, {{"name", "three"}});
  REQUIRE(m1.ok());
  CHECK(*m1 == *n1);
  REQUIRE(g->CommitTransaction().ok());
  CHECK(g->Stats()->entities == before->entities + 1);
  GraphCheck gc;
  REQUIRE(CheckGraph(*g->store(), &gc).ok());
  CHECK(gc.problems.empty());
}

TEST_CASE("CheckGraph/RebuildGraph: damage is named and rebuilt", "[graph][check]") {
  auto g = std::move(Graph::Open(NewMemStore())).value();
  REQUIRE(g->ApplyArticle(Article("a1", "anna", "bert")).ok());
  REQUIRE(g->ApplyArticle(Article("a2", "anna", "carl")).ok());
  REQUIRE(g->ApplyArticle(Article("a3", "bert", "carl")).ok());
  Store* s = g->store();
  GraphCheck clean;
  REQUIRE(CheckGraph(*s, &clean).ok());
  INFO((clean.problems.empty() ? std::string() : clean.problems[0]));
  REQUIRE(clean.problems_total == 0);
  CHECK(clean.nodes == 3);
  CHECK(clean.rels == 6);
  CHECK(clean.articles == 3);

  // Damage: one out-adjacency chunk gone, a node record gone (its
  // relationships dangle), an evidence record of no relationship, a wrong
  // support, the node counter lowered, a stray name-index key.
  auto adj = Dump(*s, Cf::kOutAdj);
  auto nodes = Dump(*s, Cf::kNodes);
  auto rels = Dump(*s, Cf::kRels);
  WriteBatch b;
  b.Delete(Cf::kOutAdj, adj.front().first);
  b.Delete(Cf::kNodes, nodes.back().first);
  b.Put(Cf::kEvidence, keys::EncodeEvidenceKey(999, keys::kEvidenceTyped, "ghost", 0),
        keys::EncodeValue({{"s", "x"}}));
  {
    nlohmann::json j;
    REQUIRE(keys::DecodeValue(rels.front().second, "rel", &j).ok());
    j["p"]["support"] = 7;
    b.Put(Cf::kRels, rels.front().first, keys::EncodeValue(j));
  }
  b.Put(Cf::kMeta, keys::kMetaNextNodeId, keys::U64(1));
  b.Put(Cf::kNames, keys::NameKey("nobody", 1), "");
  REQUIRE(s->Write(b).ok());

  GraphCheck damaged;
  REQUIRE(CheckGraph(*s, &damaged).ok());
  std::string all;
  for (const auto& p : damaged.problems) all += p + "\n";
  INFO(all);
  CHECK(all.find("is missing from the out-adjacency") != std::string::npos);
  CHECK(all.find("which does not exist") != std::string::npos);
  CHECK(all.find("article 'ghost'") != std::string::npos);
  CHECK(all.find("has support 7") != std::string::npos);
  CHECK(all.find("next node id") != std::string::npos);
  CHECK(all.find("name index lists 'nobody'") != std::string::npos);

  GraphRepair rep;
  REQUIRE(RebuildGraph(s, &rep).ok());
  CHECK_FALSE(rep.actions.empty());
  GraphCheck repaired;
  REQUIRE(CheckGraph(*s, &repaired).ok());
  INFO((repaired.problems.empty() ? std::string() : repaired.problems[0]));
  CHECK(repaired.problems_total == 0);
  CHECK(repaired.nodes == 2);
  // The repaired graph takes new articles and passes the check again.
  auto g2 = std::move(Graph::Open(NewMemStore())).value();
  GraphRepair none;
  REQUIRE(RebuildGraph(g2->store(), &none).ok());
  CHECK(none.writes == 0);
}

TEST_CASE("Commit record: round trip, damaged file, truncated MANIFEST", "[graph][integrity]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kg-commit-record-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  internal::CommitRecord r;
  r.seq = 42;
  r.manifest = "MANIFEST-000009";
  r.manifest_size = 500;
  r.has_files = true;
  r.files = {{"000007.sst", 1234}, {"000008.sst", 99}};
  REQUIRE(internal::WriteCommitRecord(dir.string(), r).ok());
  auto back = internal::ReadCommitRecord(dir.string());
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK((*back)->seq == 42);
  CHECK((*back)->files == r.files);
  std::ofstream(dir / "CURRENT") << "MANIFEST-000009\n";
  std::ofstream(dir / "MANIFEST-000009") << std::string(499, 'm');
  CHECK(internal::CheckManifestLength(dir.string(), r).code() == Status::Code::kCorruption);
  std::ofstream(dir / "MANIFEST-000009") << std::string(600, 'm');
  CHECK(internal::CheckManifestLength(dir.string(), r).ok());
  std::ofstream(dir / internal::kCommitRecordFile) << "junk\n";
  CHECK(internal::ReadCommitRecord(dir.string()).status().code() == Status::Code::kCorruption);
  fs::remove_all(dir);
  CHECK_FALSE(internal::ReadCommitRecord(dir.string())->has_value());
}

TEST_CASE("Rocks store: a damaged log or table file is Corruption, never a smaller graph", "[store][integrity]") {
  testing::RocksGraph b;
  {
    auto g = b.Open();
    REQUIRE(g->ApplyArticle(Article("a1", "anna", "bert")).ok());
  }
  namespace fs = std::filesystem;
  // The writer closed cleanly: the data is in table files, the commit record lists them.
  std::vector<fs::path> tables;
  for (const auto& e : fs::directory_iterator(b.dir))
    if (e.path().extension() == ".sst") tables.push_back(e.path());
  REQUIRE_FALSE(tables.empty());
  std::sort(tables.begin(), tables.end(), [](const fs::path& x, const fs::path& y) {
    return fs::file_size(x) > fs::file_size(y);
  });
  fs::remove(tables.front());
  RocksOptions ro;
  ro.read_only = true;
  auto reader = OpenRocksStore(b.dir, ro);
  REQUIRE_FALSE(reader.ok());
  CHECK(reader.status().code() == Status::Code::kCorruption);
  CHECK_THAT(reader.status().message(), Catch::Contains("table file") && Catch::Contains("kg repair"));
  auto writer = OpenRocksStore(b.dir, RocksOptions{});
  REQUIRE_FALSE(writer.ok());
  CHECK(writer.status().code() == Status::Code::kCorruption);
}

TEST_CASE("Dates: only real calendar dates", "[model]") {
  for (const char* d : {"2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"}) CHECK(IsValidDate(d));
  for (const char* d : {"", "24", "2024-13", "2024-00", "2023-02-29", "1900-02-29", "2024-04-31", "2024-1-1",
                        "2024-01-01T00", "abcd"})
    CHECK_FALSE(IsValidDate(d));
}

TEST_CASE("FactLineReader: bad lines are rejected one by one", "[load]") {
  FactLineReader r("f.jsonl");
  CHECK(r.AddLine(R"({"subject":"A","predicate":"meets","object":"B","article":"x"})", 1).ok());
  CHECK(r.AddLine(std::string("{\"subject\":\"A\"\0}", 16), 2).code() == Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"subject":"A","predicate":"co_mentioned","object":"B","weight":99999999999})", 3).code() ==
        Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"subject":"A","predicate":"meets","object":"B","date":"2024-02-30"})", 4).code() ==
        Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"subject":"A","subject_type":"alien","predicate":"meets","object":"B"})", 5).code() ==
        Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"article":{"id":"x"},"relations":[]})", 6).code() == Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"article":{"id":"y","date":"2024-13"}})", 7).code() == Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"article":{"id":"z"},"co_mentions":[{"a":"p","b":"q","count":3000000000}]})", 8).code() ==
        Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"article":{"id":""},"entities":[]})", 10).code() == Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"article":{"id":"w"},"entities":[{"id":""}]})", 11).code() == Status::Code::kCorruption);
  CHECK(r.AddLine(R"({"subject":"C","predicate":"meets","object":"D","article":"x"})", 9).ok());
  REQUIRE(r.articles().size() == 1);
  CHECK(r.articles()[0].relations.size() == 2);
  // A stream with a NUL byte: only that line is lost.
  static const char kNulLine[] = "{\"subject\":\"A\",\"predicate\":\"meets\",\"object\":\"B\"\0}\n";
  std::string data = std::string(kNulLine, sizeof kNulLine - 1) +
                     R"({"subject":"E","predicate":"meets","object":"F"})" + "\n";
  FILE* f = fmemopen(data.data(), data.size(), "rb");
  FactLineReader s("g.jsonl");
  std::vector<long> bad;
  REQUIRE(s.AddStream(f, [&](long line, const Status&) { bad.push_back(line); }).ok());
  std::fclose(f);
  CHECK(bad == std::vector<long>{1});
  REQUIRE(s.articles().size() == 1);
  CHECK(s.articles()[0].article.id == "g.jsonl#2");
}
