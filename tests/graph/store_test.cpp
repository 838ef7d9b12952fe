// One Store test suite, run against both backends (memory and RocksDB).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "graph/rocks_store.h"
#include "graph/store.h"

namespace fs = std::filesystem;

namespace {

std::string TempDir(const std::string& tag) {
  static std::mt19937_64 rng(std::random_device{}());
  fs::path p = fs::temp_directory_path() / ("kg-store-test-" + tag + "-" + std::to_string(rng()));
  return p.string();
}

struct MemBackend {
  static constexpr const char* kName = "memory";
  std::unique_ptr<kg::Store> Open() { return kg::NewMemStore(); }
};

struct RocksBackend {
  static constexpr const char* kName = "rocksdb";
  std::string dir = TempDir("rocks");
  ~RocksBackend() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::unique_ptr<kg::Store> Open() {
    auto r = kg::OpenRocksStore(dir, kg::RocksOptions{});
    REQUIRE(r.ok());
    return std::move(r).value();
  }
};

std::vector<std::string> Keys(kg::Iterator* it) {
  std::vector<std::string> out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace_back(it->key());
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("Store: missing key is NotFound", "[store]", MemBackend, RocksBackend) {
  TestType b;
  auto s = b.Open();
  std::string v;
  CHECK(s->Get(kg::Cf::kNodes, "nope", &v).IsNotFound());
}

TEMPLATE_TEST_CASE("Store: put, get, delete in one batch", "[store]", MemBackend, RocksBackend) {
  TestType b;
  auto s = b.Open();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kNodes, "a", "1");
  wb.Put(kg::Cf::kNodes, "b", "2");
  wb.Put(kg::Cf::kRels, "a", "rel");
  wb.Delete(kg::Cf::kNodes, "b");
  REQUIRE(s->Write(wb).ok());
  std::string v;
  REQUIRE(s->Get(kg::Cf::kNodes, "a", &v).ok());
  CHECK(v == "1");
  CHECK(s->Get(kg::Cf::kNodes, "b", &v).IsNotFound());
  REQUIRE(s->Get(kg::Cf::kRels, "a", &v).ok());
  CHECK(v == "rel");  // column families are separate key spaces
}

TEMPLATE_TEST_CASE("Store: MultiGet answers present keys in the given order", "[store]", MemBackend,
                   RocksBackend) {
  TestType b;
  auto s = b.Open();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kRels, "a", "1");
  wb.Put(kg::Cf::kRels, std::string("c\0x", 3), "3");
  wb.Put(kg::Cf::kNodes, "b", "node");
  REQUIRE(s->Write(wb).ok());
  std::vector<std::pair<std::size_t, std::string>> got;
  const std::vector<std::string> keys = {std::string("c\0x", 3), "b", "a", "zz", "a"};
  REQUIRE(s->MultiGet(kg::Cf::kRels, keys, [&](std::size_t i, std::string_view v) {
               got.emplace_back(i, std::string(v));
               return kg::Status::OK();
             }).ok());
  // "b" is in another column family, "zz" is absent: skipped.
  CHECK(got == std::vector<std::pair<std::size_t, std::string>>{{0, "3"}, {2, "1"}, {4, "1"}});
  // An error of the callback stops the reads and is returned.
  int calls = 0;
  kg::Status st = s->MultiGet(kg::Cf::kRels, keys, [&](std::size_t, std::string_view) {
    ++calls;
    return kg::Status::Corruption("stop");
  });
  CHECK(st.code() == kg::Status::Code::kCorruption);
  CHECK(calls == 1);
  CHECK(s->MultiGet(kg::Cf::kRels, {}, [](std::size_t, std::string_view) { return kg::Status::OK(); }).ok());
}

TEMPLATE_TEST_CASE("Store: iteration is bytewise ordered with binary keys", "[store]", MemBackend,
                   RocksBackend) {
  TestType b;
  auto s = b.Open();
  kg::WriteBatch wb;
  const std::vector<std::string> keys = {std::string("\x00\x01", 2), std::string("\x00\xff", 2),
                                         "a", "ab", "b", std::string("\xff", 1)};
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) wb.Put(kg::Cf::kOutAdj, *it, "");
  REQUIRE(s->Write(wb).ok());
  auto it = s->NewIterator(kg::Cf::kOutAdj);
  CHECK(Keys(it.get()) == keys);
  it->Seek("aa");
  REQUIRE(it->Valid());
  CHECK(it->key() == "ab");
  CHECK(it->status().ok());
}

TEMPLATE_TEST_CASE("Store: a view is a snapshot", "[store]", MemBackend, RocksBackend) {
  TestType b;
  auto s = b.Open();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kNodes, "k", "old");
  REQUIRE(s->Write(wb).ok());
  auto view = s->NewView();
  auto view_it = view->NewIterator(kg::Cf::kNodes);
  kg::WriteBatch wb2;
  wb2.Put(kg::Cf::kNodes, "k", "new");
  wb2.Put(kg::Cf::kNodes, "k2", "x");
  REQUIRE(s->Write(wb2).ok());
  std::string v;
  REQUIRE(view->Get(kg::Cf::kNodes, "k", &v).ok());
  CHECK(v == "old");
  CHECK(view->Get(kg::Cf::kNodes, "k2", &v).IsNotFound());
  CHECK(Keys(view_it.get()) == std::vector<std::string>{"k"});
  REQUIRE(s->Get(kg::Cf::kNodes, "k", &v).ok());
  CHECK(v == "new");
}

TEMPLATE_TEST_CASE("Store: prefix iterator sees keys of its prefix", "[store]", MemBackend,
                   RocksBackend) {
  TestType b;
  auto s = b.Open();
  kg::WriteBatch wb;
  std::string p1("\0\0\0\0\0\0\0\1", 8), p2("\0\0\0\0\0\0\0\2", 8);
  wb.Put(kg::Cf::kOutAdj, p1 + "A", "");
  wb.Put(kg::Cf::kOutAdj, p1 + "B", "");
  wb.Put(kg::Cf::kOutAdj, p2 + "A", "");
  REQUIRE(s->Write(wb).ok());
  auto it = s->NewPrefixIterator(kg::Cf::kOutAdj, p1);
  std::vector<std::string> got;
  for (it->Seek(p1); it->Valid() && it->key().substr(0, 8) == p1; it->Next())
    got.emplace_back(it->key());
  CHECK(got == std::vector<std::string>{p1 + "A", p1 + "B"});
}

TEST_CASE("RocksStore: data survives reopening", "[store]") {
  RocksBackend b;
  {
    auto s = b.Open();
    kg::WriteBatch wb;
    wb.Put(kg::Cf::kArticles, "art", "hash");
    REQUIRE(s->Write(wb).ok());
  }
  auto s = b.Open();
  std::string v;
  REQUIRE(s->Get(kg::Cf::kArticles, "art", &v).ok());
  CHECK(v == "hash");
  CHECK(s->ApproximateSizeBytes() > 0);
}

TEST_CASE("RocksStore: a second writer gets Busy, a reader does not", "[store]") {
  RocksBackend b;
  auto writer = b.Open();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kNodes, "n", "1");
  REQUIRE(writer->Write(wb).ok());

  auto second = kg::OpenRocksStore(b.dir, kg::RocksOptions{});
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().IsBusy());
  CHECK(second.status().message().find("database is busy") != std::string::npos);
  CHECK(second.status().ExitCode() == 75);

  kg::RocksOptions ro;
  ro.read_only = true;
  auto reader = kg::OpenRocksStore(b.dir, ro);
  REQUIRE(reader.ok());
  CHECK(reader.value()->read_only());
  std::string v;
  REQUIRE(reader.value()->Get(kg::Cf::kNodes, "n", &v).ok());
  CHECK(v == "1");
  CHECK_FALSE(reader.value()->Write(wb).ok());

  // The reader keeps its snapshot while the writer goes on.
  kg::WriteBatch wb2;
  wb2.Put(kg::Cf::kNodes, "m", "2");
  REQUIRE(writer->Write(wb2).ok());
  CHECK(reader.value()->Get(kg::Cf::kNodes, "m", &v).IsNotFound());
}

TEST_CASE("RocksStore: a reader's catch-up number changes with every commit it reads", "[store]") {
  RocksBackend b;
  auto writer = b.Open();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kNodes, "a", "1");
  REQUIRE(writer->Write(wb).ok());
  kg::RocksOptions ro;
  ro.read_only = true;
  auto opened = kg::OpenRocksStore(b.dir, ro);
  REQUIRE(opened.ok());
  auto reader = std::move(opened).value();
  auto v0 = kg::CatchUpRocksStore(reader.get());
  REQUIRE(v0.ok());
  auto same = kg::CatchUpRocksStore(reader.get());
  REQUIRE(same.ok());
  CHECK(*same == *v0);  // nothing new

  // A commit read from the write-ahead log.
  kg::WriteBatch wb2;
  wb2.Put(kg::Cf::kNodes, "b", "2");
  REQUIRE(writer->Write(wb2).ok());
  auto v1 = kg::CatchUpRocksStore(reader.get());
  REQUIRE(v1.ok());
  std::string v;
  CHECK(reader->Get(kg::Cf::kNodes, "b", &v).ok());
  CHECK(*v1 != *v0);

  // A commit ingested as a table file (WriteSorted, as kg ingest writes an
  // article group): the file keeps sequence number 0, so the last sequence
  // number did not change, and kg serve's caches (counts, the snapshot that
  // path search walks) kept the state before it.
  kg::WriteBatch wb3;
  wb3.Put(kg::Cf::kNodes, "c", "3");
  wb3.Put(kg::Cf::kNodes, "d", "4");
  REQUIRE(writer->WriteSorted(wb3).ok());
  auto v2 = kg::CatchUpRocksStore(reader.get());
  REQUIRE(v2.ok());
  CHECK(reader->Get(kg::Cf::kNodes, "d", &v).ok());
  CHECK(*v2 != *v1);

  // The writer's close (a flush) is read as well.
  kg::WriteBatch wb4;
  wb4.Put(kg::Cf::kNodes, "e", "5");
  REQUIRE(writer->Write(wb4).ok());
  writer.reset();
  auto v3 = kg::CatchUpRocksStore(reader.get());
  REQUIRE(v3.ok());
  CHECK(reader->Get(kg::Cf::kNodes, "e", &v).ok());
  CHECK(*v3 != *v2);
}

TEST_CASE("RocksStore: read-only open of a missing database fails cleanly", "[store]") {
  kg::RocksOptions ro;
  ro.read_only = true;
  auto r = kg::OpenRocksStore(TempDir("missing"), ro);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kg::Status::Code::kIOError);
}

TEST_CASE("RocksStore: checkpoint is an openable copy", "[store]") {
  RocksBackend b;
  auto s = b.Open();
  kg::WriteBatch wb;
  wb.Put(kg::Cf::kRels, "r", "v");
  REQUIRE(s->Write(wb).ok());
  std::string copy = TempDir("ckpt");
  REQUIRE(kg::CheckpointRocksStore(s.get(), copy).ok());
  CHECK_FALSE(kg::CheckpointRocksStore(s.get(), copy).ok());  // exists
  {
    auto c = kg::OpenRocksStore(copy, kg::RocksOptions{});
    REQUIRE(c.ok());
    std::string v;
    REQUIRE(c.value()->Get(kg::Cf::kRels, "r", &v).ok());
    CHECK(v == "v");
  }
  fs::remove_all(copy);
}

TEST_CASE("RocksStore: bulk load from a memory store via SST files", "[store]") {
  auto mem = kg::NewMemStore();
  kg::WriteBatch wb;
  for (int i = 0; i < 1000; ++i) {
    std::string k = "k" + std::to_string(1000 + i);
    wb.Put(kg::Cf::kNodes, k, "v" + std::to_string(i));
    wb.Put(kg::Cf::kOutAdj, std::string(8, '\0') + k, "");
  }
  wb.Put(kg::Cf::kMeta, "schema_version", "1");
  REQUIRE(mem->Write(wb).ok());
  RocksBackend b;
  {
    auto s = b.Open();
    kg::WriteBatch pre;
    pre.Put(kg::Cf::kMeta, "schema_version", "0");
    REQUIRE(s->Write(pre).ok());
    REQUIRE(kg::BulkLoadRocksStore(*mem, s.get()).ok());
    std::string v;
    REQUIRE(s->Get(kg::Cf::kNodes, "k1500", &v).ok());
    CHECK(v == "v500");
    REQUIRE(s->Get(kg::Cf::kMeta, "schema_version", &v).ok());
    CHECK(v == "1");  // src overrides
  }
  auto s = b.Open();  // survives reopening
  auto it = s->NewIterator(kg::Cf::kOutAdj);
  CHECK(Keys(it.get()).size() == 1000);
  CHECK_FALSE(kg::BulkLoadRocksStore(*mem, mem.get()).ok());
}

TEST_CASE("RocksStore: refuses a non-empty directory that is not a database", "[store]") {
  std::string dir = TempDir("notdb");
  fs::create_directories(dir);
  { std::ofstream(dir + "/notes.txt") << "hello"; }
  auto r = kg::OpenRocksStore(dir, kg::RocksOptions{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kg::Status::Code::kInvalidArgument);
  CHECK(r.status().message().find("not a kg database") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/CURRENT"));
  auto f = kg::OpenRocksStore(dir + "/notes.txt", kg::RocksOptions{});
  CHECK_FALSE(f.ok());
  fs::remove_all(dir);
}
