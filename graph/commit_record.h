// The commit record: a small text file (KG_COMMITTED) that a writer keeps
// beside RocksDB's files, so that damage RocksDB itself recovers from
// silently is noticed instead of read as a smaller graph (issue 22):
//
//   kg-committed 1
//   seq 5000                      last sequence number of a committed write
//   manifest MANIFEST-000010 163  the MANIFEST and its size at that moment
//   files 2                       live table files at the writer's clean close
//   000008.sst 63214              ("files -" while a writer session is open
//   000011.sst 1022                or after it was killed)
//
// Written (temp file + rename, not synced, like the WAL) after every
// committed write and at every writer close. Checked:
//  - before a writer opens: a MANIFEST shorter than recorded (truncated)
//    would make RocksDB forget -- and delete -- the newest table files;
//  - after any open: a last sequence number below the recorded one means
//    committed writes are gone (damaged WAL or MANIFEST);
//  - by readers (RocksDB secondaries skip unreadable table files and show an
//    older state): every recorded table file must be live, unless a writer
//    holds the lock (then the list may be stale).
// RocksDB ignores the file (not one of its names); checkpoints do not copy
// it. Internal to graph/. Thread safety: functions on files; no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graph/status.h"

namespace kg::internal {

inline constexpr const char* kCommitRecordFile = "KG_COMMITTED";

struct CommitRecord {
  uint64_t seq = 0;
  std::string manifest;  // file name, e.g. "MANIFEST-000010"; empty when unknown
  uint64_t manifest_size = 0;
  bool has_files = false;  // files below are the live set of a clean close
  std::vector<std::pair<std::string, uint64_t>> files;  // table file name, size
};

// nullopt when the file does not exist; Corruption when it cannot be parsed.
Result<std::optional<CommitRecord>> ReadCommitRecord(const std::string& db_dir);
// IOError when the file cannot be written (e.g. a full disk).
Status WriteCommitRecord(const std::string& db_dir, const CommitRecord& r);
Status RemoveCommitRecord(const std::string& db_dir);

// The MANIFEST file CURRENT names ("" when CURRENT is absent or unreadable).
std::string CurrentManifest(const std::string& db_dir);
// Corruption when CURRENT names the recorded MANIFEST and that file is now
// shorter than recorded.
Status CheckManifestLength(const std::string& db_dir, const CommitRecord& r);
// True when a process holds RocksDB's LOCK file of `db_dir` (a writer is open).
bool WriterHoldsLock(const std::string& db_dir);

// The hint every damage message ends with.
std::string DamageHint(const std::string& db_dir);

}  // namespace kg::internal
