#include "tools/parallel_extract.h"

#include <sched.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "tools/commands.h"

namespace kg::cli {

Result<ArticleFacts> ExtractAt(const Extractor& ex, const ArticleMeta& article) {
  auto facts = ex.Extract(article);
  if (!facts.ok() || article.text_offset == 0) return facts;
  const std::size_t d = article.text_offset;
  for (auto& e : facts->entities)
    for (auto& m : e.mentions) {
      m.start += d;
      m.end += d;
    }
  for (auto& r : facts->relations) {
    r.evidence.start += d;
    r.evidence.end += d;
  }
  return facts;
}


int DefaultJobs() {
  unsigned n = std::thread::hardware_concurrency();
  // CPUs this process may run on (taskset, cgroup cpusets), when fewer.
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int allowed = CPU_COUNT(&set);
    if (allowed > 0 && (n == 0 || static_cast<unsigned>(allowed) < n)) n = static_cast<unsigned>(allowed);
  }
  return static_cast<int>(std::clamp(n, 1u, 8u));
}

// One article handed to the workers. Fields after `article` are written by
// the worker under Shared::mu and read by the owner once `done`.
struct ExtractPipeline::Task {
  ArticleMeta article;
  std::optional<Result<ArticleFacts>> facts;
  std::exception_ptr error;  // Extract() threw
  bool setup_failed = false;
  bool done = false;
};

struct ExtractPipeline::Shared {
  std::mutex mu;
  std::condition_variable work_cv;  // workers: a task was queued, the Extractor loaded, or stop
  std::condition_variable done_cv;  // owner: a task is done, or the Extractor loaded / failed
  std::deque<std::shared_ptr<Task>> queue;  // waiting for a worker
  std::vector<std::thread> threads;         // owner thread only
  // The one Extractor all workers share (Extract() is thread-safe); created by
  // the first worker, set (and never changed again) once `loaded`.
  std::unique_ptr<Extractor> extractor;
  int started = 0;
  bool loaded = false;
  Status setup_error;  // Extractor::Create failed
  bool stop = false;

  // REQUIRES: mu held. True when the Extractor could not be created.
  bool LoadFailed() const { return !setup_error.ok(); }
  // REQUIRES: mu held, LoadFailed().
  void FailTask(Task* t) {
    t->facts = setup_error;
    t->setup_failed = true;
    t->done = true;
  }
};

struct ExtractPipeline::Item {
  std::shared_ptr<Task> task;  // null: an action
  OnExtracted on_done;
  Action action;
};

ExtractPipeline::ExtractPipeline(ExtractorOptions extractor_options, Options options)
    : xo_(std::move(extractor_options)),
      o_(options),
      sh_(std::make_unique<Shared>()),
      items_(std::make_unique<std::deque<Item>>()) {
  o_.jobs = std::max(1, o_.jobs);
  o_.spawn_backlog = std::max<std::size_t>(1, o_.spawn_backlog);
  if (o_.window == 0) o_.window = std::max<std::size_t>(4 * static_cast<std::size_t>(o_.jobs), 2 * o_.spawn_backlog);
}

ExtractPipeline::~ExtractPipeline() {
  {
    std::lock_guard<std::mutex> lk(sh_->mu);
    sh_->stop = true;
  }
  sh_->work_cv.notify_all();
  for (auto& t : sh_->threads) t.join();
  KeepUntilExit(std::move(sh_->extractor));
  KeepUntilExit(std::move(inline_));
}

void ExtractPipeline::SpawnLocked() {
  const bool loader = sh_->started++ == 0;
  Shared* sh = sh_.get();
  const ExtractorOptions* xo = &xo_;
  sh_->threads.emplace_back([sh, xo, loader] {
    if (loader) {  // creates the shared Extractor (outside the lock: it takes a while)
      Result<std::unique_ptr<Extractor>> made = Status::Aborted("extractor not created");
      try {
        made = Extractor::Create(*xo);
      } catch (const std::exception& e) {
        made = Status::Aborted(std::string("extractor setup: ") + e.what());
      }
      std::lock_guard<std::mutex> lk(sh->mu);
      if (made.ok()) {
        sh->extractor = std::move(made).value();
        sh->loaded = true;
      } else {
        sh->setup_error = made.status();
        for (auto& t : sh->queue) sh->FailTask(t.get());  // nobody will extract them
        sh->queue.clear();
      }
      sh->done_cv.notify_all();
      sh->work_cv.notify_all();  // workers spawned meanwhile wait for the load
    }
    std::unique_lock<std::mutex> lk(sh->mu);
    sh->work_cv.wait(lk, [sh] { return sh->stop || sh->loaded || sh->LoadFailed(); });
    if (!sh->loaded) return;
    Extractor* ex = sh->extractor.get();
    for (;;) {
      sh->work_cv.wait(lk, [sh] { return sh->stop || !sh->queue.empty(); });
      if (sh->stop) break;
      std::shared_ptr<Task> t = std::move(sh->queue.front());
      sh->queue.pop_front();
      lk.unlock();
      std::optional<Result<ArticleFacts>> facts;
      std::exception_ptr error;
      try {
        facts.emplace(ExtractAt(*ex, t->article));
      } catch (...) {
        error = std::current_exception();
      }
      lk.lock();
      t->facts = std::move(facts);
      t->error = error;
      t->done = true;
      sh->done_cv.notify_all();
    }
  });
}

Status ExtractPipeline::Start() {
  if (!o_.eager) return Status::OK();
  if (o_.jobs == 1) {
    if (inline_) return Status::OK();
    auto ex = Extractor::Create(xo_);
    if (!ex.ok()) return Stop(ex.status());
    inline_ = std::move(ex).value();
    return Status::OK();
  }
  std::lock_guard<std::mutex> lk(sh_->mu);
  if (sh_->started == 0) SpawnLocked();
  return Status::OK();
}

Status ExtractPipeline::Stop(Status s) {
  if (!s.ok() && stopped_.ok()) stopped_ = s;
  return s;
}

ExtractPipeline::Gate ExtractPipeline::GateState(bool wait) {
  if (!o_.eager || o_.jobs == 1) return Gate::kOpen;
  std::unique_lock<std::mutex> lk(sh_->mu);
  if (sh_->started == 0) return Gate::kOpen;  // Start() not called
  auto resolved = [this] { return sh_->loaded || sh_->LoadFailed(); };
  if (wait) sh_->done_cv.wait(lk, resolved);
  if (sh_->loaded) return Gate::kOpen;
  return sh_->LoadFailed() ? Gate::kFailed : Gate::kPending;
}

Status ExtractPipeline::DeliverHead(bool wait, bool* delivered) {
  *delivered = false;
  if (!stopped_.ok()) return stopped_;
  if (items_->empty()) return Status::OK();
  // Eager mode: nothing is delivered before the Extractor exists.
  switch (GateState(wait)) {
    case Gate::kPending: return Status::OK();
    case Gate::kFailed: {
      std::lock_guard<std::mutex> lk(sh_->mu);
      return Stop(sh_->setup_error);
    }
    case Gate::kOpen: break;
  }
  Item& head = items_->front();
  if (!head.task) {
    Action action = std::move(head.action);
    items_->pop_front();
    *delivered = true;
    return Stop(action());
  }
  {
    std::unique_lock<std::mutex> lk(sh_->mu);
    Task* t = head.task.get();
    if (!t->done) {
      if (!wait) return Status::OK();
      sh_->done_cv.wait(lk, [t] { return t->done; });
    }
  }
  std::shared_ptr<Task> t = std::move(head.task);
  OnExtracted on_done = std::move(head.on_done);
  items_->pop_front();
  --articles_in_flight_;
  *delivered = true;
  if (t->error) std::rethrow_exception(t->error);
  if (o_.eager && t->setup_failed) return Stop(t->facts->status());
  Extracted e{std::move(t->article), std::move(*t->facts), t->setup_failed};
  return Stop(on_done(std::move(e)));
}

Status ExtractPipeline::DeliverReady() {
  for (bool delivered = true; delivered;) KG_RETURN_IF_ERROR(DeliverHead(false, &delivered));
  return Status::OK();
}

Status ExtractPipeline::Add(ArticleMeta&& article, OnExtracted on_done) {
  if (!stopped_.ok()) return stopped_;
  if (o_.jobs == 1) {  // the sequential path: extract here, deliver now
    Extracted e;
    e.article = std::move(article);
    if (!inline_) {
      auto ex = Extractor::Create(xo_);
      if (ex.ok()) {
        inline_ = std::move(ex).value();
      } else {
        if (o_.eager) return Stop(ex.status());
        e.facts = ex.status();
        e.setup_failed = true;
      }
    }
    if (inline_) e.facts = ExtractAt(*inline_, e.article);
    return Stop(on_done(std::move(e)));
  }
  KG_RETURN_IF_ERROR(DeliverReady());
  bool delivered = false;
  while (articles_in_flight_ >= o_.window || items_->size() >= 8 * o_.window)
    KG_RETURN_IF_ERROR(DeliverHead(true, &delivered));
  auto task = std::make_shared<Task>();
  task->article = std::move(article);
  {
    std::lock_guard<std::mutex> lk(sh_->mu);
    if (sh_->LoadFailed()) {
      sh_->FailTask(task.get());
    } else {
      sh_->queue.push_back(task);
      const std::size_t backlog = sh_->queue.size();
      // Extra workers only while articles pile up (a handful of articles
      // needs one thread and one workspace).
      if (sh_->started == 0 || (sh_->started < o_.jobs && backlog > o_.spawn_backlog))
        SpawnLocked();
    }
  }
  sh_->work_cv.notify_one();
  items_->push_back(Item{std::move(task), std::move(on_done), {}});
  ++articles_in_flight_;
  return Status::OK();
}

Status ExtractPipeline::Defer(Action action) {
  if (!stopped_.ok()) return stopped_;
  bool delivered = false;
  while (items_->size() >= 8 * o_.window) KG_RETURN_IF_ERROR(DeliverHead(true, &delivered));
  items_->push_back(Item{nullptr, {}, std::move(action)});
  return DeliverReady();
}

Status ExtractPipeline::DeliverUntil(const std::function<bool()>& done) {
  bool delivered = false;
  while (!done() && !items_->empty()) KG_RETURN_IF_ERROR(DeliverHead(true, &delivered));
  return stopped_;
}

Status ExtractPipeline::Flush() {
  bool delivered = false;
  while (!items_->empty()) KG_RETURN_IF_ERROR(DeliverHead(true, &delivered));
  if (!stopped_.ok()) return stopped_;
  if (GateState(true) == Gate::kFailed) {
    std::lock_guard<std::mutex> lk(sh_->mu);
    return Stop(sh_->setup_error);
  }
  return Status::OK();
}

std::size_t ExtractPipeline::pending() const { return items_->size(); }

int ExtractPipeline::workers_started() const {
  std::lock_guard<std::mutex> lk(sh_->mu);
  return sh_->started;
}

}  // namespace kg::cli
