#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <set>

#include "query/cypher/exec.h"
#include "query/cypher/lexer.h"

namespace kg::cypher {

namespace {
class SystemClock : public Clock {
 public:
  int64_t NowNanos() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};
class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t n) : n_(n) {}
  int64_t NowNanos() const override { return n_; }

 private:
  int64_t n_;
};
}  // namespace

std::unique_ptr<Clock> NewSystemClock() { return std::make_unique<SystemClock>(); }
std::unique_ptr<Clock> NewFixedClock(int64_t epoch_nanos) {
  return std::make_unique<FixedClock>(epoch_nanos);
}

int64_t ExecContext::RealTimeNanos() const {
  if (opts.clock) return opts.clock->NowNanos();
  return SystemClock().NowNanos();
}

int64_t ExecContext::StatementNanos() {
  if (!has_now_) {
    now_ = RealTimeNanos();
    has_now_ = true;
  }
  return now_;
}

ExecContext::ExecContext(Graph* g, const Map* p, const QueryOptions& o)
    : graph(g), params(p), opts(o) {
  if (o.timeout_seconds > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::microseconds(static_cast<int64_t>(o.timeout_seconds * 1e6));
  }
}

Result<const Node*> ExecContext::GetNode(NodeId id) {
  auto it = nodes_.find(id);
  if (it != nodes_.end()) return static_cast<const Node*>(it->second.get());
  if (nodes_.size() > 200000) nodes_.clear();
  auto r = graph->GetNode(id);
  if (!r.ok()) {
    if (r.status().IsNotFound())
      return Status::NotFound("node " + std::to_string(id) + " does not exist (DeletedEntityAccess)");
    return r.status();
  }
  Node n = std::move(r).value();
  auto& slot = nodes_[id];
  slot = std::make_unique<Node>(std::move(n));
  return static_cast<const Node*>(slot.get());
}

const std::string* ExecContext::InternType(const std::string& type) {
  auto it = types_.find(type);
  if (it != types_.end()) return it->second;
  static std::mutex mu;
  static std::set<std::string, std::less<>>* all = new std::set<std::string, std::less<>>();
  std::lock_guard<std::mutex> lock(mu);
  const std::string* p = &*all->insert(type).first;
  types_.emplace(type, p);
  return p;
}

Result<bool> ExecContext::NodeHasLabels(NodeId id, const std::vector<std::string>& labels) {
  if (labels.empty()) return true;
  const std::vector<std::string>* have = nullptr;
  if (!read_only_query) {  // labels may change during a write query: read through the node cache
    KG_ASSIGN_OR_RETURN(const Node* n, GetNode(id));
    have = &n->labels;
  } else if (auto n = nodes_.find(id); n != nodes_.end()) {
    have = &n->second->labels;
  } else if (auto l = labels_.find(id); l != labels_.end()) {
    have = &l->second;
  } else {
    if (labels_.size() > 1000000) labels_.clear();
    std::vector<std::string> got;
    Status s = graph->GetNodeLabels(id, &got);
    if (s.IsNotFound())
      return Status::NotFound("node " + std::to_string(id) + " does not exist (DeletedEntityAccess)");
    KG_RETURN_IF_ERROR(s);
    have = &labels_.emplace(id, std::move(got)).first->second;
  }
  for (const auto& l : labels)
    if (std::find(have->begin(), have->end(), l) == have->end()) return false;
  return true;
}

namespace {
// Ingest stores "" for an unknown date or place; Cypher shows them as null
// (r.date IS NULL finds the undated relations).
void DropEmptyDates(Rel* r) {
  for (const char* k : {"date", "location", "location_name", "first_seen", "last_seen"}) {
    auto it = r->props.find(k);
    if (it != r->props.end() && it->is_string() && it->get_ref<const std::string&>().empty()) r->props.erase(it);
  }
}
}  // namespace

void ExecContext::PutRel(const Rel& r) {
  if (rels_.size() > 200000) rels_.clear();
  auto& slot = rels_[r.id];
  slot = std::make_unique<Rel>(r);
  DropEmptyDates(slot.get());
}

Result<const Rel*> ExecContext::GetRel(RelId id) {
  auto it = rels_.find(id);
  if (it != rels_.end()) return static_cast<const Rel*>(it->second.get());
  if (rels_.size() > 200000) rels_.clear();
  auto got = graph->GetRel(id);
  if (!got.ok()) {
    if (got.status().IsNotFound())
      return Status::NotFound("relationship " + std::to_string(id) + " does not exist (DeletedEntityAccess)");
    return got.status();
  }
  auto& slot = rels_[id];
  slot = std::make_unique<Rel>(std::move(got).value());
  DropEmptyDates(slot.get());
  return static_cast<const Rel*>(slot.get());
}

bool IsSymmetricRelType(const std::string& type) {
  return type == "CO_MENTIONED" || IsSymmetricPredicate(PredicateForRelType(type));
}

Status ExecContext::Adjacent(NodeId id, Direction dir, const std::string& type,
                             std::vector<AdjEntry>* out) {
  out->clear();
  KG_RETURN_IF_ERROR(graph->Adjacent(id, dir, type, out));
  if (dir == Direction::kBoth || (!type.empty() && !IsSymmetricRelType(type))) return Status::OK();
  // A symmetric relationship (MEETS, ...) is stored once, in one direction;
  // a directed pattern matches it in either direction.
  std::vector<AdjEntry> other;
  KG_RETURN_IF_ERROR(graph->Adjacent(id, dir == Direction::kOut ? Direction::kIn : Direction::kOut, type, &other));
  for (auto& e : other)
    if (e.other != id && IsSymmetricRelType(e.type)) out->push_back(std::move(e));
  return Status::OK();
}

namespace {

// Resident set size of this process (Linux /proc/self/statm); 0 when unknown.
uint64_t ResidentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long long size = 0, resident = 0;
  const int n = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

Status ExecContext::Tick() {
  if ((++ticks_ & 255) != 0) return Status::OK();
  return CheckLimits();
}

Status ExecContext::TickN(std::size_t n) {
  const uint32_t before = ticks_;
  ticks_ += static_cast<uint32_t>(n);
  if ((before >> 8) == (ticks_ >> 8) && n < 256) return Status::OK();
  return CheckLimits();
}

Status ExecContext::CheckLimits() {
  if (opts.interrupt && *opts.interrupt) return Status::Aborted("query interrupted");
  if (!has_deadline_ && opts.max_memory_bytes == 0) return Status::OK();
  const auto now = std::chrono::steady_clock::now();
  if (has_deadline_ && now > deadline_) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "query timed out after %g s (raise the limit with --timeout SECONDS)",
                  opts.timeout_seconds);
    return Status::Timeout(buf);
  }
  if (opts.max_memory_bytes > 0 && now >= next_memory_check_) {
    next_memory_check_ = now + std::chrono::milliseconds(10);
    const uint64_t rss = ResidentBytes();
    if (rss > opts.max_memory_bytes) {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "query stopped: kg uses %.0f MiB of memory, more than the limit of %.0f MiB "
                    "(raise it with --max-memory SIZE, e.g. --max-memory 8G)",
                    static_cast<double>(rss) / (1 << 20),
                    static_cast<double>(opts.max_memory_bytes) / (1 << 20));
      return Status::Timeout(buf);
    }
  }
  return Status::OK();
}

Status ExecContext::Error(int line, int col, const std::string& msg) const {
  if (line <= 0 || !query_text) return Status::InvalidArgument(msg);
  return Status::InvalidArgument(FormatError(*query_text, line, col, msg));
}

}  // namespace kg::cypher
