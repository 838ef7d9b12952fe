// Graph: opening, reads and generic (Cypher) writes. Knowledge-graph ingest
// lives in graph_ingest.cpp; the key layout in keys.h.
#include "graph/graph.h"

#include <algorithm>
#include <set>

#include "graph/graph_internal.h"
#include "graph/keys.h"
#include "graph/overlay_store.h"

namespace kg {

using internal::Txn;

namespace {

Status ReadCounter(const Store& s, std::string_view key, uint64_t* v) {
  std::string val;
  Status st = s.Get(Cf::kMeta, key, &val);
  if (st.IsNotFound()) return Status::OK();
  KG_RETURN_IF_ERROR(st);
  return keys::ReadU64(val, 0, v);
}

bool ValidType(const std::string& t) {
  return !t.empty() && t.find('\0') == std::string::npos;
}

}  // namespace

Graph::Graph(std::unique_ptr<Store> store)
    : store_(std::move(store)), impl_(std::make_unique<Impl>()) {}
Graph::~Graph() = default;

Result<std::unique_ptr<Graph>> Graph::Open(std::unique_ptr<Store> store) {
  if (!store) return Status::InvalidArgument("Graph::Open: no store");
  std::string version;
  Status s = store->Get(Cf::kMeta, keys::kMetaSchemaVersion, &version);
  const std::string want = std::to_string(keys::kSchemaVersion);
  const bool fresh = s.IsNotFound();
  if (fresh) {
    auto it = store->NewIterator(Cf::kNodes);
    it->SeekToFirst();
    if (it->Valid())
      return Status::Corruption("database has graph data but no schema version: not a kg database");
    KG_RETURN_IF_ERROR(it->status());
    if (!store->read_only()) {
      WriteBatch b;
      b.Put(Cf::kMeta, keys::kMetaSchemaVersion, want);
      b.Put(Cf::kMeta, keys::kMetaRelDateIndex, "1");  // a new database is indexed from the start
      KG_RETURN_IF_ERROR(store->Write(b));
    }
  } else {
    KG_RETURN_IF_ERROR(s);
    const bool without_counts = version == std::to_string(keys::kSchemaVersionWithoutCounts);
    if (version != want && !without_counts)
      return Status::Corruption("database schema version " + version + ", but this kg reads version " +
                                want + ": use the kg release that wrote it, or ingest into a new --db");
    if (without_counts && !store->read_only()) {
      // Written before counts were kept: derive them from the records and move
      // the database to the current version in one atomic write.
      internal::CountRecords have, derived;
      KG_RETURN_IF_ERROR(internal::Recount(*store, &derived).WithContext("deriving the counts"));
      KG_RETURN_IF_ERROR(internal::StoredCounts(*store, &have));
      WriteBatch b;
      internal::CountFixes(have, derived, &b);
      b.Put(Cf::kMeta, keys::kMetaSchemaVersion, want);
      KG_RETURN_IF_ERROR(store->Write(b));
      version = want;
    }
  }
  // The relationship date index: complete from the start in a new database;
  // a database written before it existed gets it at its first writable open.
  std::string flag;
  s = store->Get(Cf::kMeta, keys::kMetaRelDateIndex, &flag);
  if (!s.ok() && !s.IsNotFound()) return s;
  if (s.IsNotFound() && !store->read_only()) {
    KG_RETURN_IF_ERROR(internal::BuildRelDateIndex(store.get()));
    flag = "1";
  }
  std::unique_ptr<Graph> g(new Graph(std::move(store)));
  g->impl_->rel_date_index = flag == "1";
  g->impl_->ids.counts_kept = fresh ? !g->store_->read_only() : version == want;
  KG_RETURN_IF_ERROR(ReadCounter(*g->store_, keys::kMetaNextNodeId, &g->impl_->ids.next_node));
  KG_RETURN_IF_ERROR(ReadCounter(*g->store_, keys::kMetaNextRelId, &g->impl_->ids.next_rel));
  return g;
}

// ---- reads ----------------------------------------------------------------

Result<Node> Graph::GetNode(NodeId id) const {
  Txn t(store_.get(), &impl_->ids);
  Node n;
  KG_RETURN_IF_ERROR(internal::LoadNode(t, id, &n));
  return n;
}

Result<Rel> Graph::GetRel(RelId id) const {
  Txn t(store_.get(), &impl_->ids);
  Rel r;
  KG_RETURN_IF_ERROR(internal::LoadRel(t, id, &r));
  return r;
}

Status Graph::GetNodeLabels(NodeId id, std::vector<std::string>* out) const {
  out->clear();
  std::string v;
  Status s = store_->Get(Cf::kNodes, keys::NodeKey(id), &v);
  if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
  KG_RETURN_IF_ERROR(s);
  // Records start {"l": [labels], ... (keys in order): read just that array.
  const auto* p = reinterpret_cast<const unsigned char*>(v.data());
  const std::size_t n = v.size();
  std::size_t i = 0;
  auto str = [&](std::string* to) -> bool {
    if (i >= n) return false;
    std::size_t len = 0;
    const unsigned char h = p[i++];
    if ((h & 0xe0) == 0xa0) {
      len = h & 0x1f;
    } else if (h == 0xd9 && i + 1 <= n) {
      len = p[i++];
    } else if (h == 0xda && i + 2 <= n) {
      len = (std::size_t{p[i]} << 8) | p[i + 1];
      i += 2;
    } else {
      return false;
    }
    if (len > n - i) return false;
    if (to) to->assign(v.data() + i, len);
    i += len;
    return true;
  };
  std::string key;
  bool fast = n > 0 && (p[0] & 0xf0) == 0x80 && (i = 1, str(&key)) && key == "l" && i < n;
  std::size_t count = 0;
  if (fast) {
    const unsigned char h = p[i++];
    if ((h & 0xf0) == 0x90) {
      count = h & 0x0f;
    } else if (h == 0xdc && i + 2 <= n) {
      count = (std::size_t{p[i]} << 8) | p[i + 1];
      i += 2;
    } else {
      fast = false;
    }
  }
  for (std::size_t k = 0; fast && k < count; ++k) {
    out->emplace_back();
    fast = str(&out->back());
  }
  if (fast) return Status::OK();
  Node node;  // any other shape: the full decoder decides
  KG_RETURN_IF_ERROR(internal::DecodeNode(id, v, &node));
  *out = std::move(node.labels);
  return Status::OK();
}

Status Graph::ScanNodes(const std::string& label, const std::function<bool(const Node&)>& fn) const {
  auto it = store_->NewIterator(Cf::kNodes);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    NodeId id;
    KG_RETURN_IF_ERROR(keys::DecodeNodeKey(it->key(), &id));
    Node n;
    KG_RETURN_IF_ERROR(internal::DecodeNode(id, it->value(), &n));
    if (!label.empty() && std::find(n.labels.begin(), n.labels.end(), label) == n.labels.end())
      continue;
    if (!fn(n)) return Status::OK();
  }
  return it->status();
}

Status Graph::ScanRels(const std::function<bool(const Rel&)>& fn) const {
  auto it = store_->NewIterator(Cf::kRels);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RelId id;
    KG_RETURN_IF_ERROR(keys::DecodeRelKey(it->key(), &id));
    Rel r;
    KG_RETURN_IF_ERROR(internal::DecodeRel(id, it->value(), &r));
    if (!fn(r)) return Status::OK();
  }
  return it->status();
}

Status Graph::Adjacent(NodeId id, Direction dir, const std::string& type,
                       std::vector<AdjEntry>* out) const {
  out->clear();
  const std::string prefix = type.empty() ? keys::AdjPrefix(id) : keys::AdjTypePrefix(id, type);
  // Hot path (neighbour scans of hubs): a direct prefix scan over the packed
  // chunks (keys.h), no overlay; one key per up to kAdjChunkMax entries.
  auto scan = [&](Cf cf, bool outgoing) -> Status {
    auto it = store_->NewPrefixIterator(cf, prefix);
    std::string type_str;
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      std::string_view k = it->key();
      if (k.size() < prefix.size() || k.compare(0, prefix.size(), prefix) != 0) break;
      std::string_view t;
      KG_RETURN_IF_ERROR(keys::DecodeAdjKeyType(k, &t));
      std::string_view v = it->value();
      std::size_t n = 0;
      KG_RETURN_IF_ERROR(keys::AdjChunkCount(v, &n));
      if (t != type_str) type_str.assign(t.data(), t.size());
      const bool skip_self = !outgoing && dir == Direction::kBoth;
      for (std::size_t i = 0; i < n; ++i) {
        const keys::AdjItem e = keys::AdjChunkItem(v, i);
        // A self-loop is listed once for kBoth (as outgoing).
        if (skip_self && e.other == id) continue;
        out->push_back({e.rel, e.other, type_str, outgoing});
      }
    }
    return it->status();
  };
  if (dir != Direction::kIn) KG_RETURN_IF_ERROR(scan(Cf::kOutAdj, true));
  if (dir == Direction::kIn) return scan(Cf::kInAdj, false);
  if (dir == Direction::kBoth) {
    // Both lists come sorted by (type, other, rel) from the key order: merge them.
    const std::size_t n_out = out->size();
    KG_RETURN_IF_ERROR(scan(Cf::kInAdj, false));
    std::inplace_merge(out->begin(), out->begin() + static_cast<std::ptrdiff_t>(n_out), out->end(),
                       [](const AdjEntry& a, const AdjEntry& b) {
                         if (int c = a.type.compare(b.type); c != 0) return c < 0;
                         if (a.other != b.other) return a.other < b.other;
                         if (a.rel != b.rel) return a.rel < b.rel;
                         return a.outgoing > b.outgoing;
                       });
  }
  return Status::OK();
}

namespace {
Status CollectIndex(const Txn& t, const std::string& prefix, std::size_t limit,
                    std::vector<NodeId>* out) {
  Status bad;
  KG_RETURN_IF_ERROR(t.ScanPrefix(Cf::kNames, prefix, [&](std::string_view k, std::string_view) {
    NodeId id;
    bad = keys::DecodeIndexKey(k, nullptr, &id);
    if (!bad.ok()) return false;
    if (std::find(out->begin(), out->end(), id) == out->end()) out->push_back(id);
    return out->size() < limit;
  }));
  return bad;
}
}  // namespace

Result<std::vector<NodeId>> Graph::LookupName(const std::string& name) const {
  Txn t(store_.get(), &impl_->ids);
  std::vector<NodeId> out;
  std::string norm = NormalizeName(name);
  if (!norm.empty())
    KG_RETURN_IF_ERROR(CollectIndex(t, keys::NameExactPrefix(norm), SIZE_MAX, &out));
  if (!name.empty())
    KG_RETURN_IF_ERROR(CollectIndex(t, keys::ExternalIdPrefix(name), SIZE_MAX, &out));
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<NodeId>> Graph::LookupNamePrefix(const std::string& prefix,
                                                    std::size_t limit) const {
  Txn t(store_.get(), &impl_->ids);
  std::vector<NodeId> out;
  if (limit == 0) return out;
  KG_RETURN_IF_ERROR(CollectIndex(t, keys::NamePrefix(NormalizeName(prefix)), limit, &out));
  return out;
}

Result<std::optional<NodeId>> Graph::LookupEntityId(const std::string& entity_id) const {
  Txn t(store_.get(), &impl_->ids);
  std::vector<NodeId> out;
  if (entity_id.empty()) return std::optional<NodeId>();
  KG_RETURN_IF_ERROR(CollectIndex(t, keys::ExternalIdPrefix(entity_id), 1, &out));
  if (out.empty()) return std::optional<NodeId>();
  return std::optional<NodeId>(out.front());
}

Result<std::optional<std::string>> Graph::ArticleHash(const std::string& article_id) const {
  std::string v;
  Status s = store_->Get(Cf::kArticles, keys::ArticleKey(article_id), &v);
  if (s.IsNotFound()) return std::optional<std::string>();
  KG_RETURN_IF_ERROR(s);
  nlohmann::json j;
  KG_RETURN_IF_ERROR(keys::DecodeValue(v, "article", &j));
  return std::optional<std::string>(j.value("h", std::string()));
}

namespace internal {
Result<GraphStats> ScanStats(const Store& store) {
  GraphStats st;
  {
    auto it = store.NewIterator(Cf::kNodes);
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++st.entities;
    KG_RETURN_IF_ERROR(it->status());
  }
  {
    auto it = store.NewIterator(Cf::kOutAdj);
    const std::string co = RelTypeForPredicate("co_mentioned");
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view type;
      std::size_t n = 0;
      KG_RETURN_IF_ERROR(keys::DecodeAdjKeyType(it->key(), &type));
      KG_RETURN_IF_ERROR(keys::AdjChunkCount(it->value(), &n));
      st.relations += n;
      if (type == co) st.co_mentions += n;
    }
    KG_RETURN_IF_ERROR(it->status());
    st.typed_relations = st.relations - st.co_mentions;
  }
  {
    auto it = store.NewIterator(Cf::kEvidence);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() > 8 && it->key()[8] == keys::kEvidenceTyped) ++st.evidence;
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  {
    auto it = store.NewIterator(Cf::kArticles);
    const std::string p(1, keys::kArticlePrefix);
    for (it->Seek(p); it->Valid() && it->key().substr(0, 1) == p; it->Next()) ++st.articles;
    KG_RETURN_IF_ERROR(it->status());
  }
  st.db_bytes = store.ApproximateSizeBytes();
  return st;
}
}  // namespace internal

bool Graph::HasRelDateIndex() const { return impl_->rel_date_index; }

Status Graph::ScanRelsByDate(int64_t from_day, int64_t to_day,
                             const std::function<bool(RelId)>& fn) const {
  if (from_day > to_day) return Status::OK();
  auto it = store_->NewIterator(Cf::kNames);
  const std::string end = keys::RelDateSeek(to_day == INT64_MAX ? to_day : to_day + 1);
  for (it->Seek(keys::RelDateSeek(from_day)); it->Valid(); it->Next()) {
    if (it->key()[0] != keys::kRelDatePrefix || (to_day != INT64_MAX && it->key() >= end)) break;
    int64_t day = 0;
    RelId rel = 0;
    KG_RETURN_IF_ERROR(keys::DecodeRelDateKey(it->key(), &day, &rel));
    if (!fn(rel)) return Status::OK();
  }
  return it->status();
}

Status Graph::RelationshipTypes(std::vector<std::string>* out) const {
  std::set<std::string> types;
  auto it = store_->NewIterator(Cf::kOutAdj);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view type;
    KG_RETURN_IF_ERROR(keys::DecodeAdjKeyType(it->key(), &type));
    if (types.empty() || *types.rbegin() != type) types.emplace(type);
  }
  KG_RETURN_IF_ERROR(it->status());
  out->assign(types.begin(), types.end());
  return Status::OK();
}

// ---- generic writes ---------------------------------------------------------

namespace {
Status Commit(Store* store, const Txn& t) {
  if (t.empty()) return Status::OK();
  WriteBatch b = t.Batch();
  KG_RETURN_IF_ERROR(t.AppendCounts(&b));
  return store->Write(b);
}
}  // namespace

Result<NodeId> Graph::CreateNode(const std::vector<std::string>& labels,
                                 const nlohmann::json& props) {
  if (!props.is_object()) return Status::InvalidArgument("node properties must be a map");
  Txn t(store_.get(), &impl_->ids);
  Node n;
  n.id = t.NewNodeId();
  n.labels = labels;
  n.props = props;
  internal::PutNode(&t, n, nullptr);
  KG_RETURN_IF_ERROR(Commit(store_.get(), t));
  return n.id;
}

Result<RelId> Graph::CreateRel(NodeId src, NodeId dst, const std::string& type,
                               const nlohmann::json& props) {
  if (!props.is_object()) return Status::InvalidArgument("relationship properties must be a map");
  if (!ValidType(type)) return Status::InvalidArgument("relationship type must be non-empty");
  Txn t(store_.get(), &impl_->ids);
  Node tmp;
  KG_RETURN_IF_ERROR(internal::LoadNode(t, src, &tmp));
  KG_RETURN_IF_ERROR(internal::LoadNode(t, dst, &tmp));
  Rel r;
  r.id = t.NewRelId();
  r.src = src;
  r.dst = dst;
  r.type = type;
  r.props = props;
  KG_RETURN_IF_ERROR(internal::PutRel(&t, r, /*is_new=*/true));
  KG_RETURN_IF_ERROR(Commit(store_.get(), t));
  return r.id;
}

Status Graph::SetNodeProps(NodeId id, const nlohmann::json& props) {
  if (!props.is_object()) return Status::InvalidArgument("node properties must be a map");
  Txn t(store_.get(), &impl_->ids);
  Node old;
  KG_RETURN_IF_ERROR(internal::LoadNode(t, id, &old));
  Node n = old;
  n.props = props;
  internal::PutNode(&t, n, &old);
  return Commit(store_.get(), t);
}

Status Graph::SetNodeLabels(NodeId id, const std::vector<std::string>& labels) {
  Txn t(store_.get(), &impl_->ids);
  Node old;
  KG_RETURN_IF_ERROR(internal::LoadNode(t, id, &old));
  Node n = old;
  n.labels = labels;
  internal::PutNode(&t, n, &old);
  return Commit(store_.get(), t);
}

Status Graph::SetRelProps(RelId id, const nlohmann::json& props) {
  if (!props.is_object()) return Status::InvalidArgument("relationship properties must be a map");
  Txn t(store_.get(), &impl_->ids);
  Rel r;
  KG_RETURN_IF_ERROR(internal::LoadRel(t, id, &r));
  r.props = props;
  KG_RETURN_IF_ERROR(internal::PutRel(&t, r, /*is_new=*/false));
  return Commit(store_.get(), t);
}

Status Graph::DeleteNode(NodeId id, bool detach) {
  Txn t(store_.get(), &impl_->ids);
  Node n;
  KG_RETURN_IF_ERROR(internal::LoadNode(t, id, &n));
  std::vector<RelId> rels;
  KG_RETURN_IF_ERROR(internal::RelsOf(t, id, &rels));
  if (!rels.empty() && !detach)
    return Status::InvalidArgument("cannot delete node " + std::to_string(id) + ": it still has " +
                                   std::to_string(rels.size()) +
                                   " relationship(s); use DETACH DELETE");
  for (RelId rid : rels) {
    Rel r;
    KG_RETURN_IF_ERROR(internal::LoadRel(t, rid, &r));
    KG_RETURN_IF_ERROR(internal::DeleteRelRecord(&t, r));
  }
  internal::DeleteNodeRecord(&t, n);
  return Commit(store_.get(), t);
}

Status Graph::DeleteRel(RelId id) {
  Txn t(store_.get(), &impl_->ids);
  Rel r;
  KG_RETURN_IF_ERROR(internal::LoadRel(t, id, &r));
  KG_RETURN_IF_ERROR(internal::DeleteRelRecord(&t, r));
  return Commit(store_.get(), t);
}

// ---- transactions -----------------------------------------------------------

Status Graph::BeginTransaction() {
  if (impl_->txn_base) return Status::InvalidArgument("a transaction is already open");
  std::unique_ptr<Store> overlay = NewOverlayStore(store_.get());
  impl_->txn_base = std::move(store_);
  store_ = std::move(overlay);
  impl_->txn_saved_ids = impl_->ids;
  return Status::OK();
}

Status Graph::CommitTransaction() {
  if (!impl_->txn_base) return Status::InvalidArgument("no transaction is open");
  WriteBatch b = static_cast<OverlayStore*>(store_.get())->TakeBatch();
  store_ = std::move(impl_->txn_base);
  Status s = b.empty() ? Status::OK() : store_->Write(b);
  const uint64_t epoch = impl_->ids.epoch;
  if (!s.ok()) impl_->ids = impl_->txn_saved_ids;
  impl_->ids.epoch = epoch + 1;  // sessions drop what they cached
  return s;
}

void Graph::RollbackTransaction() {
  if (!impl_->txn_base) return;
  store_ = std::move(impl_->txn_base);
  const uint64_t epoch = impl_->ids.epoch;
  impl_->ids = impl_->txn_saved_ids;
  impl_->ids.epoch = epoch + 1;
}

bool Graph::in_transaction() const { return impl_->txn_base != nullptr; }

}  // namespace kg
