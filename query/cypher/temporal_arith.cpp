// Temporal arithmetic: temporal +/- duration, duration +/- duration,
// duration * / number, and the fractional cascade of duration fields.
// Follows Neo4j (java.time underneath): months and days move the local
// date (the day clamped to the month's length), seconds and nanoseconds move
// the time, on a datetime the instant.
#include <cmath>

#include "query/cypher/temporal.h"

namespace kg::cypher {

namespace {

using i128 = __int128;

constexpr int64_t kMaxYear = 999999999;
constexpr long double kAvgSecondsPerMonth = 2629746.0L;  // 365.2425 days / 12

Status Overflow() {
  return Status::InvalidArgument(
      "temporal value out of range (the year must be within +-999999999)");
}

Status CheckDays(int64_t days) {
  static const int64_t lo = DaysFromCivil(-kMaxYear, 1, 1), hi = DaysFromCivil(kMaxYear, 12, 31);
  return days < lo || days > hi ? Overflow() : Status::OK();
}

Status AddMonthsToDays(int64_t days, int64_t months, int64_t* out) {
  if (months == 0) {
    *out = days;
    return Status::OK();
  }
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  i128 total = static_cast<i128>(y) * 12 + (m - 1) + months;
  i128 ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
  const int64_t nm = static_cast<int64_t>(total - ny * 12) + 1;
  if (ny > kMaxYear || ny < -kMaxYear) return Overflow();
  const int64_t yy = static_cast<int64_t>(ny);
  *out = DaysFromCivil(yy, nm, std::min(d, DaysInMonth(yy, nm)));
  return Status::OK();
}

int64_t Trunc(long double v) { return static_cast<int64_t>(v); }

}  // namespace

Status ApproximateDuration(double months_d, double days_d, double seconds_d, double nanos_d,
                           DurationVal* out) {
  long double months = months_d, days = days_d, seconds = seconds_d, nanos = nanos_d;
  const long double lim = 9.2e18L;
  if (std::fabs(months) > lim || std::fabs(days) > lim || std::fabs(seconds) > lim || std::fabs(nanos) > lim ||
      std::isnan(months + days + seconds + nanos))
    return Status::InvalidArgument("duration out of range");
  const int64_t m = Trunc(months);
  days += (months - m) * kAvgSecondsPerMonth / kSecondsPerDay;
  const int64_t d = Trunc(days);
  seconds += (days - d) * kSecondsPerDay;
  const int64_t s = Trunc(seconds);
  nanos += (seconds - s) * kNanosPerSecond;
  DurationVal r;
  r.months = m;
  r.days = d;
  r.seconds = s;
  r.nanos = Trunc(std::round(nanos * 1e3L) / 1e3L);  // absorb binary noise below a nanosecond
  *out = Normalize(r);
  return Status::OK();
}

Status AddDuration(const TemporalVal& t, const DurationVal& dur, int sign, TemporalVal* out) {
  const DurationVal d = Normalize(dur);
  if (sign < 0 && (d.months == INT64_MIN || d.days == INT64_MIN || d.seconds == INT64_MIN)) return Overflow();
  const int64_t months = sign * d.months, days = sign * d.days, secs = sign * d.seconds,
                nanos = sign * d.nanos;
  TemporalVal r = t;
  if (HasDate(t.kind)) {
    KG_RETURN_IF_ERROR(AddMonthsToDays(t.days, months, &r.days));
    r.days += days;
    if (t.kind == TemporalKind::kDate) r.days += secs / kSecondsPerDay;  // whole days only
    KG_RETURN_IF_ERROR(CheckDays(r.days));
    if (t.kind == TemporalKind::kDateTime && t.zone >= 0 && (months || days))
      r.offset = ResolveLocal(t.zone, &r.days, &r.nanos, t.offset);
  }
  if (t.kind == TemporalKind::kDate) {
    *out = r;
    return Status::OK();
  }
  const i128 delta = static_cast<i128>(secs) * kNanosPerSecond + nanos;
  if (!HasDate(t.kind)) {
    const i128 n =
        ((static_cast<i128>(r.nanos) + delta) % kNanosPerDay + kNanosPerDay) % kNanosPerDay;
    r.nanos = static_cast<int64_t>(n);
    *out = r;
    return Status::OK();
  }
  const i128 total = static_cast<i128>(r.days) * kNanosPerDay + r.nanos + delta;
  i128 nd = total / kNanosPerDay;
  i128 nn = total % kNanosPerDay;
  if (nn < 0) {
    nn += kNanosPerDay;
    --nd;
  }
  if (nd > INT64_MAX / 2 || nd < INT64_MIN / 2) return Overflow();
  if (t.kind == TemporalKind::kDateTime && t.zone >= 0 && delta != 0) {
    // Time units move the instant; the zone then gives the local time.
    const i128 local = nd * kSecondsPerDay + nn / kNanosPerSecond;
    *out = DateTimeAtInstant(static_cast<int64_t>(local - r.offset),
                             static_cast<int64_t>(nn % kNanosPerSecond), t.zone, 0);
    return CheckDays(out->days);
  }
  r.days = static_cast<int64_t>(nd);
  r.nanos = static_cast<int64_t>(nn);
  KG_RETURN_IF_ERROR(CheckDays(r.days));
  *out = r;
  return Status::OK();
}

Status AddDurations(const DurationVal& a, const DurationVal& b, int sign, DurationVal* out) {
  DurationVal r;
  if (sign < 0 && (b.months == INT64_MIN || b.days == INT64_MIN || b.seconds == INT64_MIN))
    return Status::InvalidArgument("duration out of range (ArithmeticError)");
  if (__builtin_add_overflow(a.months, sign * b.months, &r.months) ||
      __builtin_add_overflow(a.days, sign * b.days, &r.days) ||
      __builtin_add_overflow(a.seconds, sign * b.seconds, &r.seconds))
    return Status::InvalidArgument("duration out of range (ArithmeticError)");
  r.nanos = a.nanos + sign * b.nanos;
  *out = Normalize(r);
  return Status::OK();
}

Status ScaleDuration(const DurationVal& in, double factor, DurationVal* out) {
  const DurationVal d = Normalize(in);
  if (std::isfinite(factor) && factor == std::floor(factor) && std::fabs(factor) < 9e15) {
    const int64_t f = static_cast<int64_t>(factor);
    DurationVal r;
    i128 nanos = static_cast<i128>(d.nanos) * f;
    if (__builtin_mul_overflow(d.months, f, &r.months) ||
        __builtin_mul_overflow(d.days, f, &r.days) ||
        __builtin_mul_overflow(d.seconds, f, &r.seconds))
      return Status::InvalidArgument("duration out of range (ArithmeticError)");
    const i128 carry = nanos / kNanosPerSecond;
    if (__builtin_add_overflow(r.seconds, static_cast<int64_t>(carry), &r.seconds))
      return Status::InvalidArgument("duration out of range (ArithmeticError)");
    r.nanos = static_cast<int64_t>(nanos % kNanosPerSecond);
    *out = Normalize(r);
    return Status::OK();
  }
  return ApproximateDuration(d.months * factor, d.days * factor, d.seconds * factor,
                             d.nanos * factor, out);
}

}  // namespace kg::cypher
