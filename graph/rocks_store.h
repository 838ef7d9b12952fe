// RocksDB-backed Store. RocksDB types never leave graph/.
#pragma once

#include <memory>
#include <string>

#include "graph/store.h"

namespace kg {

struct RocksOptions {
  bool create_if_missing = true;  // create the DB directory when absent
  bool read_only = false;         // open for reading while a writer may hold the lock
  int wait_seconds = 0;           // a writer waits this long for the lock, then Busy
  bool sync_writes = false;       // fsync each batch (WAL is always on)
};

// Busy ("database is busy: PATH is locked by another kg process") when another
// writer holds the DB; IOError / Corruption otherwise, never a raw RocksDB message alone.
Result<std::unique_ptr<Store>> OpenRocksStore(const std::string& path, const RocksOptions& options);

// Writes a consistent, openable copy of the RocksDB store to `dir` (which must
// not exist) with rocksdb::Checkpoint (hard links where possible). NotSupported
// for other stores; InvalidArgument when dir exists.
Status CheckpointRocksStore(Store* store, const std::string& dir);

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

}  // namespace kg
