// graph/bytes.h: BytewiseLess orders exactly like std::less<std::string>
// (and RocksDB's bytewise comparator); FunctionRef calls what it refers to.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "graph/bytes.h"
#include "graph/keys.h"

using kg::internal::BytewiseLess;
using kg::internal::FunctionRef;

namespace {

std::string RandomKey(std::mt19937& rng) {
  // Short alphabets and shared prefixes, so equal 8-byte words, proper
  // prefixes and bytes >= 0x80 all occur.
  static const char kBytes[] = {'\0', '\x01', 'a', 'b', '\x7f', '\x80', '\xfe', '\xff'};
  std::uniform_int_distribution<int> len(0, 20), byte(0, 7), prefix(0, 3);
  std::string s;
  if (prefix(rng) == 0) s = std::string(8, '\0');  // like a small big-endian id
  const int n = len(rng);
  for (int i = 0; i < n; ++i) s.push_back(kBytes[byte(rng)]);
  return s;
}

}  // namespace

TEST_CASE("BytewiseLess: same order as std::less<std::string> on random byte strings", "[bytes]") {
  std::mt19937 rng(7);
  std::vector<std::string> keys;
  for (int i = 0; i < 3000; ++i) keys.push_back(RandomKey(rng));
  const BytewiseLess less;
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    const std::string& a = keys[i];
    const std::string& b = keys[i + 1];
    INFO("i = " << i);
    CHECK(less(a, b) == (a < b));
    CHECK(less(b, a) == (b < a));
    CHECK_FALSE(less(a, a));
  }
  std::vector<std::string> x = keys, y = keys;
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end(), less);
  CHECK(x == y);
}

TEST_CASE("BytewiseLess: edge cases (prefixes, high bytes, 8-byte words)", "[bytes]") {
  const BytewiseLess less;
  using std::string;
  CHECK(less("", "a"));
  CHECK_FALSE(less("a", ""));
  CHECK(less(string("abcdefgh"), string("abcdefghi")));         // proper prefix, one word
  CHECK(less(string("abcdefg"), string("abcdefgh")));           // proper prefix, short
  CHECK(less(string("abcdefgh\x01"), string("abcdefgh\x80")));  // unsigned bytes after a word
  CHECK(less(string("\x7f"), string("\x80")));
  CHECK(less(kg::keys::U64(255), kg::keys::U64(256)));  // big-endian ids order numerically
  CHECK(less(kg::keys::U64(1) + "z", kg::keys::U64(2)));
  CHECK(less(string(16, '\xff'), string(17, '\xff')));
  CHECK_FALSE(less(string(16, '\xff'), string(16, '\xff')));
}

TEST_CASE("BytewiseLess: transparent map lookups by string_view", "[bytes]") {
  std::map<std::string, int, BytewiseLess> m;
  m.emplace(kg::keys::U64(3), 3);
  m.emplace(kg::keys::U64(1), 1);
  m.emplace(kg::keys::U64(2), 2);
  const std::string k2 = kg::keys::U64(2);
  auto it = m.find(std::string_view(k2));
  REQUIRE(it != m.end());
  CHECK(it->second == 2);
  CHECK(m.lower_bound(std::string_view(kg::keys::U64(1) + "x"))->second == 2);
  std::vector<int> order;
  for (const auto& [k, v] : m) order.push_back(v);
  CHECK(order == std::vector<int>{1, 2, 3});
}

namespace {
int Apply(FunctionRef<int(int)> f, int x) { return f(x); }
bool Each(const std::vector<int>& v, FunctionRef<bool(int)> fn) {
  for (int x : v)
    if (!fn(x)) return false;
  return true;
}
}  // namespace

TEST_CASE("FunctionRef: calls lambdas with captures, function pointers and stops early", "[bytes]") {
  int base = 10;
  CHECK(Apply([&](int x) { return x + base; }, 5) == 15);
  CHECK(Apply([](int x) { return x * 2; }, 21) == 42);
  int (*fp)(int) = [](int x) { return -x; };
  CHECK(Apply(fp, 3) == -3);
  std::vector<int> seen;
  CHECK_FALSE(Each({1, 2, 3, 4}, [&](int x) {
    seen.push_back(x);
    return x < 2;
  }));
  CHECK(seen == std::vector<int>{1, 2});
  // A mutable lambda keeps its state across calls through the reference.
  int calls = 0;
  auto counter = [&calls](int) mutable { return ++calls; };
  FunctionRef<int(int)> ref(counter);
  ref(0);
  ref(0);
  CHECK(calls == 2);
}
