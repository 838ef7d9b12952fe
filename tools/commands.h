// Subcommand registry of the kg binary. Each tools/cmd_<name>.cpp registers
// itself with KG_REGISTER_COMMAND at static-initialisation time; main.cpp
// dispatches on argv[1].
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/status.h"
#include "query/traverse.h"

namespace kg {
class Extractor;
}

namespace kg::cli {

// argv[0] is "kg <name>"; the rest are the subcommand's arguments.
// Returns the process exit code (0, or a sysexits code).
using CommandFn = int (*)(int argc, char** argv);

struct Command {
  const char* name;
  const char* summary;
  CommandFn fn;
};

bool RegisterCommand(const Command& c);
const std::vector<Command>& AllCommands();

#define KG_REGISTER_COMMAND(name, summary, fn) \
  static const bool kg_registered_##fn = ::kg::cli::RegisterCommand({name, summary, fn})

// --- helpers shared by the subcommands (common.cpp) ---

// `--db PATH` value, else $KG_DB, else "./kg.db".
std::string DefaultDbPath();

// Prints "kg <cmd>: <message>" to stderr and returns s.ExitCode().
int Fail(const std::string& cmd, const Status& s);

// Like Fail for a problem with an input the user named (a file, directory or
// database): NotFound ("no such file or directory") exits 66 (EX_NOINPUT),
// everything else as Fail.
int FailInput(const std::string& cmd, const Status& s);

// A size such as "2G", "512M", "1.5GiB", "65536" (bytes; K/M/G/T are powers
// of 1024, an optional "B"/"iB" suffix is accepted). InvalidArgument otherwise.
Result<uint64_t> ParseByteSize(const std::string& text);

// Usage error: prints message and "try 'kg <cmd> --help'", returns 64.
int UsageError(const std::string& cmd, const std::string& message);

struct OpenOptions {
  bool write = false;     // take the single-writer lock
  int wait_seconds = 0;   // writers: wait this long for the lock, then Busy (exit 75)
  bool must_exist = true; // readers: NotFound-style error if the DB does not exist
  bool strict = false;    // readers: RocksOptions::strict_read (kg check)
};
// Opens the graph at `path` (RocksDB). Readers never block a running writer.
Result<std::unique_ptr<Graph>> OpenGraph(const std::string& path, const OpenOptions& options);

// A predicate given with -p/--predicate: known predicates in any case
// ("MEETS" -> "meets"); InvalidArgument listing the vocabulary otherwise.
Result<std::string> ParsePredicate(const std::string& p);

// Resolves a name typed by the user to an entity (query/traverse.h
// ResolveEntity), with the knowledge base's aliases of entities in the graph
// (ingest/kb_names.h; read only when the name is not a stored name or alias).
Result<NodeId> ResolveName(const Graph& g, const std::string& name);
// The same lookup, listing every candidate instead of failing on an
// ambiguous name (query/traverse.h MatchEntity); `kg serve`'s search.
Result<EntityMatch> MatchName(const Graph& g, const std::string& name);

// The display name of a relationship's place: its stored `location_name`,
// else (databases written before kg stored it) the name of the entity whose
// id is `location`; "" when the relationship has no location or the name is
// unknown.
std::string LocationName(const Graph& g, const nlohmann::json& rel_props);

// Keeps `ex` (may be null) alive until the process exits, without running its
// destructor: freeing the catalogue and dictionaries at the end of a command
// costs ~60 M instructions (~15 ms) and gains nothing. Call right before the
// command returns. The object stays reachable, so leak checkers stay quiet.
void KeepUntilExit(std::unique_ptr<Extractor> ex);

}  // namespace kg::cli
