// libFuzzer target for the article readers (ingest/reader.h): the first
// byte picks how the input arrives (a .txt file, a .jsonl file, stdin "-",
// an unknown extension), the rest is the file content. ParseArticles must
// report bad input through its callbacks or a Status, never crash, and every
// article it delivers must carry valid UTF-8 and a non-blank text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/utf8.h"
#include "ingest/reader.h"

namespace {
bool ValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = kg::Utf8SeqLen(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kPaths[] = {"in.txt", "in.jsonl", "-", "in.dat"};
  const std::string path = kPaths[data[0] % 4];
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t articles = 0;
  kg::Status s = kg::ParseArticles(
      path, content,
      [&](kg::ArticleMeta&& a) {
        ++articles;
        if (!ValidUtf8(a.text) || !ValidUtf8(a.title) || a.id.empty()) std::abort();
        if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) std::abort();
        (void)kg::ContentHash(a);
      },
      [&](const kg::InputProblem& p) { (void)p.ToString(); });
  (void)s;
  std::string copy(content);
  kg::RepairUtf8(&copy);
  if (!ValidUtf8(copy)) std::abort();
  (void)kg::Printable(content);
  return 0;
}
