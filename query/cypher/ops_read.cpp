// Read operators of the pipeline: MATCH / OPTIONAL MATCH, UNWIND and the
// WITH / RETURN projection (aggregation, DISTINCT, ORDER BY, SKIP, LIMIT).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "query/cypher/ops.h"

namespace kg::cypher {

namespace {
const char kStop[] = "\x01stop";
bool IsStop(const Status& s) { return s.code() == Status::Code::kAborted && s.message() == kStop; }
}  // namespace

// The date range that the WHERE conjuncts on r.date allow (see
// Clause::date_bounds); false when the index cannot be used for this row
// (no complete index, a bound that is not a date).
Result<bool> MatchOp::IndexRange(Row& row, DateRange* range) {
  if (c_.date_bounds.empty() || !ctx_.graph->HasRelDateIndex()) return false;
  for (const auto& [op, e] : c_.date_bounds) {
    KG_ASSIGN_OR_RETURN(Value v, Eval(*e, row, ctx_));
    if (v.is_null()) {  // the comparison is null for every relationship
      range->from_day = 1;
      range->to_day = 0;
      return true;
    }
    if (v.type() != Value::Type::kDate) return false;
    const int64_t d = v.as_temporal().days;
    switch (op) {
      case ExprKind::kGt:
        range->from_day = std::max(range->from_day, d + 1);
        break;
      case ExprKind::kGe:
        range->from_day = std::max(range->from_day, d);
        break;
      case ExprKind::kLt:
        range->to_day = std::min(range->to_day, d - 1);
        break;
      case ExprKind::kLe:
        range->to_day = std::min(range->to_day, d);
        break;
      default:
        range->from_day = std::max(range->from_day, d);
        range->to_day = std::min(range->to_day, d);
        break;
    }
  }
  return true;
}

Status MatchOp::Push(Row& row) {
  uint64_t count = 0;
  DateRange range;
  KG_ASSIGN_OR_RETURN(bool by_date, IndexRange(row, &range));
  Status s = MatchPattern(
      c_.pattern, row, ctx_,
      [&](Row& m) -> Status {
        if (c_.where) {
          KG_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*c_.where, m, ctx_));
          if (!ok) return Status::OK();
        }
        ++count;
        Row out = m;
        KG_RETURN_IF_ERROR(next->Push(out));
        if (next->Done()) return Status::Aborted(kStop);
        return Status::OK();
      },
      by_date ? &range : nullptr);
  if (IsStop(s)) return Status::OK();
  KG_RETURN_IF_ERROR(s);
  if (c_.optional && count == 0) {
    Row out = row;
    for (const auto& part : c_.pattern.parts) {
      if (part.path_slot >= 0) out[part.path_slot] = Value();
      for (const auto& n : part.nodes)
        if (!n.bound) out[n.slot] = Value();
      for (const auto& r : part.rels)
        if (!r.bound) out[r.slot] = Value();
    }
    return next->Push(out);
  }
  return Status::OK();
}

Status UnwindOp::Push(Row& row) {
  KG_ASSIGN_OR_RETURN(Value v, Eval(*c_.expr, row, ctx_));
  if (row.size() <= static_cast<size_t>(c_.alias_slot)) row.resize(c_.alias_slot + 1);
  if (v.is_null()) return Status::OK();
  if (!v.is_list()) {
    row[c_.alias_slot] = v;
    return next->Push(row);
  }
  for (const auto& x : v.as_list()) {
    KG_RETURN_IF_ERROR(ctx_.Tick());
    Row out = row;
    out[c_.alias_slot] = x;
    KG_RETURN_IF_ERROR(next->Push(out));
    if (next->Done()) break;
  }
  return Status::OK();
}

Status ProjectOp::CheckPercentile(const Expr& call, const Value& p) const {
  if (p.is_null()) return Status::OK();
  if (!p.is_number() || p.as_number() < 0 || p.as_number() > 1)
    return ctx_.Error(call.line, call.col, call.name + "() percentile must be a number in [0, 1] (NumberOutOfRange)");
  return Status::OK();
}

Status ProjectOp::Bounds() {
  if (bounds_done_) return Status::OK();
  bounds_done_ = true;
  auto eval = [&](const Expr* e, int64_t* out, const char* what) -> Status {
    if (!e) return Status::OK();
    Row empty;
    KG_ASSIGN_OR_RETURN(Value v, Eval(*e, empty, ctx_));
    if (!v.is_int())
      return ctx_.Error(e->line, e->col, std::string(what) + " expects an integer (InvalidArgumentType)");
    if (v.as_int() < 0)
      return ctx_.Error(e->line, e->col, std::string(what) + " must not be negative (NegativeIntegerArgument)");
    *out = v.as_int();
    return Status::OK();
  };
  KG_RETURN_IF_ERROR(eval(c_.skip.get(), &skip_, "SKIP"));
  KG_RETURN_IF_ERROR(eval(c_.limit.get(), &limit_, "LIMIT"));
  if (limit_ >= 0 && !c_.order.empty() && !c_.distinct && !c_.where) {
    top_k_ = true;
    keep_ = static_cast<std::size_t>(skip_ + limit_);
  }
  return Status::OK();
}

bool ProjectOp::Before(const Sorted& a, const Sorted& b) const {
  for (size_t i = 0; i < c_.order.size(); ++i) {
    int cmp = OrderCompare(a.keys[i], b.keys[i]);
    if (cmp) return c_.order[i].descending ? cmp > 0 : cmp < 0;
  }
  return a.seq < b.seq;
}

bool ProjectOp::Done() const {
  if (limit_ >= 0 && emitted_ >= limit_ && bounds_done_) return true;
  return next->Done();
}

Result<Row> ProjectOp::Items(Row& in) {
  Row out;
  out.reserve(c_.items.size());
  for (const auto& it : c_.items) {
    KG_ASSIGN_OR_RETURN(Value v, Eval(*it.expr, in, ctx_));
    out.push_back(std::move(v));
  }
  return out;
}

Row ProjectOp::Extend(Row out, const Row& in) const {
  size_t k = out.size();
  out.resize(k + c_.input_width);
  for (size_t i = 0; i < in.size() && i < static_cast<size_t>(c_.input_width); ++i) out[k + i] = in[i];
  return out;
}

Status ProjectOp::Emit(Row& ext) {
  const size_t k = c_.items.size();
  if (c_.distinct) {
    std::string key;
    for (size_t i = 0; i < k; ++i) key += GroupKey(ext[i]) + "|";
    if (!seen_.insert(key).second) return Status::OK();
  }
  if (skipped_ < skip_) {
    ++skipped_;
    return Status::OK();
  }
  if (limit_ >= 0 && emitted_ >= limit_) return Status::OK();
  ++emitted_;
  if (c_.where) {
    KG_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*c_.where, ext, ctx_));
    if (!ok) return Status::OK();
  }
  ext.resize(k);
  return next->Push(ext);
}

Status ProjectOp::Buffer(Row ext) {
  Sorted s;
  for (const auto& o : c_.order) {
    KG_ASSIGN_OR_RETURN(Value k, Eval(*o.expr, ext, ctx_));
    s.keys.push_back(std::move(k));
  }
  s.row = std::move(ext);
  s.seq = seq_++;
  if (!top_k_) {
    buffer_.push_back(std::move(s));
    return Status::OK();
  }
  auto before = [&](const Sorted& a, const Sorted& b) { return Before(a, b); };
  if (buffer_.size() == keep_) {
    if (keep_ == 0 || !Before(s, buffer_.front())) return Status::OK();  // not among the best
    std::pop_heap(buffer_.begin(), buffer_.end(), before);
    buffer_.back() = std::move(s);
  } else {
    buffer_.push_back(std::move(s));
  }
  std::push_heap(buffer_.begin(), buffer_.end(), before);
  return Status::OK();
}

Status ProjectOp::Push(Row& row) {
  KG_RETURN_IF_ERROR(ctx_.Tick());
  KG_RETURN_IF_ERROR(Bounds());
  if (c_.has_agg) {
    std::string key;
    Row keys;
    for (size_t i = 0; i < c_.items.size(); ++i) {
      if (c_.item_has_agg[i]) {
        // n{.name, degree: count(*)} groups by n.
        const Expr& x = *c_.items[i].expr;
        if (x.kind == ExprKind::kMapProjection && x.kids[0]->kind == ExprKind::kVar) {
          KG_ASSIGN_OR_RETURN(Value v, Eval(*x.kids[0], row, ctx_));
          key += GroupKey(v) + "|";
        }
        continue;
      }
      KG_ASSIGN_OR_RETURN(Value v, Eval(*c_.items[i].expr, row, ctx_));
      key += GroupKey(v) + "|";
      keys.push_back(std::move(v));
    }
    auto it = group_index_.find(key);
    Group* g;
    if (it == group_index_.end()) {
      group_index_[key] = groups_.size();
      groups_.push_back(Group{});
      g = &groups_.back();
      g->rep = row;
      g->rep.resize(c_.input_width);
      for (const Expr* a : c_.aggs) {
        Value param;
        if (a->kids.size() > 1) {
          KG_ASSIGN_OR_RETURN(param, Eval(*a->kids[1], row, ctx_));
          KG_RETURN_IF_ERROR(CheckPercentile(*a, param));
        }
        g->aggs.push_back(NewAggregator(*a, param));
      }
    } else {
      g = &groups_[it->second];
    }
    for (size_t i = 0; i < c_.aggs.size(); ++i) {
      const Expr* a = c_.aggs[i];
      if (a->kind == ExprKind::kCountStar) {
        KG_RETURN_IF_ERROR(g->aggs[i]->Add(Value::Bool(true)));
        continue;
      }
      if (a->kids.empty()) return ctx_.Error(a->line, a->col, a->name + "() needs an argument");
      KG_ASSIGN_OR_RETURN(Value v, Eval(*a->kids[0], row, ctx_));
      Status s = g->aggs[i]->Add(v);
      if (!s.ok()) return ctx_.Error(a->line, a->col, s.message());
    }
    return Status::OK();
  }
  KG_ASSIGN_OR_RETURN(Row out, Items(row));
  Row ext = Extend(std::move(out), row);
  if (!c_.order.empty()) return Buffer(std::move(ext));
  return Emit(ext);
}

// A stable merge sort in runs, with the time and memory guards between runs
// and merges: sorting a million rows never runs unchecked.
Status ProjectOp::SortBuffer() {
  auto less = [&](const Sorted& a, const Sorted& b) { return Before(a, b); };
  constexpr size_t kRun = 4096;
  const size_t n = buffer_.size();
  for (size_t b = 0; b < n; b += kRun) {
    const size_t e = std::min(n, b + kRun);
    std::stable_sort(buffer_.begin() + b, buffer_.begin() + e, less);
    KG_RETURN_IF_ERROR(ctx_.TickN((e - b) * 12));
  }
  for (size_t width = kRun; width < n; width *= 2) {
    for (size_t b = 0; b + width < n; b += 2 * width) {
      const size_t m = b + width, e = std::min(n, b + 2 * width);
      std::inplace_merge(buffer_.begin() + b, buffer_.begin() + m, buffer_.begin() + e, less);
      KG_RETURN_IF_ERROR(ctx_.TickN(e - b));
    }
  }
  return Status::OK();
}

Status ProjectOp::Finish() {
  KG_RETURN_IF_ERROR(Bounds());
  if (c_.has_agg) {
    bool has_keys = std::find(c_.item_has_agg.begin(), c_.item_has_agg.end(), false) != c_.item_has_agg.end();
    if (groups_.empty() && !has_keys) {
      groups_.push_back(Group{});
      groups_.back().rep.resize(c_.input_width);
      for (const Expr* a : c_.aggs) {
        Value param;
        if (a->kids.size() > 1) {
          KG_ASSIGN_OR_RETURN(param, Eval(*a->kids[1], groups_.back().rep, ctx_));
          KG_RETURN_IF_ERROR(CheckPercentile(*a, param));
        }
        groups_.back().aggs.push_back(NewAggregator(*a, param));
      }
    }
    for (auto& g : groups_) {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      std::vector<Value> results;
      for (const auto& a : g.aggs) results.push_back(a->Result());
      ctx_.agg_values = &results;
      Result<Row> out = Items(g.rep);
      Status s = out.ok() ? Status::OK() : out.status();
      if (s.ok()) {
        Row ext = Extend(std::move(out).value(), g.rep);
        s = !c_.order.empty() ? Buffer(std::move(ext)) : Emit(ext);
      }
      ctx_.agg_values = nullptr;
      KG_RETURN_IF_ERROR(s);
      if (Done()) break;
    }
    groups_.clear();
  }
  if (!c_.order.empty()) {
    KG_RETURN_IF_ERROR(SortBuffer());
    for (auto& s : buffer_) {
      KG_RETURN_IF_ERROR(ctx_.Tick());
      KG_RETURN_IF_ERROR(Emit(s.row));
      if (Done()) break;
    }
    buffer_.clear();
  }
  return next->Finish();
}

}  // namespace kg::cypher
