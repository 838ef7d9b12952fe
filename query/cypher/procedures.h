// Procedures for CALL: a name, typed inputs and outputs, and a body that
// streams result rows. kg's own procedures (procedures_builtin.cpp) are always
// available; callers may register more (the openCypher TCK runner registers
// the table-backed test procedures of its scenarios) through
// QueryOptions::procedures.
//
//   CALL db.labels()                                   standalone: rows = outputs
//   MATCH ()-[r:MEETS]->() CALL kg.evidence(r) YIELD sentence RETURN sentence
//
// Thread safety: a registry is read-only once built; Call() may run from
// several query threads at once (implementations must not keep call state).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/status.h"
#include "query/cypher/value.h"

namespace kg::cypher {

// One parameter or output column: a name and a type as Neo4j writes
// signatures ("STRING?", "INTEGER?", "FLOAT?", "NUMBER?", "BOOLEAN?",
// "NODE?", "RELATIONSHIP?", "DATE?", "LIST? OF STRING?", "MAP?", "ANY?").
// A trailing '?' means the value may be null.
struct ProcField {
  std::string name;
  std::string type;
};

struct ProcSignature {
  std::string name;  // "db.labels"
  std::vector<ProcField> inputs;
  std::vector<ProcField> outputs;  // empty: a void procedure (rows pass through)
  std::string description;
};

// Whether `v` may be passed for a parameter of `type` (INTEGER is also a
// FLOAT and a NUMBER; null only for '?' types).
bool ProcTypeAccepts(const std::string& type, const Value& v);
// "name(in :: INTEGER?) :: (out :: STRING?)"
std::string FormatSignature(const ProcSignature& s);

class Procedure {
 public:
  virtual ~Procedure() = default;
  virtual const ProcSignature& Signature() const = 0;
  // Streams the result rows, one value per output in signature order.
  // REQUIRES: args match the inputs (count and types; the engine checks).
  // `emit` returning a non-OK status stops the call with that status.
  virtual Status Call(Graph* graph, const std::vector<Value>& args,
                      const std::function<Status(std::vector<Value>)>& emit) const = 0;
};

class ProcedureRegistry {
 public:
  // Replaces a procedure of the same name.
  void Add(std::unique_ptr<Procedure> p);
  // nullptr when unknown. Names are case-sensitive, as in Neo4j.
  const Procedure* Find(const std::string& name) const;
  std::vector<const Procedure*> All() const;  // sorted by name

 private:
  std::vector<std::unique_ptr<Procedure>> procs_;
};

// kg's procedures: db.labels(), db.relationshipTypes(), db.propertyKeys(),
// dbms.procedures(), kg.articles(), kg.evidence(r). Built once, never freed.
const ProcedureRegistry& BuiltinProcedures();

// A procedure whose result is a fixed table (the TCK's "there exists a
// procedure" steps): it yields the output columns of every row whose input
// columns equal the arguments (null equals null).
std::unique_ptr<Procedure> NewTableProcedure(ProcSignature sig,
                                             std::vector<std::vector<Value>> rows);

}  // namespace kg::cypher
