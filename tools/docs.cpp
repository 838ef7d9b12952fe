// `kg help --man | --bash-completion | --zsh-completion`: the man page and the
// shell completions, generated from the same help text `kg <command> --help`
// prints (each command's cxxopts options), so they cannot drift apart. The
// build runs them (tools/CMakeLists.txt) and `cmake --install` installs the
// results.
#include "tools/docs.h"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tools/commands.h"

namespace kg::cli {
namespace {

struct Flag {
  std::string shrt, lng;  // "-f", "--format"
  bool arg = false;
  std::string help;
};

struct CommandHelp {
  std::string name, summary, description, usage;
  std::vector<Flag> flags;
};

// Runs `kg <name> --help` in this process and captures what it prints.
std::string HelpText(const Command& c) {
  std::ostringstream captured;
  std::streambuf* old = std::cout.rdbuf(captured.rdbuf());
  std::string argv0 = std::string("kg ") + c.name;
  std::string help = "--help";
  char* argv[] = {argv0.data(), help.data(), nullptr};
  c.fn(2, argv);
  std::cout.rdbuf(old);
  return captured.str();
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

CommandHelp Parse(const Command& c) {
  CommandHelp h{c.name, c.summary, "", "", {}};
  std::istringstream in(HelpText(c));
  std::string line;
  enum { kDesc, kUsage, kOpts, kTail } state = kDesc;
  std::string tail;
  while (std::getline(in, line)) {
    if (state == kDesc) {
      if (line == "Usage:") {
        state = kUsage;
        continue;
      }
      h.description += (h.description.empty() ? "" : " ") + Trim(line);
    } else if (state == kUsage) {
      if (!Trim(line).empty()) h.usage = Trim(line);
      else if (!h.usage.empty()) state = kOpts;
    } else if (state == kOpts) {
      std::string t = Trim(line);
      if (t.empty()) {
        state = kTail;
        continue;
      }
      if (t[0] != '-') {  // a continuation of the previous help text
        if (!h.flags.empty()) h.flags.back().help += " " + t;
        continue;
      }
      Flag f;
      std::size_t pos = 0;
      if (t.size() > 2 && t[1] != '-' && t[2] == ',') {
        f.shrt = t.substr(0, 2);
        pos = 4;
      }
      std::size_t end = t.find_first_of(" ", pos);
      f.lng = t.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      std::string rest = end == std::string::npos ? "" : Trim(t.substr(end));
      if (rest.rfind("arg", 0) == 0) {
        f.arg = true;
        rest = Trim(rest.substr(3));
      }
      f.help = rest;
      if (f.lng == "--paths" || f.lng == "--name" || f.lng == "--names" || f.lng == "--query" ||
          f.lng == "--ids" || f.lng == "--files" || f.lng == "--dir")
        continue;  // positional arguments
      h.flags.push_back(f);
    } else {
      tail += line + "\n";
    }
  }
  return h;
}

std::string Roff(const std::string& s) {
  std::string o;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\') o += "\\e";
    else if (c == '-') o += "\\-";
    else if ((c == '.' || c == '\'') && (o.empty() || o.back() == '\n')) o += "\\&" + std::string(1, c);
    else o += c;
  }
  return o;
}

std::vector<CommandHelp> AllHelp() {
  std::vector<CommandHelp> out;
  for (const auto& c : AllCommands()) out.push_back(Parse(c));
  return out;
}

}  // namespace

int PrintManPage() {
  std::printf(".TH KG 1 \"\" \"kg 0.1.0\" \"User Commands\"\n");
  std::printf(".SH NAME\nkg \\- build and query a knowledge graph from news articles\n");
  std::printf(".SH SYNOPSIS\n.B kg\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
  std::printf(".SH DESCRIPTION\n%s\n",
              Roff("kg reads news articles (German and English) and builds a graph of who does what to whom, "
                   "where and when, in an embedded RocksDB database; it is queried with a Cypher subset, "
                   "analysed with graph algorithms and exported to GraphML, GEXF, Neo4j CSV, Cytoscape JSON, "
                   "N-Triples and DOT. The database is --db PATH (before or after the command), else $KG_DB, "
                   "else ./kg.db.")
                  .c_str());
  std::printf(".SH COMMANDS\n");
  for (const auto& h : AllHelp()) {
    std::printf(".SS %s\n", Roff(h.usage).c_str());
    std::printf("%s\n", Roff(h.description).c_str());
    for (const auto& f : h.flags) {
      std::printf(".TP\n.B %s%s%s\n%s\n", Roff(f.shrt.empty() ? "" : f.shrt + ", ").c_str(), Roff(f.lng).c_str(),
                  f.arg ? " \\fIARG\\fR" : "", Roff(f.help).c_str());
    }
  }
  std::printf(".SH EXIT STATUS\n");
  const char* codes[][2] = {{"0", "success"},
                            {"1", "no result (kg path: no path between the two entities)"},
                            {"64", "usage error: unknown flag, bad value, malformed query"},
                            {"65", "bad input data (malformed JSON line, binary file, unknown entity or article)"},
                            {"66", "an input file or the database does not exist"},
                            {"70", "internal error"},
                            {"74", "I/O error"},
                            {"75", "temporary failure: the database is busy, a query limit was reached"}};
  for (const auto& c : codes) std::printf(".TP\n.B %s\n%s\n", c[0], Roff(c[1]).c_str());
  std::printf(".SH ENVIRONMENT\n.TP\n.B KG_DB\nthe database when no \\-\\-db is given\n"
              ".TP\n.B KG_DATA\nthe shipped data directory (kb/, lexicon/)\n"
              ".TP\n.B KG_HISTORY\nthe history file of the query shell (default ~/.kg_history)\n");
  return 0;
}

int PrintCompletion(const std::string& shell) {
  const auto all = AllHelp();
  if (shell == "bash") {
    std::printf("# bash completion for kg (generated by `kg help --bash-completion`)\n_kg() {\n"
                "  local cur prev cmd i\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                "  cmd=\"\"\n  for ((i = 1; i < COMP_CWORD; i++)); do\n"
                "    case \"${COMP_WORDS[i]}\" in --db) ((i++));; -*) ;; *) cmd=\"${COMP_WORDS[i]}\"; break;; esac\n"
                "  done\n  if [[ -z \"$cmd\" ]]; then\n    if [[ \"$prev\" == --db ]]; then COMPREPLY=($(compgen -f -- \"$cur\")); return; fi\n"
                "    COMPREPLY=($(compgen -W \"--db --help --version help");
    for (const auto& h : all) std::printf(" %s", h.name.c_str());
    std::printf("\" -- \"$cur\"))\n    return\n  fi\n  case \"$prev\" in\n"
                "    --db|--file|-o|--output|--lexicon|--data) COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n"
                "    -f|--format) COMPREPLY=($(compgen -W \"table jsonl json csv text graphml gexf neo4j cytoscape ntriples dot\" -- \"$cur\")); return;;\n"
                "    -p|--predicate) COMPREPLY=($(compgen -W \"");
    for (const auto& p : Predicates()) std::printf(" %s", p.c_str());
    std::printf("\" -- \"$cur\")); return;;\n    --lang) COMPREPLY=($(compgen -W \"de en\" -- \"$cur\")); return;;\n  esac\n"
                "  local opts=\"\"\n  case \"$cmd\" in\n");
    for (const auto& h : all) {
      std::printf("    %s) opts=\"", h.name.c_str());
      for (const auto& f : h.flags) std::printf(" %s%s%s", f.shrt.c_str(), f.shrt.empty() ? "" : " ", f.lng.c_str());
      std::printf("\";;\n");
    }
    std::printf("  esac\n  if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"));\n"
                "  else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n}\ncomplete -o filenames -F _kg kg\n");
    return 0;
  }
  if (shell == "zsh") {
    std::printf("#compdef kg\n# zsh completion for kg (generated by `kg help --zsh-completion`)\n_kg() {\n"
                "  local -a commands\n  commands=(\n");
    for (const auto& h : all) {
      std::string s = h.summary;
      for (char& c : s)
        if (c == '\'' || c == ':') c = ' ';
      std::printf("    '%s:%s'\n", h.name.c_str(), s.c_str());
    }
    std::printf("  )\n  if (( CURRENT == 2 )); then\n    _describe 'command' commands\n    return\n  fi\n"
                "  local cmd=${words[2]}\n  case $cmd in\n");
    for (const auto& h : all) {
      std::printf("    %s)\n      _arguments \\\n", h.name.c_str());
      for (const auto& f : h.flags) {
        std::string help = f.help;
        for (char& c : help)
          if (c == '\'' || c == '[' || c == ']' || c == ':') c = ' ';
        if (help.size() > 70) help = help.substr(0, 70);
        std::string action = f.arg ? (f.lng == "--db" || f.lng == "--file" || f.lng == "--output" ||
                                              f.lng == "--lexicon" || f.lng == "--data"
                                          ? ":file:_files"
                                          : ":value:")
                                   : "";
        if (!f.shrt.empty())
          std::printf("        '(%s %s)'{%s,%s}'[%s]%s' \\\n", f.shrt.c_str(), f.lng.c_str(), f.shrt.c_str(),
                      f.lng.c_str(), help.c_str(), action.c_str());
        else
          std::printf("        '%s[%s]%s' \\\n", f.lng.c_str(), help.c_str(), action.c_str());
      }
      std::printf("        '*:file:_files'\n      ;;\n");
    }
    std::printf("  esac\n}\n_kg \"$@\"\n");
    return 0;
  }
  std::fprintf(stderr, "kg help: unknown shell '%s' (bash or zsh)\n", shell.c_str());
  return 64;
}

}  // namespace kg::cli
