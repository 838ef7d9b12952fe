// RocksDB-backed Store. RocksDB types never leave graph/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/store.h"

namespace kg {

struct RocksOptions {
  bool create_if_missing = true;  // create the DB directory when absent
  bool read_only = false;         // open for reading while a writer may hold the lock
  int wait_seconds = 0;           // a writer waits this long for the lock, then Busy
  bool sync_writes = false;       // fsync each batch (WAL is always on)
  // Readers: when no writer holds the lock, open the way a writer would
  // (DB::OpenForReadOnly: every table file of the MANIFEST must exist, have
  // its size and a valid footer) instead of as a secondary instance, which
  // silently skips unreadable files. For `kg check`.
  bool strict_read = false;
};

// Busy ("database is busy: PATH is locked by another kg process") when another
// writer holds the DB; IOError / Corruption otherwise, never a raw RocksDB message alone.
// Corruption (exit 65, with a hint to kg check / kg repair) whenever the
// files are damaged: a damaged write-ahead log (only a record torn at its very
// end by a crash is dropped: it was never committed), a truncated MANIFEST, a
// missing, short or unreadable table file, a garbage CURRENT, or fewer
// committed writes than the commit record (graph/commit_record.h) lists.
// Readers never report a damaged store as a smaller graph.
Result<std::unique_ptr<Store>> OpenRocksStore(const std::string& path, const RocksOptions& options);

// A number that changes with every committed write: RocksDB's last sequence
// number mixed with the live table files (ingested table files may keep the
// sequence number). 0 when `store` is not a RocksDB store (memory, overlay): nothing
// derived from its contents may be cached under it (graph/snapshot_file.h).
uint64_t StoreVersion(const Store& store);
// The same over the live table files alone: changes when the writer flushed,
// compacted or ingested a table file, not with writes still in its log.
uint64_t StoreTablesVersion(const Store& store);

// Writes a consistent, openable copy of the RocksDB store to `dir` (which must
// not exist) with rocksdb::Checkpoint (hard links where possible; with
// `copy_tables` every table file is a copy, so damage to the database's
// files on the same file system does not reach the backup). The copy is
// built in DIR.tmp and renamed (a killed backup leaves no DIR), then read
// back block by block: Corruption (and no DIR) when a table file is damaged.
// NotSupported for other stores; InvalidArgument when dir exists.
Status CheckpointRocksStore(Store* store, const std::string& dir, bool copy_tables = false);

// Bulk path (`kg load` into an empty database): writes every column family of
// `src` (e.g. a memory store filled through Graph) to SST files with
// rocksdb::SstFileWriter and ingests them with IngestExternalFile. Keys already
// in `dst` are overwritten by src's. REQUIRES: dst is a writable RocksDB store
// that holds no graph data, and nothing writes to dst concurrently.
Status BulkLoadRocksStore(const Store& src, Store* dst);

// Test hook: true when the RocksDB store `store` serialises `batch` to
// exactly the bytes rocksdb::WriteBatch::Put/Delete would build (Write()
// builds the serialised batch itself). False for other stores.
bool RocksWriteBatchEncodingMatches(const Store& store, const WriteBatch& batch);

// Compacts every column family (after bulk loads); no-op for other stores.
Status CompactRocksStore(Store* store);

// `kg check`, file level: every live table file exists with its size and
// passes RocksDB's block checksums (DB::VerifyChecksum), the newest OPTIONS
// file parses, the commit record parses. Problems (one line each, naming
// the file) are appended to out->problems. NotSupported for other stores.
struct StoreVerification {
  std::vector<std::string> problems;
  uint64_t table_files = 0, table_bytes = 0;
};
Status VerifyRocksStore(Store* store, StoreVerification* out);

// `kg repair`, file level, on a closed database: first keeps the damaged
// state in `*saved_to` (PATH.before-repair-YYYYmmdd-HHMMSS; table files are
// hard links), then runs rocksdb::RepairDB, which rebuilds the MANIFEST and
// CURRENT from the table files and turns what can be read of the
// write-ahead logs into table files (unreadable files go to PATH/lost/);
// finally removes the commit record. Busy when a writer holds the database.
Status RepairRocksDatabase(const std::string& path, std::string* saved_to);

// Readers (RocksOptions::read_only, a RocksDB secondary instance): reads what
// the writer has committed since the open or the previous call, so a
// long-running reader (`kg serve`) follows a cron ingest. Reads running
// meanwhile see either the old or the new state of each key; callers that need
// one consistent state across several reads exclude them during the call.
// Returns StoreVersion() after the catch-up: unchanged when nothing new was
// written, different after any commit (also one the writer ingested as a table
// file, which keeps the sequence number). InvalidArgument for a writer,
// NotSupported for other stores.
// Caveat: the secondary keeps the memtable it replayed from the writer's log
// and reads it before table files, so a key the writer wrote to its log and
// then overwrote through an ingested table file (WriteSorted) still reads
// the old value here. A reader that must see such values opens the store
// again when StoreTablesVersion changed (kg serve's LiveGraph does).
Result<uint64_t> CatchUpRocksStore(Store* store);

}  // namespace kg
