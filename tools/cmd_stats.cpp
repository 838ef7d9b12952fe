// kg stats [--db P] [--format table|json] [--with-size]
// Counts of the stored graph. `relations` counts every relationship (typed +
// co_mentioned) = the edges of the default GraphML export, `entities` its
// nodes. The JSON leaves out db_bytes unless --with-size: on-disk size moves
// with RocksDB compaction and log rotation, and the JSON is meant to be
// byte-identical after re-ingesting identical input.
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include <nlohmann/json.hpp>

#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string HumanBytes(uint64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

int StatsMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd, "Print counts of the stored graph and its size on disk.");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "f,format", "table or json", cxxopts::value<std::string>()->default_value("table"))(
      "with-size", "include db_bytes in the JSON output")("h,help", "show help");
  cxxopts::ParseResult r;
  try {
    r = opts.parse(argc, argv);
  } catch (const std::exception& e) {
    return UsageError(cmd, e.what());
  }
  if (r.count("help")) {
    std::cout << opts.help() << "\n";
    return 0;
  }
  if (!r.unmatched().empty()) return UsageError(cmd, "unexpected argument '" + r.unmatched()[0] + "'");
  const std::string format = r["format"].as<std::string>();
  if (format != "table" && format != "json") return UsageError(cmd, "--format must be table or json");
  auto g = OpenGraph(r["db"].as<std::string>(), OpenOptions{});
  if (!g.ok()) return FailInput(cmd, g.status());
  auto st = (*g)->Stats();
  if (!st.ok()) return Fail(cmd, st.status());
  if (format == "json") {
    nlohmann::ordered_json j = {{"articles", st->articles},
                                {"entities", st->entities},
                                {"relations", st->relations},
                                {"typed_relations", st->typed_relations},
                                {"co_mentions", st->co_mentions},
                                {"evidence", st->evidence}};
    if (r.count("with-size")) j["db_bytes"] = st->db_bytes;
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("articles         %llu\n", static_cast<unsigned long long>(st->articles));
    std::printf("entities         %llu\n", static_cast<unsigned long long>(st->entities));
    std::printf("relations        %llu\n", static_cast<unsigned long long>(st->relations));
    std::printf("  typed          %llu\n", static_cast<unsigned long long>(st->typed_relations));
    std::printf("  co_mentioned   %llu\n", static_cast<unsigned long long>(st->co_mentions));
    std::printf("evidence         %llu\n", static_cast<unsigned long long>(st->evidence));
    std::printf("db size on disk  %s (%llu bytes)\n", HumanBytes(st->db_bytes).c_str(),
                static_cast<unsigned long long>(st->db_bytes));
  }
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("stats", "counts of articles, entities, relations, evidence; size on disk", StatsMain);

}  // namespace kg::cli
