// kg rank --by degree|pagerank|betweenness [--top N] [--format table|jsonl] [filters]
#include <algorithm>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <numeric>

#include "graph/algo/algo.h"
#include "graph/export/escape.h"
#include "tools/commands.h"
#include "tools/snapshot_cli.h"

namespace kg::cli {
namespace {

int RankMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Rank entities by degree, PageRank or betweenness centrality (see "
                        "graph/algo/algo.h for the exact, NetworkX-compatible definitions).");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("by", "degree, pagerank or betweenness", cxxopts::value<std::string>()->default_value("pagerank"))
      ("top", "show the N best", cxxopts::value<int>()->default_value("20"))
      ("f,format", "table or jsonl", cxxopts::value<std::string>()->default_value("table"))
      ("samples", "betweenness: sample K source nodes (0 = exact)", cxxopts::value<int>()->default_value("0"))
      ("seed", "betweenness: sampling seed", cxxopts::value<uint64_t>()->default_value("42"))
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
  const std::string by = r["by"].as<std::string>();
  if (by != "degree" && by != "pagerank" && by != "betweenness")
    return UsageError(cmd, "--by must be degree, pagerank or betweenness");
  const std::string format = r["format"].as<std::string>();
  if (format != "table" && format != "jsonl") return UsageError(cmd, "--format must be table or jsonl");
  const int top = r["top"].as<int>();
  if (top < 1) return UsageError(cmd, "--top must be >= 1");
  const int samples = r["samples"].as<int>();
  if (samples < 0) return UsageError(cmd, "--samples must be >= 0");

  auto graph = OpenGraph(r["db"].as<std::string>(), {});
  if (!graph.ok()) return FailInput(cmd, graph.status());
  auto snap = LoadFilteredSnapshot(**graph, r, false);
  if (!snap.ok()) return Fail(cmd, snap.status());
  const auto& nodes = snap->nodes();

  std::vector<double> score(nodes.size(), 0.0);
  const std::vector<int64_t> degree = algo::Degree(*snap);
  if (by == "degree") {
    for (size_t i = 0; i < nodes.size(); ++i) score[i] = static_cast<double>(degree[i]);
  } else if (by == "pagerank") {
    auto pr = algo::PageRank(*snap);
    if (!pr.converged)
      std::fprintf(stderr, "%s: warning: PageRank did not converge in %d iterations\n", cmd.c_str(),
                   pr.iterations);
    score = std::move(pr.rank);
  } else {
    algo::BetweennessOptions bo;
    if (samples > 0) bo.sources = algo::SampleSources(nodes.size(), samples, r["seed"].as<uint64_t>());
    auto bc = algo::Betweenness(*snap, bo);
    if (!bc.ok()) return Fail(cmd, bc.status());
    score = std::move(bc).value();
  }
  std::vector<uint32_t> order(nodes.size());
  std::iota(order.begin(), order.end(), 0u);
  const size_t k = std::min<size_t>(top, order.size());
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](uint32_t a, uint32_t b) {
    if (score[a] != score[b]) return score[a] > score[b];
    return nodes[a].key < nodes[b].key;
  });
  std::string line;
  for (size_t i = 0; i < k; ++i) {
    const auto& n = nodes[order[i]];
    line.clear();
    if (format == "jsonl") {
      line = "{\"rank\":";
      exp::AppendInt(&line, static_cast<int64_t>(i + 1));
      line += ",\"id\":";
      exp::AppendJsonQuoted(&line, n.key);
      line += ",\"name\":";
      exp::AppendJsonQuoted(&line, n.name);
      line += ",\"type\":";
      exp::AppendJsonQuoted(&line, n.type);
      if (by != "degree") {  // the degree is the score itself when ranking by degree
        line += ",\"" + by + "\":";
        exp::AppendDouble(&line, score[order[i]]);
      }
      line += ",\"degree\":";
      exp::AppendInt(&line, degree[order[i]]);
      line += "}\n";
    } else {
      char buf[64];
      if (by == "degree") {
        std::snprintf(buf, sizeof buf, "%3zu  %8lld  ", i + 1, static_cast<long long>(score[order[i]]));
      } else {
        std::snprintf(buf, sizeof buf, "%3zu  %.6f  ", i + 1, score[order[i]]);
      }
      line = buf + exp::SanitizeUtf8(n.name) + "  (" + n.type + (n.type.empty() ? "" : ", ") +
             exp::SanitizeUtf8(n.key) + ")\n";
    }
    std::fputs(line.c_str(), stdout);
  }
  if (format == "table")
    std::fprintf(stderr, "%zu of %zu entities by %s%s\n", k, nodes.size(), by.c_str(),
                 by == "betweenness" && samples > 0 ? " (sampled)" : "");
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("rank", "rank entities by degree, PageRank or betweenness", RankMain);

}  // namespace kg::cli
