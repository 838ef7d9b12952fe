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

#include "graph/graph.h"
#include "graph/keys.h"

namespace kg {

namespace internal {

struct IdCounters {
  uint64_t next_node = 1;  // next free node id (persisted in Cf::kMeta)
  uint64_t next_rel = 1;
};

// Pending writes over a Store: reads see the pending state ("read your own
// writes"), Batch() turns it into one atomic WriteBatch. Not thread safe.
class Txn {
 public:
  Txn(const Store* store, IdCounters* ids) : store_(store), ids_(ids) {}

  Status Get(Cf cf, std::string_view key, std::string* value) const;
  void Put(Cf cf, std::string_view key, std::string_view value);
  void Delete(Cf cf, std::string_view key);
  // Calls fn(key, value) for every key starting with `prefix`, in key order,
  // merging pending writes; fn returns false to stop. fn must not write.
  Status ScanPrefix(Cf cf, std::string_view prefix,
                    const std::function<bool(std::string_view, std::string_view)>& fn) const;
  // Like ScanPrefix, but starts at the first key >= `start`.
  // REQUIRES: start begins with prefix.
  Status ScanFrom(Cf cf, std::string_view prefix, std::string_view start,
                  const std::function<bool(std::string_view, std::string_view)>& fn) const;
  bool HasPrefix(Cf cf, std::string_view prefix, Status* s) const;

  uint64_t NewNodeId();
  uint64_t NewRelId();
  // Builds the batch; includes the id counters when they moved.
  WriteBatch Batch() const;
  bool empty() const;

 private:
  using Overlay = std::map<std::string, std::optional<std::string>, std::less<>>;
  const Store* store_;
  IdCounters* ids_;
  std::array<Overlay, static_cast<std::size_t>(Cf::kCount)> pending_;
  bool ids_moved_ = false;
};

// ---- records ----
Status LoadNode(const Txn& t, NodeId id, Node* out);  // NotFound
Status LoadRel(const Txn& t, RelId id, Rel* out);     // NotFound
Status DecodeNode(NodeId id, std::string_view bytes, Node* out);
Status DecodeRel(RelId id, std::string_view bytes, Rel* out);

// Writes the node record and keeps the name / external-id index in step with
// props "name", "aliases" and "id". `old` is the previous state or nullptr.
void PutNode(Txn* t, const Node& n, const Node* old);
void DeleteNodeRecord(Txn* t, const Node& n);
// Writes the relationship record; with is_new also both adjacency entries.
Status PutRel(Txn* t, const Rel& r, bool is_new);
// Deletes record, both adjacency entries and all evidence of the relationship.
Status DeleteRelRecord(Txn* t, const Rel& r);
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
               const std::function<bool(std::string_view, const keys::AdjItem&)>& fn);

// Name-index terms of a props map: normalised name + aliases, external id.
std::set<std::string> NameTerms(const nlohmann::json& props);
std::optional<std::string> ExternalId(const nlohmann::json& props);

}  // namespace internal

struct Graph::Impl {
  internal::IdCounters ids;
};

}  // namespace kg
