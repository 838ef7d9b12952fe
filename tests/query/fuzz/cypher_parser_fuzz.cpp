// libFuzzer target for the Cypher front end: lexer, parser and planner
// (semantic checks) must reject any input with a Status, never crash, hang
// or read out of bounds. Build: see query/cypher/README.md ("Fuzzing").
#include <cstddef>
#include <cstdint>
#include <string>

#include "query/cypher/exec.h"
#include "query/cypher/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto q = kg::cypher::Parse(text);
  if (q.ok()) {
    auto plan = kg::cypher::PlanQuery(q->get(), text);
    (void)plan;
  }
  auto e = kg::cypher::ParseExpression(text);
  (void)e;
  return 0;
}
