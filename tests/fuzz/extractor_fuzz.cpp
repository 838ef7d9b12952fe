// libFuzzer target for the extractor, through its public API only
// (ingest/extractor.h): any text (made valid UTF-8 the way the readers do),
// with the language picked by the first byte, must give facts or a Status,
// never a crash; every offset it reports must lie inside the text.
// The shipped data and the build's word index are found as kg finds them
// (the target is built beside kg; $KG_DATA overrides the data directory).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "ingest/extractor.h"
#include "ingest/reader.h"

namespace {
// Loading the lexicons, KB and gazetteers takes seconds (more under ASan on a
// busy machine): done once, before the first input, so that libFuzzer's
// -timeout measures extraction only.
kg::Extractor* TheExtractor() {
  static kg::Extractor* ex = [] {
    auto e = kg::Extractor::Create(kg::ExtractorOptions{});
    if (!e.ok()) {
      std::fprintf(stderr, "extractor_fuzz: %s\n", e.status().message().c_str());
      std::abort();
    }
    return std::move(e).value().release();  // lives for the whole run
  }();
  return ex;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheExtractor();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kg::Extractor* ex = TheExtractor();
  if (size == 0) return 0;
  static const char* kLang[] = {"", "de", "en", "fr"};
  kg::ArticleMeta a;
  a.id = "fuzz";
  a.lang = kLang[data[0] % 4];
  a.date = data[0] & 4 ? "2024-06-19" : "";
  a.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  kg::RepairUtf8(&a.text);
  auto facts = ex->Extract(a);
  if (!facts.ok()) return 0;
  for (const auto& e : facts->entities)
    for (const auto& m : e.mentions)
      if (m.start > m.end || m.end > a.text.size()) std::abort();
  for (const auto& r : facts->relations)
    if (r.evidence.start > r.evidence.end || r.evidence.end > a.text.size()) std::abort();
  return 0;
}
