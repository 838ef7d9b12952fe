// The persisted snapshot (graph/snapshot_file.h): round trip, version check,
// damaged files ignored, LoadSnapshotCached rebuilding after a write.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "graph/graph.h"
#include "graph/rocks_store.h"
#include "graph/snapshot_file.h"

using namespace kg;
namespace fs = std::filesystem;

namespace {

void RequireSame(const GraphSnapshot& a, const GraphSnapshot& b) {
  REQUIRE(a.nodes().size() == b.nodes().size());
  REQUIRE(a.rels().size() == b.rels().size());
  for (size_t i = 0; i < a.nodes().size(); ++i) {
    const auto &x = a.nodes()[i], &y = b.nodes()[i];
    CHECK(x.id == y.id);
    CHECK(x.key == y.key);
    CHECK(x.name == y.name);
    CHECK(x.labels == y.labels);
    CHECK(x.aliases == y.aliases);
    CHECK(x.country == y.country);
    CHECK((x.latitude == y.latitude || (std::isnan(x.latitude) && std::isnan(y.latitude))));
  }
  for (size_t i = 0; i < a.rels().size(); ++i) {
    const auto &x = a.rels()[i], &y = b.rels()[i];
    CHECK(x.id == y.id);
    CHECK(x.src == y.src);
    CHECK(x.dst == y.dst);
    CHECK(x.type == y.type);
    CHECK(x.predicate == y.predicate);
    CHECK(x.weight == y.weight);
    CHECK(x.support == y.support);
    CHECK(x.date == y.date);
    CHECK(x.location_name == y.location_name);
    CHECK(x.evidence_count == y.evidence_count);
  }
}

struct TempDb {
  fs::path dir = fs::temp_directory_path() / ("kg-snapfile-" + std::to_string(::getpid()));
  TempDb() { fs::remove_all(dir); }
  ~TempDb() { fs::remove_all(dir); }
};

std::unique_ptr<Graph> Open(const fs::path& dir) {
  auto store = OpenRocksStore(dir.string(), {});
  REQUIRE(store.ok());
  auto g = Graph::Open(std::move(store).value());
  REQUIRE(g.ok());
  return std::move(g).value();
}

}  // namespace

TEST_CASE("Snapshot file: round trip, version check, damage ignored", "[snapshot]") {
  TempDb t;
  auto g = Open(t.dir);
  auto a = g->CreateNode({"Person"}, {{"id", "person/a"}, {"name", "A"}, {"aliases", {"AA", "Ä"}}});
  auto b = g->CreateNode({"City"}, {{"id", "city/b"}, {"name", "B"}, {"latitude", 1.5}, {"longitude", 2.5}});
  REQUIRE((a.ok() && b.ok()));
  REQUIRE(g->CreateRel(*a, *b, "VISITS", {{"support", 2}, {"date", "2024-01"}, {"location", "city/b"}}).ok());
  REQUIRE(g->CreateRel(*b, *a, "CO_MENTIONED", {{"weight", 3}}).ok());
  auto snap = LoadSnapshot(*g);
  REQUIRE(snap.ok());
  const std::string path = (t.dir / "snap.bin").string();
  REQUIRE(WriteSnapshotFile(path, *snap, 7, true).ok());
  auto back = ReadSnapshotFile(path, 7, true);
  REQUIRE(back);
  RequireSame(*snap, *back);
  CHECK(back->IndexOfKey("city/b") == snap->IndexOfKey("city/b"));
  CHECK_FALSE(ReadSnapshotFile(path, 8, false));         // another version
  CHECK_FALSE(ReadSnapshotFile(path + ".missing", 7, false));
  REQUIRE(WriteSnapshotFile(path, *snap, 7, false).ok());
  CHECK_FALSE(ReadSnapshotFile(path, 7, true));          // no evidence counts in it
  CHECK(ReadSnapshotFile(path, 7, false));
  // Cut short or overwritten: ignored, never a wrong graph.
  const auto size = fs::file_size(path);
  fs::resize_file(path, size - 20);
  CHECK_FALSE(ReadSnapshotFile(path, 7, false));
  { std::ofstream(path, std::ios::binary) << "KGSNAP01 garbage garbage garbage KGSNAP01"; }
  CHECK_FALSE(ReadSnapshotFile(path, 7, false));
}

TEST_CASE("Snapshot file: LoadSnapshotCached writes, reuses and refreshes it", "[snapshot]") {
  TempDb t;
  auto g = Open(t.dir);
  auto a = g->CreateNode({"Person"}, {{"id", "person/a"}, {"name", "A"}});
  auto b = g->CreateNode({"Person"}, {{"id", "person/b"}, {"name", "B"}});
  REQUIRE((a.ok() && b.ok()));
  REQUIRE(g->CreateRel(*a, *b, "MEETS", {{"support", 1}}).ok());
  const fs::path file = t.dir / kSnapshotFile;
  auto s1 = LoadSnapshotCached(*g, t.dir.string());
  REQUIRE(s1.ok());
  REQUIRE(fs::exists(file));
  auto s2 = LoadSnapshotCached(*g, t.dir.string());
  REQUIRE(s2.ok());
  RequireSame(*s1, *s2);
  auto direct = LoadSnapshot(*g);
  REQUIRE(direct.ok());
  RequireSame(*direct, *s2);
  // Without evidence counts asked for, they stay -1 as LoadSnapshot leaves them.
  SnapshotLoadOptions no_ev;
  no_ev.evidence_counts = false;
  auto s3 = LoadSnapshotCached(*g, t.dir.string(), no_ev);
  REQUIRE(s3.ok());
  CHECK(s3->rels()[0].evidence_count == -1);
  // A write changes the store version: the next load sees it.
  auto c = g->CreateNode({"Person"}, {{"id", "person/c"}, {"name", "C"}});
  REQUIRE(c.ok());
  REQUIRE(g->CreateRel(*b, *c, "MEETS", {{"support", 1}}).ok());
  auto s4 = LoadSnapshotCached(*g, t.dir.string());
  REQUIRE(s4.ok());
  CHECK(s4->nodes().size() == 3);
  CHECK(s4->rels().size() == 2);
  // Reopened (a reader process later): still current, still the same graph.
  g.reset();
  auto g2 = Open(t.dir);
  auto s5 = LoadSnapshotCached(*g2, t.dir.string());
  REQUIRE(s5.ok());
  RequireSame(*s4, *s5);
}

// Table files ingested by BulkLoadRocksStore (kg load into an empty database)
// need not move RocksDB's sequence number (they do not when they overlap no
// existing key); a snapshot stamped on the empty database must still be judged
// stale afterwards. End to end: faults_catalogue's kill_injection (a killed
// first ingest, an export of the empty database, a rerun once exported nothing).
TEST_CASE("Snapshot file: a bulk load after a snapshot of the empty database refreshes it",
          "[snapshot]") {
  TempDb t;
  auto g = Open(t.dir);
  g.reset();
  g = Open(t.dir);  // reopened, as the next process would
  auto empty = LoadSnapshotCached(*g, t.dir.string());
  REQUIRE(empty.ok());
  CHECK(empty->nodes().empty());
  const uint64_t before = StoreVersion(*g->store());
  auto mem = Graph::Open(NewMemStore());
  REQUIRE(mem.ok());
  auto a = (*mem)->CreateNode({"Person"}, {{"id", "person/a"}, {"name", "A"}});
  auto b = (*mem)->CreateNode({"Person"}, {{"id", "person/b"}, {"name", "B"}});
  REQUIRE((a.ok() && b.ok()));
  REQUIRE((*mem)->CreateRel(*a, *b, "MEETS", {{"support", 1}}).ok());
  REQUIRE(BulkLoadRocksStore(*(*mem)->store(), g->store()).ok());
  CHECK(StoreVersion(*g->store()) != before);
  auto after = LoadSnapshotCached(*g, t.dir.string());
  REQUIRE(after.ok());
  CHECK(after->nodes().size() == 2);
  CHECK(after->rels().size() == 1);
}
