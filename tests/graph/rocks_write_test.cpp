// The RocksDB write path: RocksStore::Write serialises batches itself
// (byte-identical to rocksdb::WriteBatch), and a new database gets all its
// column families at open (created in one step) and reopens with the same data.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

#include "graph/rocks_store.h"
#include "graph/store.h"

namespace fs = std::filesystem;

namespace {

struct TempDb {
  std::string dir;
  TempDb() {
    static std::mt19937_64 rng(std::random_device{}());
    dir = (fs::temp_directory_path() / ("kg-rocks-write-test-" + std::to_string(rng()))).string();
  }
  ~TempDb() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// 8-byte big-endian id, as node keys are.
std::string Id8(int i) {
  std::string k(8, '\0');
  k[6] = static_cast<char>((i >> 8) & 0xff);
  k[7] = static_cast<char>(i & 0xff);
  return k;
}

std::unique_ptr<kg::Store> Open(const std::string& dir) {
  auto r = kg::OpenRocksStore(dir, kg::RocksOptions{});
  REQUIRE(r.ok());
  return std::move(r).value();
}

}  // namespace

TEST_CASE("RocksStore: serialised write batches equal RocksDB's own encoding", "[store]") {
  TempDb db;
  auto store = Open(db.dir);
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> cf(0, static_cast<int>(kg::Cf::kCount) - 1), del(0, 4);
  // Lengths around the varint boundaries (127/128, 16383/16384).
  const std::size_t lengths[] = {0, 1, 15, 127, 128, 300, 16383, 16384, 70000};
  kg::WriteBatch b;
  CHECK(kg::RocksWriteBatchEncodingMatches(*store, b));  // empty batch
  for (std::size_t i = 0; i < 200; ++i) {
    const std::size_t kl = lengths[i % 6], vl = lengths[(i * 7) % 9];
    std::string key(kl, static_cast<char>('a' + i % 26)), value(vl, static_cast<char>(i & 0xff));
    if (kl > 0) key[0] = static_cast<char>(i);
    const kg::Cf c = static_cast<kg::Cf>(cf(rng));
    if (del(rng) == 0) {
      b.Delete(c, key);
    } else {
      b.Put(c, key, value);
    }
  }
  CHECK(kg::RocksWriteBatchEncodingMatches(*store, b));
  // And the batch writes what it says, in every column family.
  REQUIRE(store->Write(b).ok());
  kg::WriteBatch one;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kg::Cf::kCount); ++i)
    one.Put(static_cast<kg::Cf>(i), "k" + std::to_string(i), std::string(200, 'v'));
  CHECK(kg::RocksWriteBatchEncodingMatches(*store, one));
  REQUIRE(store->Write(one).ok());
  for (std::size_t i = 0; i < static_cast<std::size_t>(kg::Cf::kCount); ++i) {
    std::string v;
    REQUIRE(store->Get(static_cast<kg::Cf>(i), "k" + std::to_string(i), &v).ok());
    CHECK(v == std::string(200, 'v'));
  }
  kg::WriteBatch gone;
  gone.Delete(kg::Cf::kNodes, "k1");
  REQUIRE(store->Write(gone).ok());
  std::string v;
  CHECK(store->Get(kg::Cf::kNodes, "k1", &v).IsNotFound());
  CHECK_FALSE(kg::RocksWriteBatchEncodingMatches(*kg::NewMemStore(), one));
}

TEST_CASE("RocksStore: a new database has every column family and reopens with its data",
          "[store]") {
  TempDb db;
  {
    auto store = Open(db.dir);
    kg::WriteBatch b;
    for (std::size_t i = 0; i < static_cast<std::size_t>(kg::Cf::kCount); ++i)
      b.Put(static_cast<kg::Cf>(i), "key", kg::CfName(static_cast<kg::Cf>(i)));
    REQUIRE(store->Write(b).ok());
  }
  for (int round = 0; round < 2; ++round) {  // writer reopen, then a reader
    kg::RocksOptions o;
    o.read_only = round == 1;
    auto r = kg::OpenRocksStore(db.dir, o);
    REQUIRE(r.ok());
    for (std::size_t i = 0; i < static_cast<std::size_t>(kg::Cf::kCount); ++i) {
      std::string v;
      REQUIRE(r.value()->Get(static_cast<kg::Cf>(i), "key", &v).ok());
      CHECK(v == kg::CfName(static_cast<kg::Cf>(i)));
    }
  }
}

TEST_CASE("RocksStore: WriteSorted stores what Write would, atomically visible to readers",
          "[store]") {
  TempDb db;
  auto store = Open(db.dir);
  {
    kg::WriteBatch meta;  // an existing key the sorted batch overrides
    meta.Put(kg::Cf::kMeta, "next_node_id", "old");
    meta.Put(kg::Cf::kMeta, "schema_version", "2");
    REQUIRE(store->Write(meta).ok());
  }
  kg::WriteBatch b;  // grouped by column family, keys ascending (as a group commit builds it)
  b.Put(kg::Cf::kMeta, "next_node_id", "new");
  for (int i = 0; i < 300; ++i) b.Put(kg::Cf::kNodes, Id8(i), "node");
  b.Delete(kg::Cf::kRels, "gone");
  b.Put(kg::Cf::kRels, "r1", "rel");
  b.Put(kg::Cf::kNames, "", "empty key");
  b.Put(kg::Cf::kNames, "n\x80", std::string(5000, 'x'));
  REQUIRE(store->WriteSorted(b).ok());
  auto check = [](const kg::Store& s) {
    std::string v;
    REQUIRE(s.Get(kg::Cf::kMeta, "next_node_id", &v).ok());
    CHECK(v == "new");
    REQUIRE(s.Get(kg::Cf::kMeta, "schema_version", &v).ok());
    CHECK(v == "2");
    auto it = s.NewIterator(kg::Cf::kNodes);
    int n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    CHECK(n == 300);
    CHECK(s.Get(kg::Cf::kRels, "gone", &v).IsNotFound());
    REQUIRE(s.Get(kg::Cf::kRels, "r1", &v).ok());
    REQUIRE(s.Get(kg::Cf::kNames, "", &v).ok());
    CHECK(v == "empty key");
    REQUIRE(s.Get(kg::Cf::kNames, "n\x80", &v).ok());
    CHECK(v.size() == 5000);
  };
  check(*store);
  {
    kg::RocksOptions ro;
    ro.read_only = true;  // a reader opened now sees the whole group
    auto r = kg::OpenRocksStore(db.dir, ro);
    REQUIRE(r.ok());
    check(*r.value());
  }
  // Later plain writes override ingested values.
  kg::WriteBatch later;
  later.Put(kg::Cf::kRels, "r1", "rel2");
  REQUIRE(store->Write(later).ok());
  std::string v;
  REQUIRE(store->Get(kg::Cf::kRels, "r1", &v).ok());
  CHECK(v == "rel2");
  store.reset();
  auto reopened = Open(db.dir);
  REQUIRE(reopened->Get(kg::Cf::kRels, "r1", &v).ok());
  CHECK(v == "rel2");
  REQUIRE(reopened->Get(kg::Cf::kNodes, Id8(299), &v).ok());
  for (const auto& e : fs::directory_iterator(db.dir))  // no table file left behind
    CHECK(e.path().filename().string().rfind("group-", 0) != 0);
}

TEST_CASE("RocksStore: WriteSorted of an unsorted or ungrouped batch falls back to Write",
          "[store]") {
  TempDb db;
  auto store = Open(db.dir);
  kg::WriteBatch b;
  b.Put(kg::Cf::kNodes, "b", "2");
  b.Put(kg::Cf::kNodes, "a", "1");    // out of order
  b.Put(kg::Cf::kRels, "x", "3");
  b.Put(kg::Cf::kNodes, "c", "4");    // family seen twice
  b.Put(kg::Cf::kNodes, "c", "5");    // duplicate key: the later value wins, as in Write
  REQUIRE(store->WriteSorted(b).ok());
  std::string v;
  REQUIRE(store->Get(kg::Cf::kNodes, "a", &v).ok());
  CHECK(v == "1");
  REQUIRE(store->Get(kg::Cf::kNodes, "c", &v).ok());
  CHECK(v == "5");
  REQUIRE(store->Get(kg::Cf::kRels, "x", &v).ok());
  auto mem = kg::NewMemStore();  // default implementation: Write
  REQUIRE(mem->WriteSorted(b).ok());
  REQUIRE(mem->Get(kg::Cf::kNodes, "c", &v).ok());
  CHECK(v == "5");
}
