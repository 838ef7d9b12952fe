// Packed adjacency lists (graph/keys.h "adjacency"): the chunk codec, chunk
// splitting and merging under inserts and deletes, and that Graph::Adjacent,
// Stats and DETACH DELETE see exactly the relationships that exist, on both
// backends and through the bulk (SST) path.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <set>
#include <tuple>

#include "graph/graph.h"
#include "graph/graph_internal.h"
#include "graph/keys.h"
#include "graph/rocks_store.h"
#include "graph_backends.h"

namespace fs = std::filesystem;
using kg::keys::AdjItem;

namespace {

using kg::testing::MemGraph;
using kg::testing::RocksGraph;

// (type, other, rel, outgoing) as Adjacent reports it.
using Entry = std::tuple<std::string, kg::NodeId, kg::RelId, bool>;

std::vector<Entry> Expected(const std::vector<kg::Rel>& rels, kg::NodeId n, kg::Direction dir) {
  std::vector<Entry> e;
  for (const auto& r : rels) {
    if (dir != kg::Direction::kIn && r.src == n) e.emplace_back(r.type, r.dst, r.id, true);
    if (dir != kg::Direction::kOut && r.dst == n && !(dir == kg::Direction::kBoth && r.src == n))
      e.emplace_back(r.type, r.src, r.id, false);
  }
  std::sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) < std::get<1>(b);
    if (std::get<2>(a) != std::get<2>(b)) return std::get<2>(a) < std::get<2>(b);
    return std::get<3>(a) > std::get<3>(b);
  });
  return e;
}

std::vector<Entry> Actual(const kg::Graph& g, kg::NodeId n, kg::Direction dir,
                          const std::string& type = "") {
  std::vector<kg::AdjEntry> adj;
  REQUIRE(g.Adjacent(n, dir, type, &adj).ok());
  std::vector<Entry> e;
  for (const auto& a : adj) e.emplace_back(a.type, a.other, a.rel, a.outgoing);
  return e;
}

// Every chunk of `cf`: 1..kAdjChunkMax ascending entries, each above the
// previous chunk's bound (same node and type) and at most its own bound.
void CheckChunks(const kg::Store& s, kg::Cf cf, std::size_t* chunks, std::size_t* entries) {
  *chunks = *entries = 0;
  auto it = s.NewIterator(cf);
  std::string prev_list;
  AdjItem prev_bound{0, 0};
  bool have_prev = false;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    kg::keys::AdjKey k;
    REQUIRE(kg::keys::DecodeAdjKey(it->key(), &k).ok());
    std::vector<AdjItem> items;
    REQUIRE(kg::keys::DecodeAdjChunk(it->value(), &items).ok());
    REQUIRE(!items.empty());
    REQUIRE(items.size() <= kg::keys::kAdjChunkMax);
    const std::string list = kg::keys::AdjTypePrefix(k.self, k.type);
    const AdjItem bound{k.other, k.rel};
    if (have_prev && list == prev_list) CHECK(prev_bound < items.front());
    CHECK(!(bound < items.back()));
    prev_list = list;
    prev_bound = bound;
    have_prev = true;
    ++*chunks;
    *entries += items.size();
  }
  REQUIRE(it->status().ok());
}

}  // namespace

TEST_CASE("Keys: adjacency chunks round-trip; malformed chunks are Corruption", "[keys]") {
  std::vector<AdjItem> items = {{1, 9}, {2, 3}, {2, 4}, {1ull << 40, 7}};
  std::string v = kg::keys::EncodeAdjChunk(items.data(), items.size());
  CHECK(v.size() == items.size() * kg::keys::kAdjItemBytes);
  std::vector<AdjItem> back;
  REQUIRE(kg::keys::DecodeAdjChunk(v, &back).ok());
  CHECK(back == items);
  CHECK(kg::keys::AdjChunkItem(v, 3).other == (1ull << 40));
  std::size_t n = 0;
  CHECK(kg::keys::AdjChunkCount("", &n).code() == kg::Status::Code::kCorruption);
  CHECK(kg::keys::AdjChunkCount(v.substr(0, 20), &n).code() == kg::Status::Code::kCorruption);
  std::vector<AdjItem> unsorted = {{5, 1}, {4, 1}};
  CHECK(kg::keys::DecodeAdjChunk(kg::keys::EncodeAdjChunk(unsorted.data(), 2), &back).code() ==
        kg::Status::Code::kCorruption);
  // The tail key sorts after every real chunk key of its list and before the next type.
  CHECK(kg::keys::EncodeAdjKey(3, "T", ~0ull - 1, 5) < kg::keys::AdjTailKey(3, "T"));
  CHECK(kg::keys::AdjTailKey(3, "T") < kg::keys::AdjTypePrefix(3, "U"));
  std::string_view type;
  const std::string tail = kg::keys::AdjTailKey(3, "MEETS");
  REQUIRE(kg::keys::DecodeAdjKeyType(tail, &type).ok());
  CHECK(type == "MEETS");
}

TEMPLATE_TEST_CASE("Graph: packed adjacency of a hub under inserts and deletes",
                   "[graph][adjacency]", MemGraph, RocksGraph) {
  TestType backend;
  auto g = backend.Open();
  std::mt19937_64 rng(42);
  const kg::NodeId hub = *g->CreateNode({"Hub"}, nlohmann::json::object());
  std::vector<kg::NodeId> nodes;
  for (int i = 0; i < 400; ++i) nodes.push_back(*g->CreateNode({"N"}, nlohmann::json::object()));
  const std::vector<std::string> types = {"MEETS", "SUPPLIES", "CO_MENTIONED"};
  std::vector<kg::Rel> rels;
  auto add = [&](kg::NodeId s, kg::NodeId d, const std::string& t) {
    auto id = g->CreateRel(s, d, t, nlohmann::json::object());
    REQUIRE(id.ok());
    rels.push_back({*id, s, d, t, nlohmann::json::object()});
  };
  // Ascending (the append split), random (the middle split), parallel
  // relationships to one node spanning chunks, and a self-loop.
  for (kg::NodeId n : nodes) add(hub, n, "MEETS");
  for (int i = 0; i < 900; ++i) {
    kg::NodeId n = nodes[rng() % nodes.size()];
    const std::string& t = types[rng() % types.size()];
    if (rng() % 2)
      add(hub, n, t);
    else
      add(n, hub, t);
  }
  for (int i = 0; i < 300; ++i) add(nodes[7], hub, "SUPPLIES");
  add(hub, hub, "MEETS");

  for (auto dir : {kg::Direction::kOut, kg::Direction::kIn, kg::Direction::kBoth})
    CHECK(Actual(*g, hub, dir) == Expected(rels, hub, dir));
  {
    auto want = Expected(rels, hub, kg::Direction::kBoth);
    want.erase(std::remove_if(want.begin(), want.end(),
                              [](const Entry& e) { return std::get<0>(e) != "SUPPLIES"; }),
               want.end());
    CHECK(Actual(*g, hub, kg::Direction::kBoth, "SUPPLIES") == want);
  }
  std::size_t chunks = 0, entries = 0;
  CheckChunks(*g->store(), kg::Cf::kOutAdj, &chunks, &entries);
  CHECK(entries == rels.size());
  // The hub's lists are packed: far fewer keys than entries.
  CHECK(chunks < rels.size() / 2);
  CheckChunks(*g->store(), kg::Cf::kInAdj, &chunks, &entries);
  CHECK(entries == rels.size());
  auto st = g->Stats();
  REQUIRE(st.ok());
  CHECK(st->relations == rels.size());
  CHECK(st->co_mentions ==
        static_cast<uint64_t>(std::count_if(
            rels.begin(), rels.end(), [](const kg::Rel& r) { return r.type == "CO_MENTIONED"; })));

  // Delete a random half: chunks shrink, empty ones go away.
  std::shuffle(rels.begin(), rels.end(), rng);
  const std::size_t keep = rels.size() / 2;
  for (std::size_t i = keep; i < rels.size(); ++i) REQUIRE(g->DeleteRel(rels[i].id).ok());
  rels.resize(keep);
  for (auto dir : {kg::Direction::kOut, kg::Direction::kIn, kg::Direction::kBoth})
    CHECK(Actual(*g, hub, dir) == Expected(rels, hub, dir));
  CheckChunks(*g->store(), kg::Cf::kOutAdj, &chunks, &entries);
  CHECK(entries == rels.size());
  // Inserting after deletes (including past a deleted tail) still works.
  for (int i = 0; i < 200; ++i) add(hub, nodes[rng() % nodes.size()], types[rng() % types.size()]);
  CHECK(Actual(*g, hub, kg::Direction::kBoth) == Expected(rels, hub, kg::Direction::kBoth));
  CheckChunks(*g->store(), kg::Cf::kInAdj, &chunks, &entries);
  CHECK(entries == rels.size());

  // DETACH DELETE of the hub removes every chunk of every list.
  REQUIRE(g->DeleteNode(hub, /*detach=*/true).ok());
  CheckChunks(*g->store(), kg::Cf::kOutAdj, &chunks, &entries);
  CHECK(chunks == 0);
  CheckChunks(*g->store(), kg::Cf::kInAdj, &chunks, &entries);
  CHECK(chunks == 0);
  for (kg::NodeId n : nodes) CHECK(Actual(*g, n, kg::Direction::kBoth).empty());
}

TEST_CASE("Graph: AdjFind returns parallel relationships across chunk boundaries",
          "[graph][adjacency]") {
  auto g = std::move(kg::Graph::Open(kg::NewMemStore())).value();
  const kg::NodeId a = *g->CreateNode({"A"}, nlohmann::json::object());
  const kg::NodeId b = *g->CreateNode({"B"}, nlohmann::json::object());
  const kg::NodeId c = *g->CreateNode({"C"}, nlohmann::json::object());
  std::vector<kg::RelId> ab;
  for (int i = 0; i < 3 * static_cast<int>(kg::keys::kAdjChunkMax); ++i) {
    ab.push_back(*g->CreateRel(a, b, "T", nlohmann::json::object()));
    REQUIRE(g->CreateRel(a, c, "T", nlohmann::json::object()).ok());
  }
  kg::internal::IdCounters ids;
  kg::internal::Txn t(g->store(), &ids);
  std::vector<kg::RelId> found;
  REQUIRE(kg::internal::AdjFind(t, kg::Cf::kOutAdj, a, "T", b, &found).ok());
  CHECK(found == ab);
  REQUIRE(kg::internal::AdjFind(t, kg::Cf::kOutAdj, a, "U", b, &found).ok());
  CHECK(found.empty());
  REQUIRE(kg::internal::AdjFind(t, kg::Cf::kInAdj, b, "T", a, &found).ok());
  CHECK(found == ab);
}

TEST_CASE("Graph: bulk-loaded packed adjacency reads like the memory graph", "[graph][adjacency]") {
  auto mem = std::move(kg::Graph::Open(kg::NewMemStore())).value();
  std::mt19937_64 rng(7);
  std::vector<kg::NodeId> nodes;
  for (int i = 0; i < 50; ++i) nodes.push_back(*mem->CreateNode({"N"}, nlohmann::json::object()));
  for (int i = 0; i < 1500; ++i)
    REQUIRE(mem->CreateRel(nodes[rng() % 5], nodes[rng() % nodes.size()], i % 2 ? "A" : "B",
                           nlohmann::json::object())
                .ok());
  RocksGraph rocks;
  auto g = rocks.Open();
  REQUIRE(kg::BulkLoadRocksStore(*mem->store(), g->store()).ok());
  g.reset();
  g = rocks.Open();
  for (kg::NodeId n : nodes)
    for (auto dir : {kg::Direction::kOut, kg::Direction::kIn, kg::Direction::kBoth})
      CHECK(Actual(*g, n, dir) == Actual(*mem, n, dir));
  CHECK(g->Stats()->relations == 1500);
}
