// kg query 'CYPHER' | --file FILE | (stdin) [-P k=v]... [-f table|jsonl|csv]
//          [--max-rows N] [--timeout S] [--max-memory SIZE] [--max-hops N] [--now ISO-DATETIME]
//          [--db PATH]
// Runs Cypher (kg's subset, see query/cypher/README.md) on the graph: one query,
// or a script of statements separated by ';' (with :param/:source lines).
// With no query on a terminal, starts the interactive shell (libedit: line
// editing, history, :help). EXPLAIN / PROFILE print the plan.
#include <editline/readline.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <cxxopts.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "query/cypher/engine.h"
#include "query/cypher/format.h"
#include "tools/commands.h"

namespace kg::cli {
namespace {

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o.push_back('"');
    o.push_back(c);
  }
  return o + "\"";
}

// UTF-8 display width approximation: code points.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

struct Printer {
  const Graph* g;
  std::string format;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> table;  // buffered for alignment
  Status error;

  void Columns(const std::vector<std::string>& c) {
    columns = c;
    if (format == "csv" && !c.empty()) {
      for (size_t i = 0; i < c.size(); ++i) std::printf("%s%s", i ? "," : "", CsvCell(c[i]).c_str());
      std::printf("\n");
    }
  }
  bool Row(const std::vector<cypher::Value>& row) {
    if (format == "jsonl") {
      std::string line = "{";
      for (size_t i = 0; i < row.size(); ++i) {
        auto j = cypher::ValueToJson(*g, row[i]);
        if (!j.ok()) {
          error = j.status();
          return false;
        }
        line += (i ? "," : "") + nlohmann::json(columns[i]).dump() + ":" +
                j->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      std::printf("%s}\n", line.c_str());
      return true;
    }
    std::vector<std::string> cells;
    for (const auto& v : row) {
      if (format == "csv" && v.is_null()) {
        cells.emplace_back();
        continue;
      }
      auto t = cypher::FormatValue(*g, v, true);
      if (!t.ok()) {
        error = t.status();
        return false;
      }
      cells.push_back(std::move(t).value());
    }
    if (format == "csv") {
      for (size_t i = 0; i < cells.size(); ++i) std::printf("%s%s", i ? "," : "", CsvCell(cells[i]).c_str());
      std::printf("\n");
      return true;
    }
    for (auto& c : cells)
      for (char& ch : c)
        if (ch == '\n' || ch == '\t') ch = ' ';
    table.push_back(std::move(cells));
    return true;
  }
  void FlushTable() {
    if (format != "table" || columns.empty()) return;
    std::vector<size_t> w(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) w[i] = Width(columns[i]);
    for (const auto& r : table)
      for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], Width(r[i]));
    auto line = [&](const std::vector<std::string>& cells) {
      std::string s;
      for (size_t i = 0; i < cells.size(); ++i) {
        s += (i ? " | " : "") + cells[i];
        if (i + 1 < cells.size()) s += std::string(w[i] - Width(cells[i]), ' ');
      }
      std::printf("%s\n", s.c_str());
    };
    line(columns);
    std::string sep;
    for (size_t i = 0; i < w.size(); ++i) sep += (i ? "-+-" : "") + std::string(w[i], '-');
    std::printf("%s\n", sep.c_str());
    for (const auto& r : table) line(r);
    std::printf("(%zu row%s)\n", table.size(), table.size() == 1 ? "" : "s");
    table.clear();
  }
};

std::string StatsLine(const cypher::QueryStats& s) {
  std::string o;
  auto add = [&](uint64_t n, const char* what) {
    if (n) o += (o.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  add(s.nodes_created, "nodes created");
  add(s.nodes_deleted, "nodes deleted");
  add(s.rels_created, "relationships created");
  add(s.rels_deleted, "relationships deleted");
  add(s.props_set, "properties set");
  add(s.labels_added, "labels added");
  add(s.labels_removed, "labels removed");
  return o;
}

// The state of a query session (one command line, a script or the shell).
struct Session {
  std::string cmd, db, format;
  cypher::QueryOptions qo;
  cypher::Map params;
  std::map<std::string, std::string> param_text;  // as given, for :params
  bool interactive = false;
};

volatile std::sig_atomic_t g_interrupt = 0;
void OnInterrupt(int) { g_interrupt = 1; }

void PrintPlan(FILE* out, const std::vector<cypher::PlanStep>& plan, bool rows) {
  std::size_t w = 8;
  for (const auto& p : plan) w = std::max(w, p.op.size());
  std::fprintf(out, "%-*s | %s%s\n", static_cast<int>(w), "operator", rows ? "rows     | " : "", "details");
  std::fprintf(out, "%s-+-%s%s\n", std::string(w, '-').c_str(), rows ? "---------+-" : "", "-------");
  for (const auto& p : plan) {
    if (rows)
      std::fprintf(out, "%-*s | %-8llu | %s\n", static_cast<int>(w), p.op.c_str(),
                   static_cast<unsigned long long>(p.rows), p.details.c_str());
    else
      std::fprintf(out, "%-*s | %s\n", static_cast<int>(w), p.op.c_str(), p.details.c_str());
  }
}

int RunOne(Session& ss, std::string text) {
  const std::string& cmd = ss.cmd;
  const cypher::PlanMode mode = cypher::StripPlanKeyword(&text);
  if (mode == cypher::PlanMode::kExplain) {
    auto plan = cypher::ExplainQuery(text);
    if (!plan.ok()) return Fail(cmd, plan.status());
    PrintPlan(stdout, *plan, false);
    std::fflush(stdout);
    return 0;
  }
  auto writes = cypher::QueryWrites(text);
  if (!writes.ok()) return Fail(cmd, writes.status());
  OpenOptions oo;
  oo.write = *writes;
  oo.must_exist = !*writes;
  oo.wait_seconds = *writes ? 10 : 0;
  auto graph = OpenGraph(ss.db, oo);
  if (!graph.ok()) return FailInput(cmd, graph.status());
  Printer p{graph->get(), ss.format, {}, {}, Status::OK()};
  cypher::QueryStats stats;
  std::vector<std::string> warnings;
  std::vector<cypher::PlanStep> profile;
  cypher::QueryOptions o = ss.qo;
  o.read_only = !*writes;
  g_interrupt = 0;
  if (ss.interactive) o.interrupt = &g_interrupt;
  Status s = cypher::RunQueryStreaming(
      graph->get(), text, o, ss.params, [&](const std::vector<std::string>& c) { p.Columns(c); },
      [&](const std::vector<cypher::Value>& row) { return p.Row(row); }, &stats, &warnings,
      mode == cypher::PlanMode::kProfile ? &profile : nullptr);
  p.FlushTable();
  std::fflush(stdout);
  for (const auto& w : warnings) std::fprintf(stderr, "%s: note: %s\n", cmd.c_str(), w.c_str());
  if (stats.any()) std::fprintf(stderr, "%s: %s\n", cmd.c_str(), StatsLine(stats).c_str());
  if (mode == cypher::PlanMode::kProfile && s.ok()) PrintPlan(stderr, profile, true);
  if (!p.error.ok()) return Fail(cmd, p.error);
  if (!s.ok()) return Fail(cmd, s);
  return 0;
}

// A statement of a script: its text and the line it starts on.
struct Statement {
  std::string text;
  int line = 1;
};

// Splits `text` into statements at ';' outside strings, quoted names and
// comments. Lines starting with ':' (shell commands) are statements of their
// own. Statements that are only white space or comments are dropped.
std::vector<Statement> SplitStatements(const std::string& text, int first_line = 1) {
  std::vector<Statement> out;
  std::string cur;
  int line = first_line, start = first_line;
  bool blank = true;  // cur has nothing but white space and comments so far
  auto push = [&]() {
    if (!blank) out.push_back({cur, start});
    cur.clear();
    blank = true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (blank && c == ':' ) {  // a shell command: the rest of the line
      std::size_t nl = text.find('\n', i);
      std::string l = text.substr(i, nl == std::string::npos ? std::string::npos : nl - i);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == ';')) l.pop_back();
      out.push_back({l, line});
      cur.clear();
      if (nl == std::string::npos) break;
      i = nl;
      ++line;
      start = line;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      if (blank) start = line;
      blank = false;
      cur.push_back(c);
      for (++i; i < text.size(); ++i) {
        cur.push_back(text[i]);
        if (text[i] == '\n') ++line;
        if (text[i] == '\\' && c != '`' && i + 1 < text.size()) {
          cur.push_back(text[++i]);
          continue;
        }
        if (text[i] == c) break;
      }
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') cur.push_back(text[i++]);
      if (i < text.size()) {
        cur.push_back('\n');
        ++line;
      }
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      std::size_t end = text.find("*/", i + 2);
      end = end == std::string::npos ? text.size() : end + 2;
      for (; i < end; ++i) {
        cur.push_back(text[i]);
        if (text[i] == '\n') ++line;
      }
      --i;
      continue;
    }
    if (c == ';') {
      push();
      start = line;
      continue;
    }
    if (c == '\n') ++line;
    if (blank && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      blank = false;
      start = line;
    }
    cur.push_back(c);
  }
  push();
  return out;
}

// "name=value" or "name => value" -> params (cypher::ParseParamValue).
Status SetParam(const std::string& kv, Session* ss) {
  std::size_t eq = kv.find("=>");
  std::size_t skip = 2;
  if (eq == std::string::npos) {
    eq = kv.find('=');
    skip = 1;
  }
  auto trim = [](std::string s) {
    std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  if (eq == std::string::npos) return Status::InvalidArgument("expected name=value, got '" + kv + "'");
  std::string name = trim(kv.substr(0, eq));
  if (!name.empty() && name[0] == '$') name.erase(0, 1);
  if (name.empty()) return Status::InvalidArgument("expected name=value, got '" + kv + "'");
  const std::string value = trim(kv.substr(eq + skip));
  ss->params[name] = cypher::ParseParamValue(value);
  ss->param_text[name] = value;
  return Status::OK();
}

const char kShellHelp[] =
    "Statements end with ';' (several on a line run in order); a statement may span lines.\n"
    "  EXPLAIN <query>;        the plan (one operator per clause), not run\n"
    "  PROFILE <query>;        run it, then the rows each operator passed on\n"
    "  :param name=value       set $name (JSON value, 'Cypher literal', else a string)\n"
    "  :param name => value    the same (cypher-shell syntax)\n"
    "  :params                 list the parameters;  :param clear  removes them\n"
    "  :format table|jsonl|csv output format\n"
    "  :source FILE            run the statements of FILE\n"
    "  :help                   this text\n"
    "  :exit  (:quit, Ctrl-D)  leave the shell\n"
    "Up/Down recall earlier lines (kept in ~/.kg_history, or $KG_HISTORY); Ctrl-C cancels the line\n"
    "being typed or a running query. The database is opened anew for every statement.\n";

int RunScript(Session& ss, const std::string& text, const std::string& origin, bool* exit_requested);

// Runs one shell command (":help", ...). Returns the exit code of the command.
int RunCommand(Session& ss, const std::string& line, bool* exit_requested) {
  std::istringstream in(line);
  std::string word;
  in >> word;
  std::string rest;
  std::getline(in, rest);
  rest.erase(0, rest.find_first_not_of(" \t"));
  if (word == ":exit" || word == ":quit" || word == ":q") {
    *exit_requested = true;
    return 0;
  }
  if (word == ":help" || word == ":h" || word == ":?") {
    std::fputs(kShellHelp, stdout);
    return 0;
  }
  if (word == ":params") {
    for (const auto& [k, v] : ss.param_text) std::printf("$%s = %s\n", k.c_str(), v.c_str());
    return 0;
  }
  if (word == ":param") {
    if (rest == "clear") {
      ss.params.clear();
      ss.param_text.clear();
      return 0;
    }
    if (rest.empty()) return RunCommand(ss, ":params", exit_requested);
    Status s = SetParam(rest, &ss);
    if (!s.ok()) return Fail(ss.cmd, s);
    return 0;
  }
  if (word == ":format") {
    if (rest != "table" && rest != "jsonl" && rest != "csv")
      return Fail(ss.cmd, Status::InvalidArgument(":format takes table, jsonl or csv"));
    ss.format = rest;
    return 0;
  }
  if (word == ":source") {
    if (rest.empty()) return Fail(ss.cmd, Status::InvalidArgument(":source needs a FILE"));
    std::ifstream f(rest);
    if (!f) return FailInput(ss.cmd, Status::NotFound(rest + ": cannot read the file"));
    std::stringstream buf;
    buf << f.rdbuf();
    return RunScript(ss, buf.str(), rest, exit_requested);
  }
  return Fail(ss.cmd, Status::InvalidArgument("unknown command " + word + " (:help lists the commands)"));
}

// Runs every statement of `text` in order; stops at the first that fails and
// returns its exit code.
int RunScript(Session& ss, const std::string& text, const std::string& origin, bool* exit_requested) {
  for (const auto& st : SplitStatements(text)) {
    int rc = st.text[0] == ':' ? RunCommand(ss, st.text, exit_requested) : RunOne(ss, st.text);
    if (rc != 0) {
      if (!origin.empty())
        std::fprintf(stderr, "%s: %s:%d: the statement starting here failed; stopped\n", ss.cmd.c_str(),
                     origin.c_str(), st.line);
      return rc;
    }
    if (*exit_requested) return 0;
  }
  return 0;
}

std::string HistoryFile() {
  if (const char* h = std::getenv("KG_HISTORY"); h && *h) return h;
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.kg_history";
  return "";
}

// The interactive shell (libedit): line editing, history, :commands,
// statements ending with ';', Ctrl-C cancels the current input or query.
int Shell(Session& ss) {
  ss.interactive = true;
  std::fprintf(stderr, "kg query shell on %s - statements end with ';', :help for help, :exit or Ctrl-D to quit\n",
               ss.db.c_str());
  const std::string hist = HistoryFile();
  using_history();
  stifle_history(1000);
  if (!hist.empty()) read_history(hist.c_str());
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a read interrupted by Ctrl-C returns
  struct sigaction old {};
  sigaction(SIGINT, &sa, &old);
  std::string buf;
  int rc = 0;
  bool exit_requested = false;
  while (!exit_requested) {
    g_interrupt = 0;
    char* raw = readline(buf.empty() ? "kg> " : "... ");
    if (g_interrupt) {  // Ctrl-C: drop what was typed
      if (raw) std::free(raw);
      std::fprintf(stdout, "^C\n");
      std::fflush(stdout);
      buf.clear();
      continue;
    }
    if (!raw) {  // Ctrl-D
      std::fputc('\n', stdout);
      break;
    }
    std::string line(raw);
    std::free(raw);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    add_history(line.c_str());
    if (!hist.empty()) write_history(hist.c_str());
    if (buf.empty() && line[line.find_first_not_of(" \t")] == ':') {
      rc = RunCommand(ss, line.substr(line.find_first_not_of(" \t")), &exit_requested);
      continue;
    }
    buf += line + "\n";
    // Run every complete statement; keep an unfinished one for the next line.
    auto end = buf.find_last_not_of(" \t\n");
    if (end == std::string::npos || buf[end] != ';') {
      // Statements before the last ';' are complete.
      auto parts = SplitStatements(buf);
      if (parts.size() <= 1) continue;
      std::size_t last = buf.rfind(';');
      std::string done = buf.substr(0, last + 1);
      buf.erase(0, last + 1);
      rc = RunScript(ss, done, "", &exit_requested);
      continue;
    }
    std::string done;
    done.swap(buf);
    rc = RunScript(ss, done, "", &exit_requested);
  }
  sigaction(SIGINT, &old, nullptr);
  return rc;
}

int QueryMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Run Cypher (kg's subset; see query/cypher/README.md) on the graph: one query, a "
                        "script of statements ending with ';' (--file, or stdin), or an interactive shell "
                        "(no query on a terminal; :help there). EXPLAIN/PROFILE before a query print its plan.");
  opts.positional_help("'CYPHER'");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "file", "run the statements of FILE ('-' = stdin), separated by ';'", cxxopts::value<std::string>())(
      "P,param", "query parameter name=value: a JSON value, a Cypher literal ('text'), else the string as "
      "written (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "f,format", "table, jsonl or csv", cxxopts::value<std::string>()->default_value("table"))(
      "max-rows", "stop with an error after this many result rows",
      cxxopts::value<uint64_t>()->default_value("100000"))(
      "timeout", "stop with an error after this many seconds (0 = none)",
      cxxopts::value<double>()->default_value("30"))(
      "max-memory", "stop with an error when kg uses more memory than SIZE (e.g. 512M, 4G; 0 = none)",
      cxxopts::value<std::string>()->default_value("2G"))(
      "max-hops", "upper bound for unbounded variable-length patterns (*)",
      cxxopts::value<int>()->default_value("10"))(
      "now", "answer date(), datetime(), ... as if it were this instant (ISO 8601, e.g. 2024-06-15T10:30Z)",
      cxxopts::value<std::string>())(
      "query", "the query", cxxopts::value<std::vector<std::string>>())("h,help", "show help");
  opts.parse_positional({"query"});
  cxxopts::ParseResult r;
  try {
    r = opts.parse(argc, argv);
  } catch (const std::exception& e) {
    return UsageError(cmd, e.what());
  }
  if (r.count("help")) {
    std::cout << opts.help() << "\n"
              << "Examples:\n"
                 "  kg query \"MATCH (a:Person)-[r:MEETS]-(b) RETURN a.name, b.name, r.date LIMIT 10\"\n"
                 "  kg query -P from=2024-01-01 \"MATCH (a)-[r]->(b) WHERE r.date >= date(\\$from) RETURN a.name, b.name\"\n"
                 "  kg query \"EXPLAIN MATCH (a {name: 'Olaf Scholz'})--(b) RETURN b.name\"\n"
                 "  kg query --file queries.cypher -f jsonl\n";
    return 0;
  }
  Session ss;
  ss.cmd = cmd;
  ss.format = r["format"].as<std::string>();
  if (ss.format != "table" && ss.format != "jsonl" && ss.format != "csv") {
    std::error_code ec;
    if (std::filesystem::exists(ss.format, ec))
      return UsageError(cmd, "-f is --format (table, jsonl or csv); to run the statements of a file use --file " +
                                 ss.format);
    return UsageError(cmd, "--format must be table, jsonl or csv");
  }
  ss.qo.max_rows = r["max-rows"].as<uint64_t>();
  ss.qo.timeout_seconds = r["timeout"].as<double>();
  if (!std::isfinite(ss.qo.timeout_seconds) || ss.qo.timeout_seconds < 0)
    return UsageError(cmd, "--timeout must be a number of seconds >= 0 (0 = no limit)");
  auto mem = ParseByteSize(r["max-memory"].as<std::string>());
  if (!mem.ok()) return UsageError(cmd, "--max-memory: " + mem.status().message());
  ss.qo.max_memory_bytes = *mem;
  ss.qo.max_var_length = r["max-hops"].as<int>();
  if (ss.qo.max_var_length < 1) return UsageError(cmd, "--max-hops must be >= 1");
  std::unique_ptr<cypher::Clock> fixed_clock;  // --now (outlives every query of the session)
  if (r.count("now")) {
    cypher::TemporalVal t;
    Status s = cypher::ParseTemporal(cypher::TemporalKind::kDateTime, r["now"].as<std::string>(), &t);
    if (!s.ok()) return UsageError(cmd, "--now: " + s.message());
    int64_t secs = 0, nanos = 0;
    cypher::InstantOf(t, &secs, &nanos);
    fixed_clock = cypher::NewFixedClock(secs * 1000000000 + nanos);
    ss.qo.clock = fixed_clock.get();
  }
  if (r.count("param")) {
    for (const auto& kv : r["param"].as<std::vector<std::string>>()) {
      Status s = SetParam(kv, &ss);
      if (!s.ok()) return UsageError(cmd, "--param " + s.message());
    }
  }
  ss.db = r["db"].as<std::string>();
  std::string text, origin;
  if (r.count("query") && r.count("file")) return UsageError(cmd, "give the query as an argument or with --file, not both");
  bool exit_requested = false;
  if (r.count("query")) {
    for (const auto& part : r["query"].as<std::vector<std::string>>()) text += (text.empty() ? "" : " ") + part;
    if (text.find_first_not_of(" \t\r\n;") == std::string::npos) return UsageError(cmd, "empty query");
    // One query as given (a ';' at the end is allowed); several statements run in order.
    auto statements = SplitStatements(text);
    if (statements.size() <= 1 && !statements.empty() && statements[0].text[0] != ':')
      return RunOne(ss, statements[0].text);
    return RunScript(ss, text, "", &exit_requested);
  }
  if (r.count("file") && r["file"].as<std::string>() != "-") {
    origin = r["file"].as<std::string>();
    std::ifstream in(origin);
    if (!in) return FailInput(cmd, Status::NotFound(origin + ": cannot read the file"));
    std::stringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  } else if (!r.count("file") && isatty(STDIN_FILENO)) {
    return Shell(ss);
  } else {
    std::stringstream buf;
    buf << std::cin.rdbuf();
    text = buf.str();
    origin = "stdin";
  }
  if (text.find_first_not_of(" \t\r\n;") == std::string::npos) return UsageError(cmd, "empty query");
  return RunScript(ss, text, origin, &exit_requested);
}

}  // namespace

KG_REGISTER_COMMAND("query", "run a Cypher query (MATCH ... RETURN ...)", QueryMain);

}  // namespace kg::cli
