#include "tools/snapshot_cli.h"

#include <functional>

#include "graph/snapshot_file.h"
#include "query/cypher/engine.h"
#include "query/traverse.h"
#include "tools/commands.h"

namespace kg::cli {

void AddSnapshotFilterOptions(cxxopts::Options* opts) {
  opts->add_options("filters")
      ("around", "ego network around NAME (name, alias or entity id)", cxxopts::value<std::string>())
      ("depth", "hops for --around", cxxopts::value<int>()->default_value("1"))
      ("since", "relations seen on/after YYYY[-MM[-DD]]", cxxopts::value<std::string>())
      ("until", "relations seen on/before YYYY[-MM[-DD]]", cxxopts::value<std::string>())
      ("p,predicate", "only this predicate (repeatable)", cxxopts::value<std::vector<std::string>>())
      ("min-support", "only relations with support (co-mention weight) >= N",
       cxxopts::value<int64_t>()->default_value("0"))
      ("no-co-mentions", "drop CO_MENTIONED relations")
      ("cypher", "only the nodes/relationships (and paths) a read-only Cypher query returns",
       cxxopts::value<std::string>());
}

namespace {

// Collects every node and relationship id a Cypher value refers to.
void Collect(const cypher::Value& v, SnapshotFilter* f) {
  using T = cypher::Value::Type;
  switch (v.type()) {
    case T::kNode: f->subgraph_nodes.push_back(v.node_id()); break;
    case T::kRel: f->subgraph_rels.push_back(v.rel_id()); break;
    case T::kPath:
      for (auto id : v.as_path().nodes) f->subgraph_nodes.push_back(id);
      for (auto id : v.as_path().rels) f->subgraph_rels.push_back(id);
      break;
    case T::kList:
      for (const auto& x : v.as_list()) Collect(x, f);
      break;
    case T::kMap:
      for (const auto& [k, x] : v.as_map()) Collect(x, f);
      break;
    default: break;
  }
}

}  // namespace

Result<GraphSnapshot> LoadFilteredSnapshot(Graph& graph, const cxxopts::ParseResult& r,
                                           bool evidence_counts) {
  SnapshotFilter f;
  if (r.count("cypher")) {
    cypher::QueryOptions qo;
    qo.read_only = true;
    qo.max_rows = 10'000'000;
    f.restrict_to_subgraph = true;
    Status s = cypher::RunQueryStreaming(
        &graph, r["cypher"].as<std::string>(), qo, {}, [](const std::vector<std::string>&) {},
        [&](const std::vector<cypher::Value>& row) {
          for (const auto& v : row) Collect(v, &f);
          return true;
        });
    if (!s.ok()) return s.WithContext("--cypher");
  }
  if (r.count("predicate"))
    for (const auto& p : r["predicate"].as<std::vector<std::string>>()) {
      KG_ASSIGN_OR_RETURN(std::string known, ParsePredicate(p));
      f.predicates.push_back(known);
    }
  f.no_co_mentions = r.count("no-co-mentions") > 0;
  f.min_support = r["min-support"].as<int64_t>();
  if (f.min_support < 0) return Status::InvalidArgument("--min-support must be >= 0");
  if (r.count("since")) f.since = r["since"].as<std::string>();
  if (r.count("until")) f.until = r["until"].as<std::string>();
  f.depth = r["depth"].as<int>();
  if (f.depth < 0) return Status::InvalidArgument("--depth must be >= 0");
  if (r.count("around")) {
    KG_ASSIGN_OR_RETURN(NodeId centre, ResolveName(graph, r["around"].as<std::string>()));
    f.around.push_back(centre);
  }
  SnapshotLoadOptions lo;
  lo.evidence_counts = evidence_counts;
  // Through the persisted snapshot in the database directory when it is current.
  KG_ASSIGN_OR_RETURN(GraphSnapshot snap, LoadSnapshotCached(graph, r["db"].as<std::string>(), lo));
  if (!f.active()) return snap;
  return FilterSnapshot(snap, f);
}

}  // namespace kg::cli
