// Counts kept as data (layout in graph/keys.h, "counts"): nodes in all and
// per label, relationships per type, self-loops, articles, typed evidence
// records, and per node its degree by relationship type and direction.
//
// Writers never store a count directly: every graph write records a delta in
// its Txn (CountDeltas); a standalone Txn resolves them into its own
// WriteBatch, a writer session (graph_batch.cpp) merges the deltas of each
// absorbed article and resolves them into the group at Commit. So counts
// change in the same atomic write as the facts they count. Recount() derives
// every count from the records (migration of older databases, `kg check`,
// `kg repair`).
//
// Internal to graph/. Thread safety: none (per-writer objects).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/bytes.h"
#include "graph/keys.h"
#include "graph/status.h"
#include "graph/store.h"

namespace kg::internal {

class CountDeltas {
 public:
  // A node created (+1) or deleted (-1) with these labels (duplicates count once).
  void Node(const std::vector<std::string>& labels, int sign);
  void Label(std::string_view label, int sign);  // also for label changes
  void AddNodes(int sign) { Meta(keys::CountKey(keys::kCountNodes), sign); }
  // An adjacency entry (self)-[type]-(other) added (+1) or removed (-1) in
  // Cf::kOutAdj (also counts the relationship, and a self-loop) or Cf::kInAdj.
  void AdjEntry(Cf cf, uint64_t self, std::string_view type, uint64_t other, int sign);
  void Meta(const std::string& key, int64_t delta);
  void Meta(char what, int64_t delta) { Meta(keys::CountKey(what), delta); }

  bool empty() const { return meta_.empty() && degree_.empty(); }
  // Moves every delta into *to (adds them up); *this is empty afterwards.
  void MergeInto(CountDeltas* to);
  void Clear() {
    meta_.clear();
    degree_.clear();
  }
  // The new values of every count these deltas change: `get` reads the
  // current value (NotFound = 0 / no record), `put` receives the new one
  // (nullopt: delete the key, the count is 0 / the record empty). Corruption
  // when a stored count does not decode or would go below 0.
  Status Resolve(FunctionRef<Status(Cf, const std::string&, std::string*)> get,
                 FunctionRef<void(Cf, const std::string&, std::optional<std::string>)> put) const;

 private:
  std::map<std::string, int64_t> meta_;  // Cf::kMeta count key -> delta
  // node -> type -> {out, in}
  std::map<uint64_t, std::map<std::string, std::array<int64_t, 2>, std::less<>>> degree_;
};

// Every count as the records imply it: Cf::kMeta count keys and Cf::kArticles
// degree keys with their encoded values (zero counts and empty records absent).
struct CountRecords {
  std::map<std::string, std::string> meta;
  std::map<std::string, std::string> degree;
};
Status Recount(const Store& store, CountRecords* out);

// The count keys `store` holds now (same shape as Recount's).
Status StoredCounts(const Store& store, CountRecords* out);

// Ops that turn `have` into `want` (puts of changed/missing, deletes of extra keys).
void CountFixes(const CountRecords& have, const CountRecords& want, WriteBatch* b);

// Human-readable differences (at most `max` lines; returns the total).
uint64_t CountProblems(const CountRecords& have, const CountRecords& want,
                       std::vector<std::string>* lines, std::size_t max);

}  // namespace kg::internal
