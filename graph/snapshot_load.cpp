// LoadSnapshot: the part of the snapshot that read a Graph.
#include <algorithm>
#include <cstdint>
#include <future>
#include <optional>
#include <utility>
#include <vector>

#include "graph/keys.h"
#include "graph/rel_date.h"
#include "graph/snapshot.h"

namespace kg {

namespace {

std::string StringProp(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (auto t = StoredTemporalText(*it)) return *t;  // a date set by Cypher
  // Invalid UTF-8 inside (e.g. a list of byte strings) becomes U+FFFD instead of throwing.
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

double DoubleProp(const nlohmann::json& props, const char* key, double fallback) {
  auto it = props.find(key);
  if (it == props.end() || !it->is_number()) return fallback;
  return it->get<double>();
}

}  // namespace

SnapNode NodeFromGraph(const Node& n) {
  SnapNode s;
  s.id = n.id;
  s.labels = n.labels;
  if (!n.labels.empty()) s.type = PredicateForRelType(n.labels.front());  // lower case
  const auto& p = n.props;
  if (p.is_object()) {
    s.key = StringProp(p, "id");
    s.name = StringProp(p, "name");
    if (auto it = p.find("aliases"); it != p.end() && it->is_array()) {
      for (const auto& a : *it)
        if (a.is_string()) s.aliases.push_back(a.get<std::string>());
    }
    s.country = StringProp(p, "country");
    s.latitude = DoubleProp(p, "latitude", kUnknown);
    s.longitude = DoubleProp(p, "longitude", kUnknown);
  }
  return s;
}

SnapRel RelFromGraph(const Rel& r) {
  SnapRel s;
  s.id = r.id;
  s.type = r.type;
  s.predicate = PredicateForRelType(r.type);
  const auto& p = r.props;
  if (p.is_object()) {
    s.support = static_cast<int64_t>(DoubleProp(p, "support", 0));
    s.weight = DoubleProp(p, s.is_co_mention() ? "weight" : "support",
                          DoubleProp(p, "weight", DoubleProp(p, "support", 1.0)));
    s.confidence = DoubleProp(p, "confidence", kUnknown);
    s.modality = StringProp(p, "modality");
    s.location = StringProp(p, "location");
    s.location_name = StringProp(p, "location_name");
    s.date = StringProp(p, "date");
    s.first_seen = StringProp(p, "first_seen");
    s.last_seen = StringProp(p, "last_seen");
  }
  return s;
}

namespace {

// Typed-relation evidence records per relationship, counted in one sequential
// scan of Cf::kEvidence (the records Graph::GetEvidence returns): one
// GetEvidence call per relationship costs a prefix seek plus the article
// records, ~100x slower on a million relationships. The keys start with the
// big-endian relationship id, so `counts` comes out sorted by id.
Status CountEvidence(const Graph& graph, std::vector<std::pair<RelId, int32_t>>* counts) {
  auto it = graph.store()->NewIterator(Cf::kEvidence);
  keys::EvidenceKey ek;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    KG_RETURN_IF_ERROR(keys::DecodeEvidenceKey(it->key(), &ek));
    if (ek.kind != keys::kEvidenceTyped) continue;
    if (!counts->empty() && counts->back().first == ek.rel) {
      ++counts->back().second;
    } else {
      counts->emplace_back(ek.rel, 1);
    }
  }
  KG_RETURN_IF_ERROR(it->status());
  // Key order is id order; sort anyway so a store with another order stays correct.
  if (!std::is_sorted(counts->begin(), counts->end())) std::sort(counts->begin(), counts->end());
  return Status::OK();
}

// Node id -> snapshot index for the relationship scan (two lookups per
// relationship): a dense table when the ids are compact (they are counters),
// else a binary search over the sorted ids; GraphSnapshot::IndexOf (a hash
// map) only if the node scan was not in id order.
class NodeIndex {
 public:
  void Add(NodeId id) {
    if (!ids_.empty() && id <= ids_.back()) sorted_ = false;
    ids_.push_back(id);
  }
  void Build() {
    if (!sorted_ || ids_.empty()) return;
    const NodeId max = ids_.back();
    if (max <= 4 * static_cast<NodeId>(ids_.size()) + 1024) {
      dense_.assign(max + 1, kNone);
      for (size_t i = 0; i < ids_.size(); ++i) dense_[ids_[i]] = static_cast<uint32_t>(i);
      ids_.clear();
      ids_.shrink_to_fit();
    }
  }
  std::optional<uint32_t> Find(const GraphSnapshot& snap, NodeId id) const {
    if (!sorted_) return snap.IndexOf(id);
    if (!dense_.empty()) {
      if (id >= dense_.size() || dense_[id] == kNone) return std::nullopt;
      return dense_[id];
    }
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return std::nullopt;
    return static_cast<uint32_t>(it - ids_.begin());
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  bool sorted_ = true;
  std::vector<NodeId> ids_;
  std::vector<uint32_t> dense_;
};

// Upper bound of the ids ever handed out (the id counter in Cf::kMeta), 0 when unknown.
uint64_t IdBound(const Graph& graph, std::string_view counter_key) {
  std::string v;
  uint64_t next = 0;
  if (!graph.store()->Get(Cf::kMeta, counter_key, &v).ok() || !keys::ReadU64(v, 0, &next).ok())
    return 0;
  return next > 0 ? next - 1 : 0;
}

}  // namespace

Result<GraphSnapshot> LoadSnapshot(const Graph& graph, const SnapshotLoadOptions& options) {
  GraphSnapshot snap;
  // Reserving by the id counters avoids regrowing (and re-faulting) the
  // relationship vector: ~270 bytes per relationship. Deleted ids make it an
  // overestimate, which costs address space only (pages never touched stay
  // unmapped); capped so a database with heavy churn cannot ask for much.
  constexpr uint64_t kMaxReserve = uint64_t{1} << 23;  // ~2.3 GB of address space
  snap.Reserve(static_cast<size_t>(std::min(IdBound(graph, keys::kMetaNextNodeId), kMaxReserve)),
               static_cast<size_t>(std::min(IdBound(graph, keys::kMetaNextRelId), kMaxReserve)));
  // The evidence scan is independent of the node and relationship scans: it
  // runs on a second thread (Store reads are thread-safe); the counts are
  // merged into the relationships afterwards. The future's destructor joins,
  // so every early return below waits for the thread.
  std::vector<std::pair<RelId, int32_t>> evidence;
  std::future<Status> evidence_done;
  if (options.evidence_counts) {
    evidence_done = std::async(std::launch::async,
                               [&graph, &evidence] { return CountEvidence(graph, &evidence); });
  }
  NodeIndex index;
  KG_RETURN_IF_ERROR(graph.ScanNodesTyped([&](SnapNode* n) {
    index.Add(n->id);
    snap.AddNode(std::move(*n));  // index = position: the i-th node scanned
    return true;
  }));
  index.Build();
  Status inner;
  KG_RETURN_IF_ERROR(graph.ScanRelsTyped([&](NodeId src_id, NodeId dst_id, SnapRel* s) {
    auto src = index.Find(snap, src_id);
    auto dst = index.Find(snap, dst_id);
    if (!src || !dst) {
      inner =
          Status::Corruption("relationship " + std::to_string(s->id) + " points to a missing node");
      return false;
    }
    s->src = *src;
    s->dst = *dst;
    snap.AddRel(std::move(*s));
    return true;
  }));
  KG_RETURN_IF_ERROR(inner);
  // Locations are entity ids; exports and listings also show their names:
  // the stored location_name, else (databases written before kg stored it)
  // the name of the node with that id.
  for (SnapRel& r : snap.mutable_rels())
    if (!r.location.empty() && r.location_name.empty())
      if (auto i = snap.IndexOfKey(r.location)) r.location_name = snap.nodes()[*i].name;
  if (options.evidence_counts) {
    KG_RETURN_IF_ERROR(evidence_done.get());
    // Relationships came in id order: a merge of two sorted lists.
    auto ev = evidence.begin();
    RelId last_id = 0;
    for (SnapRel& r : snap.mutable_rels()) {
      if (r.id < last_id) ev = evidence.begin();
      last_id = r.id;
      while (ev != evidence.end() && ev->first < r.id) ++ev;
      r.evidence_count = (ev != evidence.end() && ev->first == r.id) ? ev->second : 0;
    }
  }
  KG_RETURN_IF_ERROR(inner);
  return snap;
}

}  // namespace kg
