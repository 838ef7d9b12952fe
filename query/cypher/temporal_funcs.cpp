// Cypher's temporal functions: the constructors date(), localtime(), time(),
// localdatetime(), datetime(), duration() from strings, maps and other
// temporal values; the current instant (date(), date.statement(),
// date.transaction(), date.realtime(), ...; statement and transaction share
// one instant per query, read once from QueryOptions::clock); truncation
// (date.truncate(unit, value[, map])); datetime.fromepoch[millis];
// duration.between / inMonths / inDays / inSeconds.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "query/cypher/exec.h"
#include "query/cypher/temporal_build.h"

namespace kg::cypher {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool KindOf(const std::string& base, TemporalKind* k) {
  static const std::pair<const char*, TemporalKind> kKinds[] = {
      {"date", TemporalKind::kDate},
      {"localtime", TemporalKind::kLocalTime},
      {"time", TemporalKind::kTime},
      {"localdatetime", TemporalKind::kLocalDateTime},
      {"datetime", TemporalKind::kDateTime}};
  for (const auto& [name, kind] : kKinds)
    if (base == name) {
      *k = kind;
      return true;
    }
  return false;
}

// The current instant as a value of `kind` in `zone_text` (UTC when empty).
Result<Value> Now(TemporalKind kind, int64_t now_nanos, const Value& zone_arg, const Builder& b) {
  Zone z;
  if (!zone_arg.is_null()) {
    if (!zone_arg.is_string()) return b.Err("the time zone must be a string (InvalidArgumentType)");
    KG_ASSIGN_OR_RETURN(z, ParseZone(zone_arg.as_string(), b));
  }
  const int64_t s = FloorDiv(now_nanos, kNanosPerSecond), n = FloorMod(now_nanos, kNanosPerSecond);
  TemporalVal t = DateTimeAtInstant(s, n, z.zone, z.offset);
  return Value::Temporal(Convert(t, kind));
}

// unit truncation of the local fields of `t` (date part and time of day).
Status Truncate(const std::string& unit_in, const TemporalVal& t, TemporalKind kind, int64_t* days,
                int64_t* nanos, const Builder& b) {
  const std::string unit = Lower(unit_in);
  *days = t.days;
  *nanos = HasTime(t.kind) ? t.nanos : 0;
  static const std::pair<const char*, int64_t> kTimeUnits[] = {{"day", kNanosPerDay},
                                                               {"hour", 3600 * kNanosPerSecond},
                                                               {"minute", 60 * kNanosPerSecond},
                                                               {"second", kNanosPerSecond},
                                                               {"millisecond", 1000000},
                                                               {"microsecond", 1000}};
  for (const auto& [name, size] : kTimeUnits) {
    if (unit != name) continue;
    if (unit != "day" && !HasTime(t.kind))
      return b.Err("cannot truncate a " + std::string(TemporalKindName(t.kind)) + " to the unit '" +
                   unit_in + "' (InvalidArgumentValue)");
    *nanos = *nanos / size * size;
    return Status::OK();
  }
  if (!HasDate(t.kind) || !HasDate(kind))
    return b.Err("cannot truncate a " + std::string(TemporalKindName(t.kind)) + " to the unit '" +
                 unit_in + "' (InvalidArgumentValue)");
  int64_t y, m, d;
  CivilFromDays(t.days, &y, &m, &d);
  *nanos = 0;
  if (unit == "millennium")
    *days = DaysFromCivil(FloorDiv(y, 1000) * 1000, 1, 1);
  else if (unit == "century")
    *days = DaysFromCivil(FloorDiv(y, 100) * 100, 1, 1);
  else if (unit == "decade")
    *days = DaysFromCivil(FloorDiv(y, 10) * 10, 1, 1);
  else if (unit == "year")
    *days = DaysFromCivil(y, 1, 1);
  else if (unit == "weekyear") {
    int64_t wy, w;
    IsoWeek(t.days, &wy, &w);
    *days = WeekYearStart(wy);
  } else if (unit == "quarter")
    *days = DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1);
  else if (unit == "month")
    *days = DaysFromCivil(y, m, 1);
  else if (unit == "week")
    *days = t.days - (DayOfWeek(t.days) - 1);
  else
    return b.Err("unknown truncation unit '" + unit_in + "' (InvalidArgumentValue)");
  return Status::OK();
}

Result<Value> TruncateCall(TemporalKind kind, const std::vector<Value>& a, const Builder& b) {
  if (a.size() < 2 || a.size() > 3)
    return b.Err("truncate() takes (unit, value[, map]) (InvalidNumberOfArguments)");
  if (a[1].is_null()) return Value::Null();
  if (!a[0].is_string()) return b.Err("the truncation unit must be a string (InvalidArgumentType)");
  if (!a[1].is_temporal())
    return b.Err("truncate() expects a temporal value (InvalidArgumentType)");
  if (a.size() == 3 && !a[2].is_null() && !a[2].is_map())
    return b.Err("truncate() expects a map of fields to set (InvalidArgumentType)");
  const TemporalVal& in = a[1].as_temporal();
  TemporalVal base;
  base.kind = TemporalKind::kLocalDateTime;
  KG_RETURN_IF_ERROR(Truncate(a[0].as_string(), in, kind, &base.days, &base.nanos, b));
  Map fields = a.size() == 3 && a[2].is_map() ? a[2].as_map() : Map{};
  // The truncated local value, with the fields of the map set on it; the map's
  // time zone replaces the value's (no conversion), else the value's is kept.
  Zone zone;
  auto tz = fields.find("timezone");
  if (tz != fields.end()) {
    if (!tz->second.is_string())
      return b.Err("the time zone must be a string (InvalidArgumentType)");
    KG_ASSIGN_OR_RETURN(zone, ParseZone(tz->second.as_string(), b));
    fields.erase(tz);
  } else if (HasOffset(in.kind)) {
    zone.zone = in.zone;
    zone.offset = in.offset;
  }
  // Sub-second fields below the unit add to the truncated value (Neo4j):
  // truncate('millisecond', 12:31:14.645876, {nanosecond: 2}) is 12:31:14.645000002.
  const std::string unit = Lower(a[0].as_string());
  if (unit == "millisecond" || unit == "microsecond") {
    const int64_t ms = base.nanos % kNanosPerSecond / 1000000,
                  us = base.nanos % kNanosPerSecond / 1000;
    for (auto& [k, v] : fields) {
      if (!v.is_int()) continue;
      const std::string lk = Lower(k);
      if (lk == "nanosecond")
        v = Value::Int((unit == "millisecond" ? ms * 1000000 : us * 1000) + v.as_int());
      else if (lk == "microsecond" && unit == "millisecond")
        v = Value::Int(ms * 1000 + v.as_int());
    }
  }
  fields["date"] = Value::Temporal(base);
  fields["time"] = Value::Temporal(base);
  KG_ASSIGN_OR_RETURN(TemporalVal local, BuildFromMap(TemporalKind::kLocalDateTime, fields, b));
  TemporalVal out = local;
  out.kind = kind;
  out.offset = 0;
  out.zone = -1;
  if (HasOffset(kind)) AttachZone(&out, zone, FloorDiv(b.ctx->StatementNanos(), kNanosPerSecond));
  if (!HasDate(kind)) out.days = 0;
  if (!HasTime(kind)) out.nanos = 0;
  return Value::Temporal(out);
}

Result<Value> Construct(TemporalKind kind, const std::vector<Value>& a, int64_t now,
                        const Builder& b) {
  if (a.empty()) return Now(kind, now, Value(), b);
  if (a.size() > 1)
    return b.Err(std::string(TemporalKindName(kind)) +
                 "() takes one argument (InvalidNumberOfArguments)");
  const Value& x = a[0];
  if (x.is_null()) return x;
  if (x.is_string()) {
    TemporalVal t;
    Status s = ParseTemporal(kind, x.as_string(), &t);
    if (!s.ok()) return b.Err(s.message() + " (InvalidArgumentValue)");
    return Value::Temporal(t);
  }
  if (x.is_map()) {
    const Map& m = x.as_map();
    if (m.size() == 1 && m.count("timezone")) return Now(kind, now, m.at("timezone"), b);
    KG_ASSIGN_OR_RETURN(TemporalVal t, BuildFromMap(kind, m, b));
    return Value::Temporal(t);
  }
  if (x.is_temporal()) {
    const TemporalVal& t = x.as_temporal();
    if ((HasDate(kind) && !HasDate(t.kind)) || (!HasDate(kind) && !HasTime(t.kind)))
      return b.Err("cannot make a " + std::string(TemporalKindName(kind)) + " from a " +
                   TemporalKindName(t.kind) + " (InvalidArgumentType)");
    return Value::Temporal(Convert(t, kind));
  }
  return b.Err(std::string(TemporalKindName(kind)) +
               "() expects a string, a map or a temporal value, got " + TypeName(x.type()) +
               " (InvalidArgumentType)");
}

Result<Value> DurationCall(const std::vector<Value>& a, const Builder& b) {
  if (a.size() != 1) return b.Err("duration() takes one argument (InvalidNumberOfArguments)");
  const Value& x = a[0];
  if (x.is_null()) return x;
  DurationVal d;
  if (x.is_string()) {
    Status s = ParseDuration(x.as_string(), &d);
    if (!s.ok()) return b.Err(s.message() + " (InvalidArgumentValue)");
    return Value::Duration(d);
  }
  if (x.is_duration()) return x;
  if (!x.is_map()) return b.Err("duration() expects a string or a map (InvalidArgumentType)");
  KG_ASSIGN_OR_RETURN(d, DurationFromMap(x.as_map(), b));
  return Value::Duration(d);
}

Result<Value> BetweenCall(BetweenUnit unit, const std::vector<Value>& a, const Builder& b) {
  if (a.size() != 2)
    return b.Err("duration.between() takes two arguments (InvalidNumberOfArguments)");
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  if (!a[0].is_temporal() || !a[1].is_temporal())
    return b.Err("duration.between() expects two temporal values (InvalidArgumentType)");
  DurationVal d;
  Status s = DurationBetween(a[0].as_temporal(), a[1].as_temporal(), unit, &d);
  if (!s.ok()) return b.Err(s.message());
  return Value::Duration(d);
}

Result<Value> FromEpoch(bool millis, const std::vector<Value>& a, const Builder& b) {
  if (a.size() != (millis ? 1u : 2u))
    return b.Err(millis ? "datetime.fromepochmillis() takes one argument (InvalidNumberOfArguments)"
                        : "datetime.fromepoch() takes two arguments (InvalidNumberOfArguments)");
  for (const auto& v : a)
    if (v.is_null()) return Value::Null();
  for (const auto& v : a)
    if (!v.is_int()) return b.Err("datetime.fromepoch expects integers (InvalidArgumentType)");
  int64_t s = millis ? FloorDiv(a[0].as_int(), 1000) : a[0].as_int();
  int64_t n = millis ? FloorMod(a[0].as_int(), 1000) * 1000000 : a[1].as_int();
  // Years +-999,999,999 span about +-3.16e16 seconds.
  if (s > 31556889832780799LL || s < -31557014135683200LL)
    return b.Err("datetime.fromepoch: the instant is outside the years -999999999..999999999 (InvalidArgumentValue)");
  s += FloorDiv(n, kNanosPerSecond);
  n = FloorMod(n, kNanosPerSecond);
  return Value::Temporal(DateTimeAtInstant(s, n, -1, 0));
}

}  // namespace

bool IsTemporalFunction(const std::string& f) {
  const size_t dot = f.find('.');
  TemporalKind k;
  if (dot == std::string::npos) return f == "duration" || KindOf(f, &k);
  const std::string base = f.substr(0, dot), member = f.substr(dot + 1);
  if (base == "duration")
    return member == "between" || member == "inmonths" || member == "indays" ||
           member == "inseconds";
  if (!KindOf(base, &k)) return false;
  if (member == "transaction" || member == "statement" || member == "realtime" ||
      member == "truncate")
    return true;
  return base == "datetime" && (member == "fromepoch" || member == "fromepochmillis");
}

Result<Value> CallTemporalFunction(const Expr& e, const std::string& f, std::vector<Value>& a,
                                   ExecContext& ctx) {
  const Builder b{&ctx, &e};
  const size_t dot = f.find('.');
  const std::string base = f.substr(0, dot),
                    member = dot == std::string::npos ? "" : f.substr(dot + 1);
  if (base == "duration") {
    if (member.empty()) return DurationCall(a, b);
    const BetweenUnit unit = member == "between"    ? BetweenUnit::kAll
                             : member == "inmonths" ? BetweenUnit::kMonths
                             : member == "indays"   ? BetweenUnit::kDays
                                                    : BetweenUnit::kNanos;
    return BetweenCall(unit, a, b);
  }
  TemporalKind kind = TemporalKind::kDate;
  KindOf(base, &kind);
  if (member.empty()) return Construct(kind, a, ctx.StatementNanos(), b);
  if (member == "statement" || member == "transaction" || member == "realtime") {
    const int64_t now = member == "realtime" ? ctx.RealTimeNanos() : ctx.StatementNanos();
    if (a.size() > 1)
      return b.Err(e.name + "() takes at most a time zone (InvalidNumberOfArguments)");
    if (a.empty()) return Now(kind, now, Value(), b);
    if (a[0].is_null()) return Value::Null();
    return Now(kind, now, a[0], b);
  }
  if (member == "truncate") return TruncateCall(kind, a, b);
  return FromEpoch(member == "fromepochmillis", a, b);
}

}  // namespace kg::cypher
