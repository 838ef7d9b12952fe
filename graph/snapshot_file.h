// The persisted snapshot: LoadSnapshot's result kept in one flat file inside
// the database directory (KG_SNAPSHOT), stamped with StoreVersion() (rocks_store.h) at
// the moment it was read. An analysis command (kg rank, components, export)
// whose store still has that version maps the file and builds the snapshot from
// it (~10x faster than scanning and decoding the RocksDB records); any write in
// between changes the version, so a stale file is never used: it is rebuilt by
// the next command that loads a snapshot (lazily, not by ingest).
//
// Format (little endian; graph/snapshot_file.cpp): "KGSNAP" magic, format
// version, store version, flags (evidence counts present), node and
// relationship counts, then the records with length-prefixed strings.
// The file is written to a temporary name and renamed: readers see the old or
// the new file, never a torn one; a file that does not parse is ignored and
// rewritten. Failing to write it (read-only directory, full disk) only costs
// the speed-up.
//
// Thread safety: functions; concurrent processes are safe (rename).
#pragma once

#include <optional>
#include <string>

#include "graph/snapshot.h"

namespace kg {

inline constexpr const char* kSnapshotFile = "KG_SNAPSHOT";

// LoadSnapshot(graph, options), through the file in `db_dir` when it is
// current (and holds evidence counts when they are asked for); otherwise
// loads from the store and (re)writes the file. Stores without a version
// (memory, overlay) always load from the store.
Result<GraphSnapshot> LoadSnapshotCached(const Graph& graph, const std::string& db_dir,
                                         const SnapshotLoadOptions& options = {});

// The two halves, exposed for tests. ReadSnapshotFile: nullopt when the file
// is absent, of another version or format, or lacks evidence counts that
// `need_evidence` asks for.
Status WriteSnapshotFile(const std::string& path, const GraphSnapshot& snap, uint64_t version,
                         bool evidence_counts);
std::optional<GraphSnapshot> ReadSnapshotFile(const std::string& path, uint64_t version, bool need_evidence);

}  // namespace kg
