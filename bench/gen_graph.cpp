// gen_graph: synthetic knowledge graph for the store benchmarks.
//
//   gen_graph --relationships 1000000 [--nodes N] [--hub-degree 10000] [--seed 1]
//             [--per-article 100] > synthetic.jsonl
//   kg load synthetic.jsonl --db bench.db
//
// Writes `kg load` minimal JSON Lines: exactly --relationships distinct
// (subject, predicate, object) triples over --nodes entities (default
// relationships / 5) with power-law degrees (endpoints drawn with probability
// ~ rank^-0.8, so a few entities have thousands of relationships and most a
// handful), plus one hub entity "Hub" with exactly --hub-degree relationships.
// Lines are grouped into articles of --per-article triples. Relation dates
// spread evenly (by a hash of the line number, so the graph's shape does not
// depend on them) over the --date-days days up to 2024-12-31 (default 3653,
// ten years: ~274 relations a day at 1 M); every 20th date has month
// precision ("2024-03") as extracted partial dates do. Deterministic for a
// given seed.
#include <cmath>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "graph/model.h"
#include "graph/rel_date.h"

int main(int argc, char** argv) {
  cxxopts::Options opts("gen_graph", "synthetic power-law graph as `kg load` JSON Lines on stdout");
  opts.add_options()("relationships", "distinct relationships",
                     cxxopts::value<long>()->default_value("1000000"))(
      "nodes", "entities (0 = relationships / 5)", cxxopts::value<long>()->default_value("0"))(
      "hub-degree", "relationships of the hub entity", cxxopts::value<long>()->default_value("10000"))(
      "per-article", "triples per article", cxxopts::value<long>()->default_value("100"))(
      "seed", "random seed", cxxopts::value<unsigned>()->default_value("1"))(
      "date-days", "days the relation dates spread over (ending 2024-12-31)",
      cxxopts::value<long>()->default_value("3653"))("h,help", "show help");
  auto r = opts.parse(argc, argv);
  if (r.count("help")) {
    std::cout << opts.help() << "\n";
    return 0;
  }
  const long rels = r["relationships"].as<long>();
  long nodes = r["nodes"].as<long>();
  if (nodes <= 0) nodes = std::max<long>(rels / 5, 10);
  const long hub_degree = std::min(r["hub-degree"].as<long>(), nodes - 1);
  const long per_article = std::max<long>(1, r["per-article"].as<long>());
  std::mt19937_64 rng(r["seed"].as<unsigned>());
  const long date_days = std::max<long>(1, r["date-days"].as<long>());
  // The date of line n: a day in the last date_days days up to 2024-12-31.
  auto date_of = [&](long n) {
    uint64_t z = static_cast<uint64_t>(n) + 0x9E3779B97F4A7C15ull;  // splitmix64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    const long day = 20088 - static_cast<long>(z % static_cast<uint64_t>(date_days));  // 20088 = 2024-12-31
    int64_t y, m, d;
    kg::CivilFromDays(day, &y, &m, &d);
    char buf[16];
    if (n % 20 == 19) std::snprintf(buf, sizeof buf, "%04lld-%02lld", (long long)y, (long long)m);
    else std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", (long long)y, (long long)m, (long long)d);
    return std::string(buf);
  };

  std::vector<std::string> preds;
  for (const auto& p : kg::Predicates())
    if (p != "co_mentioned") preds.push_back(p);
  const char* types[] = {"person", "organization", "country", "city", "group"};
  auto name = [](long i) { return i == 0 ? std::string("Hub") : "Entity " + std::to_string(i); };
  auto type = [&](long i) { return i == 0 ? "person" : types[i % 5]; };

  // Inverse-CDF sampling of a power law over ranks 1..nodes-1 (the hub is rank 0).
  const double a = 0.8;
  const double n1 = static_cast<double>(nodes - 1);
  std::uniform_real_distribution<double> U(0.0, 1.0);
  auto draw = [&]() -> long {
    double u = U(rng);
    double x = std::pow(u * (std::pow(n1, 1 - a) - 1) + 1, 1 / (1 - a));  // in [1, n1]
    long i = static_cast<long>(x);
    return std::min<long>(std::max<long>(i, 1), nodes - 1);
  };

  std::unordered_set<std::string> seen;
  seen.reserve(static_cast<std::size_t>(rels) * 2);
  long written = 0;
  auto emit = [&](long s, const std::string& p, long o) {
    if (s == o) return false;
    if (kg::IsSymmetricPredicate(p) && name(o) < name(s)) std::swap(s, o);
    std::string key = std::to_string(s) + "|" + p + "|" + std::to_string(o);
    if (!seen.insert(key).second) return false;
    std::printf(
        "{\"subject\":\"%s\",\"subject_type\":\"%s\",\"predicate\":\"%s\",\"object\":\"%s\","
        "\"object_type\":\"%s\",\"date\":\"%s\",\"article\":\"synthetic-%ld\"}\n",
        name(s).c_str(), type(s), p.c_str(), name(o).c_str(), type(o), date_of(written).c_str(),
        written / per_article);
    ++written;
    return true;
  };
  // The hub: hub_degree distinct neighbours.
  for (long i = 1; written < hub_degree && i < nodes; ++i)
    emit(0, preds[static_cast<std::size_t>(i) % preds.size()], i);
  while (written < rels) {
    long s = draw(), o = draw();
    emit(s, preds[rng() % preds.size()], o);
  }
  std::fflush(stdout);
  std::fprintf(stderr, "gen_graph: %ld relationships over %ld entities (hub degree %ld)\n", written,
               nodes, hub_degree);
  return 0;
}
