// query_date_bench: date-range Cypher queries in process, with and without
// the relationship date index (see BENCHMARKS.md "## Query").
//
//   query_date_bench --db bench.db [--repeats 20] [--scan-repeats 3] [--from 2024-12-30]
//
// Opens the database like every kg reader, then runs each query --repeats
// times through cypher::RunQuery (parse + plan + run, rows collected, not
// printed) and prints the rows and the median wall and thread-CPU time:
//   - index: MATCH ()-[r]->() WHERE r.date >= date(FROM) (issue 21's query;
//     the planner answers it from Graph::ScanRelsByDate; EXPLAIN: MatchByDate)
//   - scan:  the same rows with the date wrapped, date(r.date) >= ..., which
//     the index cannot answer: every relationship is read and decoded
//     (--scan-repeats runs)
// and checks that both return the same number of rows. Process start and
// opening RocksDB are not timed (`kg query` adds them: ~0.1 s).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cxxopts.hpp>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/rocks_store.h"
#include "query/cypher/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double CpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  cxxopts::Options opts("query_date_bench", "date-range queries with and without the date index");
  opts.add_options()("db", "database path", cxxopts::value<std::string>())(
      "repeats", "runs per query", cxxopts::value<int>()->default_value("20"))(
      "scan-repeats", "runs of the full-scan query", cxxopts::value<int>()->default_value("3"))(
      "from", "first day of the range", cxxopts::value<std::string>()->default_value("2024-12-30"))(
      "h,help", "show help");
  auto a = opts.parse(argc, argv);
  if (a.count("help") || !a.count("db")) {
    std::printf("%s\n", opts.help().c_str());
    return a.count("help") ? 0 : 64;
  }
  kg::RocksOptions ro;
  ro.create_if_missing = false;
  ro.read_only = true;
  auto store = kg::OpenRocksStore(a["db"].as<std::string>(), ro);
  if (!store.ok()) {
    std::fprintf(stderr, "query_date_bench: %s\n", store.status().ToString().c_str());
    return 74;
  }
  auto graph = kg::Graph::Open(std::move(store).value());
  if (!graph.ok()) {
    std::fprintf(stderr, "query_date_bench: %s\n", graph.status().ToString().c_str());
    return 74;
  }
  const std::string from = a["from"].as<std::string>();
  const std::string ret = " RETURN id(r) AS id, type(r) AS rel, r.date AS date";
  const std::vector<std::pair<std::string, std::string>> queries = {
      {"index", "MATCH ()-[r]->() WHERE r.date >= date('" + from + "')" + ret},
      {"scan", "MATCH ()-[r]->() WHERE date(r.date) >= date('" + from + "')" + ret}};
  kg::cypher::QueryOptions qo;
  qo.max_rows = 10000000;
  qo.timeout_seconds = 600;
  const int repeats = std::max(1, a["repeats"].as<int>());
  const int scan_repeats = std::max(1, a["scan-repeats"].as<int>());
  std::printf("| query | rows | median wall | median CPU |\n|---|---|---|---|\n");
  std::vector<size_t> counts;
  for (const auto& [name, q] : queries) {
    std::vector<double> wall, cpu;
    size_t rows = 0;
    for (int i = 0; i < (name == "scan" ? scan_repeats : repeats); ++i) {
      const auto t0 = Clock::now();
      const double c0 = CpuMs();
      auto r = kg::cypher::RunQuery(graph->get(), q, qo, {});
      cpu.push_back(CpuMs() - c0);
      wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!r.ok()) {
        std::fprintf(stderr, "query_date_bench: %s: %s\n", name.c_str(), r.status().ToString().c_str());
        return 65;
      }
      rows = r->rows.size();
    }
    counts.push_back(rows);
    std::printf("| %s: `%s` | %zu | %.1f ms | %.1f ms |\n", name.c_str(), q.c_str(), rows, Median(wall),
                Median(cpu));
  }
  if (counts[0] != counts[1]) {
    std::fprintf(stderr, "query_date_bench: index and scan differ (%zu vs %zu rows)\n", counts[0], counts[1]);
    return 1;
  }
  return 0;
}
