// Name lookup in the knowledge base files without loading the extractor:
// which KB entities carry a given name or alias. The CLI uses it so that
// `kg neighbors Zelenskyy` finds the entity stored as "Wolodymyr Selenskyj"
// even when no article spelled it that way.
//
// Thread safety: stateless; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "graph/status.h"

namespace kg::ingest {

// Entity ids of the entries in DIR/kb/*.jsonl of `data_dirs` (the shipped data
// and users' --lexicon dirs) whose name or any alias equals `name` after
// NormalizeName (case, diacritics, punctuation ignored). Countries are
// "country/<code>" with their German and English names and aliases. Files
// that are missing are skipped; Corruption names file and line of a bad line.
Result<std::vector<std::string>> KbEntityIdsNamed(const std::vector<std::string>& data_dirs,
                                                  const std::string& name);

}  // namespace kg::ingest
