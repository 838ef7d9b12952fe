// kg: knowledge-graph builder for analysts. `kg help` lists the subcommands.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cstring>
#include <string>

#include "tools/commands.h"
#include "tools/docs.h"

namespace {

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "kg — build and query a knowledge graph from news articles\n\n"
               "usage: kg <command> [options]   (kg <command> --help for details)\n\n"
               "commands:\n");
  for (const auto& c : kg::cli::AllCommands()) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out,
               "\nThe database is --db PATH (before or after the command), else $KG_DB, else ./kg.db.\n"
               "Exit codes: 0 ok, 1 no result (kg path: no path), 64 usage error (bad flag or query),\n"
               "65 bad input data, 66 input file or database not found, 70 internal error,\n"
               "74 I/O error, 75 temporary failure (database busy, query limit reached).\n");
}

}  // namespace

int main(int argc, char** argv) {
  // Global options before the command: `kg --db PATH <command> ...` (the same
  // as the command's --db; an explicit --db after the command still wins).
  std::vector<char*> rest = {argv[0]};
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      setenv("KG_DB", argv[++i], 1);
    } else if (a.rfind("--db=", 0) == 0) {
      setenv("KG_DB", a.substr(5).c_str(), 1);
    } else {
      break;
    }
  }
  for (; i < argc; ++i) rest.push_back(argv[i]);
  argc = static_cast<int>(rest.size());
  rest.push_back(nullptr);
  argv = rest.data();
  if (argc >= 3 && !std::strcmp(argv[1], "help")) {
    const std::string what = argv[2];
    if (what == "--man") return kg::cli::PrintManPage();
    if (what == "--bash-completion") return kg::cli::PrintCompletion("bash");
    if (what == "--zsh-completion") return kg::cli::PrintCompletion("zsh");
    for (const auto& c : kg::cli::AllCommands())
      if (what == c.name) {  // kg help <command> = kg <command> --help
        std::string name = std::string("kg ") + c.name, help = "--help";
        char* args[] = {name.data(), help.data(), nullptr};
        return c.fn(2, args);
      }
    std::fprintf(stderr, "kg help: unknown topic '%s' (a command, --man, --bash-completion, --zsh-completion)\n",
                 what.c_str());
    return 64;
  }
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
