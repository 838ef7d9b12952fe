// Query-file tests (sqllogictest style): tests/query/cases/*.test.
//
//   statement ok            run, expect success         statement error    expect failure
//   CREATE (...)                                         <query>
//                                                        ----
//                                                        <substring of the error message>
//   query [ordered]         run and compare output: a header line with the
//   MATCH ... RETURN ...    column names, then one line per row; cells are
//   ----                    Cypher text (strings quoted) separated by " | ".
//   name | n                Without "ordered" the rows are compared sorted.
//   'a' | 1
//
// Blocks are separated by blank lines; '#' starts a comment line. Each file
// runs on a fresh in-memory graph. The clock is fixed at 2024-06-15T10:30Z,
// so date(), datetime() ... give the same answer every run.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/graph.h"
#include "query/cypher/engine.h"
#include "query/cypher/format.h"

namespace {

using namespace kg;

struct Block {
  std::string kind;  // "statement ok", "statement error", "query", "query ordered"
  std::string text;
  std::vector<std::string> expected;
  int line = 0;
};

std::vector<Block> ReadBlocks(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Block> out;
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].empty() || lines[i][0] == '#') {
      ++i;
      continue;
    }
    Block b;
    b.kind = lines[i];
    b.line = static_cast<int>(i + 1);
    ++i;
    while (i < lines.size() && !lines[i].empty() && lines[i] != "----") b.text += lines[i++] + "\n";
    if (i < lines.size() && lines[i] == "----") {
      ++i;
      while (i < lines.size() && !lines[i].empty()) b.expected.push_back(lines[i++]);
    }
    out.push_back(std::move(b));
  }
  return out;
}

std::string Render(const Graph& g, const cypher::QueryResult& r, std::vector<std::string>* rows) {
  std::string header;
  for (size_t i = 0; i < r.columns.size(); ++i) header += (i ? " | " : "") + r.columns[i];
  for (const auto& row : r.rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      auto t = cypher::FormatValue(g, row[i]);
      line += (i ? " | " : "") + (t.ok() ? *t : "<" + t.status().message() + ">");
    }
    rows->push_back(line);
  }
  return header;
}

}  // namespace

TEST_CASE("Cypher query files: tests/query/cases/*.test", "[cypher][cases]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(KG_SOURCE_DIR) / "tests" / "query" / "cases";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      auto g = Graph::Open(NewMemStore());
      REQUIRE(g.ok());
      cypher::QueryOptions opt;
      auto clock = cypher::NewFixedClock(int64_t{1718447400} * 1000000000);
      opt.clock = clock.get();
      for (const Block& b : ReadBlocks(file.string())) {
        INFO(file.filename().string() << ":" << b.line << "\n" << b.text);
        auto r = cypher::RunQuery(g->get(), b.text, opt, {});
        if (b.kind == "statement ok") {
          CHECK(r.status().message() == "");
          CHECK(r.ok());
        } else if (b.kind == "statement error") {
          REQUIRE_FALSE(r.ok());
          for (const auto& want : b.expected) CHECK_THAT(r.status().message(), Catch::Contains(want));
        } else if (b.kind == "query" || b.kind == "query ordered") {
          REQUIRE(r.status().message() == "");
          std::vector<std::string> rows;
          std::string header = Render(**g, *r, &rows);
          REQUIRE(!b.expected.empty());
          CHECK(header == b.expected[0]);
          std::vector<std::string> want(b.expected.begin() + 1, b.expected.end());
          if (b.kind == "query") {
            std::sort(rows.begin(), rows.end());
            std::sort(want.begin(), want.end());
          }
          CHECK(rows == want);
        } else {
          FAIL("unknown block kind '" << b.kind << "'");
        }
      }
    }
  }
}
