// One Extractor used from several threads at once gives exactly the facts of
// sequential calls (workspaces are per call, verdicts shared).
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "graph/model_json.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"

using namespace kg;

namespace {

std::vector<ArticleMeta> SampleArticles() {
  std::vector<ArticleMeta> out;
  std::vector<std::filesystem::path> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(KG_SOURCE_DIR) + "/samples")) {
    const std::string ext = e.path().extension().string();
    if (ext == ".txt" || ext == ".jsonl") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string content = ss.str();
    Status st = ParseArticles(
        f.string(), content, [&](ArticleMeta&& a) { out.push_back(std::move(a)); },
        [](const InputProblem&) {});
    REQUIRE(st.ok());
  }
  return out;
}

std::string Facts(const Extractor& ex, const ArticleMeta& a) {
  auto r = ex.Extract(a);
  REQUIRE(r.ok());
  return ArticleFactsToJson(*r).dump();
}

}  // namespace

TEST_CASE("Extractor: concurrent Extract calls equal sequential ones", "[extractor][threads]") {
  ExtractorOptions o;
  o.data_dir = std::string(KG_SOURCE_DIR) + "/ingest/data";
  auto made = Extractor::Create(o);
  REQUIRE(made.ok());
  const Extractor& ex = **made;
  const std::vector<ArticleMeta> articles = SampleArticles();
  REQUIRE(articles.size() >= 10);

  // Reference: a separate extractor, one call at a time, so the verdict cache
  // of the extractor under test starts cold when the threads begin.
  auto ref_made = Extractor::Create(o);
  REQUIRE(ref_made.ok());
  std::vector<std::string> want;
  for (const auto& a : articles) want.push_back(Facts(**ref_made, a));

  constexpr int kThreads = 4;
  constexpr int kRounds = 3;  // every thread extracts every article several times
  std::vector<std::vector<std::string>> got(kThreads, std::vector<std::string>(articles.size()));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        for (size_t k = 0; k < articles.size(); ++k) {
          // Each thread walks the articles from a different starting point.
          const size_t i = (k + static_cast<size_t>(t) * 5) % articles.size();
          auto r = ex.Extract(articles[i]);
          std::string s = r.ok() ? ArticleFactsToJson(*r).dump() : "error: " + r.status().message();
          if (s != want[i]) ++mismatches;
          got[t][i] = std::move(s);
        }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches.load() == 0);
  for (int t = 0; t < kThreads; ++t)
    for (size_t i = 0; i < articles.size(); ++i) CHECK(got[t][i] == want[i]);
}
