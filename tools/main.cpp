// kg: knowledge-graph builder for analysts. `kg help` lists the subcommands.
#include <cstdio>
#include <cstring>
#include <string>

#include "tools/commands.h"

namespace {

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "kg — build and query a knowledge graph from news articles\n\n"
               "usage: kg <command> [options]   (kg <command> --help for details)\n\n"
               "commands:\n");
  for (const auto& c : kg::cli::AllCommands()) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out, "\nThe database is --db PATH, else $KG_DB, else ./kg.db.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h")) {
    PrintUsage(stdout);
    return argc < 2 ? 64 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::printf("kg 0.1.0\n");
    return 0;
  }
  for (const auto& c : kg::cli::AllCommands()) {
    if (argv[1] == std::string(c.name)) {
      std::string name = std::string("kg ") + c.name;
      std::vector<char*> args;
      args.push_back(name.data());
      for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
      args.push_back(nullptr);
      return c.fn(argc - 1, args.data());
    }
  }
  std::fprintf(stderr, "kg: unknown command '%s'\n\n", argv[1]);
  PrintUsage(stderr);
  return 64;
}
