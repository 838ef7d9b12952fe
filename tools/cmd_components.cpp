// kg components [--top N] [--members M] [--format table|jsonl] [filters]
#include <algorithm>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "graph/algo/algo.h"
#include "graph/export/escape.h"
#include "tools/commands.h"
#include "tools/snapshot_cli.h"

namespace kg::cli {
namespace {

int ComponentsMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "List the weakly connected components, largest first, with their "
                        "best-connected members.");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("top", "show the N largest components", cxxopts::value<int>()->default_value("10"))
      ("members", "name up to M members per component (highest degree first)",
       cxxopts::value<int>()->default_value("5"))
      ("f,format", "table or jsonl", cxxopts::value<std::string>()->default_value("table"))
      ("h,help", "show help");
  AddSnapshotFilterOptions(&opts);
  cxxopts::ParseResult r;
  try {
    r = opts.parse(argc, argv);
  } catch (const std::exception& e) {
    return UsageError(cmd, e.what());
  }
  if (r.count("help")) {
    std::cout << opts.help({"", "filters"}) << "\n";
    return 0;
  }
  if (!r.unmatched().empty()) return UsageError(cmd, "unexpected argument '" + r.unmatched()[0] + "'");
  const std::string format = r["format"].as<std::string>();
  if (format != "table" && format != "jsonl") return UsageError(cmd, "--format must be table or jsonl");
  const int top = r["top"].as<int>();
  const int members = r["members"].as<int>();
  if (top < 1 || members < 0) return UsageError(cmd, "--top must be >= 1 and --members >= 0");

  auto graph = OpenGraph(r["db"].as<std::string>(), {});
  if (!graph.ok()) return FailInput(cmd, graph.status());
  auto snap = LoadFilteredSnapshot(**graph, r, false);
  if (!snap.ok()) return Fail(cmd, snap.status());
  const auto& nodes = snap->nodes();
  const auto degree = algo::Degree(*snap);
  const auto comps = algo::WeakComponents(*snap);

  const size_t k = std::min<size_t>(top, comps.size());
  std::string line;
  for (size_t i = 0; i < k; ++i) {
    std::vector<uint32_t> best = comps[i].nodes;
    const size_t m = std::min<size_t>(members, best.size());
    std::partial_sort(best.begin(), best.begin() + m, best.end(), [&](uint32_t a, uint32_t b) {
      if (degree[a] != degree[b]) return degree[a] > degree[b];
      return nodes[a].key < nodes[b].key;
    });
    best.resize(m);
    line.clear();
    if (format == "jsonl") {
      line = "{\"component\":" + std::to_string(i + 1) +
             ",\"nodes\":" + std::to_string(comps[i].nodes.size()) +
             ",\"relations\":" + std::to_string(comps[i].relationships) + ",\"members\":[";
      for (size_t j = 0; j < best.size(); ++j) {
        line += j ? ",{\"id\":" : "{\"id\":";
        exp::AppendJsonQuoted(&line, nodes[best[j]].key);
        line += ",\"name\":";
        exp::AppendJsonQuoted(&line, nodes[best[j]].name);
        line += ",\"degree\":" + std::to_string(degree[best[j]]) + "}";
      }
      line += "]}\n";
    } else {
      char buf[96];
      std::snprintf(buf, sizeof buf, "%3zu  %6zu nodes  %7zu relations  ", i + 1,
                    comps[i].nodes.size(), comps[i].relationships);
      line = buf;
      for (size_t j = 0; j < best.size(); ++j)
        line += (j ? ", " : "") + exp::SanitizeUtf8(nodes[best[j]].name);
      if (comps[i].nodes.size() > best.size()) line += best.empty() ? "..." : ", ...";
      line += "\n";
    }
    std::fputs(line.c_str(), stdout);
  }
  if (format == "table")
    std::fprintf(stderr, "%zu component(s) over %zu entities and %zu relations%s\n", comps.size(),
                 nodes.size(), snap->rels().size(),
                 k < comps.size() ? (" (showing " + std::to_string(k) + ")").c_str() : "");
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("components", "weakly connected components of the graph", ComponentsMain);

}  // namespace kg::cli
