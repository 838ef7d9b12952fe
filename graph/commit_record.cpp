#include "graph/commit_record.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kg::internal {

namespace fs = std::filesystem;

std::string DamageHint(const std::string& db_dir) {
  return " (run 'kg check --db " + db_dir + "' to see the damage, 'kg repair --db " + db_dir +
         "' to rebuild what is left, or restore a backup)";
}

Result<std::optional<CommitRecord>> ReadCommitRecord(const std::string& db_dir) {
  const fs::path p = fs::path(db_dir) / kCommitRecordFile;
  std::ifstream in(p);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(p, ec)) return std::optional<CommitRecord>();
    return Status::IOError("cannot read " + p.string());
  }
  auto bad = [&](const std::string& what) {
    return Status::Corruption("commit record " + p.string() + " is damaged (" + what + ")");
  };
  CommitRecord r;
  std::string word, files;
  int version = 0;
  if (!(in >> word >> version) || word != "kg-committed" || version != 1) return bad("header");
  if (!(in >> word >> r.seq) || word != "seq") return bad("seq");
  if (!(in >> word >> r.manifest >> r.manifest_size) || word != "manifest") return bad("manifest");
  if (r.manifest == "-") r.manifest.clear();
  if (!(in >> word >> files) || word != "files") return bad("files");
  if (files != "-") {
    std::size_t n = 0;
    try {
      n = std::stoul(files);
    } catch (const std::exception&) {
      return bad("file count");
    }
    r.has_files = true;
    for (std::size_t i = 0; i < n; ++i) {
      std::string name;
      uint64_t size = 0;
      if (!(in >> name >> size)) return bad("file list");
      r.files.emplace_back(std::move(name), size);
    }
  }
  return std::optional<CommitRecord>(std::move(r));
}

Status WriteCommitRecord(const std::string& db_dir, const CommitRecord& r) {
  std::ostringstream out;
  out << "kg-committed 1\nseq " << r.seq << "\nmanifest " << (r.manifest.empty() ? "-" : r.manifest)
      << " " << r.manifest_size << "\nfiles ";
  if (r.has_files) {
    out << r.files.size() << "\n";
    for (const auto& [name, size] : r.files) out << name << " " << size << "\n";
  } else {
    out << "-\n";
  }
  const std::string text = out.str();
  const std::string final_path = (fs::path(db_dir) / kCommitRecordFile).string();
  const std::string tmp = final_path + ".tmp";
  auto failed = [&](int err) {
    return Status::IOError((err == ENOSPC ? "the disk is full: cannot write " : "cannot write ") + final_path +
                           ": " + std::strerror(err));
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return failed(errno);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t k = ::write(fd, text.data() + done, text.size() - done);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return failed(err);
    }
    done += static_cast<std::size_t>(k);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return failed(err);
  }
  return Status::OK();
}

Status RemoveCommitRecord(const std::string& db_dir) {
  std::error_code ec;
  fs::remove(fs::path(db_dir) / kCommitRecordFile, ec);
  if (ec) return Status::IOError("cannot remove the commit record of " + db_dir + ": " + ec.message());
  return Status::OK();
}

std::string CurrentManifest(const std::string& db_dir) {
  std::ifstream in(fs::path(db_dir) / "CURRENT");
  std::string name;
  if (!in || !std::getline(in, name)) return {};
  return name;
}

Status CheckManifestLength(const std::string& db_dir, const CommitRecord& r) {
  if (r.manifest.empty() || CurrentManifest(db_dir) != r.manifest) return Status::OK();
  std::error_code ec;
  const uint64_t size = fs::file_size(fs::path(db_dir) / r.manifest, ec);
  if (ec || size >= r.manifest_size) return Status::OK();
  return Status::Corruption("database " + db_dir + " is damaged: its " + r.manifest + " has " +
                            std::to_string(size) + " bytes, but had " + std::to_string(r.manifest_size) +
                            " after the last committed write (the file was truncated; opening it would "
                            "lose the newest data)" + DamageHint(db_dir));
}

bool WriterHoldsLock(const std::string& db_dir) {
  const std::string lock = (fs::path(db_dir) / "LOCK").string();
  const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;
  const bool held = ::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

}  // namespace kg::internal
