// CALL operator (see ops.h) and the argument checks at run time.
#include "query/cypher/ops.h"
#include "query/cypher/procedures.h"

namespace kg::cypher {

namespace {
const char kStop[] = "\x01stop-call";
}  // namespace

Status CallOp::Push(Row& row) {
  const ProcSignature& sig = c_.procedure->Signature();
  std::vector<Value> args;
  if (c_.proc_parens) {
    for (const auto& a : c_.exprs) {
      KG_ASSIGN_OR_RETURN(Value v, Eval(*a, row, ctx_));
      args.push_back(std::move(v));
    }
  } else {
    // Implicit arguments: the query parameters of the same names.
    for (const auto& in : sig.inputs) {
      auto it = ctx_.params->find(in.name);
      if (it == ctx_.params->end())
        return ctx_.Error(c_.line, c_.col,
                          "CALL " + c_.proc + " without arguments takes them from parameters; $" +
                              in.name + " was not given (MissingParameter)");
      args.push_back(it->second);
    }
  }
  for (size_t i = 0; i < args.size(); ++i)
    if (!ProcTypeAccepts(sig.inputs[i].type, args[i]))
      return ctx_.Error(c_.line, c_.col,
                        "argument '" + sig.inputs[i].name + "' of " + c_.proc + " must be " +
                            sig.inputs[i].type + ", got " + TypeName(args[i].type()) +
                            " (InvalidArgumentType)");
  if (sig.outputs.empty()) {
    KG_RETURN_IF_ERROR(
        c_.procedure->Call(ctx_.graph, args, [](std::vector<Value>) { return Status::OK(); }));
    return c_.standalone ? Status::OK() : next->Push(row);
  }
  Status s = c_.procedure->Call(ctx_.graph, args, [&](std::vector<Value> out) -> Status {
    KG_RETURN_IF_ERROR(ctx_.Tick());
    Row r = c_.standalone ? Row() : row;
    for (const auto& y : c_.yields) {
      if (r.size() <= static_cast<size_t>(y.slot)) r.resize(y.slot + 1);
      r[y.slot] = out.at(static_cast<size_t>(y.field_index));
    }
    if (c_.where) {
      KG_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*c_.where, r, ctx_));
      if (!ok) return Status::OK();
    }
    if (c_.standalone) {  // the result columns are the yields, in order
      Row cols;
      for (const auto& y : c_.yields) cols.push_back(r[y.slot]);
      r = std::move(cols);
    }
    KG_RETURN_IF_ERROR(next->Push(r));
    if (next->Done()) return Status::Aborted(kStop);
    return Status::OK();
  });
  if (s.code() == Status::Code::kAborted && s.message() == kStop) return Status::OK();
  return s;
}

}  // namespace kg::cypher
