// Query-string parameters of one API request, with typed access and the
// error messages the API returns (InvalidArgument naming the parameter).
//
// Thread safety: none needed (one per request).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "graph/status.h"

namespace kg::serve {

class Params {
 public:
  explicit Params(const std::multimap<std::string, std::string>& m) : m_(m) {}

  // InvalidArgument naming the first parameter not in `known`.
  Status OnlyKnown(std::initializer_list<const char*> known) const;
  bool Has(const std::string& name) const { return m_.count(name) > 0; }
  // The value (or `def` when absent); InvalidArgument when given twice.
  Result<std::string> Str(const std::string& name, const std::string& def = "") const;
  // Every value, repeated parameters and comma-separated lists alike, trimmed,
  // empty items dropped.
  std::vector<std::string> List(const std::string& name) const;
  // An integer in [min, max] (or `def` when absent or empty).
  Result<int64_t> Int(const std::string& name, int64_t def, int64_t min, int64_t max) const;
  // 1/0, true/false, yes/no, on/off (or `def` when absent or empty).
  Result<bool> Bool(const std::string& name, bool def) const;

 private:
  const std::multimap<std::string, std::string>& m_;
};

}  // namespace kg::serve
