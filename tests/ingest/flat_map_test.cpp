// FlatMap (ingest/flat_map.h): insert/lookup, growth, string_view lookups of
// keys that are not stored, the empty key, insertion-order iteration, Clear.
#include "ingest/flat_map.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

using kg::ingest::FlatHash;
using kg::ingest::FlatMap;

TEST_CASE("FlatMap: insert and lookup", "[ingest]") {
  FlatMap<int> m;
  CHECK(m.Find("a") == nullptr);  // empty table
  auto [v, inserted] = m.TryEmplace("Berlin");
  REQUIRE(inserted);
  CHECK(*v == 0);  // value-initialised
  *v = 7;
  auto [v2, inserted2] = m.TryEmplace("Berlin");
  CHECK_FALSE(inserted2);
  CHECK(*v2 == 7);
  REQUIRE(m.Find("Berlin") != nullptr);
  CHECK(*m.Find("Berlin") == 7);
  CHECK(*m.Find("Berlin", FlatHash("Berlin")) == 7);
  CHECK(m.Contains("Berlin"));
  CHECK(m.size() == 1);
}

TEST_CASE("FlatMap: missing key is absent", "[ingest]") {
  FlatMap<int> m;
  *m.TryEmplace("wien").first = 1;
  *m.TryEmplace("wiener").first = 2;
  CHECK(m.Find("wie") == nullptr);
  CHECK(m.Find("wienx") == nullptr);
  CHECK(m.Find("Wien") == nullptr);
  CHECK_FALSE(m.Contains("wiene"));
  // A view into a longer buffer: only the viewed bytes count.
  const std::string buf = "wiener zeitung";
  CHECK(*m.Find(std::string_view(buf).substr(0, 4)) == 1);
  CHECK(*m.Find(std::string_view(buf).substr(0, 6)) == 2);
  CHECK(m.Find(std::string_view(buf).substr(0, 7)) == nullptr);
}

TEST_CASE("FlatMap: many keys with growth match std::unordered_map", "[ingest]") {
  FlatMap<int> m;
  std::unordered_map<std::string, int> ref;
  for (int i = 0; i < 50000; ++i) {
    // Lengths 1..40 exercise every FlatHash branch.
    std::string k = std::to_string(i * 7919) + std::string(static_cast<size_t>(i % 33), 'x');
    auto [v, inserted] = m.TryEmplace(k);
    CHECK(inserted == ref.emplace(k, i).second);
    if (inserted) *v = i;
  }
  REQUIRE(m.size() == ref.size());
  for (const auto& [k, i] : ref) {
    const int* v = m.Find(k);
    REQUIRE(v != nullptr);
    CHECK(*v == i);
    CHECK(m.Find(k + "y") == nullptr);
  }
  // Insertion order iteration.
  size_t n = 0;
  int last = -1;
  for (const auto& [k, v] : m) {
    CHECK(ref.at(k) == v);
    CHECK(v > last);  // values were inserted in increasing order
    last = v;
    ++n;
  }
  CHECK(n == m.size());
}

TEST_CASE("FlatMap: empty string key", "[ingest]") {
  FlatMap<int> m;
  CHECK(m.Find("") == nullptr);
  *m.TryEmplace("x").first = 1;
  CHECK(m.Find("") == nullptr);
  *m.TryEmplace("").first = 5;
  REQUIRE(m.Find("") != nullptr);
  CHECK(*m.Find("") == 5);
  CHECK(*m.Find("x") == 1);
}

TEST_CASE("FlatMap: Clear drops everything and the map stays usable", "[ingest]") {
  FlatMap<std::string> m;
  for (int i = 0; i < 100; ++i) *m.TryEmplace("k" + std::to_string(i)).first = std::to_string(i);
  m.Clear();
  CHECK(m.empty());
  CHECK(m.Find("k1") == nullptr);
  *m.TryEmplace("k1").first = "one";
  CHECK(*m.Find("k1") == "one");
  CHECK(m.size() == 1);
}

TEST_CASE("FlatHash: depends on every byte and the length", "[ingest]") {
  CHECK(FlatHash("abc") != FlatHash("abd"));
  CHECK(FlatHash("") != FlatHash(std::string_view("\0", 1)));
  CHECK(FlatHash("0123456789abcdefX") != FlatHash("0123456789abcdefY"));
  CHECK(FlatHash("X0123456789abcdef0123") != FlatHash("Y0123456789abcdef0123"));
  CHECK(FlatHash("abcdefgh") == FlatHash(std::string("abcdefgh")));
}
