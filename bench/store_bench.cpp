// store_bench: read latencies of the RocksDB property graph (see BENCHMARKS.md "## Store").
//
//   store_bench --db bench.db [--hub Hub] [--repeats 50] [--seed 1]
//
// Opens the database like every kg reader (secondary instance, no lock) and
// measures, as medians over --repeats runs:
//   - 1-hop: all relationships of the hub (Graph::Adjacent, both directions),
//     and how many adjacency keys (packed chunks) that scan reads,
//   - 3-hop: breadth-first expansion to depth 3 (query/traverse Neighbors,
//     typed relations, limit 1,000,000) from random entities,
//   - shortest path: bidirectional BFS over Graph::Adjacent between random
//     entity pairs (store level, no in-memory snapshot),
// and bytes on disk per relationship.
#include <algorithm>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <random>
#include <unordered_map>

#include "graph/graph.h"
#include "graph/keys.h"
#include "graph/rocks_store.h"
#include "query/traverse.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of this thread in ms: robust on a machine shared with other jobs.
double CpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Bidirectional BFS; returns hops or -1.
int ShortestPath(const kg::Graph& g, kg::NodeId a, kg::NodeId b, int max_depth) {
  if (a == b) return 0;
  std::unordered_map<kg::NodeId, int> da{{a, 0}}, db{{b, 0}};
  std::vector<kg::NodeId> fa{a}, fb{b};
  std::vector<kg::AdjEntry> adj;
  int depth_a = 0, depth_b = 0;
  while (!fa.empty() && !fb.empty() && depth_a + depth_b < max_depth) {
    bool expand_a = fa.size() <= fb.size();
    auto& frontier = expand_a ? fa : fb;
    auto& mine = expand_a ? da : db;
    auto& other = expand_a ? db : da;
    int& depth = expand_a ? depth_a : depth_b;
    std::vector<kg::NodeId> next;
    ++depth;
    int best = -1;
    for (kg::NodeId n : frontier) {
      if (!g.Adjacent(n, kg::Direction::kBoth, "", &adj).ok()) return -1;
      for (const auto& e : adj) {
        if (e.type == "CO_MENTIONED") continue;
        if (mine.count(e.other)) continue;
        mine[e.other] = depth;
        if (auto it = other.find(e.other); it != other.end()) {
          int total = depth + it->second;
          if (best < 0 || total < best) best = total;
        }
        next.push_back(e.other);
      }
    }
    if (best >= 0) return best;
    frontier.swap(next);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  cxxopts::Options opts("store_bench", "read latencies of a kg RocksDB database");
  opts.add_options()("db", "database", cxxopts::value<std::string>()->default_value("bench.db"))(
      "hub", "name of the hub entity", cxxopts::value<std::string>()->default_value("Hub"))(
      "repeats", "repetitions per measurement", cxxopts::value<int>()->default_value("50"))(
      "seed", "random seed", cxxopts::value<unsigned>()->default_value("1"))("h,help", "show help");
  auto r = opts.parse(argc, argv);
  if (r.count("help")) {
    std::cout << opts.help() << "\n";
    return 0;
  }
  const int repeats = std::max(1, r["repeats"].as<int>());
  kg::RocksOptions ro;
  ro.read_only = true;
  auto t_open = Clock::now();
  auto store = kg::OpenRocksStore(r["db"].as<std::string>(), ro);
  if (!store.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", store.status().ToString().c_str());
    return 1;
  }
  auto gr = kg::Graph::Open(std::move(store).value());
  if (!gr.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", gr.status().ToString().c_str());
    return 1;
  }
  const kg::Graph& g = **gr;
  std::printf("open (secondary, catch-up): %.1f ms\n", Ms(Clock::now() - t_open));
  auto st = g.Stats();
  if (!st.ok()) return 1;
  std::printf("relationships %llu, entities %llu, db bytes %llu, bytes/relationship %.1f\n",
              static_cast<unsigned long long>(st->relations),
              static_cast<unsigned long long>(st->entities),
              static_cast<unsigned long long>(st->db_bytes),
              st->relations ? static_cast<double>(st->db_bytes) / static_cast<double>(st->relations) : 0.0);

  auto hub = kg::ResolveEntity(g, r["hub"].as<std::string>());
  if (!hub.ok()) {
    std::fprintf(stderr, "store_bench: hub: %s\n", hub.status().ToString().c_str());
    return 1;
  }
  // 1-hop of the hub (first run is cold, the median is warm).
  std::vector<double> t1, c1;
  std::vector<kg::AdjEntry> adj;
  double cold = 0;
  for (int i = 0; i < repeats; ++i) {
    auto t = Clock::now();
    double c = CpuMs();
    if (!g.Adjacent(*hub, kg::Direction::kBoth, "", &adj).ok()) return 1;
    c1.push_back(CpuMs() - c);
    double ms = Ms(Clock::now() - t);
    if (i == 0) cold = ms;
    t1.push_back(ms);
  }
  std::printf("1-hop hub: degree %zu, median %.3f ms wall, %.3f ms CPU (first/cold %.3f ms)\n",
              adj.size(), Median(t1), Median(c1), cold);
  {
    // How many adjacency keys (packed chunks, graph/keys.h) the hub's scan reads.
    std::size_t chunks = 0;
    const std::string prefix = kg::keys::AdjPrefix(*hub);
    for (kg::Cf cf : {kg::Cf::kOutAdj, kg::Cf::kInAdj}) {
      auto it = g.store()->NewPrefixIterator(cf, prefix);
      for (it->Seek(prefix); it->Valid() && it->key().substr(0, prefix.size()) == prefix;
           it->Next())
        ++chunks;
      if (!it->status().ok()) return 1;
    }
    std::printf("hub adjacency keys (out + in chunks): %zu\n", chunks);
  }
  // 1-hop of the hub filtered to one relationship type (`kg neighbors Hub --predicate meets`).
  {
    std::vector<double> tt;
    for (int i = 0; i < repeats; ++i) {
      double c = CpuMs();
      if (!g.Adjacent(*hub, kg::Direction::kBoth, "MEETS", &adj).ok()) return 1;
      tt.push_back(CpuMs() - c);
    }
    std::printf("1-hop hub, one type (MEETS): %zu relationships, median %.3f ms CPU\n", adj.size(),
                Median(tt));
  }
  // 1-hop of the hub with names (what `kg neighbors Hub` prints needs the node records too).
  std::vector<double> t1n;
  for (int i = 0; i < std::min(repeats, 10); ++i) {
    auto t = Clock::now();
    kg::NeighborOptions no;
    no.depth = 1;
    no.limit = 1000000;
    std::vector<kg::NeighborHit> hits;
    if (!kg::Neighbors(g, *hub, no, &hits).ok()) return 1;
    for (const auto& h : hits)
      if (!g.GetNode(h.node).ok()) return 1;
    t1n.push_back(Ms(Clock::now() - t));
  }
  std::printf("1-hop hub incl. neighbour node records: median %.3f ms\n", Median(t1n));

  // Random entities for 3-hop and paths.
  std::vector<kg::NodeId> ids;
  if (!g.ScanNodes("", [&](const kg::Node& n) {
         ids.push_back(n.id);
         return true;
       }).ok())
    return 1;
  std::mt19937_64 rng(r["seed"].as<unsigned>());
  auto pick = [&] { return ids[rng() % ids.size()]; };

  std::vector<double> t3, c3;
  std::vector<double> reached;
  for (int i = 0; i < std::min(repeats, 20); ++i) {
    kg::NeighborOptions no;
    no.depth = 3;
    no.limit = 1000000;
    std::vector<kg::NeighborHit> hits;
    kg::NodeId start = pick();
    auto t = Clock::now();
    double c = CpuMs();
    if (!kg::Neighbors(g, start, no, &hits).ok()) return 1;
    c3.push_back(CpuMs() - c);
    t3.push_back(Ms(Clock::now() - t));
    reached.push_back(static_cast<double>(hits.size()));
  }
  std::printf("3-hop expansion: median %.1f ms wall, %.1f ms CPU, median nodes reached %.0f\n", Median(t3),
              Median(c3), Median(reached));

  std::vector<double> tp, cp;
  std::vector<double> hops;
  int found = 0;
  for (int i = 0; i < repeats; ++i) {
    kg::NodeId a = pick(), b = pick();
    auto t = Clock::now();
    double c = CpuMs();
    int h = ShortestPath(g, a, b, 12);
    cp.push_back(CpuMs() - c);
    tp.push_back(Ms(Clock::now() - t));
    if (h >= 0) {
      ++found;
      hops.push_back(h);
    }
  }
  std::printf(
      "shortest path (bidirectional BFS on the store): median %.2f ms wall, %.2f ms CPU, max %.2f ms wall, "
      "%d/%d pairs connected, median hops %.0f\n",
      Median(tp), Median(cp), *std::max_element(tp.begin(), tp.end()), found, repeats, Median(hops));
  return 0;
}
