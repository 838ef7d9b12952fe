// extract_bench: single-thread extraction throughput over article files.
//
//   extract_bench [--repeat N] [--lexicon DIR] PATH...
//
// Loads every article first (reader time is not counted), creates one
// Extractor (startup timed separately), then runs Extract() over all articles
// N times (default 5; the first pass also warms the Hunspell cache) and prints
// per-pass MB/s (article text bytes / wall seconds), the median, the total
// entity/relation counts and the peak RSS (getrusage). See BENCHMARKS.md.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "ingest/extractor.h"
#include "ingest/reader.h"

int main(int argc, char** argv) {
  cxxopts::Options opts("extract_bench", "single-thread extraction throughput");
  opts.add_options()("repeat", "passes", cxxopts::value<int>()->default_value("5"))(
      "lexicon", "extra lexicon dirs", cxxopts::value<std::vector<std::string>>())(
      "paths", "inputs", cxxopts::value<std::vector<std::string>>())("h,help", "help");
  opts.parse_positional({"paths"});
  auto r = opts.parse(argc, argv);
  if (r.count("help") || !r.count("paths")) {
    std::cout << opts.help() << "\n";
    return r.count("help") ? 0 : 64;
  }
  std::vector<std::string> files;
  kg::Status s = kg::ListInputFiles(r["paths"].as<std::vector<std::string>>(), &files);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 74;
  }
  std::vector<kg::ArticleMeta> articles;
  size_t bytes = 0;
  for (const auto& f : files) {
    auto content = kg::ReadFileBytes(f);
    if (!content.ok()) continue;
    (void)kg::ParseArticles(
        f, *content, [&](kg::ArticleMeta&& a) { bytes += a.text.size(); articles.push_back(std::move(a)); },
        [](const kg::InputProblem&) {});
  }
  // The word index and gazetteer snapshot the build puts beside `kg`: without
  // them every unknown word would go to Hunspell, and the figures would not
  // be those of `kg extract` (an explicit KG_WORD_INDEX/... still wins).
  for (const char* v : {"KG_WORD_INDEX", "KG_GAZETTEER_SNAPSHOT"}) {
    const char* e = std::getenv(v);
    const std::string path = std::string(KG_BUILD_TOOLS_DIR) +
                             (std::string(v) == "KG_WORD_INDEX" ? "/de_DE.kgwords" : "/gazetteers.kgcat");
    if (!e || !*e) setenv(v, path.c_str(), 0);
    std::printf("%s=%s\n", v, std::getenv(v));
  }
  auto t0 = std::chrono::steady_clock::now();
  kg::ExtractorOptions xo;
  if (r.count("lexicon")) xo.lexicon_dirs = r["lexicon"].as<std::vector<std::string>>();
  auto ex = kg::Extractor::Create(xo);
  if (!ex.ok()) {
    std::fprintf(stderr, "%s\n", ex.status().ToString().c_str());
    return 70;
  }
  double startup = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("articles=%zu text_bytes=%zu startup_s=%.3f\n", articles.size(), bytes, startup);
  std::vector<double> rates, cpu_rates;
  size_t ents = 0, rels = 0;
  for (int pass = 0; pass < r["repeat"].as<int>(); ++pass) {
    ents = rels = 0;
    auto a = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    for (const auto& art : articles) {
      auto f = (*ex)->Extract(art);
      if (f.ok()) {
        ents += f->entities.size();
        rels += f->relations.size();
      }
    }
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    rates.push_back(bytes / sec / 1e6);
    cpu_rates.push_back(bytes / cpu / 1e6);
    std::printf("pass %d: wall %.3f s (%.2f MB/s)  cpu %.3f s (%.2f MB/s)\n", pass + 1, sec, rates.back(), cpu,
                cpu_rates.back());
  }
  std::vector<double> sorted = rates, csorted = cpu_rates;
  std::sort(sorted.begin(), sorted.end());
  std::sort(csorted.begin(), csorted.end());
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "median_wall_MB_per_s=%.2f median_cpu_MB_per_s=%.2f first_pass_wall_MB_per_s=%.2f entities=%zu "
      "relations=%zu peak_rss_MB=%.1f\n",
      sorted[sorted.size() / 2], csorted[csorted.size() / 2], rates.front(), ents, rels, ru.ru_maxrss / 1024.0);
  return 0;
}
