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
