// Consistency of a stored graph (`kg check`, `kg repair`): a full scan of
// every record, and a rebuild of everything that can be derived.
//
// Primary records: nodes, relationships, evidence, article records (and
// cron file states). Derived from them, and checked against them:
//  - both adjacency lists hold exactly the relationships, under both ends,
//    in well-formed chunks (keys.h);
//  - every relationship's two end nodes exist;
//  - the name index holds exactly each node's normalised name and aliases
//    and its entity id, and no two nodes share an entity id;
//  - once the relationship date index is kept (meta rel_date_index), it
//    holds exactly the relationships whose `date` is a date (rel_date.h);
//  - every evidence record belongs to an existing relationship;
//  - article records name existing nodes and relationships; each node's
//    article count ('r') equals the number of article records naming it;
//  - an ingested relationship's `support` equals the number of distinct
//    articles in its evidence (`weight` of CO_MENTIONED: the sum of the
//    per-article counts);
//  - the id counters lie above every id in use;
//  - the counts kept as data (schema version 3: per label, per type,
//    self-loops, articles, evidence, every node's degree by type and
//    direction; graph/counts.h) equal the counts of the records;
//  - every record decodes.
//
// Both work on the Store under a Graph (keys.h layout), so a repair can run
// before a Graph could even be opened. Thread safety: CheckGraph only reads;
// RebuildGraph must be the store's only writer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/status.h"
#include "graph/store.h"

namespace kg {

struct GraphCheck {
  std::vector<std::string> problems;  // one line each, naming the record
  uint64_t problems_total = 0;        // problems also counts the lines left out
  uint64_t nodes = 0, rels = 0, adjacency = 0, names = 0, evidence = 0, articles = 0, files = 0;
};

// Scans every record of `store`. Non-OK only when the scan itself fails (an
// I/O or checksum error of the store); inconsistencies go to out->problems
// (at most `max_lines` of them; problems_total counts all).
Status CheckGraph(const Store& store, GraphCheck* out, std::size_t max_lines = 200);

struct GraphRepair {
  std::vector<std::string> actions;  // what was changed, one line per kind
  uint64_t writes = 0;               // keys written or deleted
};

// Makes the graph in `store` consistent in ONE atomic write: drops records that do not decode,
// relationships whose end nodes are gone (with their evidence), evidence of
// missing relationships and references to missing records in article
// records; recomputes support and weight from the evidence (a relationship
// left without support is deleted), the article counts, the id counters;
// rebuilds both adjacency lists, the name index and the date index from the
// records; gives a node whose entity id another (older) node already has the
// property `duplicate_of` instead of `id`; rewrites the counts (schema
// version 3) as the repaired records imply them. Afterwards CheckGraph finds
// no problem.
// REQUIRES: `store` is writable, and no Graph is open on it (a Graph caches
// the id counters): open one afterwards.
Status RebuildGraph(Store* store, GraphRepair* out);

}  // namespace kg
