#include "query/cypher/exec.h"
#include "query/cypher/lexer.h"

namespace kg::cypher {

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
  return static_cast<const Rel*>(slot.get());
}

Status ExecContext::Adjacent(NodeId id, Direction dir, const std::string& type,
                             std::vector<AdjEntry>* out) {
  out->clear();
  return graph->Adjacent(id, dir, type, out);
}

Status ExecContext::Tick() {
  if (!has_deadline_ || (++ticks_ & 255) != 0) return Status::OK();
  if (std::chrono::steady_clock::now() > deadline_) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "query timed out after %.0f s (raise the limit with --timeout SECONDS)",
                  opts.timeout_seconds);
    return Status::Timeout(buf);
  }
  return Status::OK();
}

Status ExecContext::Error(int line, int col, const std::string& msg) const {
  if (line <= 0 || !query_text) return Status::InvalidArgument(msg);
  return Status::InvalidArgument(FormatError(*query_text, line, col, msg));
}

}  // namespace kg::cypher
