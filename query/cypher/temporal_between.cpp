// duration.between / inMonths / inDays / inSeconds: the duration from one
// temporal to another, as Neo4j computes it (java.time's until() after the
// two values are brought to a common shape: a date gains midnight, a time
// gains the other value's date, a local value gains the other's time zone).
#include "query/cypher/temporal.h"

namespace kg::cypher {

namespace {

using i128 = __int128;

TemporalVal AttachTime(const TemporalVal& t) {
  TemporalVal r = t;
  if (t.kind == TemporalKind::kDate) {
    r.kind = TemporalKind::kLocalDateTime;
    r.nanos = 0;
  }
  return r;
}

TemporalVal AttachDate(const TemporalVal& t, int64_t days) {
  TemporalVal r = t;
  r.days = days;
  if (t.kind == TemporalKind::kLocalTime) r.kind = TemporalKind::kLocalDateTime;
  if (t.kind == TemporalKind::kTime) r.kind = TemporalKind::kDateTime;
  return r;
}

// Gives a local value the time zone (named zone or offset) of `src`.
TemporalVal AttachZone(const TemporalVal& t, const TemporalVal& src) {
  TemporalVal r = t;
  r.zone = -1;
  r.offset = src.offset;
  if (t.kind == TemporalKind::kLocalTime) {
    r.kind = TemporalKind::kTime;
  } else if (t.kind == TemporalKind::kLocalDateTime) {
    r.kind = TemporalKind::kDateTime;
    if (src.kind == TemporalKind::kDateTime && src.zone >= 0) {
      r.zone = src.zone;
      r.offset = ResolveLocal(src.zone, &r.days, &r.nanos, INT32_MIN);
    }
  }
  return r;
}

void Harmonize(TemporalVal* from, TemporalVal* to, bool time_based) {
  if (time_based) {
    *from = AttachTime(*from);
    *to = AttachTime(*to);
  } else if (HasTime(from->kind) && !HasTime(to->kind)) {
    *to = AttachTime(*to);
  } else if (HasTime(to->kind) && !HasTime(from->kind)) {
    *from = AttachTime(*from);
  }
  if (HasDate(from->kind) && !HasDate(to->kind))
    *to = AttachDate(*to, from->days);
  else if (HasDate(to->kind) && !HasDate(from->kind))
    *from = AttachDate(*from, to->days);
  if (HasOffset(from->kind) && !HasOffset(to->kind))
    *to = AttachZone(*to, *from);
  else if (HasOffset(to->kind) && !HasOffset(from->kind))
    *from = AttachZone(*from, *to);
}

i128 UtcNanos(const TemporalVal& t) {
  const i128 local = static_cast<i128>(t.days) * kNanosPerDay + t.nanos;
  return local - static_cast<i128>(t.offset) * kNanosPerSecond;
}

int64_t ProlepticMonth(int64_t days, int64_t* day_of_month) {
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  *day_of_month = d;
  return y * 12 + m - 1;
}

// java.time LocalDate/LocalDateTime.until for MONTHS or DAYS.
int64_t DateUnitsUntil(const TemporalVal& from, const TemporalVal& to, BetweenUnit unit) {
  int64_t end = to.days;
  if (HasTime(from.kind)) {
    if (end > from.days && to.nanos < from.nanos)
      --end;
    else if (end < from.days && to.nanos > from.nanos)
      ++end;
  }
  if (unit == BetweenUnit::kDays) return end - from.days;
  int64_t d1, d2;
  const int64_t p1 = ProlepticMonth(from.days, &d1) * 32 + d1;
  const int64_t p2 = ProlepticMonth(end, &d2) * 32 + d2;
  return (p2 - p1) / 32;
}

i128 Until(TemporalVal from, TemporalVal to, BetweenUnit unit) {
  Harmonize(&from, &to, unit == BetweenUnit::kNanos);
  if (unit == BetweenUnit::kNanos) {
    if (HasOffset(from.kind)) return UtcNanos(to) - UtcNanos(from);
    return static_cast<i128>(to.days - from.days) * kNanosPerDay + (to.nanos - from.nanos);
  }
  if (!HasDate(from.kind)) return 0;
  if (from.kind == TemporalKind::kDateTime) {
    // The end in the start's zone, at the same instant.
    int64_t s, n;
    InstantOf(to, &s, &n);
    to = DateTimeAtInstant(s, n, from.zone, from.offset);
  }
  return DateUnitsUntil(from, to, unit);
}

}  // namespace

Status DurationBetween(const TemporalVal& a, const TemporalVal& b, BetweenUnit unit,
                       DurationVal* out) {
  DurationVal r;
  auto from_nanos = [&](i128 n) {
    r.seconds = static_cast<int64_t>(n / kNanosPerSecond);
    r.nanos = static_cast<int64_t>(n % kNanosPerSecond);
  };
  switch (unit) {
    case BetweenUnit::kMonths:
      r.months = static_cast<int64_t>(Until(a, b, unit));
      break;
    case BetweenUnit::kDays:
      r.days = static_cast<int64_t>(Until(a, b, unit));
      break;
    case BetweenUnit::kNanos:
      from_nanos(Until(a, b, unit));
      break;
    case BetweenUnit::kAll: {
      TemporalVal from = a;
      if (HasDate(a.kind) && HasDate(b.kind)) {
        r.months = static_cast<int64_t>(Until(from, b, BetweenUnit::kMonths));
        DurationVal step;
        step.months = r.months;
        KG_RETURN_IF_ERROR(AddDuration(from, step, 1, &from));
        r.days = static_cast<int64_t>(Until(from, b, BetweenUnit::kDays));
        step = DurationVal();
        step.days = r.days;
        KG_RETURN_IF_ERROR(AddDuration(from, step, 1, &from));
      }
      from_nanos(Until(from, b, BetweenUnit::kNanos));
      break;
    }
  }
  *out = Normalize(r);
  return Status::OK();
}

}  // namespace kg::cypher
