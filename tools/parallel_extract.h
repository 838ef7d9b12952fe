// ExtractPipeline: runs the Extractor on up to N threads for `kg ingest` and
// `kg extract` (--jobs N) and hands the results back IN INPUT ORDER.
//
// The owner (the one thread that constructs the pipeline and calls all its
// methods) feeds an ordered stream of items:
//   * Add(article, on_done): the article is extracted (on some worker) and
//     on_done(result) runs later on the owner thread;
//   * Defer(action): action() runs on the owner thread;
// and every item is delivered (its callback run) strictly in the order it was
// fed, whatever order the workers finish in. So a caller that prints and
// writes only from callbacks produces exactly what a sequential loop would.
// Delivery happens inside Add/Defer/Flush/DeliverUntil, never on a worker.
//
// jobs == 1 is the sequential path: no threads; Add extracts on the owner
// thread with one lazily created Extractor and delivers at once.
// jobs > 1: ONE Extractor, created by the first worker (Extractor::Create runs
// off the owner thread), is shared by all workers (Extract() is thread-safe;
// each concurrent call borrows its own workspace). Workers start lazily: the
// first with the first article, the others only while more than
// `spawn_backlog` articles wait for a free worker (those started during the
// load wait for it), so a run with a handful of articles uses one thread.
// Memory is bounded: at most `window` articles are in flight (fed and not yet
// delivered); Add delivers (blocking) before it goes beyond that. Deferred
// actions are bounded too (8 * window items in all).
//
// Errors: a callback returning a non-OK Status stops the pipeline: nothing is
// delivered after it, and that Status is returned by this call and every later
// one (callers stop feeding). A failed Extractor::Create is passed to the
// article's callback (Extracted::setup_failed), or, with Options::eager,
// returned as the pipeline's Status.
// An exception thrown by Extract() on a worker is rethrown on the owner
// thread when that article is delivered (same as the sequential path).
//
// Lifetime: callbacks may reference the caller's locals; destroy the pipeline
// before them (declare it after them). The destructor stops the workers
// (undelivered results are dropped) and keeps the Extractor alive until
// process exit (KeepUntilExit: freeing it costs time and gains nothing).
// Thread safety: all public methods from the owner thread only.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>

#include "graph/model.h"
#include "graph/status.h"
#include "ingest/extractor.h"

namespace kg::cli {

// Default for --jobs: online CPUs (std::thread::hardware_concurrency), or the
// CPUs this process may run on (sched_getaffinity: taskset) when fewer; 1..8.
int DefaultJobs();

// ex.Extract(article) with every mention and evidence offset moved by
// article.text_offset, so offsets point into the input file as given.
Result<ArticleFacts> ExtractAt(const Extractor& ex, const ArticleMeta& article);

// One article's outcome, handed to its callback.
struct Extracted {
  ArticleMeta article;
  Result<ArticleFacts> facts = Status::Aborted("not extracted");
  // True when `facts` holds the failure of Extractor::Create (fatal for the
  // run), false when it is Extract()'s own result for this article.
  bool setup_failed = false;
};

class ExtractPipeline {
 public:
  using OnExtracted = std::function<Status(Extracted&&)>;
  using Action = std::function<Status()>;

  struct Options {
    int jobs = 1;               // >= 1
    std::size_t window = 0;     // articles in flight; 0 = max(4 * jobs, 2 * spawn_backlog)
    std::size_t spawn_backlog = 8;
    // Start creating the Extractor now (kg extract: a bad --lexicon is
    // reported before anything else). Nothing is delivered before it exists;
    // its failure is returned by the next call (and by Start() with jobs == 1).
    bool eager = false;
  };

  ExtractPipeline(ExtractorOptions extractor_options, Options options);
  ~ExtractPipeline();
  ExtractPipeline(const ExtractPipeline&) = delete;
  ExtractPipeline& operator=(const ExtractPipeline&) = delete;

  // With Options::eager: starts loading the Extractor (jobs == 1: loads
  // it now and returns its failure). Otherwise a no-op.
  Status Start();

  // Feeds an article; may first deliver earlier items (and block for them when
  // the window is full).
  Status Add(ArticleMeta&& article, OnExtracted on_done);
  // Feeds an action: runs now when nothing is pending, else after the items
  // fed before it.
  Status Defer(Action action);
  // Delivers every pending item.
  Status Flush();
  // Delivers items in order until done() is true or nothing is pending.
  Status DeliverUntil(const std::function<bool()>& done);

  // Items fed and not yet delivered.
  std::size_t pending() const;
  // Worker threads started so far (0 with jobs == 1).
  int workers_started() const;

 private:
  struct Task;
  struct Shared;
  struct Item;
  enum class Gate { kPending, kOpen, kFailed };
  Gate GateState(bool wait);
  Status Stop(Status s);
  Status DeliverHead(bool wait, bool* delivered);
  Status DeliverReady();
  void SpawnLocked();

  ExtractorOptions xo_;
  Options o_;
  std::unique_ptr<Shared> sh_;
  std::unique_ptr<std::deque<Item>> items_;
  std::size_t articles_in_flight_ = 0;
  Status stopped_;
  std::unique_ptr<Extractor> inline_;  // jobs == 1
};

}  // namespace kg::cli
