// Sink: the buffered byte stream the exporters write to (a FILE*, an owned
// file, or a std::string for tests). Writers append to buf() and call
// MaybeFlush() after each element, so memory stays bounded (~1 MiB) however
// large the graph is.
//
// Thread safety: not thread-safe. Lifetime: a FILE* or string target must
// outlive the Sink; an owned file is closed by Finish() or the destructor.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "graph/status.h"

namespace kg::exp {

class Sink {
 public:
  // Writes to `f` (not owned; e.g. stdout). `name` is used in error messages.
  Sink(std::FILE* f, std::string name);
  // Appends everything to *target (tests).
  explicit Sink(std::string* target);
  // Creates/truncates `path`; IOError naming the path on failure.
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
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  bool failed_ = false;
  std::string* target_ = nullptr;
  std::string name_;
  std::string buf_;
};

}  // namespace kg::exp
