#include "graph/export/sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kg::exp {

Sink::Sink(std::FILE* f, std::string name) : file_(f), name_(std::move(name)) {
  buf_.reserve(kFlushBytes + 4096);
}

Sink::Sink(std::string* target) : target_(target), name_("string") {}

Result<std::unique_ptr<Sink>> Sink::OpenFile(const std::string& path) {
  // A regular file (or none) is written to a temporary file beside `path`
  // and renamed over it by Finish(): a failed or killed export leaves the
  // previous file intact, and a symlink to a regular file is replaced, never
  // written through. Anything else -- a device such as /dev/full, a FIFO, a
  // link to /dev/stdout -- is written in place: it cannot be replaced.
  struct stat lst, st;
  const bool exists = ::lstat(path.c_str(), &lst) == 0;
  const bool target = exists && ::stat(path.c_str(), &st) == 0;
  if (target && S_ISDIR(st.st_mode)) return Status::IOError("cannot write " + path + ": it is a directory");
  if (target && !S_ISREG(st.st_mode)) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
    auto s = std::make_unique<Sink>(f, path);
    s->owned_ = true;
    return s;
  }
  const std::string tmp = path + ".kg-tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC, 0644);
  std::FILE* f = fd >= 0 ? ::fdopen(fd, "wb") : nullptr;
  if (!f) {
    const int err = errno;
    if (fd >= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
    }
    return Status::IOError("cannot write " + path + ": " + std::strerror(err));
  }
  auto s = std::make_unique<Sink>(f, path);
  s->owned_ = true;
  s->tmp_path_ = tmp;
  return s;
}

Sink::~Sink() {
  StopWriter();
  if (owned_ && file_) std::fclose(file_);
  if (!tmp_path_.empty()) ::unlink(tmp_path_.c_str());  // not finished: the old file stays
}

void Sink::WriteOut(const std::string& data) {
  if (failed_ || data.empty()) return;
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size()) {
    failed_ = true;
    errno_ = errno;
  }
}

void Sink::WriterLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return has_pending_ || stop_; });
    if (!has_pending_) return;  // stop_ and nothing left
    // pending_ is ours until has_pending_ is cleared; write it unlocked.
    bool failed = failed_;
    lock.unlock();
    int err = 0;
    if (!failed && std::fwrite(pending_.data(), 1, pending_.size(), file_) != pending_.size()) {
      failed = true;
      err = errno;
    }
    lock.lock();
    if (failed && !failed_) {
      failed_ = true;
      errno_ = err;
    }
    pending_.clear();
    has_pending_ = false;
    cv_.notify_all();
  }
}

void Sink::HandOver() {
  if (!writer_.joinable()) {
    pending_.reserve(kFlushBytes + 4096);
    writer_ = std::thread([this] { WriterLoop(); });
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !has_pending_; });
  pending_.swap(buf_);  // buf_ gets the drained (empty, still reserved) buffer
  has_pending_ = true;
  cv_.notify_all();
}

void Sink::StopWriter() {
  if (!writer_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  writer_.join();
}

void Sink::Flush() {
  if (target_) {
    target_->append(buf_);
  } else if (file_ && !buf_.empty()) {
    HandOver();
    return;
  }
  buf_.clear();
}

Status Sink::Finish() {
  if (target_) {
    Flush();
    return Status::OK();
  }
  if (file_) {
    if (writer_.joinable()) {
      if (!buf_.empty()) HandOver();
      StopWriter();  // writes what was handed over, then joins
    } else {
      WriteOut(buf_);
    }
    buf_.clear();
    if (std::fflush(file_) != 0 || std::ferror(file_)) {
      if (!failed_) errno_ = errno;
      failed_ = true;
    }
    if (owned_) {
      if (!failed_ && !tmp_path_.empty() && ::fsync(fileno(file_)) != 0) {
        errno_ = errno;
        failed_ = true;
      }
      if (std::fclose(file_) != 0 && !failed_) {
        errno_ = errno;
        failed_ = true;
      }
      file_ = nullptr;
      if (!tmp_path_.empty()) {
        if (!failed_ && ::rename(tmp_path_.c_str(), name_.c_str()) != 0) {
          errno_ = errno;
          failed_ = true;
        }
        if (failed_) ::unlink(tmp_path_.c_str());
        tmp_path_.clear();
      }
    }
    if (failed_)
      return Status::IOError("writing " + name_ + " failed: " + std::strerror(errno_ ? errno_ : EIO) +
                             (owned_ ? " (the previous file, if any, is unchanged)" : ""));
  }
  return Status::OK();
}

}  // namespace kg::exp
