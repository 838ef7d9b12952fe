// kg's dates and the relationship date index (see rel_date.h).
#include "graph/rel_date.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace kg {

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

bool ParseIsoDate(std::string_view s, int64_t* days, DatePrecision* precision) {
  auto num = [&](size_t from, size_t n, int64_t* v) {
    if (from + n > s.size()) return false;
    *v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      *v = *v * 10 + (s[i] - '0');
    }
    return true;
  };
  int64_t y = 0, m = 1, d = 1;
  if (!(s.size() == 4 || s.size() == 7 || s.size() == 10) || !num(0, 4, &y)) return false;
  *precision = DatePrecision::kYear;
  if (s.size() >= 7) {
    if (s[4] != '-' || !num(5, 2, &m)) return false;
    *precision = DatePrecision::kMonth;
  }
  if (s.size() == 10) {
    if (s[7] != '-' || !num(8, 2, &d)) return false;
    *precision = DatePrecision::kDay;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (m < 1 || m > 12 || d < 1 || d > (m == 2 && leap ? 29 : kDays[m - 1])) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

std::optional<int64_t> IndexedRelDayOfText(std::string_view text) {
  int64_t day = 0;
  DatePrecision p;
  if (ParseIsoDate(text, &day, &p)) return day;
  return std::nullopt;
}

std::optional<std::string> StoredTemporalText(const nlohmann::json& value) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const auto it = value.begin();
  static const char* const kKinds[] = {"~date", "~localtime", "~time", "~localdatetime", "~datetime", "~duration"};
  if (!it->is_string() || std::find(std::begin(kKinds), std::end(kKinds), it.key()) == std::end(kKinds))
    return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> IndexedRelDay(const nlohmann::json& date) {
  if (date.is_string()) return IndexedRelDayOfText(date.get_ref<const std::string&>());
  // A date stored by Cypher: {"~date": "YYYY-MM-DD"}, years beyond 0..9999
  // signed ("+12345-01-01", "-0044-03-15").
  if (!date.is_object() || date.size() != 1) return std::nullopt;
  auto it = date.find("~date");
  if (it == date.end() || !it->is_string()) return std::nullopt;
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() == 10) return IndexedRelDayOfText(s);
  if (s.size() < 11 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const size_t dash = s.size() - 6;
  int64_t y = 0;
  for (size_t i = 1; i < dash; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i])) || i > 10) return std::nullopt;
    y = y * 10 + (s[i] - '0');
  }
  int64_t day = 0;
  DatePrecision p;
  // Month and day checked on a leap-compatible stand-in year with the same rule.
  const int64_t stand_in = (y % 400 == 0)   ? 2000
                           : (y % 100 == 0) ? 1900
                           : (y % 4 == 0)   ? 2004
                                            : 2003;
  if (!ParseIsoDate(std::to_string(stand_in) + s.substr(dash), &day, &p)) return std::nullopt;
  return DaysFromCivil(s[0] == '-' ? -y : y, std::stoi(s.substr(dash + 1, 2)),
                       std::stoi(s.substr(dash + 4, 2)));
}

}  // namespace kg
