#include "graph/model.h"

#include <algorithm>
#include <cctype>

namespace kg {

bool IsSymmetricPredicate(const std::string& p) {
  return p == "meets" || p == "allied_with" || p == "cooperates_with" || p == "negotiates_with";
}

bool IsKnownPredicate(const std::string& p) {
  const auto& k = Predicates();
  return std::find(k.begin(), k.end(), p) != k.end();
}

bool IsKnownEntityType(const std::string& type) {
  const auto& k = EntityTypes();
  return std::find(k.begin(), k.end(), type) != k.end();
}

bool IsValidDate(const std::string& d) {
  auto num = [&](std::size_t from, std::size_t n, int* out) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
      v = v * 10 + (d[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, day = 0;
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!num(0, 4, &y)) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-' || !num(5, 2, &m) || m < 1 || m > 12) return false;
  if (d.size() == 7) return true;
  if (d[7] != '-' || !num(8, 2, &day) || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string LabelForType(const std::string& type) {
  std::string s = type;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string RelTypeForPredicate(const std::string& predicate) {
  std::string s = predicate;
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string PredicateForRelType(const std::string& rel_type) {
  std::string s = rel_type;
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace kg
