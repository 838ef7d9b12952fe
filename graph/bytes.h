// Small allocation-free helpers for the write path (graph/graph_internal.h):
// a bytewise key comparator for the overlay maps and a non-owning callable
// reference for scan callbacks. Header only; no dependencies on kg types.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

namespace kg::internal {

// Big-endian load of 8 bytes. REQUIRES: p points at >= 8 readable bytes.
inline uint64_t LoadBigEndian64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  return v;
}

// Strict weak order of byte strings, identical to std::less<std::string>
// (unsigned bytewise, a proper prefix sorts first) and to RocksDB's bytewise
// comparator, but compares 8 bytes at a time: keys that start with a
// big-endian id (node, relationship, adjacency, evidence keys) are usually
// decided by one integer comparison instead of a memcmp call. Transparent:
// std::string, std::string_view and const char* all compare.
struct BytewiseLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    std::size_t i = 0;
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (; i + 8 <= n; i += 8) {
      const uint64_t x = LoadBigEndian64(a.data() + i), y = LoadBigEndian64(b.data() + i);
      if (x != y) return x < y;
    }
    for (; i < n; ++i) {
      const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
      if (x != y) return x < y;
    }
    return a.size() < b.size();
  }
};

// A non-owning reference to a callable (like C++26 std::function_ref): two
// pointers, no allocation, one indirect call. Lifetime: the referenced
// callable must outlive every call; use it only as a function parameter (a
// lambda passed as an argument lives until the end of the full expression),
// never store one. Copyable; not default constructible.
template <typename Sig>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F,
            typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef> &&
                                        std::is_invocable_r_v<R, F&, Args...>>>
  FunctionRef(F&& f) noexcept  // NOLINT(google-explicit-constructor): used like std::function
      : obj_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_(&Call<std::remove_reference_t<F>>) {}

  R operator()(Args... args) const { return call_(obj_, std::forward<Args>(args)...); }

 private:
  template <typename F>
  static R Call(void* obj, Args... args) {
    return (*static_cast<F*>(obj))(std::forward<Args>(args)...);
  }
  void* obj_;
  R (*call_)(void*, Args...);
};

}  // namespace kg::internal
