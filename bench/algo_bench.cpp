// algo_bench: times kg's graph algorithms and GraphML writer on a graph given
// as an edge list, so NetworkX can run on exactly the same graph
// (bench/algo_vs_networkx.py drives both and writes BENCHMARKS.md figures).
//
//   algo_bench --edges E.tsv --nodes N [--sources S.txt] [--pairs P.txt]
//              [--repeat R] [--ops pagerank,betweenness,path,graphml] [--graphml OUT]
//   algo_bench --db PATH [--repeat R]
//
// With --db (a kg RocksDB database, opened read-only): times reading the graph
// the way the snapshot does — the JSON scans (Graph::ScanNodes/ScanRels +
// NodeFromGraph/RelFromGraph), the typed scans (ScanNodesTyped/ScanRelsTyped)
// and the whole LoadSnapshot (typed scans + evidence counts).
//
// E.tsv: "src<TAB>dst<TAB>TYPE" per line, node ids 0..N-1. S.txt: one source
// node id per line. P.txt: "a<TAB>b" per line. Prints one JSON object per
// operation: {"op", "ms": [per repeat], "median_ms", ...results}.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cxxopts.hpp>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/algo/algo.h"
#include "graph/export/export.h"
#include "graph/graph.h"
#include "graph/rocks_store.h"
#include "graph/snapshot.h"

namespace {

using Clock = std::chrono::steady_clock;

// Process CPU time in ms (the machine is shared: CPU time is steadier than wall time).
double CpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0
                   : (v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2);
}

std::vector<uint32_t> ReadIds(const std::string& path) {
  std::vector<uint32_t> out;
  std::ifstream in(path);
  uint32_t x;
  while (in >> x) out.push_back(x);
  return out;
}

// --db mode: JSON scans vs typed scans vs LoadSnapshot on a real database.
int ScanBench(const std::string& path, int repeat) {
  kg::RocksOptions ro;
  ro.read_only = true;
  ro.create_if_missing = false;
  auto store = kg::OpenRocksStore(path, ro);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 74;
  }
  auto graph = kg::Graph::Open(std::move(store).value());
  if (!graph.ok()) {
    std::cerr << graph.status().ToString() << "\n";
    return 65;
  }
  const kg::Graph& g = **graph;
  auto time = [&](const char* op, const std::function<size_t()>& fn) {
    std::vector<double> ms, cpu;
    size_t count = 0;
    for (int i = 0; i < repeat; ++i) {
      auto a = Clock::now();
      double c = CpuMs();
      count = fn();
      cpu.push_back(CpuMs() - c);
      ms.push_back(Ms(a, Clock::now()));
    }
    std::cout << nlohmann::json{{"op", op},      {"records", count},
                                {"ms", ms},      {"median_ms", Median(ms)},
                                {"cpu_ms", cpu}, {"median_cpu_ms", Median(cpu)}}
                     .dump()
              << std::endl;
  };
  time("scan_json", [&] {
    size_t n = 0;
    double sink = 0;
    (void)g.ScanNodes("", [&](const kg::Node& node) {
      sink += static_cast<double>(kg::NodeFromGraph(node).name.size());
      return ++n, true;
    });
    (void)g.ScanRels([&](const kg::Rel& rel) {
      sink += kg::RelFromGraph(rel).weight;
      return ++n, true;
    });
    return sink >= 0 ? n : 0;
  });
  time("scan_typed", [&] {
    size_t n = 0;
    double sink = 0;
    (void)g.ScanNodesTyped([&](kg::SnapNode* node) {
      sink += static_cast<double>(node->name.size());
      return ++n, true;
    });
    (void)g.ScanRelsTyped([&](kg::NodeId, kg::NodeId, kg::SnapRel* rel) {
      sink += rel->weight;
      return ++n, true;
    });
    return sink >= 0 ? n : 0;
  });
  time("load_snapshot", [&] {
    auto snap = kg::LoadSnapshot(g);
    return snap.ok() ? snap->nodes().size() + snap->rels().size() : 0;
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cxxopts::Options opts("algo_bench", "time kg algorithms on an edge list");
  opts.add_options()("edges", "edge list TSV", cxxopts::value<std::string>())(
      "nodes", "node count", cxxopts::value<uint32_t>())(
      "sources", "betweenness sources file", cxxopts::value<std::string>()->default_value(""))(
      "pairs", "shortest-path pairs file", cxxopts::value<std::string>()->default_value(""))(
      "repeat", "repetitions", cxxopts::value<int>()->default_value("3"))(
      "ops", "comma list",
      cxxopts::value<std::string>()->default_value("pagerank,betweenness,path"))(
      "graphml", "GraphML output path for the graphml op",
      cxxopts::value<std::string>()->default_value("/dev/null"))(
      "out-values", "write pagerank/betweenness values (JSON) here",
      cxxopts::value<std::string>()->default_value(""))(
      "db", "time the snapshot scans of this kg database instead", cxxopts::value<std::string>())(
      "h,help", "help");
  auto r = opts.parse(argc, argv);
  if (r.count("db")) return ScanBench(r["db"].as<std::string>(), r["repeat"].as<int>());
  if (r.count("help") || !r.count("edges") || !r.count("nodes")) {
    std::cout << opts.help() << "\n";
    return r.count("help") ? 0 : 64;
  }
  const uint32_t n = r["nodes"].as<uint32_t>();
  const int repeat = r["repeat"].as<int>();
  const std::string ops = "," + r["ops"].as<std::string>() + ",";

  auto t0 = Clock::now();
  kg::GraphSnapshot g;
  for (uint32_t i = 0; i < n; ++i) {
    kg::SnapNode node;
    node.id = i;
    node.key = "n/" + std::to_string(i);
    node.name = "Node " + std::to_string(i);
    node.type = "person";
    node.labels = {"Person"};
    g.AddNode(std::move(node));
  }
  {
    std::ifstream in(r["edges"].as<std::string>());
    std::string line, type;
    uint32_t a, b;
    kg::RelId id = 1;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      if (!(ls >> a >> b >> type)) continue;
      kg::SnapRel rel;
      rel.id = id++;
      rel.src = a;
      rel.dst = b;
      rel.type = type;
      rel.support = 1;
      rel.weight = 1;
      rel.modality = "asserted";
      rel.first_seen = rel.last_seen = rel.date = "2023-09-13";
      rel.evidence_count = 1;
      g.AddRel(std::move(rel));
    }
  }
  auto t1 = Clock::now();
  std::cout << nlohmann::json{{"op", "load"},
                              {"ms", Ms(t0, t1)},
                              {"nodes", g.nodes().size()},
                              {"edges", g.rels().size()}}
                   .dump()
            << std::endl;
  nlohmann::json values;

  if (ops.find(",pagerank,") != std::string::npos) {
    std::vector<double> ms, cpu;
    kg::algo::PageRankResult pr;
    for (int i = 0; i < repeat; ++i) {
      auto a = Clock::now();
      double c = CpuMs();
      pr = kg::algo::PageRank(g);
      cpu.push_back(CpuMs() - c);
      ms.push_back(Ms(a, Clock::now()));
    }
    std::cout << nlohmann::json{{"op", "pagerank"},
                                {"ms", ms},
                                {"median_ms", Median(ms)},
                                {"cpu_ms", cpu},
                                {"median_cpu_ms", Median(cpu)},
                                {"iterations", pr.iterations},
                                {"converged", pr.converged}}
                     .dump()
              << std::endl;
    values["pagerank"] = pr.rank;
  }
  if (ops.find(",betweenness,") != std::string::npos) {
    kg::algo::BetweennessOptions bo;
    bo.sources = ReadIds(r["sources"].as<std::string>());
    if (bo.sources.empty()) bo.sources = kg::algo::SampleSources(n, 64, 42);
    std::vector<double> ms, cpu;
    std::vector<double> bc;
    for (int i = 0; i < repeat; ++i) {
      auto a = Clock::now();
      double c = CpuMs();
      auto res = kg::algo::Betweenness(g, bo);
      cpu.push_back(CpuMs() - c);
      ms.push_back(Ms(a, Clock::now()));
      if (!res.ok()) {
        std::cerr << res.status().ToString() << "\n";
        return 1;
      }
      bc = std::move(res).value();
    }
    std::cout << nlohmann::json{{"op", "betweenness"},          {"ms", ms},
                                {"median_ms", Median(ms)},      {"cpu_ms", cpu},
                                {"median_cpu_ms", Median(cpu)}, {"sources", bo.sources.size()}}
                     .dump()
              << std::endl;
    values["betweenness"] = bc;
  }
  if (ops.find(",path,") != std::string::npos) {
    std::vector<uint32_t> flat = ReadIds(r["pairs"].as<std::string>());
    std::vector<double> build_ms, query_ms, query_cpu;
    std::vector<int> lengths;
    for (int i = 0; i < repeat; ++i) {
      auto a = Clock::now();
      kg::algo::PathFinder finder(g, nullptr);
      auto b = Clock::now();
      double c = CpuMs();
      lengths.clear();
      for (size_t k = 0; k + 1 < flat.size(); k += 2) {
        auto p = finder.Find(flat[k], flat[k + 1], -1, false, 1);
        lengths.push_back(p.empty() ? -1 : static_cast<int>(p[0].nodes.size()) - 1);
      }
      query_cpu.push_back(CpuMs() - c);
      build_ms.push_back(Ms(a, b));
      query_ms.push_back(Ms(b, Clock::now()));
    }
    std::cout << nlohmann::json{{"op", "path"},         {"pairs", flat.size() / 2},
                                {"build_ms", build_ms}, {"median_build_ms", Median(build_ms)},
                                {"ms", query_ms},       {"median_ms", Median(query_ms)},
                                {"cpu_ms", query_cpu},  {"median_cpu_ms", Median(query_cpu)},
                                {"lengths", lengths}}
                     .dump()
              << std::endl;
  }
  if (ops.find(",graphml,") != std::string::npos) {
    std::vector<double> ms, cpu;
    for (int i = 0; i < repeat; ++i) {
      auto a = Clock::now();
      double c = CpuMs();
      auto metrics = kg::exp::ComputeMetrics(g);
      auto sink = kg::exp::Sink::OpenFile(r["graphml"].as<std::string>());
      if (!sink.ok() || !kg::exp::WriteGraphML(g, metrics, sink->get()).ok() ||
          !(*sink)->Finish().ok()) {
        std::cerr << "graphml write failed\n";
        return 1;
      }
      cpu.push_back(CpuMs() - c);
      ms.push_back(Ms(a, Clock::now()));
    }
    std::cout << nlohmann::json{{"op", "graphml"},
                                {"ms", ms},
                                {"median_ms", Median(ms)},
                                {"cpu_ms", cpu},
                                {"median_cpu_ms", Median(cpu)}}
                     .dump()
              << std::endl;
  }
  if (!r["out-values"].as<std::string>().empty())
    std::ofstream(r["out-values"].as<std::string>()) << values.dump();
  return 0;
}
