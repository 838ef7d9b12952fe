// Components of temporal values (d.year, t.offsetMinutes, dur.monthsOfYear,
// ...) and the arithmetic operators on them (temporal +/- duration,
// duration +/- duration, duration * / number).
#include <cctype>

#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool DateField(const TemporalVal& t, const std::string& k, Value* out) {
  int64_t y, m, d;
  CivilFromDays(t.days, &y, &m, &d);
  int64_t wy, w;
  IsoWeek(t.days, &wy, &w);
  const int64_t q = (m - 1) / 3 + 1;
  int64_t v;
  if (k == "year")
    v = y;
  else if (k == "quarter")
    v = q;
  else if (k == "month")
    v = m;
  else if (k == "week")
    v = w;
  else if (k == "weekyear")
    v = wy;
  else if (k == "day")
    v = d;
  else if (k == "ordinalday")
    v = t.days - DaysFromCivil(y, 1, 1) + 1;
  else if (k == "weekday" || k == "dayofweek")
    v = DayOfWeek(t.days);
  else if (k == "dayofquarter")
    v = t.days - DaysFromCivil(y, (q - 1) * 3 + 1, 1) + 1;
  else
    return false;
  *out = Value::Int(v);
  return true;
}

bool TimeField(const TemporalVal& t, const std::string& k, Value* out) {
  const int64_t n = t.nanos;
  int64_t v;
  if (k == "hour")
    v = n / 3600000000000LL;
  else if (k == "minute")
    v = n / 60000000000LL % 60;
  else if (k == "second")
    v = n / kNanosPerSecond % 60;
  else if (k == "millisecond")
    v = n % kNanosPerSecond / 1000000;
  else if (k == "microsecond")
    v = n % kNanosPerSecond / 1000;
  else if (k == "nanosecond")
    v = n % kNanosPerSecond;
  else
    return false;
  *out = Value::Int(v);
  return true;
}

bool ZoneField(const TemporalVal& t, const std::string& k, Value* out) {
  if (k == "timezone")
    *out = Value::Str(t.zone >= 0 ? ZoneName(t.zone) : FormatOffset(t.offset, true));
  else if (k == "offset")
    *out = Value::Str(FormatOffset(t.offset, true));
  else if (k == "offsetminutes")
    *out = Value::Int(t.offset / 60);
  else if (k == "offsetseconds")
    *out = Value::Int(t.offset);
  else
    return false;
  return true;
}

bool DurationField(const DurationVal& d, const std::string& k, Value* out) {
  int64_t v;
  if (k == "years")
    v = d.months / 12;
  else if (k == "quarters")
    v = d.months / 3;
  else if (k == "months")
    v = d.months;
  else if (k == "weeks")
    v = d.days / 7;
  else if (k == "days")
    v = d.days;
  else if (k == "hours")
    v = d.seconds / 3600;
  else if (k == "minutes")
    v = d.seconds / 60;
  else if (k == "seconds")
    v = d.seconds;
  else if (k == "milliseconds" || k == "microseconds" || k == "nanoseconds") {
    const int64_t unit = k == "milliseconds" ? 1000 : k == "microseconds" ? 1000000 : kNanosPerSecond;
    const bool overflow = __builtin_mul_overflow(d.seconds, unit, &v) ||
                          __builtin_add_overflow(v, d.nanos / (kNanosPerSecond / unit), &v);
    *out = overflow ? Value::Null() : Value::Int(v);  // beyond 64 bits: no such integer
    return true;
  }
  else if (k == "quartersofyear")
    v = d.months % 12 / 3;
  else if (k == "monthsofquarter")
    v = d.months % 3;
  else if (k == "monthsofyear")
    v = d.months % 12;
  else if (k == "daysofweek")
    v = d.days % 7;
  else if (k == "minutesofhour")
    v = d.seconds / 60 % 60;
  else if (k == "secondsofminute")
    v = d.seconds % 60;
  else if (k == "millisecondsofsecond")
    v = d.nanos / 1000000;
  else if (k == "microsecondsofsecond")
    v = d.nanos / 1000;
  else if (k == "nanosecondsofsecond")
    v = d.nanos;
  else
    return false;
  *out = Value::Int(v);
  return true;
}

}  // namespace

Result<Value> TemporalProperty(const Value& v, const std::string& key, ExecContext& ctx,
                               const Expr& e) {
  const std::string k = Lower(key);
  Value out;
  if (v.is_duration()) {
    if (DurationField(v.as_duration(), k, &out)) return out;
  } else {
    const TemporalVal& t = v.as_temporal();
    if (HasDate(t.kind) && DateField(t, k, &out)) return out;
    if (HasTime(t.kind) && TimeField(t, k, &out)) return out;
    if (HasOffset(t.kind) && ZoneField(t, k, &out)) return out;
    if (t.kind == TemporalKind::kDateTime && (k == "epochseconds" || k == "epochmillis")) {
      int64_t s, n;
      InstantOf(t, &s, &n);
      int64_t ms = 0;
      if (k == "epochseconds") return Value::Int(s);
      if (__builtin_mul_overflow(s, 1000, &ms)) return Value::Null();  // beyond 64 bits
      return Value::Int(ms + n / 1000000);
    }
  }
  return ctx.Error(e.line, e.col,
                   "a " + std::string(TypeName(v.type())) + " has no field '" + key +
                       "' (InvalidArgumentValue)");
}

Result<Value> TemporalArith(ExprKind k, const Value& a, const Value& b, ExecContext& ctx,
                            const Expr& e) {
  auto fail = [&](const Status& s) { return ctx.Error(e.line, e.col, s.message()); };
  if ((k == ExprKind::kAdd || k == ExprKind::kSub) && a.is_temporal() && b.is_duration()) {
    TemporalVal r;
    Status s = AddDuration(a.as_temporal(), b.as_duration(), k == ExprKind::kAdd ? 1 : -1, &r);
    if (!s.ok()) return fail(s);
    return Value::Temporal(r);
  }
  if (k == ExprKind::kAdd && a.is_duration() && b.is_temporal())
    return TemporalArith(k, b, a, ctx, e);
  if ((k == ExprKind::kAdd || k == ExprKind::kSub) && a.is_duration() && b.is_duration()) {
    DurationVal r;
    Status s = AddDurations(a.as_duration(), b.as_duration(), k == ExprKind::kAdd ? 1 : -1, &r);
    if (!s.ok()) return fail(s);
    return Value::Duration(r);
  }
  if ((k == ExprKind::kMul || k == ExprKind::kDiv) && a.is_duration() && b.is_number()) {
    DurationVal r;
    Status s;
    if (k == ExprKind::kMul) {
      s = ScaleDuration(a.as_duration(), b.as_number(), &r);
    } else {
      if (b.as_number() == 0) return ctx.Error(e.line, e.col, "division by zero (ArithmeticError)");
      const DurationVal& d = a.as_duration();
      const double f = b.as_number();
      s = ApproximateDuration(d.months / f, d.days / f, d.seconds / f, d.nanos / f, &r);
    }
    if (!s.ok()) return fail(s);
    return Value::Duration(r);
  }
  if (k == ExprKind::kMul && a.is_number() && b.is_duration())
    return TemporalArith(k, b, a, ctx, e);
  return ctx.Error(e.line, e.col,
                   std::string("cannot apply arithmetic to ") + TypeName(a.type()) + " and " +
                       TypeName(b.type()) + " (InvalidArgumentType)");
}

}  // namespace kg::cypher
