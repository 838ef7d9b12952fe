// WriteSession (graph_internal.h) and Graph::IngestBatch (graph.h): group
// commit of whole articles plus a session cache of the store. Design notes in
// graph/STORAGE.md ("Group commit").
#include <algorithm>

#include "graph/graph.h"
#include "graph/graph_internal.h"
#include "graph/keys.h"

namespace kg {

namespace internal {

namespace {
constexpr std::size_t kNumCf = static_cast<std::size_t>(Cf::kCount);
constexpr std::size_t kEntryOverhead = WriteSession::kEntryOverhead;

uint64_t Be64(std::string_view k, std::size_t pos) {
  uint64_t r = 0;
  for (std::size_t i = 0; i < 8; ++i) r = (r << 8) | static_cast<unsigned char>(k[pos + i]);
  return r;
}

std::size_t EntryBytes(const std::string& k, const std::optional<std::string>& v) {
  return k.size() + (v ? v->size() : 0) + kEntryOverhead;
}
}  // namespace

WriteSession::WriteSession(Store* store, IdCounters* ids, std::size_t cache_budget_bytes)
    : store_(store), ids_(ids), budget_(cache_budget_bytes) {
  node_mark_ = ids_->next_node;
  rel_mark_ = ids_->next_rel;
  epoch_ = ids_->epoch;
  // Only long-lived sessions (a cache budget) probe for empty column
  // families: a one-article session would pay more for the probes than it saves.
  store_empty_.fill(budget_ > 0 ? -1 : 0);
}

bool WriteSession::StoreMayHave(Cf cf, std::string_view key, bool is_prefix) const {
  const std::size_t ci = static_cast<std::size_t>(cf);
  if (Owned(cf, key)) return false;
  if (is_prefix && complete_[ci].count(key)) return false;
  if (store_empty_[ci] < 0) {
    auto it = store_->NewIterator(cf);
    it->SeekToFirst();
    store_empty_[ci] = !it->Valid() && it->status().ok() ? 1 : 0;
  }
  return store_empty_[ci] == 0;
}

bool WriteSession::GroupIntoEmpty() const {
  if (budget_ == 0) return false;  // one-article sessions: plain writes
  bool any = false;
  for (std::size_t i = 0; i < kNumCf; ++i) {
    if (group_[i].empty() || static_cast<Cf>(i) == Cf::kMeta) continue;
    if (committed_[i]) return false;
    if (store_empty_[i] < 0) {
      auto it = store_->NewIterator(static_cast<Cf>(i));
      it->SeekToFirst();
      store_empty_[i] = !it->Valid() && it->status().ok() ? 1 : 0;
    }
    if (store_empty_[i] != 1) return false;
    any = true;
  }
  return any;
}

bool WriteSession::Owned(Cf cf, std::string_view key) const {
  switch (cf) {
    case Cf::kNodes:
    case Cf::kOutAdj:
    case Cf::kInAdj:
      return key.size() >= 8 && Be64(key, 0) >= node_mark_;
    case Cf::kRels:
    case Cf::kEvidence:
      return key.size() >= 8 && Be64(key, 0) >= rel_mark_;
    case Cf::kArticles:
      return key.size() >= 9 && (key[0] == keys::kRefCountPrefix || key[0] == keys::kDegreePrefix) &&
             Be64(key, 1) >= node_mark_;
    default:
      return false;
  }
}

void WriteSession::Memo(Cf cf, std::string_view key, std::optional<std::string> v) const {
  auto [it, inserted] =
      clean_[static_cast<std::size_t>(cf)].try_emplace(std::string(key), std::move(v));
  if (inserted) clean_bytes_ += EntryBytes(it->first, it->second);
}

Status WriteSession::Get(Cf cf, std::string_view key, std::string* value) const {
  const std::size_t ci = static_cast<std::size_t>(cf);
  const Overlay* layers[] = {&group_[ci], &clean_[ci]};
  for (const Overlay* ov : layers) {
    if (auto it = ov->find(key); it != ov->end()) {
      if (ov == &group_[ci]) Hint(cf, it);
      if (!it->second) return Status::NotFound("key not found");
      *value = *it->second;
      return Status::OK();
    }
  }
  if (!StoreMayHave(cf, key, false)) return Status::NotFound("key not found");
  Status s = store_->Get(cf, key, value);
  if (s.ok()) {
    Memo(cf, key, *value);
  } else if (s.IsNotFound()) {
    Memo(cf, key, std::nullopt);
  }
  return s;
}

void WriteSession::Absorb(Txn* t) {
  for (auto& m : t->memo_) memo_.insert(std::move(m));
  t->memo_.clear();
  if (t->ids_moved_) {
    // Persisted with the group: the counters as this article left them (a
    // failed article's ids are persisted only by a later successful one, as
    // with one batch per article).
    ids_dirty_ = true;
    save_node_ = ids_->next_node;
    save_rel_ = ids_->next_rel;
  }
  t->undo_.clear();  // the writes are already in the group: keep them
  t->counts_.MergeInto(&counts_);
}

Status WriteSession::ResolveCounts() {
  if (counts_.empty()) return Status::OK();
  Status s = counts_.Resolve(
      [&](Cf cf, const std::string& key, std::string* v) { return Get(cf, key, v); },
      [&](Cf cf, const std::string& key, std::optional<std::string> v) {
        auto& group = group_[static_cast<std::size_t>(cf)];
        auto [it, inserted] = group.try_emplace(key);
        if (!inserted) group_bytes_ -= std::min(group_bytes_, EntryBytes(it->first, it->second));
        it->second = std::move(v);
        group_bytes_ += EntryBytes(it->first, it->second);
      });
  counts_.Clear();
  return s;
}

bool WriteSession::group_empty() const {
  return !ids_dirty_ && counts_.empty() &&
         std::all_of(group_.begin(), group_.end(), [](const Overlay& o) { return o.empty(); });
}

Status WriteSession::Commit() {
  if (group_empty()) return Status::OK();
  hint_ok_.fill(false);
  if (Status cs = ResolveCounts(); !cs.ok()) {
    for (auto& ov : group_) ov.clear();  // as a failed write: the group is lost
    group_bytes_ = 0;
    ids_dirty_ = false;
    DropCache();
    return cs;
  }
  if (ids_dirty_) {  // into the group, so the batch stays sorted per column family
    auto& meta = group_[static_cast<std::size_t>(Cf::kMeta)];
    meta.insert_or_assign(std::string(keys::kMetaNextNodeId), keys::U64(save_node_));
    meta.insert_or_assign(std::string(keys::kMetaNextRelId), keys::U64(save_rel_));
  }
  // The batch borrows the group's values (moved in, moved back after the
  // write): only the keys are copied.
  WriteBatch b;
  std::size_t n = 0;
  for (const auto& ov : group_) n += ov.size();
  b.ops.reserve(n);
  for (std::size_t i = 0; i < kNumCf; ++i)
    for (auto& [k, v] : group_[i])
      b.ops.push_back({static_cast<Cf>(i), !v, k, v ? std::move(*v) : std::string()});
  CheckEpoch();
  hint_ok_.fill(false);  // the group's entries move to the cache (or are dropped)
  const bool into_empty = GroupIntoEmpty();
  Status s = into_empty ? store_->WriteSorted(b) : store_->Write(b);
  auto op = b.ops.begin();
  for (auto& ov : group_)
    for (auto& entry : ov) {
      if (entry.second) *entry.second = std::move(op->value);
      ++op;
    }
  if (!s.ok()) {
    // The group is lost; what the cache learned from it is not in the store.
    for (auto& ov : group_) ov.clear();
    group_bytes_ = 0;
    ids_dirty_ = false;
    DropCache();
    return s;
  }
  epoch_ = ++ids_->epoch;  // other sessions on this Graph must hear of it
  ids_dirty_ = false;
  for (std::size_t i = 0; i < kNumCf; ++i)
    if (!group_[i].empty()) committed_[i] = true;
  // The committed values now describe the store: keep them as cache.
  for (std::size_t i = 0; i < kNumCf; ++i) {
    auto& from = group_[i];
    auto& to = clean_[i];
    if (to.empty()) {  // e.g. the first commit into a fresh database: no merge needed
      for (const auto& [k, v] : from) clean_bytes_ += EntryBytes(k, v);
      to.swap(from);
      continue;
    }
    while (!from.empty()) {
      auto node = from.extract(from.begin());
      auto it = to.find(node.key());
      if (it != to.end()) {
        clean_bytes_ -= std::min(clean_bytes_, EntryBytes(it->first, it->second));
        clean_bytes_ += EntryBytes(it->first, node.mapped());
        it->second = std::move(node.mapped());
      } else {
        clean_bytes_ += EntryBytes(node.key(), node.mapped());
        to.insert(std::move(node));
      }
    }
  }
  group_bytes_ = 0;
  if (clean_bytes_ > budget_) DropCache();
  return Status::OK();
}

void WriteSession::DropCache() {
  for (auto& ov : clean_) ov.clear();
  for (auto& c : complete_) c.clear();
  memo_.clear();
  store_empty_.fill(0);  // committed data may now be in the store only
  clean_bytes_ = 0;
  node_mark_ = ids_->next_node;
  rel_mark_ = ids_->next_rel;
}

void WriteSession::CheckEpoch() {
  if (ids_->epoch == epoch_) return;
  // Someone wrote around the session: the cache may be stale, and records under
  // ids above the marks may now be in the store.
  DropCache();
  epoch_ = ids_->epoch;
}

}  // namespace internal

// ---- IngestBatch --------------------------------------------------------------

struct IngestBatch::State {
  State(Store* store, internal::IdCounters* ids, const IngestBatchOptions& o)
      : session(store, ids, o.cache_bytes), opts(o), store(store) {}
  internal::WriteSession session;
  IngestBatchOptions opts;
  Store* store;
  std::size_t articles = 0;  // articles in the pending group

  // An automatic commit that fails loses the whole group: always reported as
  // IOError, so callers stop instead of counting one failed article (and,
  // e.g., later writing a file state that lists the lost articles).
  Status MaybeCommit() {
    if (articles < opts.max_articles && session.group_bytes() < opts.max_bytes) return Status::OK();
    const std::size_t n = articles;
    articles = 0;
    Status s = session.Commit();
    if (s.ok() || s.code() == Status::Code::kIOError) return s;
    return Status::IOError("writing a group of " + std::to_string(n) +
                           " articles failed (none of them stored): " + s.message());
  }
};

IngestBatch::IngestBatch(std::unique_ptr<State> s) : s_(std::move(s)) {}
IngestBatch::~IngestBatch() = default;

std::unique_ptr<IngestBatch> Graph::NewIngestBatch(const IngestBatchOptions& options) {
  return std::unique_ptr<IngestBatch>(
      new IngestBatch(std::make_unique<IngestBatch::State>(store_.get(), &impl_->ids, options)));
}

Result<IngestOutcome> IngestBatch::ApplyArticle(const ArticleFacts& facts) {
  if (s_->store->read_only()) return Status::InvalidArgument("database is open read-only");
  s_->session.CheckEpoch();
  auto r = internal::ApplyArticleIn(&s_->session, facts);
  if (!r.ok() || *r == IngestOutcome::kUnchanged) return r;
  ++s_->articles;
  KG_RETURN_IF_ERROR(s_->MaybeCommit());
  return r;
}

Status IngestBatch::ForgetArticle(const std::string& article_id) {
  if (s_->store->read_only()) return Status::InvalidArgument("database is open read-only");
  s_->session.CheckEpoch();
  KG_RETURN_IF_ERROR(internal::ForgetArticleIn(&s_->session, article_id));
  ++s_->articles;
  return s_->MaybeCommit();
}

Result<std::optional<std::string>> IngestBatch::ArticleHash(const std::string& article_id) {
  s_->session.CheckEpoch();
  internal::Txn t(&s_->session);
  return internal::ArticleHashIn(t, article_id);
}

Result<std::optional<FileState>> IngestBatch::GetFileState(const std::string& path) {
  s_->session.CheckEpoch();
  internal::Txn t(&s_->session);
  std::string v;
  Status s = t.Get(Cf::kArticles, keys::FileKey(path), &v);
  if (s.IsNotFound()) return std::optional<FileState>();
  KG_RETURN_IF_ERROR(s);
  FileState st;
  KG_RETURN_IF_ERROR(internal::DecodeFileState(v, &st));
  return std::optional<FileState>(std::move(st));
}

Status IngestBatch::PutFileState(const std::string& path, const FileState& state) {
  if (s_->store->read_only()) return Status::InvalidArgument("database is open read-only");
  s_->session.CheckEpoch();
  internal::Txn t(&s_->session);
  t.Put(Cf::kArticles, keys::FileKey(path), internal::EncodeFileState(state));
  s_->session.Absorb(&t);
  return s_->MaybeCommit();
}

Status IngestBatch::DeleteFileState(const std::string& path) {
  if (s_->store->read_only()) return Status::InvalidArgument("database is open read-only");
  s_->session.CheckEpoch();
  internal::Txn t(&s_->session);
  t.Delete(Cf::kArticles, keys::FileKey(path));
  s_->session.Absorb(&t);
  return s_->MaybeCommit();
}

Status IngestBatch::Commit() {
  s_->articles = 0;
  return s_->session.Commit();
}

std::size_t IngestBatch::pending_articles() const { return s_->articles; }

}  // namespace kg
