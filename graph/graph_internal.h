// Internal to graph/graph*.cpp: the write transaction overlay and record
// codecs shared by the generic and the knowledge-graph halves of Graph.
// Not part of the public API.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "graph/bytes.h"
#include "graph/counts.h"
#include "graph/graph.h"
#include "graph/keys.h"
#include "graph/rel_record.h"

namespace kg {

namespace internal {

struct IdCounters {
  uint64_t next_node = 1;  // next free node id (persisted in Cf::kMeta)
  uint64_t next_rel = 1;
  // Bumped by every standalone Txn batch (generic writes): lets a WriteSession
  // notice writes that bypassed it and drop its caches.
  uint64_t epoch = 0;
  // The database keeps counts as data (keys.h "counts"): writes record count
  // deltas (Txn::counts()) that their commit resolves into the same batch.
  bool counts_kept = false;
};

// Pending or cached values by key, in bytewise key order (nullopt = deleted /
// known absent).
using Overlay = std::map<std::string, std::optional<std::string>, BytewiseLess>;
// Scan callbacks: fn(key, value) returns false to stop. The views are valid
// during the call only.
using ScanFn = FunctionRef<bool(std::string_view, std::string_view)>;
// Appends the overlay of column family `cf` to `b`: a Put per value, a Delete
// per erased key (nullopt), in key order.
void AppendOverlay(Cf cf, const Overlay& ov, WriteBatch* b);

class WriteSession;

// Pending writes over a Store (or over a WriteSession): reads see the pending
// state ("read your own writes"), Batch() turns it into one atomic
// WriteBatch. Not thread safe.
class Txn {
 public:
  // Standalone: reads fall through to `store`.
  Txn(const Store* store, IdCounters* ids) : store_(store), ids_(ids) {}
  // Child of a session: writes go straight into the session's pending group
  // with an undo log; WriteSession::Absorb() keeps them, destroying the Txn
  // without Absorb() undoes them (the article leaves no trace). Reads see the
  // group, the session cache, then the store. REQUIRES: session outlives the
  // Txn; one child Txn with writes at a time.
  explicit Txn(WriteSession* session);
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  Status Get(Cf cf, std::string_view key, std::string* value) const;
  void Put(Cf cf, std::string_view key, std::string_view value);
  // Put that takes over `value` (no copy of a value the caller built).
  void PutMove(Cf cf, std::string_view key, std::string&& value);
  void Delete(Cf cf, std::string_view key);
  // Calls fn(key, value) for every key starting with `prefix`, in key order,
  // merging pending writes; fn returns false to stop. fn must not write.
  Status ScanPrefix(Cf cf, std::string_view prefix, ScanFn fn) const;
  // Like ScanPrefix, but starts at the first key >= `start`.
  // REQUIRES: start begins with prefix.
  Status ScanFrom(Cf cf, std::string_view prefix, std::string_view start, ScanFn fn) const;
  bool HasPrefix(Cf cf, std::string_view prefix, Status* s) const;

  uint64_t NewNodeId();
  uint64_t NewRelId();
  // Session memo of facts already merged into the store (e.g. "this entity
  // fact was merged into node N"); kept only when the Txn is absorbed, dropped
  // with the session cache. Always false without a session.
  bool Memoized(std::string_view key) const;
  void AddMemo(std::string key);
  // Builds the batch; includes the id counters when they moved. Bumps the
  // counters' epoch (a standalone write the sessions must hear of).
  WriteBatch Batch() const;
  bool empty() const;
  // Count deltas of this Txn's writes; nullptr when the database keeps no counts.
  CountDeltas* counts() { return ids_->counts_kept ? &counts_ : nullptr; }
  // Standalone: appends the new values of the counts this Txn changed (read
  // from the store) to `b`, which must be Batch()'s result.
  Status AppendCounts(WriteBatch* b) const;

 private:
  friend class WriteSession;
  const Store* store_;
  IdCounters* ids_;
  WriteSession* session_ = nullptr;
  void SessionWrite(Cf cf, std::string_view key, std::optional<std::string> value);
  // One write into the group. `it` stays valid: nothing erases group keys
  // while a child Txn holds undo entries (Commit runs between articles).
  struct Undo {
    Overlay::iterator it;
    Cf cf;
    bool existed;                      // key was in the group before
    std::optional<std::string> value;  // its previous value when existed
  };

  std::array<Overlay, static_cast<std::size_t>(Cf::kCount)> pending_;  // standalone only
  std::vector<Undo> undo_;                                             // session only
  std::vector<std::string> memo_;
  bool ids_moved_ = false;
  CountDeltas counts_;
};

// The writer session behind Graph::IngestBatch (graph_batch.cpp): a pending
// group of whole articles (written as ONE WriteBatch by Commit) over a cache
// of the store, valid because the process holds the database's only writer
// lock.
//
// Layers, highest first: the article's Txn, the pending group, `clean_`
// (values known to be in the store: read before or committed by this session;
// nullopt = known absent), the store. Records keyed by an id the session
// allocated itself (node id >= node_mark_, rel id >= rel_mark_: nodes, rels,
// adjacency chunks, evidence, reference counts) exist only in these layers,
// so their reads and scans never touch the store. Prefix scans of other keys
// that went to the store are remembered as complete (`complete_`) with their
// store entries copied to clean_.
//
// When clean_ outgrows its budget it is dropped at a commit and the marks are
// moved to the current counters. Not thread safe; one session per Graph.
class WriteSession {
 public:
  WriteSession(Store* store, IdCounters* ids, std::size_t cache_budget_bytes);
  static constexpr std::size_t kEntryOverhead = 96;  // map node + string headers, roughly

  // Store view through the group and the cache (memoises store reads).
  Status Get(Cf cf, std::string_view key, std::string* value) const;
  // Keeps the writes of a finished (successful) article in the group.
  void Absorb(Txn* t);
  // Writes the group as one WriteBatch (with the id counters when they moved);
  // the group's values then serve as cache. No-op when nothing is pending.
  Status Commit();
  bool group_empty() const;
  std::size_t group_bytes() const { return group_bytes_; }
  // The id the next new node will get.
  uint64_t next_node_id() const { return ids_->next_node; }
  // Drops the cache when a standalone write happened since the last call.
  void CheckEpoch();
  // Key (or prefix, >= 8 id bytes) of a record under an id this session
  // allocated: no store data exists for it.
  bool Owned(Cf cf, std::string_view key) const;
  // False when the store cannot hold `key` (or keys starting with it) that the
  // cache does not know: owned ids, complete prefixes, column families that
  // were empty when the session (or its cache) started.
  bool StoreMayHave(Cf cf, std::string_view key, bool is_prefix) const;

 private:
  friend class Txn;
  void DropCache();
  void Memo(Cf cf, std::string_view key, std::optional<std::string> v) const;

  Store* store_;
  IdCounters* ids_;
  std::size_t budget_;
  uint64_t node_mark_ = 0, rel_mark_ = 0;
  uint64_t epoch_ = 0;
  bool ids_dirty_ = false;                 // an absorbed article moved the id counters
  uint64_t save_node_ = 0, save_rel_ = 0;  // counters to persist with the group
  std::array<Overlay, static_cast<std::size_t>(Cf::kCount)> group_;
  std::size_t group_bytes_ = 0;
  // Per column family: the group entry the last read found (Get, or a scan's
  // entry), so the write that usually follows it (read-modify-write of a
  // chunk, a count, a record) skips the descent. Valid while hint_ok_; reset
  // whenever group entries are erased or moved (undo, Commit).
  mutable std::array<Overlay::const_iterator, static_cast<std::size_t>(Cf::kCount)> hint_;
  mutable std::array<bool, static_cast<std::size_t>(Cf::kCount)> hint_ok_{};
  void Hint(Cf cf, Overlay::const_iterator it) const {
    hint_[static_cast<std::size_t>(cf)] = it;
    hint_ok_[static_cast<std::size_t>(cf)] = true;
  }
  mutable std::array<Overlay, static_cast<std::size_t>(Cf::kCount)> clean_;
  mutable std::array<std::set<std::string, std::less<>>, static_cast<std::size_t>(Cf::kCount)>
      complete_;
  mutable std::size_t clean_bytes_ = 0;
  // Per column family: -1 unknown, 1 the store held no key when the cache
  // started (so everything of it is in the layers), 0 it did.
  mutable std::array<int8_t, static_cast<std::size_t>(Cf::kCount)> store_empty_;
  // Column families this session's commits wrote to (a group may use
  // Store::WriteSorted only while the families it writes are still empty).
  std::array<bool, static_cast<std::size_t>(Cf::kCount)> committed_{};
  // True when every column family the group writes (but the meta family)
  // held no key before: checked (and probed) at Commit.
  bool GroupIntoEmpty() const;
  std::unordered_set<std::string> memo_;
  CountDeltas counts_;  // of the absorbed articles, resolved into the group at Commit
  Status ResolveCounts();
};

// ---- records ----
Status LoadNode(const Txn& t, NodeId id, Node* out);  // NotFound
Status LoadRel(const Txn& t, RelId id, Rel* out);     // NotFound
Status DecodeNode(NodeId id, std::string_view bytes, Node* out);
Status DecodeRel(RelId id, std::string_view bytes, Rel* out);

// Writes the node record and keeps the name / external-id index in step with
// props "name", "aliases" and "id". `old` is the previous state or nullptr.
void PutNode(Txn* t, const Node& n, const Node* old);
// PutNode(t, n, nullptr) for a new entity node, without building the props
// JSON: n.labels = {label}, n.props = {"id": ext, "name": name, "aliases":
// aliases} plus the keys of `extra` (a JSON object or null) it does not
// define. Writes exactly the same record bytes and index keys.
void PutNewEntityNode(Txn* t, NodeId id, std::string_view label, const std::string& ext,
                      const std::string& name, const std::vector<const std::string*>& aliases,
                      const nlohmann::json& extra);
void DeleteNodeRecord(Txn* t, const Node& n);
// Writes the relationship record; with is_new also both adjacency entries.
Status PutRel(Txn* t, const Rel& r, bool is_new);
// Direct MessagePack variants for the ingest hot path (graph/rel_record.h);
// same bytes as LoadRel / PutRel of the equivalent Rel.
Status LoadRelRecord(const Txn& t, RelId id, RelRecord* out);  // NotFound
Status PutRelRecord(Txn* t, const RelRecord& r, bool is_new);
// Deletes record, both adjacency entries and all evidence of the relationship.
Status DeleteRelRecord(Txn* t, const Rel& r);
// The relationship date index (rel_date.h): moves relationship `rel` from
// `old_day` to `new_day` (either may be absent). Every write of a
// relationship record goes through this.
void IndexRelDate(Txn* t, RelId rel, std::optional<int64_t> old_day,
                  std::optional<int64_t> new_day);
// The indexed day of a props map's `date` (nullopt: not indexed).
std::optional<int64_t> RelDayOf(const PropMap& props);
// Rebuilds the date index from the relationship records (for databases
// written before it existed) and marks it complete in Cf::kMeta.
Status BuildRelDateIndex(Store* store);
// Every relationship id touching `id` (out and in), each once.
Status RelsOf(const Txn& t, NodeId id, std::vector<RelId>* out);

// ---- packed adjacency lists (layout in keys.h) ----
// Adds entry (other, rel) to the (self, type) list in `cf` (no-op when present);
// splits a chunk that grows past keys::kAdjChunkMax.
Status AdjInsert(Txn* t, Cf cf, NodeId self, std::string_view type, NodeId other, RelId rel);
// Removes the entry (no-op when absent); deletes a chunk that becomes empty.
Status AdjErase(Txn* t, Cf cf, NodeId self, std::string_view type, NodeId other, RelId rel);
// Ids of the relationships (self)-[type]-(other) in `cf`, ascending.
Status AdjFind(const Txn& t, Cf cf, NodeId self, std::string_view type, NodeId other,
               std::vector<RelId>* out);
// Calls fn(type, entry) for every entry of the chunks whose keys start with
// `prefix` (keys::AdjPrefix or keys::AdjTypePrefix), in list order; fn returns
// false to stop.
Status AdjScan(const Txn& t, Cf cf, std::string_view prefix,
               FunctionRef<bool(std::string_view, const keys::AdjItem&)> fn);

// Graph::Stats by counting every record (databases without counts).
Result<GraphStats> ScanStats(const Store& store);

// ---- knowledge-graph writes into a session (graph_ingest.cpp) ----
// One article, all or nothing: on success its writes join the session's
// pending group (WriteSession::Absorb), on error nothing of it remains.
Result<IngestOutcome> ApplyArticleIn(WriteSession* session, const ArticleFacts& facts);
Status ForgetArticleIn(WriteSession* session, const std::string& article_id);  // NotFound
Result<std::optional<std::string>> ArticleHashIn(const Txn& t, const std::string& article_id);
Status DecodeFileState(std::string_view bytes, FileState* st);
std::string EncodeFileState(const FileState& st);

// Name-index terms of a props map: normalised name + aliases, external id.
std::set<std::string> NameTerms(const nlohmann::json& props);
std::optional<std::string> ExternalId(const nlohmann::json& props);

}  // namespace internal

struct Graph::Impl {
  internal::IdCounters ids;
  // While a transaction is open: the real store (Graph::store_ is then the
  // overlay over it) and the id counters to restore on rollback.
  std::unique_ptr<Store> txn_base;
  internal::IdCounters txn_saved_ids;
  bool rel_date_index = false;  // the date index is complete (kMetaRelDateIndex)
};

}  // namespace kg
