// Graph algorithms on small hand-made snapshots. Expected PageRank and
// betweenness values were computed with NetworkX 2.8 (see the comments);
// tests/e2e/export_networkx_test.py compares on a random graph end to end.
#include <catch2/catch.hpp>

#include "graph/algo/algo.h"
#include "graph/snapshot.h"

namespace {

kg::GraphSnapshot Make(int n, const std::vector<std::pair<int, int>>& edges,
                       const std::string& type = "MEETS") {
  kg::GraphSnapshot g;
  for (int i = 0; i < n; ++i) {
    kg::SnapNode node;
    node.id = static_cast<kg::NodeId>(100 + i);
    node.key = "person/p" + std::to_string(i);
    node.name = "P" + std::to_string(i);
    node.type = "person";
    g.AddNode(node);
  }
  kg::RelId id = 1;
  for (auto [a, b] : edges) {
    kg::SnapRel r;
    r.id = id++;
    r.src = static_cast<uint32_t>(a);
    r.dst = static_cast<uint32_t>(b);
    r.type = type;
    g.AddRel(r);
  }
  return g;
}

// The graph of the NetworkX reference values below:
//   G = nx.MultiDiGraph(); G.add_nodes_from(range(6))
//   G.add_edges_from([(0,1),(0,1),(1,2),(2,0),(0,2),(2,3),(4,4),(3,1)])
kg::GraphSnapshot Reference() {
  return Make(6, {{0, 1}, {0, 1}, {1, 2}, {2, 0}, {0, 2}, {2, 3}, {4, 4}, {3, 1}});
}

}  // namespace

TEST_CASE("Algo: degree counts parallel relationships and self loops twice", "[algo]") {
  auto d = kg::algo::Degree(Reference());
  CHECK(d == std::vector<int64_t>{4, 4, 4, 2, 2, 0});
}

TEST_CASE("Algo: PageRank matches NetworkX pagerank(weight=None) on a multigraph", "[algo]") {
  // nx.pagerank(G, weight=None)
  const double expected[] = {0.14144886767298182, 0.22951119966835898, 0.2642900941118908,
                             0.14144886767298182, 0.1941747572815533,  0.02912621359223301};
  auto pr = kg::algo::PageRank(Reference());
  REQUIRE(pr.converged);
  REQUIRE(pr.rank.size() == 6);
  double sum = 0;
  for (int i = 0; i < 6; ++i) {
    CHECK(pr.rank[i] == Approx(expected[i]).margin(1e-12));
    sum += pr.rank[i];
  }
  CHECK(sum == Approx(1.0).margin(1e-12));
}

TEST_CASE("Algo: PageRank of an empty graph is empty and of isolated nodes uniform", "[algo]") {
  CHECK(kg::algo::PageRank(kg::GraphSnapshot()).rank.empty());
  auto pr = kg::algo::PageRank(Make(4, {}));
  for (double v : pr.rank) CHECK(v == Approx(0.25));
}

TEST_CASE("Algo: betweenness on a path and a star (undirected, normalised)", "[algo]") {
  // Path 0-1-2-3 (directions mixed): nx.betweenness_centrality(nx.path_graph(4))
  auto bc = kg::algo::Betweenness(Make(4, {{0, 1}, {2, 1}, {2, 3}, {3, 2}}), {});
  REQUIRE(bc.ok());
  CHECK(bc->at(0) == Approx(0.0));
  CHECK(bc->at(1) == Approx(2.0 / 3.0));
  CHECK(bc->at(2) == Approx(2.0 / 3.0));
  CHECK(bc->at(3) == Approx(0.0));
  // Star centre 0 with 4 leaves: every leaf pair passes the centre -> 1.0.
  auto star = kg::algo::Betweenness(Make(5, {{0, 1}, {0, 2}, {3, 0}, {4, 0}, {4, 0}}), {});
  REQUIRE(star.ok());
  CHECK(star->at(0) == Approx(1.0));
  CHECK(star->at(1) == Approx(0.0));
}

TEST_CASE("Algo: betweenness matches NetworkX on the reference graph", "[algo]") {
  // nx.betweenness_centrality(nx.Graph(G.to_undirected()) without self loops)
  auto bc = kg::algo::Betweenness(Reference(), {});
  REQUIRE(bc.ok());
  const double expected[] = {0.0, 0.05, 0.05, 0.0, 0.0, 0.0};
  for (int i = 0; i < 6; ++i) CHECK(bc->at(i) == Approx(expected[i]).margin(1e-12));
}

TEST_CASE("Algo: sampled Brandes from every source equals Boost's exact Brandes", "[algo]") {
  // A pseudo-random graph with parallel edges and self loops.
  std::vector<std::pair<int, int>> edges;
  uint64_t x = 12345;
  auto next = [&] { return (x = x * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  for (int i = 0; i < 300; ++i) edges.emplace_back(next() % 80, next() % 80);
  auto g = Make(90, edges);  // 10 isolated nodes
  auto exact = kg::algo::Betweenness(g, {});
  kg::algo::BetweennessOptions all;
  all.sources = kg::algo::SampleSources(90, 90, 7);
  auto sampled = kg::algo::Betweenness(g, all);
  REQUIRE(exact.ok());
  REQUIRE(sampled.ok());
  for (int i = 0; i < 90; ++i) CHECK(sampled->at(i) == Approx(exact->at(i)).margin(1e-12));
}

TEST_CASE("Algo: SampleSources is deterministic, distinct and sorted", "[algo]") {
  auto a = kg::algo::SampleSources(1000, 64, 42);
  auto b = kg::algo::SampleSources(1000, 64, 42);
  CHECK(a == b);
  REQUIRE(a.size() == 64);
  for (size_t i = 1; i < a.size(); ++i) CHECK(a[i - 1] < a[i]);
  CHECK(kg::algo::SampleSources(5, 10, 1).size() == 5);
}

TEST_CASE("Algo: betweenness rejects out-of-range sources", "[algo]") {
  kg::algo::BetweennessOptions o;
  o.sources = {7};
  CHECK(!kg::algo::Betweenness(Make(3, {}), o).ok());
}

TEST_CASE("Algo: weakly connected components, largest first", "[algo]") {
  auto comps = kg::algo::WeakComponents(Make(7, {{0, 1}, {2, 1}, {3, 4}, {4, 4}, {4, 3}}));
  REQUIRE(comps.size() == 4);  // {0,1,2} {3,4} {5} {6}
  CHECK(comps[0].nodes == std::vector<uint32_t>{0, 1, 2});
  CHECK(comps[0].relationships == 2);
  CHECK(comps[1].nodes == std::vector<uint32_t>{3, 4});
  CHECK(comps[1].relationships == 3);
  CHECK(comps[2].nodes == std::vector<uint32_t>{5});
  CHECK(comps[3].nodes == std::vector<uint32_t>{6});
}

TEST_CASE("Algo: shortest path ignores direction and reports parallel relationships", "[algo]") {
  // 0 -> 1 (twice), 2 -> 1, 2 -> 3, and a long way 0 -> 4 -> 5 -> 6 -> 3
  auto g = Make(7, {{0, 1}, {0, 1}, {2, 1}, {2, 3}, {0, 4}, {4, 5}, {5, 6}, {6, 3}});
  kg::algo::PathOptions o;
  auto paths = kg::algo::ShortestPaths(g, 0, 3, o);
  REQUIRE(paths.size() == 1);
  CHECK(paths[0].nodes == std::vector<uint32_t>{0, 1, 2, 3});
  REQUIRE(paths[0].hop_rels.size() == 3);
  CHECK(paths[0].hop_rels[0] == std::vector<uint32_t>{0, 1});  // both parallel MEETS
  CHECK(paths[0].hop_rels[1] == std::vector<uint32_t>{2});
  o.max_depth = 2;
  CHECK(kg::algo::ShortestPaths(g, 0, 3, o).empty());
  o.max_depth = 3;
  CHECK(kg::algo::ShortestPaths(g, 0, 3, o).size() == 1);
  // Same node: a zero-hop path.
  auto self = kg::algo::ShortestPaths(g, 2, 2, {});
  REQUIRE(self.size() == 1);
  CHECK(self[0].nodes == std::vector<uint32_t>{2});
}

TEST_CASE("Algo: all shortest paths on a diamond, in order", "[algo]") {
  // 0-1-3, 0-2-3, plus a dead end 3-4
  auto g = Make(5, {{0, 1}, {1, 3}, {0, 2}, {3, 2}, {3, 4}});
  kg::algo::PathOptions o;
  o.all_shortest = true;
  auto paths = kg::algo::ShortestPaths(g, 0, 3, o);
  REQUIRE(paths.size() == 2);
  CHECK(paths[0].nodes == std::vector<uint32_t>{0, 1, 3});
  CHECK(paths[1].nodes == std::vector<uint32_t>{0, 2, 3});
  o.max_paths = 1;
  CHECK(kg::algo::ShortestPaths(g, 0, 3, o).size() == 1);
  o.max_paths = 10;
  o.max_depth = 1;
  CHECK(kg::algo::ShortestPaths(g, 0, 3, o).empty());
}

TEST_CASE("Algo: path admits only the relationships the predicate allows", "[algo]") {
  auto g = Make(3, {{0, 1}, {1, 2}});
  g.mutable_rels()[1].type = "CO_MENTIONED";
  g.mutable_rels()[1].predicate = "co_mentioned";
  kg::algo::PathOptions o;
  o.admit = [](const kg::SnapRel& r) { return !r.is_co_mention(); };
  CHECK(kg::algo::ShortestPaths(g, 0, 2, o).empty());
  o.admit = nullptr;
  CHECK(kg::algo::ShortestPaths(g, 0, 2, o).size() == 1);
  // No path between components.
  auto split = Make(4, {{0, 1}, {2, 3}});
  CHECK(kg::algo::ShortestPaths(split, 0, 3, {}).empty());
  kg::algo::PathOptions all;
  all.all_shortest = true;
  CHECK(kg::algo::ShortestPaths(split, 0, 3, all).empty());
}
