// ExtractPipeline (tools/parallel_extract.h): input order, lazy workers,
// errors. The pipeline lives in the kg executable's sources, so this test
// compiles them in (tools/ is not a library).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tools/common.cpp"            // NOLINT: KeepUntilExit and friends
#include "tools/parallel_extract.cpp"  // NOLINT: the unit under test

namespace kg::cli {
namespace {

ArticleMeta Article(int i) {
  static const char* kTexts[] = {
      "Olaf Scholz traf Emmanuel Macron in Paris.",
      "Russland griff die Ukraine an.",
      "Joe Biden visited Berlin and met Olaf Scholz.",
      "Norwegen liefert Munition an die Ukraine.",
  };
  ArticleMeta a;
  a.id = "a" + std::to_string(i);
  a.text = kTexts[i % 4];
  return a;
}

// Feeds n articles, with an action after every third; returns the delivery log.
std::vector<std::string> Run(ExtractPipeline& p, int n, int* workers = nullptr) {
  std::vector<std::string> log;
  for (int i = 0; i < n; ++i) {
    REQUIRE(p.Add(Article(i), [&log](Extracted&& x) {
                REQUIRE(x.facts.ok());
                log.push_back(x.article.id + ":" + std::to_string(x.facts->entities.size()));
                return Status::OK();
              }).ok());
    if (i % 3 == 2)
      REQUIRE(p.Defer([&log, i] {
                 log.push_back("after " + std::to_string(i));
                 return Status::OK();
               }).ok());
  }
  REQUIRE(p.Flush().ok());
  REQUIRE(p.pending() == 0);
  if (workers) *workers = p.workers_started();
  return log;
}

TEST_CASE("ExtractPipeline: results arrive in input order, same as --jobs 1", "[tools]") {
  ExtractPipeline seq({}, {1});
  int seq_workers = -1;
  auto want = Run(seq, 60, &seq_workers);
  CHECK(seq_workers == 0);  // the sequential path starts no thread
  REQUIRE(want.size() == 80);
  CHECK(want[0] == "a0:" + want[0].substr(3));
  CHECK(want[3] == "after 2");

  ExtractPipeline par({}, {3});
  int workers = 0;
  CHECK(Run(par, 60, &workers) == want);
  CHECK(workers >= 1);
  CHECK(workers <= 3);
}

TEST_CASE("ExtractPipeline: a handful of articles uses one worker", "[tools]") {
  ExtractPipeline p({}, {4});
  int workers = 0;
  auto log = Run(p, 3, &workers);
  CHECK(log.size() == 4);
  CHECK(workers == 1);
}

TEST_CASE("ExtractPipeline: nothing fed starts no worker", "[tools]") {
  ExtractPipeline p({}, {4});
  REQUIRE(p.Defer([] { return Status::OK(); }).ok());
  REQUIRE(p.Flush().ok());
  CHECK(p.workers_started() == 0);
}

TEST_CASE("ExtractPipeline: a callback's error stops delivery", "[tools]") {
  for (int jobs : {1, 3}) {
    ExtractPipeline p({}, {jobs});
    std::vector<std::string> seen;
    Status first;
    for (int i = 0; i < 20 && first.ok(); ++i)
      first = p.Add(Article(i), [&seen](Extracted&& x) {
        seen.push_back(x.article.id);
        return x.article.id == "a4" ? Status::IOError("disk full") : Status::OK();
      });
    Status last = p.Flush();
    CHECK(last.code() == Status::Code::kIOError);
    CHECK(seen == std::vector<std::string>{"a0", "a1", "a2", "a3", "a4"});
    CHECK(p.Defer([] { return Status::OK(); }).code() == Status::Code::kIOError);
  }
}

TEST_CASE("ExtractPipeline: a failed extractor load reaches the article's callback", "[tools]") {
  ExtractorOptions bad;
  bad.lexicon_dirs = {"/nonexistent/kg-lexicon-dir"};
  for (int jobs : {1, 3}) {
    ExtractPipeline p(bad, {jobs});
    int setup_failures = 0;
    Status s;
    for (int i = 0; i < 12 && s.ok(); ++i)
      s = p.Add(Article(i), [&setup_failures](Extracted&& x) {
        if (x.setup_failed) ++setup_failures;
        CHECK(!x.facts.ok());
        return Status::OK();
      });
    REQUIRE(s.ok());
    REQUIRE(p.Flush().ok());
    CHECK(setup_failures == 12);
  }
}

TEST_CASE("ExtractPipeline: eager mode reports a failed load before anything else", "[tools]") {
  ExtractorOptions bad;
  bad.lexicon_dirs = {"/nonexistent/kg-lexicon-dir"};
  {
    ExtractPipeline p(bad, {1, 0, 8, true});
    CHECK(p.Start().code() == Status::Code::kIOError);
  }
  ExtractPipeline p(bad, {3, 0, 8, true});
  REQUIRE(p.Start().ok());  // loading in a worker
  bool ran = false;
  Status s = p.Defer([&ran] {
    ran = true;
    return Status::OK();
  });
  if (s.ok()) s = p.Flush();
  CHECK(s.code() == Status::Code::kIOError);
  CHECK_FALSE(ran);
}

}  // namespace
}  // namespace kg::cli
