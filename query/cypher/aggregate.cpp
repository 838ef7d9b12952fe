// Aggregate functions: count, sum, avg, min, max, collect, stDev(P),
// percentileDisc/Cont, each optionally DISTINCT. Nulls are skipped.
#include <algorithm>
#include <cmath>
#include <set>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

class Agg : public Aggregator {
 public:
  Agg(std::string f, bool distinct, Value extra) : f_(std::move(f)), distinct_(distinct), extra_(std::move(extra)) {}

  Status Add(const Value& v) override {
    if (v.is_null()) return Status::OK();
    if (distinct_ && !seen_.insert(GroupKey(v)).second) return Status::OK();
    ++count_;
    if (f_ == "count") return Status::OK();
    if (f_ == "collect") {
      items_.push_back(v);
      return Status::OK();
    }
    if (f_ == "min" || f_ == "max") {
      if (!has_best_ || (f_ == "min" ? OrderCompare(v, best_) < 0 : OrderCompare(v, best_) > 0)) {
        best_ = v;
        has_best_ = true;
      }
      return Status::OK();
    }
    if (!v.is_number())
      return Status::InvalidArgument(f_ + "() expects numbers, got " + TypeName(v.type()) + " (TypeError)");
    if (f_ == "sum" || f_ == "avg") {
      if (v.is_int() && all_int_) {
        if (__builtin_add_overflow(isum_, v.as_int(), &isum_)) all_int_ = false, fsum_ = static_cast<double>(isum_);
      } else {
        if (all_int_) fsum_ = static_cast<double>(isum_);
        all_int_ = false;
      }
      if (!all_int_) fsum_ += v.as_number();
      dsum_ += v.as_number();
      return Status::OK();
    }
    items_.push_back(v);
    return Status::OK();
  }

  Value Result() const override {
    if (f_ == "count") return Value::Int(count_);
    if (f_ == "collect") return Value::FromList(items_);
    if (f_ == "min" || f_ == "max") return has_best_ ? best_ : Value::Null();
    if (f_ == "sum") return all_int_ ? Value::Int(isum_) : Value::Float(fsum_);
    if (f_ == "avg") return count_ ? Value::Float(dsum_ / static_cast<double>(count_)) : Value::Null();
    if (f_ == "stdev" || f_ == "stdevp") {
      if (items_.empty()) return Value::Float(0);
      double m = 0;
      for (const auto& v : items_) m += v.as_number();
      m /= static_cast<double>(items_.size());
      double s = 0;
      for (const auto& v : items_) s += (v.as_number() - m) * (v.as_number() - m);
      size_t n = items_.size() - (f_ == "stdev" ? 1 : 0);
      return Value::Float(n ? std::sqrt(s / static_cast<double>(n)) : 0.0);
    }
    // percentiles
    if (items_.empty()) return Value::Null();
    std::vector<double> xs;
    for (const auto& v : items_) xs.push_back(v.as_number());
    std::sort(xs.begin(), xs.end());
    double p = extra_.is_number() ? extra_.as_number() : 0.5;
    if (f_ == "percentiledisc") {
      size_t idx = p <= 0 ? 0 : static_cast<size_t>(std::ceil(p * static_cast<double>(xs.size()))) - 1;
      idx = std::min(idx, xs.size() - 1);
      for (const auto& v : items_)
        if (v.as_number() == xs[idx]) return v;
      return Value::Float(xs[idx]);
    }
    double pos = p * static_cast<double>(xs.size() - 1);
    size_t lo = static_cast<size_t>(std::floor(pos));
    size_t hi = std::min(lo + 1, xs.size() - 1);
    return Value::Float(xs[lo] + (xs[hi] - xs[lo]) * (pos - static_cast<double>(lo)));
  }

 private:
  std::string f_;
  bool distinct_;
  Value extra_;
  std::set<std::string> seen_;
  int64_t count_ = 0;
  List items_;
  Value best_;
  bool has_best_ = false;
  bool all_int_ = true;
  int64_t isum_ = 0;
  double fsum_ = 0, dsum_ = 0;
};

}  // namespace

std::unique_ptr<Aggregator> NewAggregator(const Expr& call, const Value& param) {
  if (call.kind == ExprKind::kCountStar) return std::make_unique<Agg>("count", false, Value());
  std::string f = call.name;
  for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::make_unique<Agg>(f, call.distinct, param);
}

}  // namespace kg::cypher
