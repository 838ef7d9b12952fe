// kg's dates and the relationship date index.
//
// Articles and relations carry ISO 8601 dates with the precision the text
// gave: "2023", "2023-09" or "2023-09-20". As a day they stand for the first
// day of the period. The date index (keys::RelDateKey in Cf::kNames) holds
// every relationship whose `date` property is such a text, or a date stored
// by Cypher ({"~date": "2024-06-19"}, query/cypher/value.h), under that day;
// Graph::ScanRelsByDate reads it. Every write of a relationship record keeps
// it in step (graph_txn.cpp).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kg {

enum class DatePrecision { kYear, kMonth, kDay };

// Days since 1970-01-01 of the proleptic Gregorian date y-m-d (any int64 year
// that fits; H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d);
// The inverse: the date of a day since 1970-01-01.
void CivilFromDays(int64_t days, int64_t* y, int64_t* m, int64_t* d);
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> the first day of the period and its
// precision; false for anything else (including impossible dates).
bool ParseIsoDate(std::string_view text, int64_t* days, DatePrecision* precision);
// The day under which the index holds a relationship whose `date` property
// has this value; nullopt when it is not a date (absent, null, other text).
std::optional<int64_t> IndexedRelDay(const nlohmann::json& date);
// The same for the stored (MessagePack) form of a relationship's props map value.
std::optional<int64_t> IndexedRelDayOfText(std::string_view text);
// The ISO text of a temporal value Cypher stored as a property ({"~date":
// "2024-06-19"}, {"~datetime": ...}, {"~duration": "P1D"}; query/cypher/value.h),
// for readers outside Cypher (exports, kg neighbors); nullopt for any other value.
std::optional<std::string> StoredTemporalText(const nlohmann::json& value);

}  // namespace kg
