// EXISTS { ... }: runs the planned subquery on a copy of the current row
// and stops at its first result row.
#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

class FirstRowSink : public Op {
 public:
  Status Push(Row&) override {
    found = true;
    return Status::OK();
  }
  bool Done() const override { return found; }
  bool found = false;
};

}  // namespace

Result<Value> EvalExistsSubquery(const Expr& e, Row& row, ExecContext& ctx) {
  FirstRowSink sink;
  std::vector<std::unique_ptr<Op>> ops;
  KG_RETURN_IF_ERROR(BuildPipeline(e.subquery.get(), ctx, &sink, &ops));
  // The subquery may aggregate: keep the enclosing projection's aggregate values.
  const std::vector<Value>* outer_aggs = ctx.agg_values;
  ctx.agg_values = nullptr;
  Row r = row;
  Op* first = ops.empty() ? static_cast<Op*>(&sink) : ops.front().get();
  Status s = first->Push(r);
  if (s.ok() && !sink.found) s = first->Finish();
  ctx.agg_values = outer_aggs;
  KG_RETURN_IF_ERROR(s);
  return Value::Bool(sink.found);
}

}  // namespace kg::cypher
