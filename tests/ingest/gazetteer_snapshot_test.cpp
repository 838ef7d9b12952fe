#include "ingest/gazetteer_snapshot.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/name_keys.h"
#include "ingest/segmenter.h"
#include "ingest/stemmer.h"

namespace fs = std::filesystem;
using namespace kg::ingest;

namespace {

struct TempDir {
  fs::path p;
  TempDir() {
    p = fs::temp_directory_path() / ("kg-gazsnap-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(p);
  }
  ~TempDir() { fs::remove_all(p); }
  std::string Write(const std::string& name, const std::string& body) const {
    std::ofstream(p / name, std::ios::binary) << body;
    return (p / name).string();
  }
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Entity ids behind a surface key, in order.
std::vector<std::string> Ids(const Catalog& c, const std::string& key) {
  std::vector<std::string> out;
  if (const auto* v = c.Lookup(key))
    for (const auto& e : *v) out.push_back(c.entity(e.entity).id);
  return out;
}

}  // namespace

TEST_CASE("GazetteerSnapshot: the system gazetteers round-trip exactly", "[gazetteer]") {
  const GazetteerPaths paths;
  if (!fs::exists(paths.iso_json)) {
    WARN("iso-codes not installed: skipped");
    return;
  }
  Segmenter seg("de", {}, {});
  Stemmer stem("de");
  const KeyMaker keys = MakeKeyMaker(&seg, &stem);
  Catalog built;
  REQUIRE(LoadGazetteers(paths, keys, &built).ok());
  TempDir d;
  const std::string a = (d.p / "a.kgcat").string(), b = (d.p / "b.kgcat").string();
  REQUIRE(WriteGazetteerSnapshot(a, paths, built).ok());
  Catalog read;
  REQUIRE(ReadGazetteerSnapshot(a, paths, &read).ok());
  // Written again, the read catalogue gives the same bytes: every table came back.
  REQUIRE(WriteGazetteerSnapshot(b, paths, read).ok());
  CHECK(Slurp(a) == Slurp(b));
  REQUIRE(read.size() == built.size());
  for (const char* key : {"deutschland", "germany", "berlin", "wladiwostok", "moskau", "paris"}) {
    INFO(key);
    CHECK(Ids(read, key) == Ids(built, key));
    CHECK(read.MaybeFirst(key) == built.MaybeFirst(key));
    CHECK(read.MaxTokensFrom(key) == built.MaxTokensFrom(key));
  }
  CHECK(read.max_tokens() == built.max_tokens());
  const int de = read.Find("country/DE");
  REQUIRE(de >= 0);
  CHECK(read.entity(de).props == built.entity(built.Find("country/DE")).props);
}

TEST_CASE("GazetteerSnapshot: other gazetteer files, damage and garbage are refused",
          "[gazetteer]") {
  TempDir d;
  GazetteerPaths paths;
  paths.iso_json = d.Write("iso.json", "{\"3166-1\": []}");
  paths.iso_mo_de = d.Write("iso.mo", "x");
  paths.geonames_mo_de = (d.p / "missing-de.mo").string();
  paths.geonames_mo_en = (d.p / "missing-en.mo").string();
  Catalog cat;
  EntityInfo e;
  e.id = "country/XX";
  e.name = "Xland";
  e.type = "country";
  const int x = cat.AddEntity(std::move(e));
  cat.AddSurface("xland", SurfaceEntry{x, Surface::kName, ""}, 1);
  const std::string snap = (d.p / "s.kgcat").string();
  REQUIRE(WriteGazetteerSnapshot(snap, paths, cat).ok());
  {
    Catalog back;
    REQUIRE(ReadGazetteerSnapshot(snap, paths, &back).ok());
    CHECK(Ids(back, "xland") == std::vector<std::string>{"country/XX"});
    CHECK(back.MaybeFirst("xland"));
  }
  // A changed gazetteer file (another size): Aborted.
  GazetteerPaths changed = paths;
  changed.iso_mo_de = d.Write("iso2.mo", "longer");
  Catalog c1;
  CHECK(ReadGazetteerSnapshot(snap, changed, &c1).code() == kg::Status::Code::kAborted);
  // Truncated: Corruption.
  const std::string bytes = Slurp(snap);
  const std::string cut = d.Write("cut.kgcat", bytes.substr(0, bytes.size() - 3));
  Catalog c2;
  CHECK(ReadGazetteerSnapshot(cut, paths, &c2).code() == kg::Status::Code::kCorruption);
  Catalog c3;
  CHECK(ReadGazetteerSnapshot(d.Write("junk.kgcat", std::string(200, 'x')), paths, &c3).code() ==
        kg::Status::Code::kCorruption);
  Catalog c4;
  CHECK(!ReadGazetteerSnapshot((d.p / "absent").string(), paths, &c4).ok());
}
