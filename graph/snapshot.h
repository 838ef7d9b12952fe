// GraphSnapshot: an immutable-after-build, in-memory copy of the property
// graph (or a filtered part of it) that the exporters (graph/export/) and the
// algorithms (graph/algo/) work on.
//
// Nodes and relationships live in vectors; relationships refer to nodes by
// their index in `nodes` (uint32_t), so algorithms can use dense arrays. The
// knowledge-graph properties kg exports are pulled out of the JSON property
// maps into typed fields when the snapshot is loaded; nodes created by Cypher
// without them fall back gracefully (key "n<internal id>", name = key).
//
// Building: LoadSnapshot() from a Graph (snapshot_load.cpp), or by hand with
// AddNode()/AddRel() (tests, benchmarks).
//
// Thread safety: a built snapshot may be read from several threads; building
// is single-threaded. Memory: ~200 bytes per relationship plus its strings.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/graph.h"
#include "graph/status.h"

namespace kg {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

struct SnapNode {
  NodeId id = 0;                    // internal node id in the Graph
  std::string key;                  // export id: props.id (entity id), else "n<id>"; unique
  std::vector<std::string> labels;  // graph labels ("Person")
  std::string type;                 // lower-case first label ("person"); "" when unlabelled
  std::string name;                 // props.name, else key
  std::vector<std::string> aliases;
  std::string country;              // "" when unknown
  double latitude = kUnknown;       // NaN when unknown
  double longitude = kUnknown;
};

struct SnapRel {
  RelId id = 0;            // internal relationship id in the Graph
  uint32_t src = 0;        // index into GraphSnapshot::nodes
  uint32_t dst = 0;
  std::string type;        // relationship type, "MEETS", "CO_MENTIONED"
  std::string predicate;   // lower-case type, "meets"
  double weight = 1.0;     // support for typed relations, weight for co-mentions; 1 when absent
  int64_t support = 0;     // distinct supporting articles; 0 when absent
  double confidence = kUnknown;
  std::string modality;    // "" when absent
  std::string location;    // entity id or ""
  std::string location_name;  // that entity's name: the stored prop, else (LoadSnapshot) the
                              // name of the node with that id; "" when neither
  std::string date;        // "YYYY[-MM[-DD]]" or ""
  std::string first_seen;  // "" when absent
  std::string last_seen;
  int32_t evidence_count = -1;  // -1 when not loaded
  bool is_co_mention() const { return type == "CO_MENTIONED"; }
};

class GraphSnapshot {
 public:
  // Adds a node and returns its index. If `n.key` is empty it becomes
  // "n<id>"; if it is already taken by another node, "n<id>" is used instead
  // (keys stay unique). REQUIRES: n.id not yet added.
  uint32_t AddNode(SnapNode n);
  // Adds a relationship between node indices r.src and r.dst.
  // REQUIRES: both < nodes().size().
  void AddRel(SnapRel r);
  // Capacity hints for bulk building (LoadSnapshot); only reserves (and
  // ignores an allocation failure: the containers then grow as they fill).
  void Reserve(size_t nodes, size_t rels);

  const std::vector<SnapNode>& nodes() const { return nodes_; }
  const std::vector<SnapRel>& rels() const { return rels_; }
  std::vector<SnapRel>& mutable_rels() { return rels_; }

  std::optional<uint32_t> IndexOf(NodeId id) const;
  std::optional<uint32_t> IndexOfKey(const std::string& key) const;

  // Undirected incidence lists: for node i, rel indices touching it are
  // incidence_rels[incidence_offsets[i] .. incidence_offsets[i+1]) (a self
  // loop appears once). Built on demand by BuildIncidence().
  void BuildIncidence();
  bool has_incidence() const { return !incidence_offsets_.empty() || nodes_.empty(); }
  const std::vector<uint32_t>& incidence_offsets() const { return incidence_offsets_; }
  const std::vector<uint32_t>& incidence_rels() const { return incidence_rels_; }

 private:
  std::vector<SnapNode> nodes_;
  std::vector<SnapRel> rels_;
  std::unordered_map<NodeId, uint32_t> by_id_;
  std::unordered_map<std::string, uint32_t> by_key_;
  std::vector<uint32_t> incidence_offsets_;
  std::vector<uint32_t> incidence_rels_;
};

// Export filters (kg export / rank / components flags).
//
// Relationship filters keep a relationship only when it passes all of them:
//   predicates     non-empty: its predicate is in the list (lower case; "co_mentioned" allowed)
//   no_co_mentions drop CO_MENTIONED
//   min_support    support >= N (weight for co-mentions)
//   since/until    its time span [start, end] overlaps [since, until], where
//                  start = first_seen|date|last_seen and end = last_seen|date|first_seen;
//                  partial dates cover their whole year/month ("2023" = 2023-01-01..2023-12-31);
//                  relationships without any date are dropped when since/until is set.
// When any relationship filter is active, nodes left without relationships are dropped.
// around (ego network): the nodes within `depth` undirected hops of the centres,
// walking only relationships that passed the filters, and the relationships among them.
// The centres are always kept. The subgraph restriction applies first.
struct SnapshotFilter {
  std::vector<std::string> predicates;
  bool no_co_mentions = false;
  int64_t min_support = 0;
  std::string since;                // "" = open
  std::string until;                // "" = open
  std::vector<NodeId> around;       // centres (internal node ids); empty = whole graph
  int depth = 1;                    // hops for `around`; >= 0
  // Subgraph restriction (e.g. a Cypher query's result): when set, only these
  // relationships are candidates, and only these nodes plus the endpoints of
  // kept relationships are kept (listed nodes stay even when isolated).
  bool restrict_to_subgraph = false;
  std::vector<NodeId> subgraph_nodes;
  std::vector<RelId> subgraph_rels;
  bool rel_filter_active() const {
    return !predicates.empty() || no_co_mentions || min_support > 0 || !since.empty() ||
           !until.empty();
  }
  bool active() const { return rel_filter_active() || !around.empty() || restrict_to_subgraph; }
};

// InvalidArgument for malformed dates, negative depth or unknown centres.
Result<GraphSnapshot> FilterSnapshot(const GraphSnapshot& in, const SnapshotFilter& filter);

// The relationship test of FilterSnapshot for one relationship (predicates,
// no_co_mentions, min_support, since/until of `f`), for callers that filter
// relationships one at a time (`kg serve`). `preds`: lower-case predicates
// (empty = any); `since`/`until`: "" or full dates already widened with
// DateLowerBound(f.since) / DateUpperBound(f.until).
bool PassesRelFilter(const SnapRel& r, const SnapshotFilter& f,
                     const std::unordered_set<std::string>& preds, const std::string& since,
                     const std::string& until);

// Validates "YYYY", "YYYY-MM" or "YYYY-MM-DD"; returns the earliest/latest
// full date it covers ("2023-02" -> "2023-02-01" / "2023-02-28").
// Empty optional when malformed.
std::optional<std::string> DateLowerBound(const std::string& d);
std::optional<std::string> DateUpperBound(const std::string& d);

// ---- loading from a Graph (snapshot_load.cpp) ------------------------------

struct SnapshotLoadOptions {
  bool evidence_counts = true;  // fill evidence_count (= Graph::GetEvidence size; one scan of Cf::kEvidence)
};
Result<GraphSnapshot> LoadSnapshot(const Graph& graph, const SnapshotLoadOptions& options = {});

// Converts one Graph node / relationship (the typed-field extraction used by
// LoadSnapshot; exposed for tests). RelFromGraph leaves src/dst at 0.
SnapNode NodeFromGraph(const Node& n);
SnapRel RelFromGraph(const Rel& r);

}  // namespace kg
