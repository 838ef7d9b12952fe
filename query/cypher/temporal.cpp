// Temporal values: calendar arithmetic, time zones, text form and ordering.
#include "query/cypher/temporal.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <vector>

namespace kg::cypher {

bool HasDate(TemporalKind k) {
  return k == TemporalKind::kDate || k == TemporalKind::kLocalDateTime ||
         k == TemporalKind::kDateTime;
}
bool HasTime(TemporalKind k) { return k != TemporalKind::kDate; }
bool HasOffset(TemporalKind k) { return k == TemporalKind::kTime || k == TemporalKind::kDateTime; }

const char* TemporalKindName(TemporalKind k) {
  switch (k) {
    case TemporalKind::kDate:
      return "date";
    case TemporalKind::kLocalTime:
      return "localtime";
    case TemporalKind::kTime:
      return "time";
    case TemporalKind::kLocalDateTime:
      return "localdatetime";
    case TemporalKind::kDateTime:
      return "datetime";
  }
  return "?";
}

// ---- calendar (H. Hinnant's civil-day algorithms, on int64; DaysFromCivil in graph/rel_date.cpp)
// ----

bool IsLeapYear(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int64_t DaysInMonth(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[(m - 1) % 12];
}

int64_t DayOfWeek(int64_t days) { return FloorMod(days + 3, 7) + 1; }

int64_t WeekYearStart(int64_t wy) {
  const int64_t jan4 = DaysFromCivil(wy, 1, 4);
  return jan4 - (DayOfWeek(jan4) - 1);
}

void IsoWeek(int64_t days, int64_t* week_year, int64_t* week) {
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t wy = y;
  if (days < WeekYearStart(wy))
    --wy;
  else if (days >= WeekYearStart(wy + 1))
    ++wy;
  *week_year = wy;
  *week = (days - WeekYearStart(wy)) / 7 + 1;
}

int64_t WeeksInYear(int64_t wy) { return (WeekYearStart(wy + 1) - WeekYearStart(wy)) / 7; }

// ---- time zones ----

namespace {

struct ZoneRegistry {
  std::mutex mu;
  std::vector<std::string> names;
  std::vector<const date::time_zone*> zones;
};

ZoneRegistry& Zones() {
  static ZoneRegistry* r = new ZoneRegistry();  // never destroyed: used from static destructors
  return *r;
}

const date::time_zone* ZonePtr(int32_t zone) {
  ZoneRegistry& r = Zones();
  std::lock_guard<std::mutex> lock(r.mu);
  return r.zones.at(static_cast<size_t>(zone));
}

// The tz database covers the years around today; far years use the nearest
// year it can answer for (the zone's current or earliest rules).
constexpr int64_t kTzMinSeconds = -62135596800LL;  // 0001-01-01
constexpr int64_t kTzMaxSeconds = 253402300799LL;  // 9999-12-31T23:59:59

}  // namespace

Result<int32_t> ZoneId(const std::string& name) {
  ZoneRegistry& r = Zones();
  {
    std::lock_guard<std::mutex> lock(r.mu);
    for (size_t i = 0; i < r.names.size(); ++i)
      if (r.names[i] == name) return static_cast<int32_t>(i);
  }
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(name);
  } catch (const std::exception&) {
    tz = nullptr;
  }
  if (!tz) return Status::InvalidArgument("unknown time zone '" + name + "'");
  std::lock_guard<std::mutex> lock(r.mu);
  for (size_t i = 0; i < r.names.size(); ++i)
    if (r.names[i] == name) return static_cast<int32_t>(i);
  r.names.push_back(name);
  r.zones.push_back(tz);
  return static_cast<int32_t>(r.names.size() - 1);
}

const std::string& ZoneName(int32_t zone) {
  ZoneRegistry& r = Zones();
  std::lock_guard<std::mutex> lock(r.mu);
  return r.names.at(static_cast<size_t>(zone));
}

int32_t ZoneOffsetAtInstant(int32_t zone, int64_t epoch_seconds) {
  const date::time_zone* tz = ZonePtr(zone);
  const int64_t s = std::clamp(epoch_seconds, kTzMinSeconds, kTzMaxSeconds);
  try {
    auto info = tz->get_info(date::sys_seconds{std::chrono::seconds{s}});
    return static_cast<int32_t>(info.offset.count());
  } catch (const std::exception&) {
    return 0;
  }
}

int32_t ResolveLocal(int32_t zone, int64_t* days, int64_t* nanos, int32_t preferred) {
  const date::time_zone* tz = ZonePtr(zone);
  const int64_t local =
      std::clamp(*days * kSecondsPerDay + *nanos / kNanosPerSecond, kTzMinSeconds, kTzMaxSeconds);
  date::local_info info;
  try {
    info = tz->get_info(date::local_seconds{std::chrono::seconds{local}});
  } catch (const std::exception&) {
    return 0;
  }
  const int32_t first = static_cast<int32_t>(info.first.offset.count());
  const int32_t second = static_cast<int32_t>(info.second.offset.count());
  switch (info.result) {
    case date::local_info::unique:
      return first;
    case date::local_info::ambiguous:
      return preferred == second ? second : first;
    case date::local_info::nonexistent: {
      // In a gap: move forward by the gap's length, as java.time does.
      int64_t n = *nanos + static_cast<int64_t>(second - first) * kNanosPerSecond;
      *days += FloorDiv(n, kNanosPerDay);
      *nanos = FloorMod(n, kNanosPerDay);
      return second;
    }
  }
  return first;
}

Status ParseOffset(const std::string& s, int32_t* offset) {
  auto bad = [&]() { return Status::InvalidArgument("invalid time zone offset '" + s + "'"); };
  if (s == "Z" || s == "z") {
    *offset = 0;
    return Status::OK();
  }
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return bad();
  std::vector<int> parts;
  size_t i = 1;
  while (i < s.size()) {
    if (i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i])) ||
        !std::isdigit(static_cast<unsigned char>(s[i + 1])))
      return bad();
    parts.push_back((s[i] - '0') * 10 + (s[i + 1] - '0'));
    i += 2;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (i == s.size()) return bad();
    }
  }
  if (parts.empty() || parts.size() > 3) return bad();
  const int h = parts[0], m = parts.size() > 1 ? parts[1] : 0,
            sec = parts.size() > 2 ? parts[2] : 0;
  if (h > 18 || m > 59 || sec > 59 || (h == 18 && (m || sec))) return bad();
  *offset = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60 + sec);
  return Status::OK();
}

std::string FormatOffset(int32_t offset, bool z_for_zero) {
  if (offset == 0 && z_for_zero) return "Z";
  char buf[16];
  const int32_t a = offset < 0 ? -offset : offset;
  int n =
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  if (a % 60) std::snprintf(buf + n, sizeof buf - n, ":%02d", a % 60);
  return buf;
}

// ---- text ----

namespace {

std::string FormatDate(int64_t days) {
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[48];
  if (y > 9999)
    std::snprintf(buf, sizeof buf, "+%lld-%02lld-%02lld", (long long)y, (long long)m, (long long)d);
  else if (y < 0)
    std::snprintf(buf, sizeof buf, "-%04lld-%02lld-%02lld", (long long)-y, (long long)m,
                  (long long)d);
  else
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", (long long)y, (long long)m,
                  (long long)d);
  return buf;
}

// Digits of a fraction of a second, as java.time prints them: 3, 6 or 9 digits.
std::string FormatTime(int64_t nanos) {
  const int64_t h = nanos / 3600000000000LL, mi = nanos / 60000000000LL % 60;
  const int64_t s = nanos / kNanosPerSecond % 60, n = nanos % kNanosPerSecond;
  char buf[40];
  int len = std::snprintf(buf, sizeof buf, "%02lld:%02lld", (long long)h, (long long)mi);
  if (s || n) len += std::snprintf(buf + len, sizeof buf - len, ":%02lld", (long long)s);
  if (n) {
    if (n % 1000000 == 0)
      std::snprintf(buf + len, sizeof buf - len, ".%03lld", (long long)(n / 1000000));
    else if (n % 1000 == 0)
      std::snprintf(buf + len, sizeof buf - len, ".%06lld", (long long)(n / 1000));
    else
      std::snprintf(buf + len, sizeof buf - len, ".%09lld", (long long)n);
  }
  return buf;
}

}  // namespace

std::string FormatTemporal(const TemporalVal& t) {
  switch (t.kind) {
    case TemporalKind::kDate:
      return FormatDate(t.days);
    case TemporalKind::kLocalTime:
      return FormatTime(t.nanos);
    case TemporalKind::kTime:
      return FormatTime(t.nanos) + FormatOffset(t.offset, true);
    case TemporalKind::kLocalDateTime:
      return FormatDate(t.days) + "T" + FormatTime(t.nanos);
    case TemporalKind::kDateTime: {
      std::string s = FormatDate(t.days) + "T" + FormatTime(t.nanos) + FormatOffset(t.offset, true);
      if (t.zone >= 0) s += "[" + ZoneName(t.zone) + "]";
      return s;
    }
  }
  return "?";
}

std::string FormatDuration(const DurationVal& in) {
  const DurationVal d = Normalize(in);
  if (d.months == 0 && d.days == 0 && d.seconds == 0 && d.nanos == 0) return "PT0S";
  std::string s = "P";
  if (d.months / 12) s += std::to_string(d.months / 12) + "Y";
  if (d.months % 12) s += std::to_string(d.months % 12) + "M";
  if (d.days) s += std::to_string(d.days) + "D";
  if (d.seconds || d.nanos) {
    int64_t sec = d.seconds, n = d.nanos;
    if (sec < 0 && n > 0) {  // print both parts with the same sign
      ++sec;
      n -= kNanosPerSecond;
    }
    s += "T";
    if (sec / 3600) s += std::to_string(sec / 3600) + "H";
    if (sec % 3600 / 60) s += std::to_string(sec % 3600 / 60) + "M";
    const int64_t rest = sec % 60;
    if (rest || n) {
      if (rest == 0 && n < 0)
        s += "-0";
      else
        s += std::to_string(rest);
      if (n) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%09lld", (long long)(n < 0 ? -n : n));
        std::string frac = buf;
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        s += "." + frac;
      }
      s += "S";
    }
  }
  return s;
}

// ---- comparison ----

void InstantOf(const TemporalVal& t, int64_t* epoch_seconds, int64_t* nano) {
  *epoch_seconds = t.days * kSecondsPerDay + t.nanos / kNanosPerSecond - t.offset;
  *nano = t.nanos % kNanosPerSecond;
}

TemporalVal DateTimeAtInstant(int64_t epoch_seconds, int64_t nano, int32_t zone, int32_t offset) {
  TemporalVal t;
  t.kind = TemporalKind::kDateTime;
  t.zone = zone;
  t.offset = zone >= 0 ? ZoneOffsetAtInstant(zone, epoch_seconds) : offset;
  const int64_t local = epoch_seconds + t.offset;
  t.days = FloorDiv(local, kSecondsPerDay);
  t.nanos = FloorMod(local, kSecondsPerDay) * kNanosPerSecond + nano;
  return t;
}

bool TemporalEquals(const TemporalVal& a, const TemporalVal& b) {
  return a.kind == b.kind && a.days == b.days && a.nanos == b.nanos && a.offset == b.offset &&
         a.zone == b.zone;
}

namespace {
template <typename T>
int Cmp(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
}  // namespace

int TemporalCompare(const TemporalVal& a, const TemporalVal& b) {
  if (a.kind == TemporalKind::kTime) {
    int c = Cmp(a.nanos - int64_t{a.offset} * kNanosPerSecond,
                b.nanos - int64_t{b.offset} * kNanosPerSecond);
    return c ? c : Cmp(a.offset, b.offset);
  }
  if (a.kind == TemporalKind::kDateTime) {
    int64_t sa, na, sb, nb;
    InstantOf(a, &sa, &na);
    InstantOf(b, &sb, &nb);
    if (int c = Cmp(sa, sb)) return c;
    if (int c = Cmp(na, nb)) return c;
    if (int c = Cmp(a.offset, b.offset)) return c;  // same instant: by local date-time
    if (a.zone == b.zone) return 0;
    if (a.zone < 0 || b.zone < 0) return a.zone < 0 ? -1 : 1;
    return Cmp(ZoneName(a.zone), ZoneName(b.zone));
  }
  if (int c = Cmp(a.days, b.days)) return c;
  return Cmp(a.nanos, b.nanos);
}

bool DurationEquals(const DurationVal& x, const DurationVal& y) {
  const DurationVal a = Normalize(x), b = Normalize(y);
  return a.months == b.months && a.days == b.days && a.seconds == b.seconds && a.nanos == b.nanos;
}

int DurationOrder(const DurationVal& x, const DurationVal& y) {
  const DurationVal a = Normalize(x), b = Normalize(y);
  // By approximate length (average month, 24-hour day), then field by field.
  const long double la = a.months * 2629746.0L + a.days * 86400.0L + a.seconds + a.nanos / 1e9L;
  const long double lb = b.months * 2629746.0L + b.days * 86400.0L + b.seconds + b.nanos / 1e9L;
  if (int c = Cmp(la, lb)) return c;
  if (int c = Cmp(a.months, b.months)) return c;
  if (int c = Cmp(a.days, b.days)) return c;
  if (int c = Cmp(a.seconds, b.seconds)) return c;
  return Cmp(a.nanos, b.nanos);
}

DurationVal Normalize(DurationVal d) {
  d.seconds += FloorDiv(d.nanos, kNanosPerSecond);
  d.nanos = FloorMod(d.nanos, kNanosPerSecond);
  return d;
}

}  // namespace kg::cypher
