// Group commit (Graph::IngestBatch) on both backends: a group must store
// exactly what the same articles applied one by one store (compared as full
// key/value dumps of every column family), keep each article all or nothing,
// and keep its session caches right across forget / retract / other writes.
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <sstream>

#include "graph/graph.h"
#include "graph/rocks_store.h"
#include "graph_backends.h"

namespace {

using kg::testing::MemGraph;
using kg::testing::RocksGraph;

// Every key/value of every column family, hex-free but exact.
std::string Dump(const kg::Graph& g) {
  std::string out;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kg::Cf::kCount); ++i) {
    auto it = g.store()->NewIterator(static_cast<kg::Cf>(i));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out +=
          std::to_string(i) + "|" + std::string(it->key()) + "|" + std::string(it->value()) + "\n";
    }
    REQUIRE(it->status().ok());
  }
  return out;
}

const std::vector<std::string> kEntities = {
    "person/putin",  "person/kim",  "person/biden", "country/KP",   "country/RU",
    "country/US",    "city/berlin", "city/wien",    "org/uno",      "organization/nato",
    "person/merkel", "country/DE",  "group/hamas",  "region/tirol", "person/scholz"};
const std::vector<std::string> kPreds = {"meets",   "visits",    "supplies", "allied_with",
                                         "attacks", "sanctions", "supports", "negotiates_with"};

// A deterministic random article; `version` changes its content (and hash).
kg::ArticleFacts RandomArticle(int n, int version, std::mt19937* rng) {
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>((*rng)() % k); };
  kg::ArticleFacts f;
  f.article.id = "art-" + std::to_string(n);
  f.article.date = "2024-0" + std::to_string(1 + pick(9)) + "-1" + std::to_string(pick(10));
  f.article.title = "T" + std::to_string(n) + "v" + std::to_string(version);
  f.article.source = "Test";
  f.content_hash = "h" + std::to_string(n) + "." + std::to_string(version);
  std::vector<std::string> ents;
  const std::size_t ne = 2 + pick(5);
  while (ents.size() < ne) {
    const std::string& e = kEntities[pick(kEntities.size())];
    if (std::find(ents.begin(), ents.end(), e) == ents.end()) ents.push_back(e);
  }
  for (const auto& e : ents) {
    kg::EntityFact ef;
    ef.id = e;
    ef.type = e.substr(0, e.find('/')) == "org" ? "organization" : e.substr(0, e.find('/'));
    if (pick(3) != 0) ef.name = "Name of " + e;
    if (pick(2) == 0) ef.aliases = {"Alias " + std::to_string(pick(4)) + " " + e};
    f.entities.push_back(std::move(ef));
  }
  const std::size_t nr = pick(4);
  for (std::size_t i = 0; i < nr; ++i) {
    kg::RelationFact r;
    r.subject = ents[pick(ents.size())];
    r.object = ents[pick(ents.size())];
    if (r.subject == r.object) continue;
    r.predicate = kPreds[pick(kPreds.size())];
    r.confidence = 0.5 + 0.1 * static_cast<double>(pick(5));
    r.modality = pick(3) == 0 ? "reported" : "asserted";
    if (pick(3) == 0) r.location = "city/berlin";
    r.date = pick(2) ? f.article.date : "";
    r.evidence.sentence = "sentence " + std::to_string(n) + "/" + std::to_string(i);
    r.evidence.rule = "test.rule";
    if (pick(8) == 0) r.source = "kb";
    f.relations.push_back(std::move(r));
  }
  for (std::size_t i = 0; i + 1 < ents.size(); ++i)
    if (pick(2) == 0)
      f.co_mentions.push_back({std::min(ents[i], ents[i + 1]), std::max(ents[i], ents[i + 1]),
                               1 + static_cast<int>(pick(3))});
  return f;
}

// One step of a workload: apply an article or forget one.
struct Op {
  bool forget = false;
  std::string id;
  kg::ArticleFacts facts;
};

std::vector<Op> Workload(unsigned seed, int articles) {
  std::mt19937 rng(seed);
  std::vector<Op> ops;
  for (int i = 0; i < articles; ++i) ops.push_back({false, "", RandomArticle(i, 0, &rng)});
  // Updates, repeats (unchanged) and forgets mixed in.
  for (int i = 0; i < articles; ++i) {
    const int n = static_cast<int>(rng() % static_cast<unsigned>(articles));
    switch (rng() % 4) {
      case 0:
        ops.push_back({false, "", RandomArticle(n, 1 + i, &rng)});
        break;
      case 1:
        ops.push_back({true, "art-" + std::to_string(n), {}});
        break;
      case 2:
        ops.push_back(ops[static_cast<std::size_t>(n)]);
        break;  // same content again
      default:
        ops.push_back({false, "", RandomArticle(articles + i, 0, &rng)});
        break;
    }
  }
  return ops;
}

// Applies ops one call each; returns the per-op status codes / outcomes.
std::vector<std::string> ApplySingly(kg::Graph& g, const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) {
    if (op.forget) {
      out.push_back(g.ForgetArticle(op.id).ToString());
    } else {
      auto r = g.ApplyArticle(op.facts);
      out.push_back(r.ok() ? std::to_string(static_cast<int>(*r)) : r.status().ToString());
    }
  }
  return out;
}

std::vector<std::string> ApplyBatched(kg::IngestBatch& b, const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) {
    if (op.forget) {
      out.push_back(b.ForgetArticle(op.id).ToString());
    } else {
      auto r = b.ApplyArticle(op.facts);
      out.push_back(r.ok() ? std::to_string(static_cast<int>(*r)) : r.status().ToString());
    }
  }
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("IngestBatch: a group of N articles equals N single ApplyArticle calls",
                   "[graph][ingest][batch]", MemGraph, RocksGraph) {
  const auto ops = Workload(7, 60);
  TestType ref_b, grp_b;
  auto ref = ref_b.Open();
  auto grp = grp_b.Open();
  const auto want = ApplySingly(*ref, ops);
  for (std::size_t group : {std::size_t{1}, std::size_t{5}, std::size_t{1000}}) {
    SECTION("group size " + std::to_string(group)) {
      kg::IngestBatchOptions o;
      o.max_articles = group;
      auto batch = grp->NewIngestBatch(o);
      CHECK(ApplyBatched(*batch, ops) == want);
      REQUIRE(batch->Commit().ok());
      CHECK(Dump(*grp) == Dump(*ref));
    }
  }
}

TEMPLATE_TEST_CASE(
    "IngestBatch: a tiny cache budget (dropped at every commit) gives the same graph",
    "[graph][ingest][batch]", MemGraph, RocksGraph) {
  const auto ops = Workload(11, 40);
  TestType ref_b, grp_b;
  auto ref = ref_b.Open();
  auto grp = grp_b.Open();
  const auto want = ApplySingly(*ref, ops);
  kg::IngestBatchOptions o;
  o.max_articles = 3;
  o.cache_bytes = 1;
  auto batch = grp->NewIngestBatch(o);
  CHECK(ApplyBatched(*batch, ops) == want);
  REQUIRE(batch->Commit().ok());
  CHECK(Dump(*grp) == Dump(*ref));
}

TEMPLATE_TEST_CASE(
    "IngestBatch: a failing article in a group leaves no trace, the others are stored",
    "[graph][ingest][batch]", MemGraph, RocksGraph) {
  std::mt19937 rng(3);
  auto a1 = RandomArticle(1, 0, &rng);
  auto a3 = RandomArticle(3, 0, &rng);
  // Fails after it has created a new entity node (entities are stored before
  // the relations are checked).
  auto bad = RandomArticle(2, 0, &rng);
  bad.entities.push_back({});
  bad.entities.back().id = "person/ghost";
  bad.entities.back().name = "Ghost";
  kg::RelationFact r;
  r.subject = "person/ghost";
  r.predicate = "haunts";
  r.object = bad.entities.front().id;
  bad.relations.push_back(r);
  // A changed version of a1 that fails: the retraction of a1 must be undone too.
  auto a1_bad = RandomArticle(1, 9, &rng);
  a1_bad.relations.push_back(r);
  a1_bad.entities.push_back(bad.entities.back());

  TestType ref_b, grp_b;
  auto ref = ref_b.Open();
  auto grp = grp_b.Open();
  // Reference: one by one (failed calls write nothing).
  REQUIRE(ref->ApplyArticle(a1).ok());
  CHECK(ref->ApplyArticle(bad).status().code() == kg::Status::Code::kInvalidArgument);
  CHECK(!ref->ApplyArticle(a1_bad).ok());
  REQUIRE(ref->ApplyArticle(a3).ok());

  auto batch = grp->NewIngestBatch();
  REQUIRE(batch->ApplyArticle(a1).ok());
  auto rb = batch->ApplyArticle(bad);
  CHECK(rb.status().code() == kg::Status::Code::kInvalidArgument);
  CHECK(rb.status().message().find("art-2") != std::string::npos);
  CHECK(!batch->ApplyArticle(a1_bad).ok());
  REQUIRE(batch->ApplyArticle(a3).ok());
  CHECK(batch->pending_articles() == 2);
  REQUIRE(batch->Commit().ok());

  CHECK_FALSE(grp->LookupEntityId("person/ghost")->has_value());
  CHECK(*grp->ArticleHash("art-1") == a1.content_hash);
  CHECK(*grp->ArticleHash("art-3") == a3.content_hash);
  CHECK_FALSE(grp->ArticleHash("art-2")->has_value());
  CHECK(Dump(*grp) == Dump(*ref));
}

TEMPLATE_TEST_CASE("IngestBatch: pending articles and file states are invisible until Commit",
                   "[graph][ingest][batch]", MemGraph, RocksGraph) {
  std::mt19937 rng(5);
  auto a1 = RandomArticle(1, 0, &rng);
  TestType b;
  auto g = b.Open();
  const std::string empty = Dump(*g);
  {
    auto batch = g->NewIngestBatch();
    REQUIRE(batch->ApplyArticle(a1).ok());
    kg::FileState fs;
    fs.size = 10;
    fs.hash = "abc";
    fs.articles = {"art-1"};
    REQUIRE(batch->PutFileState("/x/file.jsonl", fs).ok());
    CHECK(*batch->ArticleHash("art-1") == a1.content_hash);
    CHECK(batch->GetFileState("/x/file.jsonl")->has_value());
    CHECK_FALSE(g->ArticleHash("art-1")->has_value());
    CHECK_FALSE(g->GetFileState("/x/file.jsonl")->has_value());
    CHECK(*batch->ApplyArticle(a1) == kg::IngestOutcome::kUnchanged);  // sees its own group
    // Destroyed without Commit: dropped.
  }
  CHECK(Dump(*g) == empty);
  auto batch = g->NewIngestBatch();
  REQUIRE(batch->ApplyArticle(a1).ok());
  kg::FileState fs;
  fs.articles = {"art-1"};
  REQUIRE(batch->PutFileState("/x/file.jsonl", fs).ok());
  REQUIRE(batch->Commit().ok());
  CHECK(*g->ArticleHash("art-1") == a1.content_hash);
  CHECK(g->GetFileState("/x/file.jsonl")->has_value());
}

TEMPLATE_TEST_CASE(
    "IngestBatch: caches stay right after forget, retract and writes around the batch",
    "[graph][ingest][batch]", MemGraph, RocksGraph) {
  std::mt19937 rng(9);
  std::vector<kg::ArticleFacts> v0, v1;
  for (int i = 0; i < 6; ++i) v0.push_back(RandomArticle(i, 0, &rng));
  for (int i = 0; i < 6; ++i) v1.push_back(RandomArticle(i, 1, &rng));
  TestType ref_b, grp_b;
  auto ref = ref_b.Open();
  auto grp = grp_b.Open();
  kg::IngestBatchOptions o;
  o.max_articles = 2;
  auto batch = grp->NewIngestBatch(o);
  for (const auto& a : v0) {
    REQUIRE(ref->ApplyArticle(a).ok());
    REQUIRE(batch->ApplyArticle(a).ok());
  }
  // Forget two, re-apply changed versions of others, then forget one of those.
  for (const char* id : {"art-0", "art-3"}) {
    REQUIRE(ref->ForgetArticle(id).ok());
    REQUIRE(batch->ForgetArticle(id).ok());
  }
  CHECK(batch->ForgetArticle("art-0").IsNotFound());  // forgotten in the pending group
  for (int i : {1, 2, 4}) {
    REQUIRE(*ref->ApplyArticle(v1[static_cast<std::size_t>(i)]) == kg::IngestOutcome::kUpdated);
    REQUIRE(*batch->ApplyArticle(v1[static_cast<std::size_t>(i)]) == kg::IngestOutcome::kUpdated);
  }
  REQUIRE(ref->ForgetArticle("art-2").ok());
  REQUIRE(batch->ForgetArticle("art-2").ok());
  REQUIRE(batch->Commit().ok());
  CHECK(Dump(*grp) == Dump(*ref));

  // A write around the batch (generic API) after a commit: the batch must not
  // trust its cache of the node it changed.
  for (auto* g : {ref.get(), grp.get()}) {
    auto putin = g->LookupEntityId("person/putin");
    REQUIRE(putin.ok());
    if (putin->has_value()) {
      auto n = g->GetNode(**putin);
      REQUIRE(n.ok());
      auto props = n->props;
      props["aliases"] = nlohmann::json::array({"Der Kremlchef"});
      REQUIRE(g->SetNodeProps(**putin, props).ok());
    }
    REQUIRE(g->CreateNode({"Person"}, {{"name", "Generic"}}).ok());
  }
  for (const auto& a : {v1[0], v1[3], v1[5], v0[2]}) {
    REQUIRE(ref->ApplyArticle(a).ok());
    REQUIRE(batch->ApplyArticle(a).ok());
  }
  REQUIRE(batch->Commit().ok());
  CHECK(Dump(*grp) == Dump(*ref));

  // Forget everything: only the generic node stays.
  for (int i = 0; i < 6; ++i) {
    const std::string id = "art-" + std::to_string(i);
    CHECK(ref->ForgetArticle(id).ToString() == batch->ForgetArticle(id).ToString());
  }
  REQUIRE(batch->Commit().ok());
  CHECK(Dump(*grp) == Dump(*ref));
  auto st = grp->Stats();
  CHECK(st->articles == 0);
  CHECK(st->entities == 1);
  CHECK(st->relations == 0);
}

TEST_CASE("IngestBatch: a reopened RocksDB graph continues from the committed groups",
          "[graph][ingest][batch]") {
  const auto ops = Workload(21, 30);
  RocksGraph ref_b, grp_b;
  auto ref = ref_b.Open();
  const auto want = ApplySingly(*ref, ops);
  std::vector<std::string> got;
  const std::size_t half = ops.size() / 2;
  {
    auto g = grp_b.Open();
    kg::IngestBatchOptions o;
    o.max_articles = 4;
    auto batch = g->NewIngestBatch(o);
    got = ApplyBatched(*batch, {ops.begin(), ops.begin() + static_cast<std::ptrdiff_t>(half)});
    REQUIRE(batch->Commit().ok());
  }
  auto g = grp_b.Open();
  auto batch = g->NewIngestBatch();
  auto rest = ApplyBatched(*batch, {ops.begin() + static_cast<std::ptrdiff_t>(half), ops.end()});
  got.insert(got.end(), rest.begin(), rest.end());
  REQUIRE(batch->Commit().ok());
  CHECK(got == want);
  CHECK(Dump(*g) == Dump(*ref));
}

namespace {
// A memory store whose Write fails once `writes_left` reaches 0 (Corruption,
// as a damaged database would report it).
class FailingStore : public kg::Store {
 public:
  explicit FailingStore(int writes_left) : inner_(kg::NewMemStore()), left_(writes_left) {}
  kg::Status Write(const kg::WriteBatch& b) override {
    if (left_-- <= 0) return kg::Status::Corruption("simulated write failure");
    return inner_->Write(b);
  }
  std::unique_ptr<kg::ReadView> NewView() const override { return inner_->NewView(); }
  kg::Status Get(kg::Cf cf, std::string_view k, std::string* v) const override {
    return inner_->Get(cf, k, v);
  }
  std::unique_ptr<kg::Iterator> NewIterator(kg::Cf cf) const override {
    return inner_->NewIterator(cf);
  }
  uint64_t ApproximateSizeBytes() const override { return 0; }
  bool read_only() const override { return false; }

 private:
  std::unique_ptr<kg::Store> inner_;
  int left_;
};
}  // namespace

TEST_CASE("IngestBatch: a failed automatic commit is IOError and stores none of the group",
          "[graph][ingest][batch]") {
  std::mt19937 rng(13);
  auto a1 = RandomArticle(1, 0, &rng);
  auto a2 = RandomArticle(2, 0, &rng);
  // One write for the schema version at open, then the group commit fails.
  auto g = std::move(kg::Graph::Open(std::make_unique<FailingStore>(1))).value();
  kg::IngestBatchOptions o;
  o.max_articles = 2;
  auto batch = g->NewIngestBatch(o);
  REQUIRE(batch->ApplyArticle(a1).ok());
  auto r = batch->ApplyArticle(a2);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kg::Status::Code::kIOError);
  CHECK(r.status().message().find("group of 2 articles") != std::string::npos);
  CHECK_FALSE(g->ArticleHash("art-1")->has_value());
  CHECK_FALSE(batch->ArticleHash("art-1")->has_value());  // the session forgot the lost group
  CHECK(batch->pending_articles() == 0);
  CHECK(g->Stats()->entities == 0);
}

namespace {
// A memory store that counts which write path the session takes.
class CountingStore : public kg::Store {
 public:
  CountingStore() : inner_(kg::NewMemStore()) {}
  kg::Status Write(const kg::WriteBatch& b) override {
    ++writes;
    return inner_->Write(b);
  }
  kg::Status WriteSorted(const kg::WriteBatch& b) override {
    ++sorted_writes;
    for (std::size_t i = 1; i < b.ops.size(); ++i)  // grouped by family, ascending keys
      if (b.ops[i].cf == b.ops[i - 1].cf && !(b.ops[i - 1].key < b.ops[i].key)) ++unsorted;
    return inner_->Write(b);
  }
  std::unique_ptr<kg::ReadView> NewView() const override { return inner_->NewView(); }
  kg::Status Get(kg::Cf cf, std::string_view k, std::string* v) const override {
    return inner_->Get(cf, k, v);
  }
  std::unique_ptr<kg::Iterator> NewIterator(kg::Cf cf) const override {
    return inner_->NewIterator(cf);
  }
  uint64_t ApproximateSizeBytes() const override { return 0; }
  bool read_only() const override { return false; }
  int writes = 0, sorted_writes = 0, unsorted = 0;

 private:
  std::unique_ptr<kg::Store> inner_;
};
}  // namespace

TEST_CASE("IngestBatch: only the first group into empty column families uses WriteSorted",
          "[graph][ingest][batch]") {
  std::mt19937 rng(5);
  auto owned = std::make_unique<CountingStore>();
  CountingStore* store = owned.get();
  auto g = std::move(kg::Graph::Open(std::move(owned))).value();
  const int opened_writes = store->writes;  // schema version
  kg::IngestBatchOptions o;
  o.max_articles = 3;
  auto batch = g->NewIngestBatch(o);
  for (int i = 0; i < 3; ++i) REQUIRE(batch->ApplyArticle(RandomArticle(i, 0, &rng)).ok());
  CHECK(store->sorted_writes == 1);  // first group: every family it writes was empty
  CHECK(store->writes == opened_writes);
  for (int i = 3; i < 6; ++i) REQUIRE(batch->ApplyArticle(RandomArticle(i, 0, &rng)).ok());
  CHECK(store->sorted_writes == 1);  // the families hold the first group now
  CHECK(store->writes == opened_writes + 1);
  CHECK(store->unsorted == 0);
  // One-article calls never take it, even into a new store.
  auto owned2 = std::make_unique<CountingStore>();
  CountingStore* store2 = owned2.get();
  auto g2 = std::move(kg::Graph::Open(std::move(owned2))).value();
  REQUIRE(g2->ApplyArticle(RandomArticle(1, 0, &rng)).ok());
  CHECK(store2->sorted_writes == 0);
  // A write around the session (here: a file state written by Graph) makes the
  // next group take Write even though the session saw the families empty.
  auto owned3 = std::make_unique<CountingStore>();
  CountingStore* store3 = owned3.get();
  auto g3 = std::move(kg::Graph::Open(std::move(owned3))).value();
  auto batch3 = g3->NewIngestBatch(o);
  REQUIRE(batch3->ApplyArticle(RandomArticle(1, 0, &rng)).ok());
  kg::FileState fs;
  fs.hash = "x";
  REQUIRE(g3->PutFileState("/tmp/x", fs).ok());
  REQUIRE(batch3->Commit().ok());
  CHECK(store3->sorted_writes == 0);
}
