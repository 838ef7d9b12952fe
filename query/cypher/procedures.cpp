// Procedure registry, signature types and table-backed procedures.
#include "query/cypher/procedures.h"

#include <algorithm>
#include <cctype>

namespace kg::cypher {

namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool Accepts(const std::string& base, const Value& v) {
  if (base == "ANY") return true;
  if (base == "STRING") return v.is_string();
  if (base == "INTEGER") return v.is_int();
  if (base == "FLOAT") return v.is_number();
  if (base == "NUMBER") return v.is_number();
  if (base == "BOOLEAN") return v.is_bool();
  if (base == "NODE") return v.is_node();
  if (base == "RELATIONSHIP") return v.is_rel();
  if (base == "PATH") return v.is_path();
  if (base == "MAP") return v.is_map() || v.is_node() || v.is_rel();
  if (base == "DATE") return v.type() == Value::Type::kDate;
  if (base == "DATETIME") return v.type() == Value::Type::kDateTime;
  if (base == "DURATION") return v.is_duration();
  if (base.rfind("LIST", 0) == 0) return v.is_list();
  return false;
}

class TableProcedure : public Procedure {
 public:
  TableProcedure(ProcSignature sig, std::vector<std::vector<Value>> rows)
      : sig_(std::move(sig)), rows_(std::move(rows)) {}
  const ProcSignature& Signature() const override { return sig_; }
  Status Call(Graph*, const std::vector<Value>& args,
              const std::function<Status(std::vector<Value>)>& emit) const override {
    const size_t n = sig_.inputs.size();
    for (const auto& row : rows_) {
      bool match = row.size() == n + sig_.outputs.size();
      for (size_t i = 0; match && i < n; ++i) {
        if (row[i].is_null() || args[i].is_null()) {
          match = row[i].is_null() && args[i].is_null();
          continue;
        }
        Value eq = Equals(row[i], args[i]);
        match = eq.is_bool() && eq.as_bool();
      }
      if (match) KG_RETURN_IF_ERROR(emit(std::vector<Value>(row.begin() + n, row.end())));
    }
    return Status::OK();
  }

 private:
  ProcSignature sig_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace

bool ProcTypeAccepts(const std::string& type, const Value& v) {
  std::string t = Upper(type);
  const bool nullable = !t.empty() && t.back() == '?';
  if (v.is_null()) return nullable || t == "ANY";
  const size_t q = t.find('?');
  return Accepts(q == std::string::npos ? t : t.substr(0, q), v);
}

std::string FormatSignature(const ProcSignature& s) {
  auto fields = [](const std::vector<ProcField>& fs) {
    std::string out;
    for (size_t i = 0; i < fs.size(); ++i)
      out += (i ? ", " : "") + fs[i].name + " :: " + fs[i].type;
    return out;
  };
  return s.name + "(" + fields(s.inputs) + ") :: (" + fields(s.outputs) + ")";
}

void ProcedureRegistry::Add(std::unique_ptr<Procedure> p) {
  for (auto& have : procs_)
    if (have->Signature().name == p->Signature().name) {
      have = std::move(p);
      return;
    }
  procs_.push_back(std::move(p));
}

const Procedure* ProcedureRegistry::Find(const std::string& name) const {
  for (const auto& p : procs_)
    if (p->Signature().name == name) return p.get();
  return nullptr;
}

std::vector<const Procedure*> ProcedureRegistry::All() const {
  std::vector<const Procedure*> out;
  for (const auto& p : procs_) out.push_back(p.get());
  std::sort(out.begin(), out.end(), [](const Procedure* a, const Procedure* b) {
    return a->Signature().name < b->Signature().name;
  });
  return out;
}

std::unique_ptr<Procedure> NewTableProcedure(ProcSignature sig,
                                             std::vector<std::vector<Value>> rows) {
  return std::make_unique<TableProcedure>(std::move(sig), std::move(rows));
}

}  // namespace kg::cypher
