// Internal: pipeline operators. Each clause becomes one Op; rows flow by
// Push(), Finish() flushes blocking operators (aggregation, ORDER BY, writes)
// and cascades; Done() tells producers to stop early (LIMIT reached).
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/cypher/exec.h"

namespace kg::cypher {

class MatchOp : public Op {
 public:
  MatchOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx) {}
  Status Push(Row& row) override;

 private:
  Result<bool> IndexRange(Row& row, DateRange* range);

  const Clause& c_;
  ExecContext& ctx_;
};

class UnwindOp : public Op {
 public:
  UnwindOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx) {}
  Status Push(Row& row) override;

 private:
  const Clause& c_;
  ExecContext& ctx_;
};

class ProjectOp : public Op {
 public:
  ProjectOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx) {}
  Status Push(Row& row) override;
  Status Finish() override;
  bool Done() const override;

 private:
  struct Group {
    Row rep;  // first input row of the group
    std::vector<std::unique_ptr<Aggregator>> aggs;
  };
  struct Sorted {
    Row row;
    std::vector<Value> keys;
    size_t seq = 0;
  };
  Status Bounds();
  Status CheckPercentile(const Expr& call, const Value& p) const;
  Result<Row> Items(Row& in);
  Row Extend(Row out, const Row& in) const;  // projected columns + incoming row
  Status Emit(Row& ext);
  Status Buffer(Row ext);
  Status SortBuffer();  // ORDER BY of buffer_, with the guards between runs
  bool Before(const Sorted& a, const Sorted& b) const;  // ORDER BY, then arrival

  const Clause& c_;
  ExecContext& ctx_;
  bool bounds_done_ = false;
  int64_t skip_ = 0, limit_ = -1, skipped_ = 0, emitted_ = 0;
  std::set<std::string> seen_;
  std::unordered_map<std::string, size_t> group_index_;
  std::vector<Group> groups_;
  std::vector<Sorted> buffer_;
  // ORDER BY ... LIMIT k (no DISTINCT, no WHERE): buffer_ is a heap of the
  // best SKIP + k rows so far (its top the worst of them), not every row.
  bool top_k_ = false;
  std::size_t keep_ = 0;
  std::size_t seq_ = 0;
};

// CALL: runs the procedure once per input row; every result row extends the
// input row with the yielded fields (a standalone CALL emits the fields
// only); a void procedure passes the input row on.
class CallOp : public Op {
 public:
  CallOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx) {}
  Status Push(Row& row) override;

 private:
  const Clause& c_;
  ExecContext& ctx_;
};

// Write clauses buffer their input (eager), apply the writes in Finish() and
// then stream the rows on.
class WriteOp : public Op {
 public:
  WriteOp(const Clause& c, ExecContext& ctx) : c_(c), ctx_(ctx) {}
  Status Push(Row& row) override {
    rows_.push_back(row);
    return Status::OK();
  }
  Status Finish() override;

 private:
  Status Create(const Pattern& p, Row& row);
  Status ApplySet(const SetItem& s, Row& row, bool remove);
  Status Merge(Row& row, std::vector<Row>* out);
  Status Delete(std::vector<Row>& rows);

  const Clause& c_;
  ExecContext& ctx_;
  std::vector<Row> rows_;
};

}  // namespace kg::cypher
