// Sink: the buffered byte stream the exporters write to (a FILE*, an owned
// file, or a std::string for tests). Writers append to buf() and call
// MaybeFlush() after each element, so memory stays bounded (~2 MiB) however
// large the graph is.
//
// File output is written by a background thread once the output exceeds one
// buffer (1 MiB): a full buffer is handed over and the exporter fills the
// other one meanwhile, so formatting overlaps the write(2) calls. Small
// outputs never start the thread. A write error is reported by Finish().
//
// Thread safety: one thread uses a Sink (the background writer is internal).
// Lifetime: a FILE* or string target must outlive the Sink; an owned file is
// closed by Finish() or the destructor.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "graph/status.h"

namespace kg::exp {

class Sink {
 public:
  // Writes to `f` (not owned; e.g. stdout). `name` is used in error messages.
  Sink(std::FILE* f, std::string name);
  // Appends everything to *target (tests).
  explicit Sink(std::string* target);
  // Writes a regular file atomically: into PATH.kg-tmp-<pid>, which Finish()
  // syncs and renames over `path` (a symlink there is replaced, not followed).
  // Without a successful Finish() the temporary file is removed and `path` is
  // untouched. A device, FIFO or a link to one (/dev/stdout) is written in
  // place. IOError naming the path on failure.
  static Result<std::unique_ptr<Sink>> OpenFile(const std::string& path);
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  std::string* buf() { return &buf_; }
  void Put(std::string_view s) { buf_.append(s); }
  void MaybeFlush() {
    if (buf_.size() >= kFlushBytes) Flush();
  }
  // Flushes everything; IOError (e.g. disk full, closed pipe) naming the target.
  // Closes an owned file. Call exactly once at the end.
  Status Finish();

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  void Flush();
  // Background writer: hands buf_ over (waiting while the previous buffer is
  // still being written); StopWriter() drains and joins.
  void HandOver();
  void WriterLoop();
  void StopWriter();
  void WriteOut(const std::string& data);  // fwrite; sets failed_/errno_ on error
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  bool failed_ = false;  // guarded by mu_ while the writer runs
  int errno_ = 0;
  std::string* target_ = nullptr;
  std::string name_;
  std::string tmp_path_;  // owned file: written here, renamed to name_ by Finish()
  std::string buf_;
  std::thread writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;       // the buffer being written (guarded by mu_)
  bool has_pending_ = false;  // guarded by mu_
  bool stop_ = false;         // guarded by mu_
};

}  // namespace kg::exp
