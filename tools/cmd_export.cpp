// kg export --format graphml|gexf|neo4j|cytoscape|ntriples|dot [-o FILE|DIR] [filters]
#include <chrono>
#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>

#include "graph/export/export.h"
#include "ingest/artifacts.h"
#include "tools/commands.h"
#include "tools/serve/html_export.h"
#include "tools/snapshot_cli.h"

namespace kg::cli {
namespace {

// The HTML page's title and the filters it was exported with (shown on the page).
serve::HtmlExportOptions HtmlOptions(const cxxopts::ParseResult& r) {
  serve::HtmlExportOptions o;
  o.web_dir = ingest::FindArtifact("web");
  std::vector<std::string> parts;
  if (r.count("around")) {
    parts.push_back("around " + r["around"].as<std::string>() + " (depth " + std::to_string(r["depth"].as<int>()) + ")");
    o.title = "kg: around " + r["around"].as<std::string>();
  }
  if (r.count("since")) parts.push_back("since " + r["since"].as<std::string>());
  if (r.count("until")) parts.push_back("until " + r["until"].as<std::string>());
  if (r.count("predicate"))
    for (const auto& p : r["predicate"].as<std::vector<std::string>>()) parts.push_back("predicate " + p);
  if (r["min-support"].as<int64_t>() > 0) parts.push_back("min support " + std::to_string(r["min-support"].as<int64_t>()));
  if (r.count("no-co-mentions")) parts.push_back("no co-mentions");
  if (r.count("cypher")) parts.push_back("Cypher: " + r["cypher"].as<std::string>());
  for (const auto& p : parts) o.description += (o.description.empty() ? "" : "; ") + p;
  return o;
}

int ExportMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Write the graph (or a filtered part) for other tools. Default: every node and "
                        "every relationship (typed + co_mentioned) as GraphML on stdout.");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("f,format", "graphml, gexf, neo4j, cytoscape, ntriples, dot or html (the browser view, one offline file)",
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
  const bool html = r["format"].as<std::string>() == "html";
  auto format = html ? Result<exp::Format>(exp::Format::kCytoscape) : exp::ParseFormat(r["format"].as<std::string>());
  if (!format.ok()) return UsageError(cmd, format.status().message());
  exp::ExportOptions eo;
  eo.gexf_version = r["gexf-version"].as<std::string>();
  if (eo.gexf_version != "1.3" && eo.gexf_version != "1.2draft")
    return UsageError(cmd, "--gexf-version must be 1.3 or 1.2draft");
  eo.base_iri = r["base-iri"].as<std::string>();
  const std::string output = r.count("output") ? r["output"].as<std::string>() : "";
  if (html && ingest::FindArtifact("web").empty())
    return Fail(cmd, Status::NotFound("the browser page is not installed (no share/kg/web beside kg); build kg after "
                                      "scripts/setup.sh has fetched its libraries"));
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
  Status written = html ? serve::WriteHtml(**graph, *snap, metrics, HtmlOptions(r), sink)
                        : exp::Write(*format, *snap, metrics, eo, sink);
  if (!written.ok()) return Fail(cmd, written);
  if (Status s = sink->Finish(); !s.ok()) return Fail(cmd, s);
  phase("write");
  if (file)
    std::fprintf(stderr, "%s: wrote %zu nodes, %zu edges to %s (%s)\n", cmd.c_str(),
                 snap->nodes().size(), snap->rels().size(), output.c_str(), html ? "html" : exp::FormatName(*format));
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("export", "write the graph as GraphML, GEXF, Neo4j CSV, Cytoscape JSON, N-Triples or DOT",
                    ExportMain);

}  // namespace kg::cli
