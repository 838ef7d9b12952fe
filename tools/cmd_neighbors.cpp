// kg neighbors NAME [--predicate P]... [--depth K] [--co-mentions] [--format table|jsonl]
// Every relation between NAME and each neighbour (all types, both directions)
// is listed, grouped per neighbour, with support and evidence count: the same
// relations `MATCH (a)-[r]-(b)` returns for the start entity.
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <unordered_map>

#include "graph/rel_date.h"
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
      "f,format", "table or jsonl", cxxopts::value<std::string>()->default_value("table"))(
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
      auto known = ParsePredicate(p);
      if (!known.ok()) return UsageError(cmd, known.status().message());
      no.predicates.push_back(*known);
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
  if (!graph.ok()) return FailInput(cmd, graph.status());
  const Graph& g = **graph;
  auto start = ResolveName(g, name);
  if (!start.ok()) return Fail(cmd, start.status());
  std::vector<NeighborHit> hits;
  if (Status s = Neighbors(g, *start, no, &hits); !s.ok()) return Fail(cmd, s);

  auto start_node = g.GetNode(*start);
  if (!start_node.ok()) return Fail(cmd, start_node.status());
  std::unordered_map<NodeId, std::string> names = {{*start, Prop(*start_node, "name")}};
  std::size_t relations = 0;
  std::vector<EvidenceRecord> ev;
  for (const auto& h : hits) {
    auto n = g.GetNode(h.node);
    if (!n.ok()) return Fail(cmd, n.status());
    names[h.node] = Prop(*n, "name");
    const std::string label = n->labels.empty() ? "" : n->labels[0];
    nlohmann::json rels = nlohmann::json::array();
    for (const auto& a : h.rels) {
      auto rel = g.GetRel(a.rel);
      if (!rel.ok()) return Fail(cmd, rel.status());
      if (Status es = g.GetEvidence(a.rel, &ev); !es.ok()) return Fail(cmd, es);
      ++relations;
      nlohmann::json props = rel->props;
      for (auto& [k, v] : props.items())
        if (auto t = StoredTemporalText(v)) v = *t;  // a date set by Cypher: its ISO text
      // Undated and unplaced relations: null, as Cypher returns them.
      for (const char* k : {"date", "location", "first_seen", "last_seen"})
        if (auto it = props.find(k); it != props.end() && it->is_string() && it->get_ref<const std::string&>().empty())
          *it = nullptr;
      std::string place = LocationName(g, rel->props);
      if (!place.empty()) props["location_name"] = place;
      const std::string pred = PredicateForRelType(a.type);
      if (format == "jsonl") {
        nlohmann::json x = {{"predicate", pred},
                            {"direction", a.outgoing ? "out" : "in"},
                            {"support", props.value("support", int64_t{0})},
                            {"evidence", a.type == "CO_MENTIONED" ? props.value("weight", int64_t{0})
                                                                  : static_cast<int64_t>(ev.size())}};
        x["properties"] = props;
        rels.push_back(std::move(x));
        continue;
      }
      if (place.empty() && props.contains("location") && props["location"].is_string())
        place = props["location"].get<std::string>();  // a location whose name is unknown: its id
      std::string arrow = a.outgoing ? " -[" + pred + "]-> " : " <-[" + pred + "]- ";
      std::string facts = "support " + std::to_string(props.value("support", int64_t{0}));
      if (a.type == "CO_MENTIONED") facts += ", sentences " + std::to_string(props.value("weight", int64_t{0}));
      else facts += ", evidence " + std::to_string(ev.size());
      if (props.contains("date") && props["date"].is_string()) facts += ", " + props["date"].get<std::string>();
      if (!place.empty()) facts += ", location " + place;
      std::cout << h.depth << "  " << names[h.via] << arrow << names[h.node] << "  (" << label << ")  " << facts
                << "\n";
    }
    if (format == "jsonl") {
      nlohmann::json row = {{"depth", h.depth},
                            {"id", Prop(*n, "id")},
                            {"name", Prop(*n, "name")},
                            {"type", label.empty() ? "" : PredicateForRelType(label)},
                            {"via", names[h.via]},
                            {"relations", std::move(rels)}};
      std::cout << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  if (format == "table")
    std::cerr << hits.size() << " neighbour(s) of " << names[*start] << " within " << no.depth << " hop(s), "
              << relations << " relation(s)\n";
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("neighbors", "entities related to NAME, up to --depth hops", NeighborsMain);

}  // namespace kg::cli
