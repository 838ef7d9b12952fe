// ISO 8601 text -> temporal values and durations, the forms Neo4j accepts:
//   dates      2015-07-21 20150721 2015-07 201507 2015-W30-2 2015W302 2015-W30
//              2015W30 2015-202 2015202 2015 (years may carry a sign and up
//              to 9 digits: +999999999-12-31)
//   times      21:40:32.142 214032.142 21:40 2140 21 (',' also separates the
//              fraction), then an offset Z / +01 / +0100 / +01:00 and, for
//              date-times, a zone [Europe/Stockholm]
//   date-times a date, 'T', a time (the time may be left out)
//   durations  P14DT16H12M, P5M1.5D, P2.5W, PT-1.999S, -P1D, P2012-02-02T14:37:21.545
#include <cctype>
#include <cmath>

#include "query/cypher/temporal.h"

namespace kg::cypher {

namespace {

bool Digits(const std::string& s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  for (size_t i = from; i < from + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int64_t Num(const std::string& s, size_t from, size_t n) {
  int64_t v = 0;
  for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

size_t DigitRun(const std::string& s, size_t from) {
  size_t i = from;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i - from;
}

Status Bad(const char* what, const std::string& text) {
  return Status::InvalidArgument(std::string("text cannot be parsed to a ") + what + ": '" + text +
                                 "'");
}

// Parses the date at the start of `s`; *used = characters consumed.
bool ParseDatePart(const std::string& s, int64_t* days, size_t* used) {
  size_t i = 0;
  int64_t sign = 1, year;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    sign = s[i] == '-' ? -1 : 1;
    ++i;
    size_t n = DigitRun(s, i);
    if (n < 1 || n > 9) return false;
    year = Num(s, i, n);
    i += n;
  } else {
    if (!Digits(s, i, 4)) return false;
    year = Num(s, i, 4);
    i += 4;
  }
  year *= sign;
  const bool dash = i < s.size() && s[i] == '-';
  const size_t j = i + (dash ? 1 : 0);
  auto finish = [&](int64_t d, size_t end) {
    *days = d;
    *used = end;
    return true;
  };
  if (j < s.size() && s[j] == 'W') {  // week date
    if (!Digits(s, j + 1, 2)) return false;
    const int64_t week = Num(s, j + 1, 2);
    size_t k = j + 3;
    int64_t dow = 1;
    if (dash && k < s.size() && s[k] == '-' && Digits(s, k + 1, 1)) {
      dow = Num(s, k + 1, 1);
      k += 2;
    } else if (!dash && Digits(s, k, 1)) {
      dow = Num(s, k, 1);
      k += 1;
    }
    if (week < 1 || week > WeeksInYear(year) || dow < 1 || dow > 7) return false;
    return finish(WeekYearStart(year) + (week - 1) * 7 + (dow - 1), k);
  }
  const size_t run = DigitRun(s, j);
  if (dash) {
    if (run == 3) {  // ordinal day
      const int64_t od = Num(s, j, 3);
      if (od < 1 || od > (IsLeapYear(year) ? 366 : 365)) return false;
      return finish(DaysFromCivil(year, 1, 1) + od - 1, j + 3);
    }
    if (run != 2) return false;
    const int64_t m = Num(s, j, 2);
    int64_t d = 1;
    size_t k = j + 2;
    if (k < s.size() && s[k] == '-') {
      if (DigitRun(s, k + 1) != 2) return false;
      d = Num(s, k + 1, 2);
      k += 3;
    }
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(year, m)) return false;
    return finish(DaysFromCivil(year, m, d), k);
  }
  if (run == 0) {
    if (j < s.size() && s[j] != 'T') return false;
    return finish(DaysFromCivil(year, 1, 1), j);
  }
  if (run == 2 || run == 4) {
    const int64_t m = Num(s, j, 2), d = run == 4 ? Num(s, j + 2, 2) : 1;
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(year, m)) return false;
    return finish(DaysFromCivil(year, m, d), j + run);
  }
  if (run == 3) {
    const int64_t od = Num(s, j, 3);
    if (od < 1 || od > (IsLeapYear(year) ? 366 : 365)) return false;
    return finish(DaysFromCivil(year, 1, 1) + od - 1, j + 3);
  }
  return false;
}

// Parses a time of day at the start of `s`.
bool ParseTimePart(const std::string& s, int64_t* nanos, size_t* used) {
  if (!Digits(s, 0, 2)) return false;
  int64_t h = Num(s, 0, 2), m = 0, sec = 0, frac = 0;
  size_t i = 2;
  const bool colon = i < s.size() && s[i] == ':';
  auto two = [&](int64_t* v) {
    size_t k = i + (colon ? 1 : 0);
    if (colon && (i >= s.size() || s[i] != ':')) return false;
    if (DigitRun(s, k) < 2) return false;
    *v = Num(s, k, 2);
    i = k + 2;
    return true;
  };
  if ((colon && i < s.size() && s[i] == ':') || (!colon && DigitRun(s, i) >= 2)) {
    if (!two(&m)) return false;
    if ((colon && i < s.size() && s[i] == ':') || (!colon && DigitRun(s, i) >= 2)) {
      if (!two(&sec)) return false;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        const size_t n = DigitRun(s, i + 1);
        if (n < 1 || n > 9) return false;
        frac = Num(s, i + 1, n);
        for (size_t k = n; k < 9; ++k) frac *= 10;
        i += 1 + n;
      }
    }
  }
  if (h > 23 || m > 59 || sec > 59) return false;
  *nanos = ((h * 60 + m) * 60 + sec) * kNanosPerSecond + frac;
  *used = i;
  return true;
}

// Offset and zone after a time: "", "Z", "+01:00", "[Europe/London]", "+01:00[...]".
Status ParseZonePart(const std::string& rest, const std::string& text, bool allow_zone,
                     bool* has_offset, int32_t* offset, int32_t* zone) {
  *has_offset = false;
  *zone = -1;
  std::string off = rest, name;
  size_t b = rest.find('[');
  if (b != std::string::npos) {
    if (!allow_zone || rest.back() != ']') return Bad("time zone", text);
    off = rest.substr(0, b);
    name = rest.substr(b + 1, rest.size() - b - 2);
  }
  if (!off.empty()) {
    if (!ParseOffset(off, offset).ok()) return Bad("time zone offset", text);
    *has_offset = true;
  }
  if (!name.empty()) {
    auto z = ZoneId(name);
    if (!z.ok()) return z.status();
    *zone = *z;
  }
  return Status::OK();
}

}  // namespace

Status ParseTemporal(TemporalKind kind, const std::string& text, TemporalVal* out) {
  const std::string s = text;
  const char* what = TemporalKindName(kind);
  TemporalVal t;
  t.kind = kind;
  size_t i = 0;
  if (HasDate(kind)) {
    size_t used = 0;
    if (!ParseDatePart(s, &t.days, &used)) return Bad(what, text);
    i = used;
    if (kind == TemporalKind::kDate) {
      if (i != s.size()) return Bad(what, text);
      *out = t;
      return Status::OK();
    }
    if (i < s.size()) {
      if (s[i] != 'T') return Bad(what, text);
      ++i;
    }
  }
  if (i < s.size() || !HasDate(kind)) {
    size_t used = 0;
    if (!ParseTimePart(s.substr(i), &t.nanos, &used)) return Bad(what, text);
    i += used;
  }
  const std::string rest = s.substr(i);
  if (!HasOffset(kind)) {
    if (!rest.empty()) return Bad(what, text);
    *out = t;
    return Status::OK();
  }
  bool has_offset = false;
  int32_t offset = 0, zone = -1;
  KG_RETURN_IF_ERROR(
      ParseZonePart(rest, text, kind == TemporalKind::kDateTime, &has_offset, &offset, &zone));
  t.offset = offset;
  if (zone >= 0) {
    t.zone = zone;
    t.offset = ResolveLocal(zone, &t.days, &t.nanos, has_offset ? offset : INT32_MIN);
  }
  *out = t;
  return Status::OK();
}

Status ParseDuration(const std::string& text, DurationVal* out) {
  const std::string& s = text;
  auto bad = [&]() { return Bad("duration", text); };
  size_t i = 0;
  int sign = 1;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    sign = s[i] == '-' ? -1 : 1;
    ++i;
  }
  if (i >= s.size() || (s[i] != 'P' && s[i] != 'p')) return bad();
  ++i;
  // Alternative form: P2012-02-02T14:37:21.545
  if (Digits(s, i, 4) && i + 4 < s.size() && s[i + 4] == '-') {
    int64_t nanos = 0;
    size_t used = 0;
    if (!Digits(s, i, 4) || !Digits(s, i + 5, 2) || s.size() < i + 10 || s[i + 7] != '-' ||
        !Digits(s, i + 8, 2))
      return bad();
    const int64_t y = Num(s, i, 4), mo = Num(s, i + 5, 2), dd = Num(s, i + 8, 2);
    i += 10;
    if (i < s.size()) {
      if (s[i] != 'T' || !ParseTimePart(s.substr(i + 1), &nanos, &used) || i + 1 + used != s.size())
        return bad();
    }
    DurationVal r;
    r.months = sign * (y * 12 + mo);
    r.days = sign * dd;
    r.seconds = sign * (nanos / kNanosPerSecond);
    r.nanos = sign * (nanos % kNanosPerSecond);
    *out = Normalize(r);
    return Status::OK();
  }
  long double months = 0, days = 0, seconds = 0;
  int64_t exact_nanos = 0;  // fraction of the seconds component, kept exact
  bool fractional = false, any = false, in_time = false;
  const char* order_date = "YMWD";
  const char* order_time = "HMS";
  size_t pos_date = 0, pos_time = 0;
  while (i < s.size()) {
    if (s[i] == 'T' || s[i] == 't') {
      if (in_time) return bad();
      in_time = true;
      ++i;
      continue;
    }
    int csign = 1;
    if (s[i] == '-' || s[i] == '+') {
      csign = s[i] == '-' ? -1 : 1;
      ++i;
    }
    const size_t n = DigitRun(s, i);
    if (n == 0 || n > 18) return bad();
    const int64_t whole = Num(s, i, n);
    i += n;
    int64_t frac_nanos = 0;
    long double frac = 0;
    bool has_frac = false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      const size_t f = DigitRun(s, i + 1);
      if (f == 0 || f > 9) return bad();
      frac_nanos = Num(s, i + 1, f);
      for (size_t k = f; k < 9; ++k) frac_nanos *= 10;
      frac = frac_nanos / 1e9L;
      has_frac = true;
      i += 1 + f;
    }
    if (i >= s.size()) return bad();
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
    ++i;
    const char* order = in_time ? order_time : order_date;
    size_t* pos = in_time ? &pos_time : &pos_date;
    const char* at = std::char_traits<char>::find(
        order + *pos, std::char_traits<char>::length(order + *pos), unit);
    if (!at) return bad();
    *pos = static_cast<size_t>(at - order) + 1;
    const long double v = csign * (whole + frac);
    any = true;
    if (!in_time) {
      if (has_frac) fractional = true;
      if (unit == 'Y')
        months += v * 12;
      else if (unit == 'M')
        months += v;
      else if (unit == 'W')
        days += v * 7;
      else
        days += v;
    } else if (unit == 'S') {
      seconds += csign * whole;
      exact_nanos += csign * frac_nanos;
    } else {
      if (has_frac) fractional = true;
      seconds += v * (unit == 'H' ? 3600 : 60);
    }
  }
  if (!any) return bad();
  months *= sign;
  days *= sign;
  seconds *= sign;
  exact_nanos *= sign;
  if (fractional) return ApproximateDuration(months, days, seconds, exact_nanos, out);
  const long double lim = 9.2e18L;
  if (months > lim || months < -lim || days > lim || days < -lim || seconds > lim || seconds < -lim)
    return Status::InvalidArgument("duration out of range: '" + text + "'");
  DurationVal r;
  r.months = static_cast<int64_t>(months);
  r.days = static_cast<int64_t>(days);
  r.seconds = static_cast<int64_t>(seconds);
  r.nanos = exact_nanos;
  *out = Normalize(r);
  return Status::OK();
}

}  // namespace kg::cypher
