// Graph: reads of the counts kept as data (layout in keys.h, upkeep in counts.h).
#include "graph/graph.h"
#include "graph/graph_internal.h"
#include "graph/keys.h"

namespace kg {

namespace {
Status NoCounts() {
  return Status::NotSupported(
      "this database keeps no counts (schema version 2): open it once with a writer (e.g. kg check "
      "--repair or any ingest) to derive them");
}

Result<uint64_t> ReadCount(const Store& s, const std::string& key) {
  std::string v;
  Status st = s.Get(Cf::kMeta, key, &v);
  if (st.IsNotFound()) return uint64_t{0};
  KG_RETURN_IF_ERROR(st);
  uint64_t n = 0;
  KG_RETURN_IF_ERROR(keys::ReadU64(v, 0, &n));
  return n;
}
}  // namespace

bool Graph::counts_kept() const { return impl_->ids.counts_kept; }

Result<uint64_t> Graph::CountNodes(const std::string& label) const {
  if (!counts_kept()) return NoCounts();
  return label.empty() ? ReadCount(*store_, keys::CountKey(keys::kCountNodes))
                       : ReadCount(*store_, keys::CountKey(keys::kCountLabel, label));
}

Status Graph::CountRelsByType(std::vector<std::pair<std::string, uint64_t>>* out) const {
  out->clear();
  if (!counts_kept()) return NoCounts();
  const std::string prefix = keys::CountKey(keys::kCountType);
  auto it = store_->NewIterator(Cf::kMeta);
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const std::string_view k = it->key();
    if (k.substr(0, prefix.size()) != prefix) break;
    uint64_t n = 0;
    KG_RETURN_IF_ERROR(keys::ReadU64(it->value(), 0, &n));
    out->emplace_back(std::string(k.substr(prefix.size())), n);
  }
  return it->status();
}

Result<uint64_t> Graph::CountSelfLoops() const {
  if (!counts_kept()) return NoCounts();
  return ReadCount(*store_, keys::CountKey(keys::kCountLoops));
}

Status Graph::ScanDegrees(
    const std::function<bool(NodeId, const std::vector<keys::DegreeEntry>&)>& fn) const {
  if (!counts_kept()) return NoCounts();
  const std::string prefix(1, keys::kDegreePrefix);
  auto it = store_->NewIterator(Cf::kArticles);
  std::vector<keys::DegreeEntry> rec;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const std::string_view k = it->key();
    if (k.empty() || k[0] != keys::kDegreePrefix) break;
    NodeId id = 0;
    KG_RETURN_IF_ERROR(keys::DecodeDegreeKey(k, &id));
    KG_RETURN_IF_ERROR(keys::DecodeDegree(it->value(), &rec).WithContext("degree of node " + std::to_string(id)));
    if (!fn(id, rec)) break;
  }
  return it->status();
}

Status Graph::Degree(NodeId id, std::vector<keys::DegreeEntry>* out) const {
  out->clear();
  if (!counts_kept()) return NoCounts();
  std::string v;
  Status s = store_->Get(Cf::kArticles, keys::DegreeKey(id), &v);
  if (s.IsNotFound()) return Status::OK();
  KG_RETURN_IF_ERROR(s);
  return keys::DecodeDegree(v, out);
}

Status Graph::ScanNameIndex(const std::function<bool(std::string_view, NodeId)>& fn) const {
  const std::string prefix(1, keys::kNamePrefix);
  auto it = store_->NewIterator(Cf::kNames);
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const std::string_view k = it->key();
    if (k.empty() || k[0] != keys::kNamePrefix) break;
    if (k.size() < 10 || k[k.size() - 9] != '\0') return Status::Corruption("malformed name index key");
    const uint64_t node = internal::LoadBigEndian64(k.data() + k.size() - 8);
    if (!fn(k.substr(1, k.size() - 10), node)) break;
  }
  return it->status();
}

Result<GraphStats> Graph::Stats() const {
  if (!counts_kept()) return internal::ScanStats(*store_);
  GraphStats st;
  KG_ASSIGN_OR_RETURN(st.entities, ReadCount(*store_, keys::CountKey(keys::kCountNodes)));
  KG_ASSIGN_OR_RETURN(st.articles, ReadCount(*store_, keys::CountKey(keys::kCountArticles)));
  KG_ASSIGN_OR_RETURN(st.evidence, ReadCount(*store_, keys::CountKey(keys::kCountEvidence)));
  std::vector<std::pair<std::string, uint64_t>> types;
  KG_RETURN_IF_ERROR(CountRelsByType(&types));
  const std::string co = RelTypeForPredicate("co_mentioned");
  for (const auto& [t, n] : types) {
    st.relations += n;
    if (t == co) st.co_mentions += n;
  }
  st.typed_relations = st.relations - st.co_mentions;
  st.db_bytes = store_->ApproximateSizeBytes();
  return st;
}

}  // namespace kg
