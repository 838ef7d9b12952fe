// ReadFileBytes (one fread of the stat size) and ReadMoCatalog (views into
// one buffer) return exactly the file's bytes / entries, and report missing
// files as IOError naming the path.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/mofile.h"
#include "ingest/reader.h"

namespace fs = std::filesystem;

namespace {

fs::path TempPath(const std::string& name) {
  return fs::temp_directory_path() / ("kg_read_bytes_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST_CASE("ReadFileBytes: whole files byte for byte, empty and missing files", "[reader]") {
  const fs::path p = TempPath("blob");
  std::string blob;
  for (uint32_t i = 0; i < 300000; ++i) blob.push_back(static_cast<char>((i * 7919u) % 256u));
  for (size_t size :
       {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{65537}, blob.size()}) {
    {
      std::ofstream out(p, std::ios::binary);
      out.write(blob.data(), static_cast<std::streamsize>(size));
    }
    auto r = kg::ReadFileBytes(p.string());
    REQUIRE(r.ok());
    CHECK(*r == blob.substr(0, size));
  }
  fs::remove(p);
  auto missing = kg::ReadFileBytes(p.string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == kg::Status::Code::kIOError);
  CHECK(missing.status().message().find(p.string()) != std::string::npos);
}

TEST_CASE("ReadMoCatalog: entries equal ReadMoFile's, bad files are Corruption", "[reader]") {
  const std::string de = "/usr/share/locale/de/LC_MESSAGES/iso_3166-1.mo";
  if (!fs::exists(de)) {
    WARN("iso-codes not installed");
  } else {
    auto cat = kg::ingest::ReadMoCatalog(de);
    auto owned = kg::ingest::ReadMoFile(de);
    REQUIRE(cat.ok());
    REQUIRE(owned.ok());
    REQUIRE(cat->entries.size() == owned->size());
    REQUIRE(cat->entries.size() > 200);
    for (size_t i = 0; i < owned->size(); ++i) {
      CHECK(cat->entries[i].first == (*owned)[i].first);
      CHECK(cat->entries[i].second == (*owned)[i].second);
    }
    // The views survive a move of the catalogue.
    kg::ingest::MoCatalog moved = std::move(*cat);
    CHECK(moved.entries.front().first == owned->front().first);
  }
  const fs::path p = TempPath("bad.mo");
  std::ofstream(p, std::ios::binary) << "not a catalogue at all";
  auto bad = kg::ingest::ReadMoCatalog(p.string());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == kg::Status::Code::kCorruption);
  CHECK(bad.status().message().find(p.string()) != std::string::npos);
  fs::remove(p);
  CHECK(kg::ingest::ReadMoCatalog(p.string()).status().code() == kg::Status::Code::kIOError);
}
