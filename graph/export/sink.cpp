#include "graph/export/sink.h"

#include <cerrno>
#include <cstring>

namespace kg::exp {

Sink::Sink(std::FILE* f, std::string name) : file_(f), name_(std::move(name)) {
  buf_.reserve(kFlushBytes + 4096);
}

Sink::Sink(std::string* target) : target_(target), name_("string") {}

Result<std::unique_ptr<Sink>> Sink::OpenFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
  auto s = std::make_unique<Sink>(f, path);
  s->owned_ = true;
  return s;
}

Sink::~Sink() {
  if (owned_ && file_) std::fclose(file_);
}

void Sink::Flush() {
  if (target_) {
    target_->append(buf_);
  } else if (file_ && !failed_ && !buf_.empty()) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
  }
  buf_.clear();
}

Status Sink::Finish() {
  Flush();
  if (file_) {
    if (std::fflush(file_) != 0 || std::ferror(file_)) failed_ = true;
    int saved = errno;
    if (owned_) {
      if (std::fclose(file_) != 0) failed_ = true;
      file_ = nullptr;
    }
    if (failed_)
      return Status::IOError("writing " + name_ + " failed: " + std::strerror(saved ? saved : EIO));
  }
  return Status::OK();
}

}  // namespace kg::exp
