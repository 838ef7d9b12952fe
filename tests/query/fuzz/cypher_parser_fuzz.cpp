// libFuzzer target for the Cypher front end: lexer, parser and planner
// (semantic checks) must reject any input with a Status, never crash, hang
// or read out of bounds; so must the parsers of temporal text (date('...'),
// duration('...'), which run on query strings at run time), and a value they
// accept must print and parse back to itself. Build: scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>

#include "query/cypher/exec.h"
#include "query/cypher/parser.h"
#include "query/cypher/temporal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto q = kg::cypher::Parse(text);
  if (q.ok()) {
    auto plan = kg::cypher::PlanQuery(q->get(), text);
    (void)plan;
  }
  auto e = kg::cypher::ParseExpression(text);
  (void)e;
  using kg::cypher::TemporalKind;
  for (TemporalKind k : {TemporalKind::kDate, TemporalKind::kLocalTime, TemporalKind::kTime,
                         TemporalKind::kLocalDateTime, TemporalKind::kDateTime}) {
    kg::cypher::TemporalVal t, back;
    if (!kg::cypher::ParseTemporal(k, text, &t).ok()) continue;
    const std::string s = kg::cypher::FormatTemporal(t);
    if (!kg::cypher::ParseTemporal(k, s, &back).ok() || kg::cypher::FormatTemporal(back) != s) __builtin_trap();
  }
  kg::cypher::DurationVal d, back;
  if (kg::cypher::ParseDuration(text, &d).ok()) {
    const std::string s = kg::cypher::FormatDuration(d);
    if (!kg::cypher::ParseDuration(s, &back).ok() || !kg::cypher::DurationEquals(d, back)) __builtin_trap();
  }
  return 0;
}
