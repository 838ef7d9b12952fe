// kg query 'CYPHER' | -f FILE | (stdin) [--param k=v]... [--format table|jsonl|csv]
//          [--max-rows N] [--timeout S] [--max-hops N] [--db PATH]
// Runs one Cypher query (kg's subset, see query/cypher/README.md) on the graph.
// With no query on a terminal, starts a small interactive shell (queries end with ';').
#include <unistd.h>

#include <cstdio>
#include <cxxopts.hpp>
#include <fstream>
#include <iostream>
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

int RunOne(const std::string& cmd, const std::string& text, const std::string& db,
           const cypher::QueryOptions& qo, const cypher::Map& params, const std::string& format) {
  auto writes = cypher::QueryWrites(text);
  if (!writes.ok()) return Fail(cmd, writes.status());
  OpenOptions oo;
  oo.write = *writes;
  oo.must_exist = !*writes;
  oo.wait_seconds = *writes ? 10 : 0;
  auto graph = OpenGraph(db, oo);
  if (!graph.ok()) return Fail(cmd, graph.status());
  Printer p{graph->get(), format, {}, {}, Status::OK()};
  cypher::QueryStats stats;
  std::vector<std::string> warnings;
  cypher::QueryOptions o = qo;
  o.read_only = !*writes;
  Status s = cypher::RunQueryStreaming(
      graph->get(), text, o, params, [&](const std::vector<std::string>& c) { p.Columns(c); },
      [&](const std::vector<cypher::Value>& row) { return p.Row(row); }, &stats, &warnings);
  p.FlushTable();
  std::fflush(stdout);
  for (const auto& w : warnings) std::fprintf(stderr, "%s: note: %s\n", cmd.c_str(), w.c_str());
  if (stats.any()) std::fprintf(stderr, "%s: %s\n", cmd.c_str(), StatsLine(stats).c_str());
  if (!p.error.ok()) return Fail(cmd, p.error);
  if (!s.ok()) return Fail(cmd, s);
  return 0;
}

int QueryMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd, "Run a Cypher query (kg's subset; see query/cypher/README.md) on the graph.");
  opts.positional_help("'CYPHER'");
  opts.add_options()("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))(
      "f,file", "read the query from FILE ('-' = stdin)", cxxopts::value<std::string>())(
      "p,param", "query parameter name=value (Cypher literal or JSON; repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "format", "table, jsonl or csv", cxxopts::value<std::string>()->default_value("table"))(
      "max-rows", "stop with an error after this many result rows",
      cxxopts::value<uint64_t>()->default_value("100000"))(
      "timeout", "stop with an error after this many seconds (0 = none)",
      cxxopts::value<double>()->default_value("30"))(
      "max-hops", "upper bound for unbounded variable-length patterns (*)",
      cxxopts::value<int>()->default_value("10"))(
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
                 "  kg query --param name=\"'Olaf Scholz'\" \"MATCH (a {name: \\$name})--(b) RETURN b.name\"\n"
                 "  kg query -f query.cypher --format jsonl\n";
    return 0;
  }
  const std::string format = r["format"].as<std::string>();
  if (format != "table" && format != "jsonl" && format != "csv")
    return UsageError(cmd, "--format must be table, jsonl or csv");
  cypher::QueryOptions qo;
  qo.max_rows = r["max-rows"].as<uint64_t>();
  qo.timeout_seconds = r["timeout"].as<double>();
  qo.max_var_length = r["max-hops"].as<int>();
  if (qo.max_var_length < 1) return UsageError(cmd, "--max-hops must be >= 1");
  cypher::Map params;
  if (r.count("param")) {
    for (const auto& kv : r["param"].as<std::vector<std::string>>()) {
      size_t eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) return UsageError(cmd, "--param expects name=value, got '" + kv + "'");
      params[kv.substr(0, eq)] = cypher::ParseParamValue(kv.substr(eq + 1));
    }
  }
  const std::string db = r["db"].as<std::string>();
  std::string text;
  if (r.count("query") && r.count("file")) return UsageError(cmd, "give the query as an argument or with -f, not both");
  if (r.count("query")) {
    for (const auto& part : r["query"].as<std::vector<std::string>>()) text += (text.empty() ? "" : " ") + part;
  } else if (r.count("file") && r["file"].as<std::string>() != "-") {
    std::ifstream in(r["file"].as<std::string>());
    if (!in) return Fail(cmd, Status::IOError("cannot read " + r["file"].as<std::string>()));
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  } else if (!r.count("file") && isatty(STDIN_FILENO)) {
    // Interactive shell: statements end with ';', an empty line or "exit" quits.
    std::fprintf(stderr, "kg query shell on %s — end queries with ';', Ctrl-D to quit\n", db.c_str());
    std::string buf, line;
    int rc = 0;
    while (true) {
      std::fprintf(stderr, buf.empty() ? "kg> " : "... ");
      if (!std::getline(std::cin, line)) break;
      if (buf.empty() && (line == "exit" || line == "quit" || line == ":q")) break;
      buf += line + "\n";
      auto end = buf.find_last_not_of(" \t\n");
      if (end != std::string::npos && buf[end] == ';') {
        rc = RunOne(cmd, buf, db, qo, params, format);
        buf.clear();
      }
    }
    return rc;
  } else {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return UsageError(cmd, "empty query");
  return RunOne(cmd, text, db, qo, params, format);
}

}  // namespace

KG_REGISTER_COMMAND("query", "run a Cypher query (MATCH ... RETURN ...)", QueryMain);

}  // namespace kg::cli
