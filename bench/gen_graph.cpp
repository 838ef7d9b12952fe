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
// Lines are grouped into articles of --per-article triples. Deterministic for
// a given seed.
#include <cmath>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "graph/model.h"

int main(int argc, char** argv) {
  cxxopts::Options opts("gen_graph", "synthetic power-law graph as `kg load` JSON Lines on stdout");
  opts.add_options()("relationships", "distinct relationships",
                     cxxopts::value<long>()->default_value("1000000"))(
      "nodes", "entities (0 = relationships / 5)", cxxopts::value<long>()->default_value("0"))(
      "hub-degree", "relationships of the hub entity", cxxopts::value<long>()->default_value("10000"))(
      "per-article", "triples per article", cxxopts::value<long>()->default_value("100"))(
      "seed", "random seed", cxxopts::value<unsigned>()->default_value("1"))("h,help", "show help");
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
        "\"object_type\":\"%s\",\"date\":\"2024-%02ld-%02ld\",\"article\":\"synthetic-%ld\"}\n",
        name(s).c_str(), type(s), p.c_str(), name(o).c_str(), type(o), written % 12 + 1,
        written % 28 + 1, written / per_article);
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
