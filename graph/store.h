// Store: the ordered key-value layer under the property graph, in LevelDB's
// shape. Two implementations: RocksDB (rocks_store.h) and memory
// (mem_store.h); one test suite runs against both (tests/graph/store_test.cpp).
//
// Keys and values are opaque bytes; graph/keys.h owns their encoding. Data is
// split into column families (Cf); iteration order is bytewise within one Cf.
//
// Thread safety: a Store may be read from several threads; Write() calls are
// serialised internally. Across processes only one writer may open a RocksDB
// store at a time (the second gets Status::Busy, "database is busy").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"

namespace kg {

enum class Cf : uint8_t {
  kMeta = 0,   // schema version, id counters, settings
  kNodes,      // node id -> node record
  kOutAdj,     // (src, type, bound) -> packed (dst, rel) list chunk   out-adjacency
  kInAdj,      // (dst, type, bound) -> packed (src, rel) list chunk   in-adjacency
  kRels,       // rel id -> relationship record
  kEvidence,   // (rel, article, n) -> evidence record
  kNames,      // normalised name/alias -> node ids; external entity id -> node id
  kArticles,   // article id -> article record (hash, facts contributed); file state for cron mode
  kCount
};
const char* CfName(Cf cf);

struct WriteBatch {
  struct Op {
    Cf cf;
    bool is_delete;
    std::string key;
    std::string value;
  };
  void Put(Cf cf, std::string_view key, std::string_view value) {
    ops.push_back({cf, false, std::string(key), std::string(value)});
  }
  void Delete(Cf cf, std::string_view key) { ops.push_back({cf, true, std::string(key), {}}); }
  bool empty() const { return ops.empty(); }
  std::vector<Op> ops;
};

// Forward iterator over one column family.
class Iterator {
 public:
  virtual ~Iterator() = default;
  virtual bool Valid() const = 0;
  virtual void Seek(std::string_view target) = 0;  // first key >= target
  virtual void SeekToFirst() = 0;
  virtual void Next() = 0;                         // REQUIRES: Valid()
  virtual std::string_view key() const = 0;        // REQUIRES: Valid(); valid until next move
  virtual std::string_view value() const = 0;      // REQUIRES: Valid(); valid until next move
  virtual Status status() const = 0;
};

// A consistent read view: every Get and iterator sees the same state.
class ReadView {
 public:
  virtual ~ReadView() = default;
  // NotFound when absent.
  virtual Status Get(Cf cf, std::string_view key, std::string* value) const = 0;
  virtual std::unique_ptr<Iterator> NewIterator(Cf cf) const = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Applies every op or none (one atomic batch; durable through the WAL for RocksDB).
  virtual Status Write(const WriteBatch& batch) = 0;
  // Same contract and result as Write (atomic, durable), for a batch whose
  // ops are grouped by column family, each group in strictly increasing key
  // order (as an overlay map yields them). Meant for column families that
  // hold no keys yet (a new database's first group commit), where a store may
  // take a cheaper path: RocksDB writes one table file per column family and
  // ingests them all in one atomic step, without memtable inserts, WAL
  // record or a later flush. Default (and fallback): Write(batch).
  virtual Status WriteSorted(const WriteBatch& batch) { return Write(batch); }
  // A snapshot view. Lifetime: must not outlive the Store.
  virtual std::unique_ptr<ReadView> NewView() const = 0;
  // Reads the latest state (no snapshot).
  virtual Status Get(Cf cf, std::string_view key, std::string* value) const = 0;
  // Point reads of many keys of one column family: calls fn(i, value) for
  // every keys[i] that exists, in the order of `keys` (value valid during the
  // call only); absent keys are skipped; the first error (of the store or of
  // fn) stops the reads and is returned. For callers that need hundreds or
  // thousands of records at once (a hub's relationships): RocksDB batches the
  // lookups per table file and data block and hands out the values without a
  // copy. Default: one Get per key.
  virtual Status MultiGet(Cf cf, const std::vector<std::string>& keys,
                          const std::function<Status(std::size_t i, std::string_view value)>& fn) const {
    std::string v;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      Status s = Get(cf, keys[i], &v);
      if (s.IsNotFound()) continue;
      if (!s.ok()) return s;
      if (Status f = fn(i, v); !f.ok()) return f;
    }
    return Status::OK();
  }
  virtual std::unique_ptr<Iterator> NewIterator(Cf cf) const = 0;
  // An iterator for scanning keys that start with `prefix` (the caller Seeks to
  // it and stops at the first key without it). Lets RocksDB use the prefix
  // bloom of the adjacency CFs when prefix is >= 8 bytes. Default: NewIterator.
  virtual std::unique_ptr<Iterator> NewPrefixIterator(Cf cf, std::string_view prefix) const {
    (void)prefix;
    return NewIterator(cf);
  }
  // Approximate bytes on disk (0 for memory).
  virtual uint64_t ApproximateSizeBytes() const = 0;
  virtual bool read_only() const = 0;
};

std::unique_ptr<Store> NewMemStore();

}  // namespace kg
