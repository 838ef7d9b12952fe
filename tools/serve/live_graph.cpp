#include "tools/serve/live_graph.h"

#include <chrono>
#include <map>

#include "graph/rocks_store.h"

namespace kg::serve {

LiveGraph::LiveGraph(std::unique_ptr<Graph> graph, Opener reopen)
    : graph_(std::move(graph)), reopen_(std::move(reopen)) {}

LiveGraph::~LiveGraph() { StopRefresh(); }

LiveGraph::Reader LiveGraph::Read() const { return Reader(&mu_, &graph_, &generation_); }

Status LiveGraph::CatchUp() {
  std::unique_lock<std::shared_mutex> lock(mu_);
  auto caught = CatchUpRocksStore(graph_->store());
  if (!caught.ok()) return caught.status().code() == Status::Code::kNotSupported ? Status::OK() : caught.status();
  uint64_t version = *caught;
  if (version == version_) return Status::OK();
  uint64_t tables = StoreTablesVersion(*graph_->store());
  if (reopen_ && version_ != 0 && tables != tables_) {
    // No Reader holds the graph (the lock is exclusive). On failure the old
    // graph stays and the next catch-up tries again.
    KG_ASSIGN_OR_RETURN(auto fresh, reopen_());
    KG_ASSIGN_OR_RETURN(version, CatchUpRocksStore(fresh->store()));
    graph_ = std::move(fresh);
    tables = StoreTablesVersion(*graph_->store());
  }
  version_ = version;
  tables_ = tables;
  generation_.fetch_add(1);
  return Status::OK();
}

void LiveGraph::StartRefresh(double seconds) {
  StopRefresh();
  {
    std::lock_guard<std::mutex> l(refresh_mu_);
    stop_ = false;
  }
  const auto period = std::chrono::duration<double>(seconds);
  refresher_ = std::thread([this, period] {
    std::unique_lock<std::mutex> l(refresh_mu_);
    while (!refresh_cv_.wait_for(l, period, [this] { return stop_; })) {
      l.unlock();
      Status s = CatchUp();
      l.lock();
      refresh_error_ = s.ok() ? std::string() : s.message();
    }
  });
}

void LiveGraph::StopRefresh() {
  {
    std::lock_guard<std::mutex> l(refresh_mu_);
    stop_ = true;
  }
  refresh_cv_.notify_all();
  if (refresher_.joinable()) refresher_.join();
}

std::string LiveGraph::last_refresh_error() const {
  std::lock_guard<std::mutex> l(refresh_mu_);
  return refresh_error_;
}

Result<std::shared_ptr<const GraphSnapshot>> LiveGraph::Snapshot(const Reader& reader) {
  std::lock_guard<std::mutex> l(cache_mu_);
  if (snapshot_ && snapshot_gen_ == reader.generation()) return snapshot_;
  SnapshotLoadOptions lo;
  lo.evidence_counts = false;
  KG_ASSIGN_OR_RETURN(GraphSnapshot snap, LoadSnapshot(reader.graph(), lo));
  snapshot_ = std::make_shared<const GraphSnapshot>(std::move(snap));
  snapshot_gen_ = reader.generation();
  return snapshot_;
}

Result<nlohmann::json> LiveGraph::Summary(const Reader& reader) {
  std::lock_guard<std::mutex> l(cache_mu_);
  if (summary_gen_ == reader.generation()) return summary_;
  const Graph& g = reader.graph();
  KG_ASSIGN_OR_RETURN(GraphStats st, g.Stats());
  std::map<std::string, uint64_t> preds, types;
  std::string lo, hi;
  auto widen = [&](const std::string& d) {
    if (d.empty()) return;
    if (lo.empty() || d < lo) lo = d;
    if (hi.empty() || d > hi) hi = d;
  };
  KG_RETURN_IF_ERROR(g.ScanRelsTyped([&](NodeId, NodeId, SnapRel* r) {
    ++preds[r->predicate];
    widen(r->first_seen);
    widen(r->date);
    widen(r->last_seen);
    return true;
  }));
  KG_RETURN_IF_ERROR(g.ScanNodesTyped([&](SnapNode* n) {
    ++types[n->type.empty() ? "other" : n->type];
    return true;
  }));
  nlohmann::json j = {{"articles", st.articles},
                      {"entities", st.entities},
                      {"relations", st.relations},
                      {"typed_relations", st.typed_relations},
                      {"co_mentions", st.co_mentions},
                      {"evidence", st.evidence},
                      {"date_min", lo.empty() ? nlohmann::json() : nlohmann::json(lo)},
                      {"date_max", hi.empty() ? nlohmann::json() : nlohmann::json(hi)},
                      {"predicates", preds},
                      {"types", types}};
  summary_ = j;
  summary_gen_ = reader.generation();
  return j;
}

}  // namespace kg::serve
