#include "tools/snapshot_cli.h"

#include "query/traverse.h"

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
      ("no-co-mentions", "drop CO_MENTIONED relations");
}

Result<GraphSnapshot> LoadFilteredSnapshot(const Graph& graph, const cxxopts::ParseResult& r,
                                           bool evidence_counts) {
  SnapshotFilter f;
  if (r.count("predicate")) f.predicates = r["predicate"].as<std::vector<std::string>>();
  f.no_co_mentions = r.count("no-co-mentions") > 0;
  f.min_support = r["min-support"].as<int64_t>();
  if (f.min_support < 0) return Status::InvalidArgument("--min-support must be >= 0");
  if (r.count("since")) f.since = r["since"].as<std::string>();
  if (r.count("until")) f.until = r["until"].as<std::string>();
  f.depth = r["depth"].as<int>();
  if (f.depth < 0) return Status::InvalidArgument("--depth must be >= 0");
  if (r.count("around")) {
    KG_ASSIGN_OR_RETURN(NodeId centre, ResolveEntity(graph, r["around"].as<std::string>()));
    f.around.push_back(centre);
  }
  SnapshotLoadOptions lo;
  lo.evidence_counts = evidence_counts;
  KG_ASSIGN_OR_RETURN(GraphSnapshot snap, LoadSnapshot(graph, lo));
  if (!f.active()) return snap;
  return FilterSnapshot(snap, f);
}

}  // namespace kg::cli
