// tck_runner: runs openCypher TCK feature files against kg's Cypher engine.
//
//   tck_runner --features DIR [--baseline FILE] [--verbose] [--filter TEXT] FOLDER...
//
// Each expanded scenario (Scenario Outline rows included) runs on a fresh
// in-memory graph. Prints "folder: P passed, F failed, S skipped" per folder
// and a closing "N passed, M failed, K skipped" line. Exit 77 when the
// features directory is missing; with --baseline, exit 1 when fewer scenarios
// pass than the number in that file (a ratchet), else 0.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "query/cypher/engine.h"
#include "query/cypher/parser.h"
#include "query/cypher/procedures.h"
#include "tests/tck/tck_values.h"

namespace fs = std::filesystem;
using namespace kg;

namespace {

struct Step {
  std::string text;                             // keyword stripped ("an empty graph")
  std::string doc;                              // docstring
  std::vector<std::vector<std::string>> table;  // rows of cells
  int line = 0;
};

struct Scenario {
  std::string name;
  std::string file;
  int line = 0;
  std::vector<Step> steps;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> out;
  std::string t = Trim(line);
  // Split on '|' that is not inside a quoted string.
  std::string cur;
  bool quoted = false;
  for (size_t i = 1; i < t.size(); ++i) {
    char c = t[i];
    // Gherkin table escapes: \\ is a backslash, \| a bar, \n a newline.
    if (c == '\\' && i + 1 < t.size() && (t[i + 1] == '\\' || t[i + 1] == '|')) {
      cur.push_back(t[++i]);
      continue;
    }
    if (c == '\\' && i + 1 < t.size() && t[i + 1] == 'n') {
      cur.push_back('\n');
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < t.size() && quoted) {
      cur.push_back(c);
      cur.push_back(t[++i]);
      continue;
    }
    if (c == '\'') quoted = !quoted;
    if (c == '|' && !quoted) {
      out.push_back(Trim(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

std::string Subst(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [k, v] : vars) {
    std::string pat = "<" + k + ">";
    for (size_t p = s.find(pat); p != std::string::npos; p = s.find(pat, p + v.size()))
      s.replace(p, pat.size(), v);
  }
  return s;
}

Step SubstStep(const Step& st, const std::map<std::string, std::string>& vars) {
  Step o = st;
  o.text = Subst(st.text, vars);
  o.doc = Subst(st.doc, vars);
  for (auto& row : o.table)
    for (auto& c : row) c = Subst(c, vars);
  return o;
}

std::vector<Scenario> ParseFeature(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Scenario> out;
  std::vector<Step> background;
  Scenario cur;
  bool in_scenario = false, outline = false, in_background = false;
  std::vector<std::vector<std::string>> examples;
  std::vector<Step>* steps = nullptr;
  auto flush = [&]() {
    if (!in_scenario) return;
    if (!outline) {
      out.push_back(cur);
    } else if (examples.size() > 1) {
      for (size_t r = 1; r < examples.size(); ++r) {
        std::map<std::string, std::string> vars;
        for (size_t c = 0; c < examples[0].size() && c < examples[r].size(); ++c)
          vars[examples[0][c]] = examples[r][c];
        Scenario s = cur;
        s.name += " #" + std::to_string(r);
        for (auto& st : s.steps) st = SubstStep(st, vars);
        out.push_back(std::move(s));
      }
    }
    in_scenario = false;
    examples.clear();
  };
  bool in_examples = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.empty() || t[0] == '#') continue;
    if (t.rfind("Background:", 0) == 0) {
      in_background = true;
      steps = &background;
      continue;
    }
    if (t.rfind("Scenario", 0) == 0) {
      flush();
      in_background = false;
      in_examples = false;
      cur = Scenario();
      cur.name = Trim(t.substr(t.find(':') + 1));
      cur.file = path;
      cur.line = static_cast<int>(i + 1);
      cur.steps = background;
      outline = t.rfind("Scenario Outline", 0) == 0;
      in_scenario = true;
      steps = &cur.steps;
      continue;
    }
    if (t.rfind("Examples", 0) == 0) {
      in_examples = true;
      continue;
    }
    if (t.rfind("Feature", 0) == 0 || t[0] == '@') continue;
    if (t[0] == '|') {
      if (in_examples) examples.push_back(Cells(t));
      else if (steps && !steps->empty()) steps->back().table.push_back(Cells(t));
      continue;
    }
    if (t.rfind("\"\"\"", 0) == 0) {
      std::string indent = lines[i].substr(0, lines[i].find('"'));
      std::string doc;
      for (++i; i < lines.size() && Trim(lines[i]) != "\"\"\""; ++i) {
        std::string l = lines[i];
        if (l.rfind(indent, 0) == 0) l = l.substr(indent.size());
        doc += l + "\n";
      }
      if (steps && !steps->empty()) steps->back().doc = doc;
      continue;
    }
    for (const char* kw : {"Given ", "When ", "Then ", "And ", "But "}) {
      if (t.rfind(kw, 0) == 0 && steps) {
        Step st;
        st.text = Trim(t.substr(std::char_traits<char>::length(kw)));
        st.line = static_cast<int>(i + 1);
        steps->push_back(st);
        break;
      }
    }
    (void)in_background;
  }
  flush();
  return out;
}

struct Snapshot {
  std::set<uint64_t> nodes, rels;
  std::set<std::string> labels, props;
};

Snapshot Snap(const Graph& g) {
  Snapshot s;
  (void)g.ScanNodes("", [&](const Node& n) {
    s.nodes.insert(n.id);
    for (const auto& l : n.labels) s.labels.insert(l);
    for (auto it = n.props.begin(); it != n.props.end(); ++it)
      s.props.insert("n" + std::to_string(n.id) + "." + it.key() + "=" + it.value().dump());
    return true;
  });
  (void)g.ScanRels([&](const Rel& r) {
    s.rels.insert(r.id);
    for (auto it = r.props.begin(); it != r.props.end(); ++it)
      s.props.insert("r" + std::to_string(r.id) + "." + it.key() + "=" + it.value().dump());
    return true;
  });
  return s;
}

template <typename T>
int64_t Minus(const std::set<T>& a, const std::set<T>& b) {
  int64_t n = 0;
  for (const auto& x : a)
    if (!b.count(x)) ++n;
  return n;
}

enum class Outcome { kPass, kFail, kSkip };

// "there exists a procedure test.my.proc(name :: STRING?, in :: INTEGER?) :: (out :: INTEGER?):"
// with a table whose columns are the inputs then the outputs.
Status AddTestProcedure(const Step& st, cypher::ProcedureRegistry* reg) {
  const std::string& t = st.text;
  const std::string lead = "there exists a procedure ";
  size_t open = t.find('(', lead.size());
  size_t close = t.find(')', open);
  size_t open2 = t.find('(', close);
  size_t close2 = t.rfind(')');
  if (open == std::string::npos || close == std::string::npos || open2 == std::string::npos ||
      close2 < open2)
    return Status::InvalidArgument("cannot read procedure signature: " + t);
  cypher::ProcSignature sig;
  sig.name = Trim(t.substr(lead.size(), open - lead.size()));
  auto fields = [](const std::string& list, std::vector<cypher::ProcField>* out) {
    std::stringstream ss(list);
    for (std::string f; std::getline(ss, f, ',');) {
      size_t c = f.find("::");
      if (c == std::string::npos) continue;
      out->push_back({Trim(f.substr(0, c)), Trim(f.substr(c + 2))});
    }
  };
  fields(t.substr(open + 1, close - open - 1), &sig.inputs);
  fields(t.substr(open2 + 1, close2 - open2 - 1), &sig.outputs);
  std::vector<std::vector<cypher::Value>> rows;
  for (size_t i = 1; i < st.table.size(); ++i) {
    std::vector<cypher::Value> row;
    for (const auto& cell : st.table[i]) row.push_back(cypher::ParseParamValue(cell));
    rows.push_back(std::move(row));
  }
  reg->Add(cypher::NewTableProcedure(std::move(sig), std::move(rows)));
  return Status::OK();
}

struct Runner {
  fs::path root;  // .../opencypher-tck
  bool verbose = false;
  std::string why;
  int64_t wrong_error = 0;  // scenarios that raised an error, but not the expected one

  Outcome Fail(const std::string& m) {
    why = m;
    return Outcome::kFail;
  }

  Outcome Run(const Scenario& sc) {
    auto g = Graph::Open(NewMemStore());
    if (!g.ok()) return Fail("open: " + g.status().ToString());
    Graph* graph = g->get();
    cypher::QueryOptions opt;
    opt.timeout_seconds = 10;
    // The TCK checks semantics, not kg's resource guards: unbounded * patterns
    // may go deeper than kg query's default of 10 hops (Match4 walks 21).
    opt.max_var_length = 32;
    cypher::ProcedureRegistry procedures;
    opt.procedures = &procedures;
    cypher::Map params;
    Result<cypher::QueryResult> result = Status::InvalidArgument("no query executed");
    bool executed = false;
    std::string query;
    Snapshot before;
    for (const Step& st : sc.steps) {
      const std::string& t = st.text;
      if (t == "an empty graph" || t == "any graph") continue;
      if (t.rfind("the ", 0) == 0 && t.size() > 10 && t.substr(t.size() - 6) == " graph") {
        std::string name = t.substr(4, t.size() - 10);
        std::ifstream in(root / "graphs" / name / (name + ".cypher"));
        if (!in) return Outcome::kSkip;
        std::stringstream ss;
        ss << in.rdbuf();
        auto r = cypher::RunQuery(graph, ss.str(), opt, {});
        if (!r.ok()) return Fail("graph setup failed: " + r.status().message());
        continue;
      }
      if (t == "having executed:") {
        auto r = cypher::RunQuery(graph, st.doc, opt, params);
        if (!r.ok()) return Fail("setup query failed: " + r.status().message());
        continue;
      }
      if (t == "parameters are:") {
        for (const auto& row : st.table) {
          if (row.size() < 2) continue;
          params[row[0]] = cypher::ParseParamValue(row[1]);
        }
        continue;
      }
      if (t == "executing query:" || t == "executing control query:") {
        before = Snap(*graph);
        query = st.doc;
        result = cypher::RunQuery(graph, st.doc, opt, params);
        executed = true;
        continue;
      }
      if (t.rfind("there exists a procedure", 0) == 0) {
        Status s = AddTestProcedure(st, &procedures);
        if (!s.ok()) return Fail(s.message());
        continue;
      }
      if (t.rfind("the result should be", 0) == 0) {
        if (!executed) return Outcome::kSkip;
        if (!result.ok()) return Fail("query failed: " + result.status().message());
        Outcome o = CompareRows(*graph, st, *result);
        if (o != Outcome::kPass) return o;
        continue;
      }
      if (t.find("should be raised") != std::string::npos) {
        if (!executed) return Outcome::kSkip;
        if (result.ok()) return Fail("expected an error (" + t + "), got " + std::to_string(result->rows.size()) + " rows");
        // The engine names the TCK error detail in its messages ("... (VariableTypeConflict)");
        // a different error is a failure. Timeouts/limits never count.
        std::string detail = t.substr(t.rfind(':') + 1);
        detail = detail.substr(detail.find_first_not_of(' '));
        if (result.status().code() == Status::Code::kTimeout)
          return Fail("expected " + detail + ", got a guard: " + result.status().message());
        // UnexpectedSyntax: any rejection by the parser itself.
        bool parse_error = !cypher::Parse(query).ok();
        if (detail == "UnexpectedSyntax" && parse_error) continue;
        if (detail != "*" && result.status().message().find(detail) == std::string::npos) {
          ++wrong_error;
          return Fail("expected " + detail + ", got: " + result.status().message());
        }
        continue;
      }
      if (t == "no side effects" || t == "the side effects should be:") {
        if (!result.ok()) return Fail("query failed: " + result.status().message());
        Snapshot after = Snap(*graph);
        std::map<std::string, int64_t> got = {
            {"+nodes", Minus(after.nodes, before.nodes)}, {"-nodes", Minus(before.nodes, after.nodes)},
            {"+relationships", Minus(after.rels, before.rels)},
            {"-relationships", Minus(before.rels, after.rels)},
            {"+labels", Minus(after.labels, before.labels)}, {"-labels", Minus(before.labels, after.labels)},
            {"+properties", Minus(after.props, before.props)},
            {"-properties", Minus(before.props, after.props)}};
        std::map<std::string, int64_t> want;
        for (const auto& row : st.table)
          if (row.size() >= 2) want[row[0]] = std::atoll(row[1].c_str());
        for (const auto& [k, v] : got) {
          int64_t w = want.count(k) ? want[k] : 0;
          if (w != v) return Fail("side effect " + k + ": expected " + std::to_string(w) + ", got " + std::to_string(v));
        }
        continue;
      }
      return Outcome::kSkip;  // unknown step
    }
    return executed ? Outcome::kPass : Outcome::kSkip;
  }

  Outcome CompareRows(const Graph& g, const Step& st, const cypher::QueryResult& r) {
    const std::string& t = st.text;
    if (t == "the result should be empty") {
      if (!r.rows.empty()) return Fail("expected no rows, got " + std::to_string(r.rows.size()));
      return Outcome::kPass;
    }
    bool ordered = t.find("in order") != std::string::npos && t.find("any order") == std::string::npos;
    bool ul = t.find("ignoring element order") != std::string::npos;
    if (st.table.empty()) return Outcome::kSkip;
    const auto& header = st.table[0];
    // Column mapping by name.
    std::vector<size_t> idx;
    for (const auto& h : header) {
      auto it = std::find(r.columns.begin(), r.columns.end(), h);
      if (it == r.columns.end()) return Fail("missing column '" + h + "'");
      idx.push_back(static_cast<size_t>(it - r.columns.begin()));
    }
    if (r.columns.size() != header.size()) return Fail("column count differs");
    std::vector<std::vector<tck::TV>> want, got;
    for (size_t i = 1; i < st.table.size(); ++i) {
      std::vector<tck::TV> row;
      for (const auto& c : st.table[i]) {
        auto v = tck::ParseTV(c);
        if (!v.ok()) return Fail("cannot parse expected value: " + v.status().message());
        row.push_back(std::move(v).value());
      }
      want.push_back(std::move(row));
    }
    for (const auto& row : r.rows) {
      std::vector<tck::TV> out;
      for (size_t c : idx) {
        auto v = tck::FromValue(g, row[c]);
        if (!v.ok()) return Fail("cannot read result value: " + v.status().message());
        out.push_back(std::move(v).value());
      }
      got.push_back(std::move(out));
    }
    auto row_same = [&](const std::vector<tck::TV>& a, const std::vector<tck::TV>& b) {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!tck::Same(a[i], b[i], ul)) return false;
      return true;
    };
    auto show = [](const std::vector<tck::TV>& row) {
      std::string s = "|";
      for (const auto& v : row) s += " " + tck::Show(v) + " |";
      return s;
    };
    if (want.size() != got.size()) {
      std::string m = "expected " + std::to_string(want.size()) + " rows, got " + std::to_string(got.size());
      for (size_t i = 0; i < got.size() && i < 5; ++i) m += "\n      got " + show(got[i]);
      return Fail(m);
    }
    if (ordered) {
      for (size_t i = 0; i < want.size(); ++i)
        if (!row_same(want[i], got[i])) return Fail("row " + std::to_string(i) + ": expected " + show(want[i]) + ", got " + show(got[i]));
      return Outcome::kPass;
    }
    std::vector<bool> used(got.size());
    for (const auto& w : want) {
      bool hit = false;
      for (size_t j = 0; j < got.size() && !hit; ++j)
        if (!used[j] && row_same(w, got[j])) used[j] = hit = true;
      if (!hit) {
        std::string m = "expected row " + show(w) + " not found";
        for (size_t i = 0; i < got.size() && i < 5; ++i) m += "\n      got " + show(got[i]);
        return Fail(m);
      }
    }
    return Outcome::kPass;
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string features, baseline, filter;
  bool verbose = false;
  std::vector<std::string> folders;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--features" && i + 1 < argc) features = argv[++i];
    else if (a == "--baseline" && i + 1 < argc) baseline = argv[++i];
    else if (a == "--filter" && i + 1 < argc) filter = argv[++i];
    else if (a == "--verbose" || a == "-v") verbose = true;
    else if (a == "--help" || a == "-h") {
      std::printf("usage: tck_runner --features DIR [--baseline FILE] [--verbose] [--filter TEXT] FOLDER...\n");
      return 0;
    } else folders.push_back(a);
  }
  if (features.empty() || !fs::is_directory(features)) {
    std::printf("TCK features not found at '%s'; skipping\n", features.c_str());
    return 77;
  }
  Runner runner;
  runner.root = fs::path(features).parent_path();
  runner.verbose = verbose;
  if (folders.empty()) {
    for (const auto& top : {"clauses", "expressions", "useCases"})
      for (const auto& d : fs::directory_iterator(fs::path(features) / top))
        if (d.is_directory()) folders.push_back(std::string(top) + "/" + d.path().filename().string());
    std::sort(folders.begin(), folders.end());
  }
  int64_t tp = 0, tf = 0, ts = 0;
  for (const auto& folder : folders) {
    std::vector<fs::path> files;
    fs::path dir = fs::path(features) / folder;
    if (!fs::is_directory(dir)) {
      std::printf("%s: missing\n", folder.c_str());
      continue;
    }
    for (const auto& f : fs::directory_iterator(dir))
      if (f.path().extension() == ".feature") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    int64_t p = 0, f = 0, s = 0;
    for (const auto& file : files) {
      for (const Scenario& sc : ParseFeature(file.string())) {
        std::string label = file.filename().string() + ":" + std::to_string(sc.line) + " " + sc.name;
        if (!filter.empty() && label.find(filter) == std::string::npos) continue;
        runner.why.clear();
        Outcome o = runner.Run(sc);
        if (o == Outcome::kPass) ++p;
        else if (o == Outcome::kSkip) ++s;
        else {
          ++f;
          if (verbose) std::printf("FAIL %s\n    %s\n", label.c_str(), runner.why.c_str());
        }
      }
    }
    std::printf("%s: %lld passed, %lld failed, %lld skipped\n", folder.c_str(), (long long)p,
                (long long)f, (long long)s);
    tp += p;
    tf += f;
    ts += s;
  }
  if (runner.wrong_error)
    std::printf("(%lld of the failures raised an error, but not the expected one)\n",
                (long long)runner.wrong_error);
  std::printf("%lld passed, %lld failed, %lld skipped\n", (long long)tp, (long long)tf, (long long)ts);
  if (!baseline.empty()) {
    std::ifstream in(baseline);
    long long want = 0;
    if (!(in >> want)) {
      std::fprintf(stderr, "cannot read baseline %s\n", baseline.c_str());
      return 1;
    }
    if (tp < want) {
      std::fprintf(stderr, "TCK ratchet: %lld passed < baseline %lld\n", (long long)tp, want);
      return 1;
    }
    if (tp > want)
      std::printf("TCK ratchet: %lld passed > baseline %lld; raise %s\n", (long long)tp, want, baseline.c_str());
  }
  return 0;
}
