// libFuzzer target for `kg load` input (graph/fact_lines.h): the input is a
// whole file of lines, read the way kg load reads a file. Bad lines must be
// rejected with a Status, never crash or throw; every accepted article must
// pass the checks the store relies on (known entity types, real dates,
// counts in range).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "graph/fact_lines.h"
#include "graph/graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FILE* in = fmemopen(const_cast<uint8_t*>(data), size, "rb");
  if (!in) return 0;
  kg::FactLineReader reader("fuzz.jsonl");
  long bad = 0;
  kg::Status s = reader.AddStream(in, [&](long, const kg::Status& why) {
    ++bad;
    if (why.ok()) std::abort();
  });
  std::fclose(in);
  if (!s.ok()) return 0;
  for (const auto& a : reader.articles()) {
    if (a.article.id.empty()) std::abort();
    if (!a.article.date.empty() && !kg::IsValidDate(a.article.date)) std::abort();
    for (const auto& e : a.entities)
      if (!e.type.empty() && !kg::IsKnownEntityType(e.type)) std::abort();
    for (const auto& r : a.relations)
      if ((!r.date.empty() && !kg::IsValidDate(r.date)) || !(r.confidence >= 0 && r.confidence <= 1))
        std::abort();
    for (const auto& c : a.co_mentions)
      if (c.count < 0) std::abort();
  }
  // Whatever was accepted must also go into a graph (memory store) cleanly.
  auto graph = kg::Graph::Open(kg::NewMemStore());
  if (!graph.ok()) std::abort();
  for (const auto& a : reader.articles()) {
    auto o = (*graph)->ApplyArticle(a);
    if (!o.ok() && o.status().code() == kg::Status::Code::kIOError) std::abort();
  }
  return 0;
}
