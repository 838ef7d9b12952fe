#include "tools/serve/params.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace kg::serve {

namespace {
std::string Trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

Status Params::OnlyKnown(std::initializer_list<const char*> known) const {
  for (const auto& [k, v] : m_) {
    if (std::any_of(known.begin(), known.end(), [&](const char* n) { return k == n; })) continue;
    std::string list;
    for (const char* n : known) list += (list.empty() ? "" : ", ") + std::string(n);
    return Status::InvalidArgument("unknown parameter '" + k + "'" +
                                   (list.empty() ? " (this endpoint takes none)" : " (known: " + list + ")"));
  }
  return Status::OK();
}

Result<std::string> Params::Str(const std::string& name, const std::string& def) const {
  auto [b, e] = m_.equal_range(name);
  if (b == e) return def;
  if (std::next(b) != e) return Status::InvalidArgument("parameter '" + name + "' is given more than once");
  return b->second;
}

std::vector<std::string> Params::List(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = m_.equal_range(name);
  for (auto it = b; it != e; ++it) {
    std::size_t start = 0;
    const std::string& v = it->second;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string item = Trim(v.substr(start, comma - start));
      if (!item.empty()) out.push_back(std::move(item));
      start = comma + 1;
    }
  }
  return out;
}

Result<int64_t> Params::Int(const std::string& name, int64_t def, int64_t min, int64_t max) const {
  KG_ASSIGN_OR_RETURN(std::string v, Str(name));
  v = Trim(v);
  if (v.empty()) return def;
  int64_t x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size())
    return Status::InvalidArgument("parameter '" + name + "' must be an integer, not '" + v + "'");
  if (x < min || x > max)
    return Status::InvalidArgument("parameter '" + name + "' must be between " + std::to_string(min) + " and " +
                                   std::to_string(max) + ", not " + v);
  return x;
}

Result<bool> Params::Bool(const std::string& name, bool def) const {
  KG_ASSIGN_OR_RETURN(std::string v, Str(name));
  v = Lower(Trim(v));
  if (v.empty()) return def;
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return Status::InvalidArgument("parameter '" + name + "' must be 1 or 0 (true/false), not '" + v + "'");
}

}  // namespace kg::serve
