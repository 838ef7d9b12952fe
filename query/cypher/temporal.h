// Temporal values of the Cypher engine, as Neo4j's Cypher has them: date,
// localtime, time, localdatetime, datetime and duration.
//
// Representation: a TemporalVal holds the LOCAL date (epoch day) and the LOCAL
// time of day (nanoseconds), plus, for time and datetime, the UTC offset in
// seconds and, for a datetime in a named time zone, the zone (an interned
// IANA name such as "Europe/Stockholm"; the offset then always is the zone's
// offset at that local time). Years range over +-999,999,999, so all calendar
// arithmetic is done on 64-bit integers (proleptic Gregorian calendar, ISO
// weeks with Monday = 1).
//
// A DurationVal is Neo4j's four-field duration: months, days, seconds and
// nanoseconds (0 <= nanos < 1e9 after Normalize()). Months and days are not
// converted into each other or into seconds except where Neo4j does so
// (fractional constructor values, duration.inSeconds).
//
// Time zones come from the system tz database (/usr/share/zoneinfo, Debian's
// tzdata, read through Howard Hinnant's date library). Functions here are pure
// except for the zone registry, which is thread safe.
#pragma once

#include <cstdint>
#include <string>

#include "graph/rel_date.h"
#include "graph/status.h"

namespace kg::cypher {

enum class TemporalKind : uint8_t { kDate, kLocalTime, kTime, kLocalDateTime, kDateTime };

struct TemporalVal {
  TemporalKind kind = TemporalKind::kDate;
  int64_t days = 0;    // local date as days since 1970-01-01 (0 for times)
  int64_t nanos = 0;   // local time of day in nanoseconds (0 for dates)
  int32_t offset = 0;  // seconds east of UTC (time, datetime)
  int32_t zone = -1;   // named zone id (ZoneName), -1 = offset only
};

struct DurationVal {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int64_t nanos = 0;  // 0 <= nanos < 1e9 once normalised
};

inline constexpr int64_t kNanosPerSecond = 1000000000;
inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int64_t kNanosPerDay = kNanosPerSecond * kSecondsPerDay;

bool HasDate(TemporalKind k);
bool HasTime(TemporalKind k);
bool HasOffset(TemporalKind k);                // time, datetime
const char* TemporalKindName(TemporalKind k);  // "date", "localtime", ...

// ---- calendar (proleptic Gregorian, any int64 year that fits) ----
using kg::CivilFromDays;  // graph/rel_date.h
using kg::DaysFromCivil;
bool IsLeapYear(int64_t y);
int64_t DaysInMonth(int64_t y, int64_t m);
int64_t DayOfWeek(int64_t days);           // Monday = 1 .. Sunday = 7
int64_t WeekYearStart(int64_t week_year);  // epoch day of Monday of ISO week 1
void IsoWeek(int64_t days, int64_t* week_year, int64_t* week);
int64_t WeeksInYear(int64_t week_year);  // 52 or 53
// Floor division / modulo for negative values.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// ---- time zones ----
// Interns a zone name; InvalidArgument unless the tz database knows it.
Result<int32_t> ZoneId(const std::string& name);
const std::string& ZoneName(int32_t zone);
// The zone's offset (seconds east of UTC) at the UTC instant (epoch seconds).
int32_t ZoneOffsetAtInstant(int32_t zone, int64_t epoch_seconds);
// Resolves a local date-time in `zone` the way java.time does: in a gap the
// time moves forward by the gap's length; in an overlap `preferred` is kept
// when it is one of the two offsets, else the earlier offset is used.
// *days/*nanos may change (gap). Returns the offset.
int32_t ResolveLocal(int32_t zone, int64_t* days, int64_t* nanos, int32_t preferred);
// Parses "Z", "+01", "+0100", "+01:00", "+01:00:30" (also "-"); InvalidArgument otherwise.
Status ParseOffset(const std::string& s, int32_t* offset);
std::string FormatOffset(int32_t offset, bool z_for_zero);

// ---- text ----
std::string FormatTemporal(const TemporalVal& t);
std::string FormatDuration(const DurationVal& d);
// ISO 8601 parsing of one kind, as Neo4j accepts it ("2015-07-21", "2015W302",
// "21:40:32.142+0100", "2015-07-21T21:40[Europe/London]", ...).
// InvalidArgument (naming the text) when it cannot be parsed.
Status ParseTemporal(TemporalKind kind, const std::string& text, TemporalVal* out);
Status ParseDuration(const std::string& text, DurationVal* out);

// ---- comparison ----
// Equality of two temporals of the same kind (local value, offset and zone).
bool TemporalEquals(const TemporalVal& a, const TemporalVal& b);
// Ordering within one kind: times and datetimes by instant, then by offset/zone.
int TemporalCompare(const TemporalVal& a, const TemporalVal& b);
bool DurationEquals(const DurationVal& a, const DurationVal& b);
// A total order for ORDER BY (by months, days, seconds, nanos).
int DurationOrder(const DurationVal& a, const DurationVal& b);

// ---- arithmetic ----
// Carries nanos into seconds so that 0 <= nanos < 1e9.
DurationVal Normalize(DurationVal d);
// temporal + sign * duration. InvalidArgument on overflow of the year range.
Status AddDuration(const TemporalVal& t, const DurationVal& d, int sign, TemporalVal* out);
Status AddDurations(const DurationVal& a, const DurationVal& b, int sign, DurationVal* out);
// duration * factor (as Neo4j: each field scaled, fractions cascading down).
Status ScaleDuration(const DurationVal& d, double factor, DurationVal* out);
// Fractional fields cascade: months -> days (average month) -> seconds -> nanos.
Status ApproximateDuration(double months, double days, double seconds, double nanos,
                           DurationVal* out);

// duration.between (kAll), inMonths, inDays, inSeconds (kNanos) from `from` to `to`.
enum class BetweenUnit { kAll, kMonths, kDays, kNanos };
Status DurationBetween(const TemporalVal& from, const TemporalVal& to, BetweenUnit unit,
                       DurationVal* out);

// The UTC instant of a datetime (epoch seconds, nanos of second).
void InstantOf(const TemporalVal& t, int64_t* epoch_seconds, int64_t* nano);
// A datetime at the given instant in `zone` (or at fixed `offset` when zone < 0).
TemporalVal DateTimeAtInstant(int64_t epoch_seconds, int64_t nano, int32_t zone, int32_t offset);

}  // namespace kg::cypher
