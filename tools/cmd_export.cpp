// kg export --format graphml|gexf|neo4j|cytoscape|ntriples|dot [-o FILE|DIR] [filters]
#include <chrono>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "graph/export/export.h"
#include "tools/commands.h"
#include "tools/snapshot_cli.h"

namespace kg::cli {
namespace {

int ExportMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Write the graph (or a filtered part) for other tools. Default: every node and "
                        "every relationship (typed + co_mentioned) as GraphML on stdout.");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("f,format", "graphml, gexf, neo4j, cytoscape, ntriples or dot",
       cxxopts::value<std::string>()->default_value("graphml"))
      ("o,output", "output file (default stdout); for neo4j a directory (required)",
       cxxopts::value<std::string>())
      ("gexf-version", "1.2draft (Gephi, NetworkX read_gexf) or 1.3",
       cxxopts::value<std::string>()->default_value("1.2draft"))
      ("base-iri", "N-Triples IRI base", cxxopts::value<std::string>()->default_value("https://kg.invalid/"))
      ("no-evidence-counts", "skip per-relation evidence counts (faster on huge graphs)")
      ("timings", "print the time of each phase (load, metrics, write) to stderr")
      ("h,help", "show help");
  AddSnapshotFilterOptions(&opts);
  cxxopts::ParseResult r;
  try {
    r = opts.parse(argc, argv);
  } catch (const std::exception& e) {
    return UsageError(cmd, e.what());
  }
  if (r.count("help")) {
    std::cout << opts.help({"", "filters"}) << "\n";
    return 0;
  }
  if (!r.unmatched().empty()) return UsageError(cmd, "unexpected argument '" + r.unmatched()[0] + "'");
  auto format = exp::ParseFormat(r["format"].as<std::string>());
  if (!format.ok()) return UsageError(cmd, format.status().message());
  exp::ExportOptions eo;
  eo.gexf_version = r["gexf-version"].as<std::string>();
  if (eo.gexf_version != "1.3" && eo.gexf_version != "1.2draft")
    return UsageError(cmd, "--gexf-version must be 1.3 or 1.2draft");
  eo.base_iri = r["base-iri"].as<std::string>();
  const std::string output = r.count("output") ? r["output"].as<std::string>() : "";
  if (*format == exp::Format::kNeo4j && (output.empty() || output == "-"))
    return UsageError(cmd, "--format neo4j writes nodes.csv and relationships.csv: give a directory with -o");

  const bool timings = r.count("timings") > 0;
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  auto phase = [&](const char* what) {
    if (!timings) return;
    auto t1 = Clock::now();
    std::fprintf(stderr, "%s: %s %.3f s\n", cmd.c_str(), what,
                 std::chrono::duration<double>(t1 - t0).count());
    t0 = t1;
  };

  auto graph = OpenGraph(r["db"].as<std::string>(), {});
  if (!graph.ok()) return FailInput(cmd, graph.status());
  phase("open");
  auto snap = LoadFilteredSnapshot(**graph, r, r.count("no-evidence-counts") == 0);
  if (!snap.ok()) return Fail(cmd, snap.status());
  phase("load snapshot");
  const exp::NodeMetrics metrics = exp::ComputeMetrics(*snap);
  phase("degree + pagerank");

  if (*format == exp::Format::kNeo4j) {
    if (Status s = exp::WriteNeo4jDir(*snap, metrics, output); !s.ok()) return Fail(cmd, s);
    phase("write");
    std::fprintf(stderr, "%s: wrote %zu nodes, %zu relationships to %s/{nodes,relationships}.csv\n"
                 "import with:\n  %s\n",
                 cmd.c_str(), snap->nodes().size(), snap->rels().size(), output.c_str(),
                 exp::Neo4jImportCommand(output).c_str());
    return 0;
  }
  std::unique_ptr<exp::Sink> file;
  std::unique_ptr<exp::Sink> out;
  exp::Sink* sink;
  if (output.empty() || output == "-") {
    out = std::make_unique<exp::Sink>(stdout, "stdout");
    sink = out.get();
  } else {
    auto f = exp::Sink::OpenFile(output);
    if (!f.ok()) return Fail(cmd, f.status());
    file = std::move(f).value();
    sink = file.get();
  }
  if (Status s = exp::Write(*format, *snap, metrics, eo, sink); !s.ok()) return Fail(cmd, s);
  if (Status s = sink->Finish(); !s.ok()) return Fail(cmd, s);
  phase("write");
  if (file)
    std::fprintf(stderr, "%s: wrote %zu nodes, %zu edges to %s (%s)\n", cmd.c_str(),
                 snap->nodes().size(), snap->rels().size(), output.c_str(), exp::FormatName(*format));
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("export", "write the graph as GraphML, GEXF, Neo4j CSV, Cytoscape JSON, N-Triples or DOT",
                    ExportMain);

}  // namespace kg::cli
