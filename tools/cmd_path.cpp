// kg path A B [--all-shortest] [--max-depth K] [--include-co-mentions] [--format text|jsonl]
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <unordered_map>

#include "graph/export/escape.h"
#include "query/store_paths.h"
#include "query/traverse.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "|") + s;
  return out;
}

// " -[meets]-> ", " <-[attacks]- ", or both directions " -[meets]->/<-[visits]- ".
std::string Arrow(const std::vector<AdjEntry>& rels) {
  std::vector<std::string> fwd, back;
  for (const AdjEntry& e : rels) {
    auto& side = e.outgoing ? fwd : back;
    const std::string pred = PredicateForRelType(e.type);
    if (std::find(side.begin(), side.end(), pred) == side.end()) side.push_back(pred);
  }
  std::string out = " ";
  if (!fwd.empty()) out += "-[" + Join(fwd) + "]->";
  if (!fwd.empty() && !back.empty()) out += "/";
  if (!back.empty()) out += "<-[" + Join(back) + "]-";
  return out + " ";
}

// What a path prints of a node: its entity id (else "n<internal id>") and name (else the id).
struct Shown {
  std::string key, name;
};

int PathMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Shortest chain of relations between A and B (names, aliases or entity "
                        "ids). Direction is ignored for the search and shown in the output.");
  opts.positional_help("A B");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("all-shortest", "print every shortest path (up to --max-paths)")
      ("max-depth", "give up beyond K hops (-1 = unbounded)", cxxopts::value<int>()->default_value("-1"))
      ("max-paths", "cap for --all-shortest", cxxopts::value<size_t>()->default_value("100"))
      ("include-co-mentions", "also walk CO_MENTIONED relations")
      ("p,predicate", "walk only these predicates (repeatable)", cxxopts::value<std::vector<std::string>>())
      ("f,format", "text or jsonl", cxxopts::value<std::string>()->default_value("text"))
      ("names", "A and B", cxxopts::value<std::vector<std::string>>())
      ("h,help", "show help");
  opts.parse_positional({"names"});
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
  std::vector<std::string> names;
  if (r.count("names")) names = r["names"].as<std::vector<std::string>>();
  if (names.size() != 2) return UsageError(cmd, "need exactly two names, A and B (quote multi-word names)");
  const std::string format = r["format"].as<std::string>();
  if (format != "text" && format != "jsonl") return UsageError(cmd, "--format must be text or jsonl");
  std::vector<std::string> preds;
  if (r.count("predicate"))
    for (const auto& p : r["predicate"].as<std::vector<std::string>>()) {
      auto known = ParsePredicate(p);
      if (!known.ok()) return UsageError(cmd, known.status().message());
      preds.push_back(*known);
    }
  const bool co = r.count("include-co-mentions") > 0;

  auto graph = OpenGraph(r["db"].as<std::string>(), {});
  if (!graph.ok()) return FailInput(cmd, graph.status());
  auto a = ResolveName(**graph, names[0]);
  if (!a.ok()) return Fail(cmd, a.status());
  auto b = ResolveName(**graph, names[1]);
  if (!b.ok()) return Fail(cmd, b.status());
  StorePathOptions po;
  for (const auto& p : preds) po.types.push_back(RelTypeForPredicate(p));
  po.include_co_mentions = co;
  po.max_depth = r["max-depth"].as<int>();
  po.all_shortest = r.count("all-shortest") > 0;
  po.max_paths = r["max-paths"].as<size_t>();
  std::vector<StorePath> paths;
  if (Status s = StoreShortestPaths(**graph, *a, *b, po, &paths); !s.ok()) return Fail(cmd, s);
  // Only the nodes on the printed paths are read.
  std::unordered_map<NodeId, Shown> nodes;
  for (NodeId id : {*a, *b}) nodes[id];
  for (const auto& p : paths)
    for (NodeId id : p.nodes) nodes[id];
  for (auto& [id, shown] : nodes) {
    auto n = (*graph)->GetNode(id);
    if (!n.ok()) return Fail(cmd, n.status().IsNotFound() ? Status::NotFound("entity vanished while reading")
                                                           : n.status());
    shown.key = n->props.value("id", std::string());
    if (shown.key.empty()) shown.key = "n" + std::to_string(id);
    shown.name = n->props.value("name", std::string());
    if (shown.name.empty()) shown.name = shown.key;
  }
  if (paths.empty()) {
    std::fprintf(stderr, "%s: no path between %s and %s%s%s\n", cmd.c_str(),
                 exp::SanitizeUtf8(nodes[*a].name).c_str(), exp::SanitizeUtf8(nodes[*b].name).c_str(),
                 po.max_depth >= 0 ? (" within " + std::to_string(po.max_depth) + " hops").c_str() : "",
                 co || !preds.empty() ? "" : " (typed relations only; try --include-co-mentions)");
    return 1;
  }
  std::string line;
  for (const auto& p : paths) {
    line.clear();
    if (format == "jsonl") {
      line = "{\"hops\":" + std::to_string(p.nodes.size() - 1) + ",\"nodes\":[";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        line += i ? ",{\"id\":" : "{\"id\":";
        exp::AppendJsonQuoted(&line, nodes[p.nodes[i]].key);
        line += ",\"name\":";
        exp::AppendJsonQuoted(&line, nodes[p.nodes[i]].name);
        line += "}";
      }
      line += "],\"relations\":[";
      bool first = true;
      for (size_t h = 0; h < p.hops.size(); ++h)
        for (const AdjEntry& e : p.hops[h]) {
          const NodeId src = e.outgoing ? p.nodes[h] : p.nodes[h + 1];
          const NodeId dst = e.outgoing ? p.nodes[h + 1] : p.nodes[h];
          line += first ? "{\"hop\":" : ",{\"hop\":";
          first = false;
          line += std::to_string(h + 1) + ",\"source\":";
          exp::AppendJsonQuoted(&line, nodes[src].key);
          line += ",\"predicate\":";
          exp::AppendJsonQuoted(&line, PredicateForRelType(e.type));
          line += ",\"target\":";
          exp::AppendJsonQuoted(&line, nodes[dst].key);
          line += "}";
        }
      line += "]}\n";
    } else {
      line = exp::SanitizeUtf8(nodes[p.nodes[0]].name);
      for (size_t i = 0; i + 1 < p.nodes.size(); ++i)
        line += Arrow(p.hops[i]) + exp::SanitizeUtf8(nodes[p.nodes[i + 1]].name);
      line += "\n";
    }
    std::fputs(line.c_str(), stdout);
  }
  if (format == "text")
    std::fprintf(stderr, "%zu shortest path(s) of %zu hop(s)\n", paths.size(), paths[0].nodes.size() - 1);
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("path", "shortest chain of relations between two entities", PathMain);

}  // namespace kg::cli
