// kg neighbors NAME [--predicate P]... [--depth K] [--co-mentions] [--format table|jsonl]
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <unordered_map>

#include "query/traverse.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string Prop(const Node& n, const char* key) {
  auto it = n.props.find(key);
  return it != n.props.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int NeighborsMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd, "List the entities related to NAME (through aliases), up to --depth hops.");
  opts.positional_help("NAME");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "p,predicate", "only these predicates (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "d,depth", "hops", cxxopts::value<int>()->default_value("1"))(
      "co-mentions", "also follow co_mentioned edges")(
      "direction", "out, in or both", cxxopts::value<std::string>()->default_value("both"))(
      "format", "table or jsonl", cxxopts::value<std::string>()->default_value("table"))(
      "limit", "at most this many neighbours", cxxopts::value<std::size_t>()->default_value("10000"))(
      "name", "entity name", cxxopts::value<std::vector<std::string>>())("h,help", "show help");
  opts.parse_positional({"name"});
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
  if (!r.count("name")) return UsageError(cmd, "missing NAME");
  std::string name;
  for (const auto& part : r["name"].as<std::vector<std::string>>()) name += (name.empty() ? "" : " ") + part;
  NeighborOptions no;
  no.depth = r["depth"].as<int>();
  if (no.depth < 1) return UsageError(cmd, "--depth must be >= 1");
  if (r.count("predicate")) {
    for (const auto& p : r["predicate"].as<std::vector<std::string>>()) {
      if (!IsKnownPredicate(p)) return UsageError(cmd, "unknown predicate \"" + p + "\"");
      no.predicates.push_back(p);
    }
  }
  no.include_co_mentions = r.count("co-mentions") > 0;
  no.limit = r["limit"].as<std::size_t>();
  const std::string dir = r["direction"].as<std::string>();
  if (dir == "out") no.direction = Direction::kOut;
  else if (dir == "in") no.direction = Direction::kIn;
  else if (dir != "both") return UsageError(cmd, "--direction must be out, in or both");
  const std::string format = r["format"].as<std::string>();
  if (format != "table" && format != "jsonl") return UsageError(cmd, "--format must be table or jsonl");

  auto graph = OpenGraph(r["db"].as<std::string>(), {});
  if (!graph.ok()) return Fail(cmd, graph.status());
  const Graph& g = **graph;
  auto start = ResolveEntity(g, name);
  if (!start.ok()) return Fail(cmd, start.status());
  std::vector<NeighborHit> hits;
  if (Status s = Neighbors(g, *start, no, &hits); !s.ok()) return Fail(cmd, s);

  auto start_node = g.GetNode(*start);
  if (!start_node.ok()) return Fail(cmd, start_node.status());
  std::unordered_map<NodeId, std::string> names = {{*start, Prop(*start_node, "name")}};
  for (const auto& h : hits) {
    auto n = g.GetNode(h.node);
    if (!n.ok()) return Fail(cmd, n.status());
    names[h.node] = Prop(*n, "name");
    if (format == "jsonl") {
      auto rel = g.GetRel(h.rel);
      nlohmann::json row = {{"depth", h.depth},
                            {"id", Prop(*n, "id")},
                            {"name", Prop(*n, "name")},
                            {"type", n->labels.empty() ? "" : PredicateForRelType(n->labels[0])},
                            {"via", names[h.via]},
                            {"predicate", PredicateForRelType(h.type)},
                            {"direction", h.outgoing ? "out" : "in"}};
      if (rel.ok()) {
        row["relation"] = rel->props;
        // Databases written before location_name was stored: derived.
        if (!rel->props.contains("location_name"))
          if (std::string place = LocationName(g, rel->props); !place.empty())
            row["relation"]["location_name"] = place;
      }
      std::cout << row.dump() << "\n";
    } else {
      auto rel = g.GetRel(h.rel);
      if (!rel.ok()) return Fail(cmd, rel.status());
      std::string place = LocationName(g, rel->props);
      if (place.empty()) {  // a location whose name is unknown: its id
        auto loc = rel->props.find("location");
        if (loc != rel->props.end() && loc->is_string()) place = loc->get<std::string>();
      }
      std::string arrow = h.outgoing ? " -[" + PredicateForRelType(h.type) + "]-> "
                                     : " <-[" + PredicateForRelType(h.type) + "]- ";
      std::string label = n->labels.empty() ? "" : n->labels[0];
      std::cout << h.depth << "  " << names[h.via] << arrow << names[h.node] << "  (" << label
                << ")" << (place.empty() ? "" : "  location " + place) << "\n";
    }
  }
  if (format == "table")
    std::cerr << hits.size() << " neighbour(s) of " << names[*start] << " within " << no.depth
              << " hop(s)\n";
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("neighbors", "entities related to NAME, up to --depth hops", NeighborsMain);

}  // namespace kg::cli
