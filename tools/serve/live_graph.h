// LiveGraph: the database `kg serve` reads, kept current while a writer (a
// cron `kg ingest`) adds to it.
//
// The graph is a reader (a RocksDB secondary instance, cli::OpenGraph). A
// background thread calls CatchUpRocksStore every `refresh_seconds`; the
// catch-up takes the lock exclusively, and every request holds it shared
// through a Reader, so one request reads one consistent state of the
// database however long it runs (a Cypher query up to its timeout), and a
// catch-up waits for the requests in flight.
//
// Per-generation caches (the whole-graph snapshot that path search walks, the
// summary with counts and the date span) are rebuilt on first use after the
// database changed.
//
// Thread safety: all methods may be called from any thread. Lifetime: owns
// the Graph; Readers must not outlive the LiveGraph.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "graph/graph.h"
#include "graph/snapshot.h"

namespace kg::serve {

class LiveGraph {
 public:
  // Opens the database again (cli::OpenGraph as a reader).
  using Opener = std::function<Result<std::unique_ptr<Graph>>()>;
  // Takes ownership of `graph` (a reader; a memory graph in tests, which has
  // nothing to catch up). `reopen`, when given, replaces the graph by a fresh
  // open whenever a catch-up finds new table files: a RocksDB secondary
  // reads the memtable it replayed from the writer's log before table files,
  // so values the writer overwrote through an ingested table file (kg
  // ingest's article groups: counts, supports) stayed old (rocks_store.h).
  explicit LiveGraph(std::unique_ptr<Graph> graph, Opener reopen = nullptr);
  ~LiveGraph();
  LiveGraph(const LiveGraph&) = delete;
  LiveGraph& operator=(const LiveGraph&) = delete;

  class Reader {
   public:
    const Graph& graph() const { return *graph_; }
    // The Cypher engine takes a Graph*; callers run read-only queries only.
    Graph* mutable_graph() const { return graph_; }
    uint64_t generation() const { return generation_; }

   private:
    friend class LiveGraph;
    // The graph and generation are read once the lock is held: CatchUp may
    // replace the graph (reopen) while this waits for the lock.
    Reader(std::shared_mutex* mu, const std::unique_ptr<Graph>* g, const std::atomic<uint64_t>* gen)
        : lock_(*mu), graph_(g->get()), generation_(gen->load()) {}
    std::shared_lock<std::shared_mutex> lock_;  // first: initialised first
    Graph* graph_;
    uint64_t generation_;
  };
  // Holds the shared lock until the Reader is destroyed.
  Reader Read() const;

  // Reads what the writer committed since the last call (exclusive lock).
  // OK and no change for stores that cannot catch up (memory).
  Status CatchUp();
  // Starts / stops the background catch-up thread (every `seconds`, > 0).
  void StartRefresh(double seconds);
  void StopRefresh();

  uint64_t generation() const { return generation_.load(); }
  // Catch-ups that failed so far, and the last error ("" when none).
  std::string last_refresh_error() const;

  // The whole graph as a snapshot (no evidence counts) for path search,
  // loaded once per generation. REQUIRES: `reader` is a Reader of this graph.
  Result<std::shared_ptr<const GraphSnapshot>> Snapshot(const Reader& reader);
  // {"articles", "entities", "relations", "typed_relations", "co_mentions",
  //  "evidence", "date_min", "date_max", "predicates": {p: count},
  //  "types": {t: count}}, once per generation.
  Result<nlohmann::json> Summary(const Reader& reader);

 private:
  std::unique_ptr<Graph> graph_;
  Opener reopen_;
  mutable std::shared_mutex mu_;
  // Counts the changes CatchUp saw (the store's content version, not its
  // sequence number, which a writer's ingested table file leaves as it was).
  std::atomic<uint64_t> generation_{0};
  uint64_t version_ = 0;  // CatchUpRocksStore's last answer; guarded by mu_
  uint64_t tables_ = 0;   // StoreTablesVersion at that time; guarded by mu_

  std::mutex cache_mu_;  // guards the caches (and serialises their loading)
  std::shared_ptr<const GraphSnapshot> snapshot_;
  uint64_t snapshot_gen_ = UINT64_MAX;
  nlohmann::json summary_;
  uint64_t summary_gen_ = UINT64_MAX;

  mutable std::mutex refresh_mu_;
  std::condition_variable refresh_cv_;
  bool stop_ = false;
  std::string refresh_error_;
  std::thread refresher_;
};

}  // namespace kg::serve
