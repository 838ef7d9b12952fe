// A snapshot of the catalogue the gazetteers alone produce (LoadGazetteers()
// into an empty Catalog: ~25,000 countries and cities, their name keys and
// stemmed keys), so that a run need not re-read iso-codes and the GeoNames
// catalogues and re-key every name: the largest part of kg's start-up, which
// a cron run of a few articles pays every time.
//
// The build generates it (ingest/gazsnap/main.cpp) beside the kg executable as
// gazetteers.kgcat; `make install` puts it in share/kg. It records the size
// and modification time of the seven gazetteer files it was made from; when
// they differ (a Debian update of iso-codes or libgeonames-common), kg warns
// once and builds the catalogue from the files as before. The curated KB and
// --lexicon data are never part of it: they are loaded on top at every start.
//
// File layout (little endian): "KGGAZ\0\0\0", u32 version, u32 0, the seven
// (u64 size, u64 mtime) stamps, then the catalogue's tables in order (strings
// as u32 length + bytes).
//
// Thread safety: the functions are reentrant; a Catalog being filled needs
// exclusive access.
#pragma once

#include <string>

#include "graph/status.h"
#include "ingest/gazetteer.h"
#include "ingest/kb.h"

namespace kg::ingest {

inline constexpr uint32_t kGazetteerSnapshotVersion = 3;

// Writes `cat` (REQUIRES: filled by LoadGazetteers(paths, ...) alone) to
// `path` atomically (temp file + rename).
Status WriteGazetteerSnapshot(const std::string& path, const GazetteerPaths& paths,
                              const Catalog& cat);

// Fills the empty `cat` from the snapshot at `path`. IOError when it cannot
// be read; Aborted when it was made from other gazetteer files than `paths`
// holds now; Corruption for a bad or truncated file (`cat` is then
// unspecified: callers start over with a new Catalog).
Status ReadGazetteerSnapshot(const std::string& path, const GazetteerPaths& paths, Catalog* cat);

// Where kg looks for the snapshot: $KG_GAZETTEER_SNAPSHOT ("off": nowhere),
// else gazetteers.kgcat beside the executable, in <exe>/../share/kg and in
// the install prefix's share/kg. Empty when there is none.
std::string FindGazetteerSnapshot();

}  // namespace kg::ingest
