// Graph fixtures for tests that run against both stores
// (TEMPLATE_TEST_CASE(..., MemGraph, RocksGraph)). Each RocksGraph owns a
// fresh temporary directory, removed on destruction; Open() may be called
// again to reopen the same database.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "graph/graph.h"
#include "graph/rocks_store.h"

namespace kg::testing {

struct MemGraph {
  std::unique_ptr<kg::Graph> Open() { return std::move(kg::Graph::Open(kg::NewMemStore())).value(); }
};

struct RocksGraph {
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("kg-graph-test-" + std::to_string(std::random_device{}())))
                        .string();
  ~RocksGraph() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::unique_ptr<kg::Graph> Open() {
    auto s = kg::OpenRocksStore(dir, kg::RocksOptions{});
    REQUIRE(s.ok());
    auto g = kg::Graph::Open(std::move(s).value());
    REQUIRE(g.ok());
    return std::move(g).value();
  }
};

}  // namespace kg::testing
