// kg serve [--db PATH] [--port 8080] [--bind 127.0.0.1] [--refresh S] ...
// A local, read-only browser explorer over the live database (tools/serve/).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cxxopts.hpp>
#include <iostream>
#include <thread>

#include "ingest/artifacts.h"
#include "tools/commands.h"
#include "tools/serve/api.h"
#include "tools/serve/live_graph.h"
#include "tools/serve/server.h"

namespace kg::cli {
namespace {

int ServeMain(int argc, char** argv) {
  const std::string cmd = argv[0];
  cxxopts::Options opts(cmd,
                        "Serve a read-only browser explorer of the database on http://127.0.0.1:8080/: search, "
                        "neighbourhoods with filters and a timeline, the evidence behind every relation, Cypher, "
                        "paths, exports. The database is read as it grows (a cron kg ingest may write meanwhile). "
                        "Open /?q=NAME to start from an entity. The JSON API under /api/ is documented in the README.");
  opts.add_options()
      ("db", "database path", cxxopts::value<std::string>()->default_value(DefaultDbPath()))
      ("port", "TCP port (0 = any free port, printed at start)", cxxopts::value<int>()->default_value("8080"))
      ("bind", "address to listen on (127.0.0.1 = this machine only)",
       cxxopts::value<std::string>()->default_value("127.0.0.1"))
      ("refresh", "seconds between catch-ups with the writer", cxxopts::value<double>()->default_value("2"))
      ("timeout", "Cypher: seconds per query", cxxopts::value<double>()->default_value("30"))
      ("max-rows", "Cypher: rows per query", cxxopts::value<uint64_t>()->default_value("100000"))
      ("max-hops", "Cypher: bound of unbounded * patterns", cxxopts::value<int>()->default_value("10"))
      ("max-memory", "Cypher: stop a query when kg serve uses more memory than SIZE (0 = none)",
       cxxopts::value<std::string>()->default_value("2G"))
      ("threads", "HTTP worker threads", cxxopts::value<int>()->default_value("16"))
      ("web", "directory of the page's files (default: installed with kg)", cxxopts::value<std::string>())
      ("access-log", "print one line per request on stderr")
      ("q,quiet", "print only the URL and errors")
      ("h,help", "show help");
  cxxopts::ParseResult r;
  try {
    r = opts.parse(argc, argv);
  } catch (const std::exception& e) {
    return UsageError(cmd, e.what());
  }
  if (r.count("help")) {
    std::cout << opts.help() << "\n";
    return 0;
  }
  if (!r.unmatched().empty()) return UsageError(cmd, "unexpected argument '" + r.unmatched()[0] + "'");
  const int port = r["port"].as<int>();
  if (port < 0 || port > 65535) return UsageError(cmd, "--port must be between 0 and 65535");
  const double refresh = r["refresh"].as<double>();
  if (!(refresh > 0)) return UsageError(cmd, "--refresh must be > 0 seconds");
  if (r["max-hops"].as<int>() < 1) return UsageError(cmd, "--max-hops must be >= 1");
  if (!(r["timeout"].as<double>() >= 0)) return UsageError(cmd, "--timeout must be a number of seconds >= 0");
  auto max_memory = ParseByteSize(r["max-memory"].as<std::string>());
  if (!max_memory.ok()) return UsageError(cmd, "--max-memory: " + max_memory.status().message());
  const bool quiet = r.count("quiet") > 0;

  // SIGINT/SIGTERM go to one thread that stops the server, so the reader's
  // temporary directory is removed and requests in flight finish. Blocked
  // before any thread (RocksDB's included) starts, so they all inherit it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const std::string db = r["db"].as<std::string>();
  auto graph = OpenGraph(db, {});
  if (!graph.ok()) return FailInput(cmd, graph.status());
  serve::LiveGraph live(std::move(graph).value(), [db] { return OpenGraph(db, {}); });
  if (Status s = live.CatchUp(); !s.ok()) return Fail(cmd, s);

  serve::ApiOptions ao;
  ao.match_name = MatchName;
  ao.max_rows = r["max-rows"].as<uint64_t>();
  ao.timeout_seconds = r["timeout"].as<double>();
  ao.max_hops = r["max-hops"].as<int>();
  ao.max_memory_bytes = *max_memory;
  serve::Api api(&live, ao);

  serve::ServerOptions so;
  so.bind = r["bind"].as<std::string>();
  so.port = port;
  so.threads = r["threads"].as<int>();
  so.access_log = r.count("access-log") > 0;
  so.web_dir = r.count("web") ? r["web"].as<std::string>() : ingest::FindArtifact("web");
  serve::Server server(&api, so);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(cmd, bound.status());

  live.StartRefresh(refresh);
  std::thread stopper([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.Stop();
  });
  const std::string host = so.bind.find(':') != std::string::npos ? "[" + so.bind + "]" : so.bind;
  std::printf("http://%s:%d/\n", host.c_str(), *bound);
  std::fflush(stdout);
  if (!quiet) {
    std::fprintf(stderr, "%s: serving %s read-only; catching up with writers every %g s; Ctrl-C stops\n",
                 cmd.c_str(), db.c_str(), refresh);
    if (so.bind != "127.0.0.1" && so.bind != "localhost" && so.bind != "::1")
      std::fprintf(stderr, "%s: warning: listening on %s: anyone who can reach this address can read the graph\n",
                   cmd.c_str(), so.bind.c_str());
  }
  Status s = server.Listen();
  // Listen() also returns when the server failed: wake the signal thread.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  live.StopRefresh();
  if (!s.ok()) return Fail(cmd, s);
  if (!quiet) std::fprintf(stderr, "%s: stopped\n", cmd.c_str());
  return 0;
}

}  // namespace

KG_REGISTER_COMMAND("serve", "browser explorer of the graph on http://127.0.0.1:8080/ (read-only)", ServeMain);

}  // namespace kg::cli
