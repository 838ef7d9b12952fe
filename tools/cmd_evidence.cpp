// kg evidence A B [--predicate P]... [--format text|jsonl]
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "graph/export/escape.h"
#include "query/traverse.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string Str(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string NameOf(const Graph& g, NodeId id) {
  auto n = g.GetNode(id);
  if (!n.ok()) return "#" + std::to_string(id);
  std::string name = Str(n->props, "name");
  return exp::SanitizeUtf8(name.empty() ? "n" + std::to_string(id) : name);
}

int EvidenceMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Print the sentences that support each relation between A and B (either "
                        "direction), with article, date, source, modality and extraction rule.");
  opts.positional_help("A B");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("p,predicate", "only these predicates (repeatable)", cxxopts::value<std::vector<std::string>>())
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
  std::vector<std::string> types;
  if (r.count("predicate"))
    for (const auto& p : r["predicate"].as<std::vector<std::string>>()) {
      auto known = ParsePredicate(p);
      if (!known.ok()) return UsageError(cmd, known.status().message());
      types.push_back(RelTypeForPredicate(*known));
    }
  if (types.empty()) types.push_back("");  // any type

  auto graph = OpenGraph(r["db"].as<std::string>(), {});
  if (!graph.ok()) return FailInput(cmd, graph.status());
  const Graph& g = **graph;
  auto a = ResolveName(g, names[0]);
  if (!a.ok()) return Fail(cmd, a.status());
  auto b = ResolveName(g, names[1]);
  if (!b.ok()) return Fail(cmd, b.status());

  std::vector<RelId> rels;
  for (const auto& type : types) {
    std::vector<AdjEntry> adj;
    if (Status s = g.Adjacent(*a, Direction::kBoth, type, &adj); !s.ok()) return Fail(cmd, s);
    for (const auto& e : adj)
      if (e.other == *b && std::find(rels.begin(), rels.end(), e.rel) == rels.end()) rels.push_back(e.rel);
  }
  const std::string an = NameOf(g, *a), bn = NameOf(g, *b);
  if (rels.empty()) {
    std::fprintf(stderr, "%s: no relation between %s and %s\n", cmd.c_str(), an.c_str(), bn.c_str());
    return 1;
  }
  size_t sentences = 0;
  std::string out;
  for (RelId id : rels) {
    auto rel = g.GetRel(id);
    if (!rel.ok()) return Fail(cmd, rel.status());
    std::vector<EvidenceRecord> ev;
    if (Status s = g.GetEvidence(id, &ev); !s.ok() && !s.IsNotFound()) return Fail(cmd, s);
    const std::string pred = PredicateForRelType(rel->type);
    // The relation's place: an entity id; shown by the entity's name.
    const std::string location = Str(rel->props, "location");
    const std::string location_name =
        location.empty() ? std::string() : exp::SanitizeUtf8(LocationName(g, rel->props));
    const std::string src = rel->src == *a ? an : bn, dst = rel->src == *a ? bn : an;
    out.clear();
    if (format == "jsonl") {
      for (const auto& e : ev) {
        nlohmann::json row = {{"relation", id},          {"subject", src},
                              {"predicate", pred},       {"object", dst},
                              {"article", e.article_id}, {"date", e.article_date},
                              {"source", e.article_source}, {"title", e.article_title},
                              {"modality", e.modality},  {"rule", e.rule},
                              {"sentence", e.sentence},  {"start", e.start},
                              {"end", e.end}};
        if (!location.empty()) {
          row["location"] = location;
          if (!location_name.empty()) row["location_name"] = location_name;
        }
        out += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      }
    } else {
      out = src + " -[" + pred + "]-> " + dst;
      std::string meta;
      for (const char* k : {"support", "weight", "date", "modality", "location"}) {
        std::string v = Str(rel->props, k);
        if (std::string_view(k) == "location" && !location_name.empty()) v = location_name;
        if (!v.empty()) meta += (meta.empty() ? "" : ", ") + std::string(k) + " " + v;
      }
      out += (meta.empty() ? "" : "  (" + meta + ")") + "\n";
      for (const auto& e : ev) {
        out += "  [" + e.article_id + "] " + (e.article_date.empty() ? "-" : e.article_date) + "  " +
               (e.article_source.empty() ? "-" : e.article_source) + "  " +
               (e.modality.empty() ? "-" : e.modality) + (e.rule.empty() ? "" : "  rule " + e.rule) + "\n";
        out += "      \"" + e.sentence + "\"\n";
      }
      if (ev.empty()) out += "  (no evidence stored)\n";
      out = exp::SanitizeUtf8(out);
    }
    sentences += ev.size();
    std::fputs(out.c_str(), stdout);
  }
  if (format == "text")
    std::fprintf(stderr, "%zu relation(s), %zu supporting sentence(s)\n", rels.size(), sentences);
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("evidence", "the sentences supporting the relations between two entities", EvidenceMain);

}  // namespace kg::cli
