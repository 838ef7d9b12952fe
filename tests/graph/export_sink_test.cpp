// exp::Sink: outputs larger than one buffer go through the background writer
// in order; write errors surface in Finish().
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "graph/export/sink.h"

namespace fs = std::filesystem;

namespace {

std::string TempPath(const std::string& tag) {
  return (fs::temp_directory_path() /
          ("kg-sink-test-" + tag + "-" + std::to_string(std::random_device{}())))
      .string();
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Appends numbered lines through the Sink like an exporter does; returns what was written.
std::string Fill(kg::exp::Sink* sink, size_t bytes) {
  std::string expect;
  for (size_t i = 0; expect.size() < bytes; ++i) {
    std::string line = "<edge id=\"e" + std::to_string(i) + "\"/>\n";
    sink->Put(line);
    expect += line;
    sink->MaybeFlush();
  }
  return expect;
}

}  // namespace

TEST_CASE("Sink: a multi-megabyte file output arrives complete and in order", "[export]") {
  const std::string path = TempPath("big");
  std::string expect;
  {
    auto sink = kg::exp::Sink::OpenFile(path);
    REQUIRE(sink.ok());
    expect = Fill(sink->get(), 7 * (1 << 20) + 123);
    kg::Status s = (*sink)->Finish();
    INFO(s.ToString());
    REQUIRE(s.ok());
  }
  CHECK(ReadAll(path) == expect);
  fs::remove(path);
}

TEST_CASE("Sink: small outputs and string targets", "[export]") {
  std::string out;
  kg::exp::Sink str(&out);
  const std::string expect = Fill(&str, 3 * (1 << 20));
  REQUIRE(str.Finish().ok());
  CHECK(out == expect);

  const std::string path = TempPath("small");
  auto sink = kg::exp::Sink::OpenFile(path);
  REQUIRE(sink.ok());
  (*sink)->Put("<graphml/>\n");
  REQUIRE((*sink)->Finish().ok());
  CHECK(ReadAll(path) == "<graphml/>\n");
  fs::remove(path);
}

TEST_CASE("Sink: destroyed without Finish leaves the previous file (no partial export)", "[export]") {
  const std::string path = TempPath("nofinish");
  std::ofstream(path) << "previous export\n";
  {
    auto sink = kg::exp::Sink::OpenFile(path);
    REQUIRE(sink.ok());
    Fill(sink->get(), 3 * (1 << 20));
    (*sink)->MaybeFlush();
    CHECK(ReadAll(path) == "previous export\n");
  }
  // The export was abandoned (an error, a kill): the old file is untouched
  // and the temporary file is gone.
  CHECK(ReadAll(path) == "previous export\n");
  for (const auto& e : fs::directory_iterator(fs::path(path).parent_path()))
    CHECK(e.path().filename().string().find(fs::path(path).filename().string() + ".kg-tmp-") != 0);
  fs::remove(path);
}

TEST_CASE("Sink: a symlink at the target is replaced, its target never written", "[export]") {
  const std::string target = TempPath("target");
  const std::string link = TempPath("link");
  std::ofstream(target) << "precious\n";
  fs::create_symlink(target, link);
  auto sink = kg::exp::Sink::OpenFile(link);
  REQUIRE(sink.ok());
  (*sink)->Put("<graphml/>\n");
  REQUIRE((*sink)->Finish().ok());
  CHECK(ReadAll(target) == "precious\n");
  CHECK_FALSE(fs::is_symlink(link));
  CHECK(ReadAll(link) == "<graphml/>\n");
  fs::remove(target);
  fs::remove(link);
}

TEST_CASE("Sink: a full disk is an IOError from Finish", "[export]") {
  if (!fs::exists("/dev/full")) {
    WARN("no /dev/full: skipped");
    return;
  }
  for (size_t bytes : {size_t{100}, size_t{5} << 20}) {
    INFO("bytes " << bytes);
    auto sink = kg::exp::Sink::OpenFile("/dev/full");
    REQUIRE(sink.ok());
    Fill(sink->get(), bytes);
    kg::Status s = (*sink)->Finish();
    CHECK(s.code() == kg::Status::Code::kIOError);
    CHECK(s.message().find("/dev/full") != std::string::npos);
  }
}
