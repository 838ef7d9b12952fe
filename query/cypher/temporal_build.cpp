// Temporal values from Cypher maps (see temporal_build.h).
#include "query/cypher/temporal_build.h"

#include <cctype>
#include <cmath>
#include <set>

namespace kg::cypher {

namespace {

using i128 = __int128;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The map with lower-cased keys (Neo4j matches field names case-insensitively).
class Fields {
 public:
  Fields(const Map& m, const Builder& b) : b_(b) {
    for (const auto& [k, v] : m) m_[Lower(k)] = v;
  }
  bool Has(const char* k) const { return m_.count(k) > 0; }
  const Value* Get(const char* k) const {
    auto it = m_.find(k);
    return it == m_.end() ? nullptr : &it->second;
  }
  // Integer field; *out untouched when absent.
  Status Int(const char* k, int64_t* out) const {
    const Value* v = Get(k);
    if (!v) return Status::OK();
    if (v->is_int()) {
      *out = v->as_int();
      return Status::OK();
    }
    if (v->is_float() && std::isfinite(v->as_float()) &&
        v->as_float() == std::floor(v->as_float()) && std::fabs(v->as_float()) < 9e15) {
      *out = static_cast<int64_t>(v->as_float());
      return Status::OK();
    }
    return b_.Err(std::string("the field '") + k + "' must be an integer, got " +
                  TypeName(v->type()) + " (InvalidArgumentType)");
  }
  Status Check(const std::set<std::string>& allowed, TemporalKind kind) const {
    for (const auto& [k, v] : m_)
      if (!allowed.count(k))
        return b_.Err("'" + k + "' is not a field of " + TemporalKindName(kind) +
                      " (InvalidArgumentValue)");
    return Status::OK();
  }

 private:
  std::map<std::string, Value> m_;
  const Builder& b_;
};

Status Range(const Builder& b, const char* what, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi)
    return b.Err(std::string("invalid value for ") + what + ": " + std::to_string(v) +
                 " (must be " + std::to_string(lo) + ".." + std::to_string(hi) +
                 ") (InvalidArgumentValue)");
  return Status::OK();
}

// A base value of the map (date: / time: / datetime:) or nullptr.
Result<const TemporalVal*> Base(const Fields& f, const char* key, bool need_date, bool need_time,
                                const Builder& b) {
  const Value* v = f.Get(key);
  if (!v || v->is_null()) return static_cast<const TemporalVal*>(nullptr);
  if (!v->is_temporal() || (need_date && !HasDate(v->as_temporal().kind)) ||
      (need_time && !HasTime(v->as_temporal().kind)))
    return b.Err(std::string("the field '") + key + "' must be a temporal value with a " +
                 (need_date ? "date" : "time") + " (InvalidArgumentType)");
  return &v->as_temporal();
}

Status DateFields(const Fields& f, const TemporalVal* base, int64_t* days, const Builder& b) {
  int64_t by = 0, bm = 1, bd = 1;
  if (base) CivilFromDays(base->days, &by, &bm, &bd);
  int64_t year = by;
  KG_RETURN_IF_ERROR(f.Int("year", &year));
  if (!base && !f.Has("year")) return b.Err("a date needs the field 'year' (InvalidArgumentValue)");
  KG_RETURN_IF_ERROR(Range(b, "year", year, -999999999, 999999999));
  if (f.Has("week") || f.Has("dayofweek")) {
    int64_t wy = year, week = 1, dow = 1;
    if (base) {
      IsoWeek(base->days, &wy, &week);
      dow = DayOfWeek(base->days);
      if (f.Has("year")) wy = year;
    }
    KG_RETURN_IF_ERROR(f.Int("week", &week));
    KG_RETURN_IF_ERROR(f.Int("dayofweek", &dow));
    KG_RETURN_IF_ERROR(Range(b, "week", week, 1, WeeksInYear(wy)));
    KG_RETURN_IF_ERROR(Range(b, "dayOfWeek", dow, 1, 7));
    *days = WeekYearStart(wy) + (week - 1) * 7 + dow - 1;
    return Status::OK();
  }
  if (f.Has("quarter") || f.Has("dayofquarter")) {
    int64_t q = (bm - 1) / 3 + 1, doq = 1;
    if (base) doq = base->days - DaysFromCivil(by, (q - 1) * 3 + 1, 1) + 1;
    KG_RETURN_IF_ERROR(f.Int("quarter", &q));
    KG_RETURN_IF_ERROR(f.Int("dayofquarter", &doq));
    KG_RETURN_IF_ERROR(Range(b, "quarter", q, 1, 4));
    const int64_t start = DaysFromCivil(year, (q - 1) * 3 + 1, 1);
    const int64_t end = q == 4 ? DaysFromCivil(year + 1, 1, 1) : DaysFromCivil(year, q * 3 + 1, 1);
    KG_RETURN_IF_ERROR(Range(b, "dayOfQuarter", doq, 1, end - start));
    *days = start + doq - 1;
    return Status::OK();
  }
  if (f.Has("ordinalday")) {
    int64_t od = 1;
    KG_RETURN_IF_ERROR(f.Int("ordinalday", &od));
    KG_RETURN_IF_ERROR(Range(b, "ordinalDay", od, 1, IsLeapYear(year) ? 366 : 365));
    *days = DaysFromCivil(year, 1, 1) + od - 1;
    return Status::OK();
  }
  int64_t month = base ? bm : 1, day = base ? bd : 1;
  KG_RETURN_IF_ERROR(f.Int("month", &month));
  KG_RETURN_IF_ERROR(f.Int("day", &day));
  if (!base && f.Has("day") && !f.Has("month"))
    return b.Err("the field 'day' needs 'month' (InvalidArgumentValue)");
  KG_RETURN_IF_ERROR(Range(b, "month", month, 1, 12));
  KG_RETURN_IF_ERROR(Range(b, "day", day, 1, DaysInMonth(year, month)));
  *days = DaysFromCivil(year, month, day);
  return Status::OK();
}

Status TimeFields(const Fields& f, const TemporalVal* base, int64_t* nanos, const Builder& b) {
  const int64_t bn = base ? base->nanos : 0;
  int64_t h = bn / 3600000000000LL, mi = bn / 60000000000LL % 60, s = bn / kNanosPerSecond % 60;
  int64_t sub = bn % kNanosPerSecond;
  if (!base) {
    if (f.Has("minute") && !f.Has("hour"))
      return b.Err("the field 'minute' needs 'hour' (InvalidArgumentValue)");
    if (f.Has("second") && !f.Has("minute"))
      return b.Err("the field 'second' needs 'minute' (InvalidArgumentValue)");
  }
  KG_RETURN_IF_ERROR(f.Int("hour", &h));
  KG_RETURN_IF_ERROR(f.Int("minute", &mi));
  KG_RETURN_IF_ERROR(f.Int("second", &s));
  KG_RETURN_IF_ERROR(Range(b, "hour", h, 0, 23));
  KG_RETURN_IF_ERROR(Range(b, "minute", mi, 0, 59));
  KG_RETURN_IF_ERROR(Range(b, "second", s, 0, 59));
  const bool ms = f.Has("millisecond"), us = f.Has("microsecond"), ns = f.Has("nanosecond");
  if (ms || us || ns) {
    int64_t a = 0, c = 0, d = 0;
    KG_RETURN_IF_ERROR(f.Int("millisecond", &a));
    KG_RETURN_IF_ERROR(f.Int("microsecond", &c));
    KG_RETURN_IF_ERROR(f.Int("nanosecond", &d));
    KG_RETURN_IF_ERROR(Range(b, "millisecond", a, 0, 999));
    KG_RETURN_IF_ERROR(Range(b, "microsecond", c, 0, ms ? 999 : 999999));
    KG_RETURN_IF_ERROR(Range(b, "nanosecond", d, 0, ms || us ? 999 : 999999999));
    sub = a * 1000000 + c * 1000 + d;
    if (sub >= kNanosPerSecond)
      return b.Err("the fractional second is 1 s or more (InvalidArgumentValue)");
  }
  *nanos = ((h * 60 + mi) * 60 + s) * kNanosPerSecond + sub;
  return Status::OK();
}

}  // namespace

Result<Zone> ParseZone(const std::string& text, const Builder& b) {
  Zone z;
  if (!text.empty() && (text[0] == '+' || text[0] == '-' || text == "Z" || text == "z")) {
    if (!ParseOffset(text, &z.offset).ok())
      return b.Err("invalid time zone offset '" + text + "' (InvalidArgumentValue)");
    return z;
  }
  auto id = ZoneId(text);
  if (!id.ok()) return b.Err(id.status().message() + " (InvalidArgumentValue)");
  z.zone = *id;
  return z;
}

void AttachZone(TemporalVal* t, const Zone& z, int64_t now_seconds) {
  t->zone = -1;
  t->offset = z.offset;
  if (z.zone < 0) return;
  if (t->kind == TemporalKind::kDateTime) {
    t->zone = z.zone;
    t->offset = ResolveLocal(z.zone, &t->days, &t->nanos, INT32_MIN);
  } else {
    t->offset = ZoneOffsetAtInstant(z.zone, now_seconds);
  }
}

TemporalVal Convert(const TemporalVal& t, TemporalKind kind) {
  TemporalVal r;
  r.kind = kind;
  if (HasDate(kind)) r.days = t.days;
  if (HasTime(kind) && HasTime(t.kind)) r.nanos = t.nanos;
  if (HasOffset(kind) && HasOffset(t.kind)) {
    r.offset = t.offset;
    if (kind == TemporalKind::kDateTime) r.zone = t.zone;
  }
  return r;
}

Result<TemporalVal> BuildFromMap(TemporalKind kind, const Map& m, const Builder& b) {
  Fields f(m, b);
  static const std::set<std::string> kDateKeys = {
      "year", "quarter", "month", "week", "day", "dayofweek", "dayofquarter", "ordinalday", "date"};
  static const std::set<std::string> kTimeKeys = {
      "hour", "minute", "second", "millisecond", "microsecond", "nanosecond", "time"};
  std::set<std::string> allowed;
  if (HasDate(kind)) allowed.insert(kDateKeys.begin(), kDateKeys.end());
  if (HasTime(kind)) allowed.insert(kTimeKeys.begin(), kTimeKeys.end());
  if (HasOffset(kind)) allowed.insert("timezone");
  if (kind == TemporalKind::kDateTime) allowed.insert({"datetime", "epochseconds", "epochmillis"});
  if (kind == TemporalKind::kLocalDateTime) allowed.insert("datetime");
  KG_RETURN_IF_ERROR(f.Check(allowed, kind));
  KG_ASSIGN_OR_RETURN(const TemporalVal* dt, Base(f, "datetime", true, false, b));
  KG_ASSIGN_OR_RETURN(const TemporalVal* dbase, Base(f, "date", true, false, b));
  KG_ASSIGN_OR_RETURN(const TemporalVal* tbase, Base(f, "time", false, true, b));
  Zone tz;
  bool has_tz = false;
  if (const Value* z = f.Get("timezone"); z && !z->is_null()) {
    if (!z->is_string()) return b.Err("the time zone must be a string (InvalidArgumentType)");
    KG_ASSIGN_OR_RETURN(tz, ParseZone(z->as_string(), b));
    has_tz = true;
  }
  const int64_t now_s = FloorDiv(b.ctx->StatementNanos(), kNanosPerSecond);
  TemporalVal t;
  t.kind = kind;
  if (f.Has("epochseconds") || f.Has("epochmillis")) {
    int64_t s = 0, ms = 0, extra = 0;
    KG_RETURN_IF_ERROR(f.Int("epochseconds", &s));
    KG_RETURN_IF_ERROR(f.Int("epochmillis", &ms));
    KG_RETURN_IF_ERROR(f.Int("nanosecond", &extra));
    i128 total = static_cast<i128>(s) * kNanosPerSecond + static_cast<i128>(ms) * 1000000 + extra;
    const int64_t es = static_cast<int64_t>(
        total >= 0 ? total / kNanosPerSecond : -((-total + kNanosPerSecond - 1) / kNanosPerSecond));
    const int64_t en = static_cast<int64_t>(total - static_cast<i128>(es) * kNanosPerSecond);
    return DateTimeAtInstant(es, en, has_tz ? tz.zone : -1, has_tz ? tz.offset : 0);
  }
  if (HasDate(kind)) KG_RETURN_IF_ERROR(DateFields(f, dt ? dt : dbase, &t.days, b));
  const TemporalVal* time_src = tbase ? tbase : (dt && HasTime(dt->kind) ? dt : nullptr);
  if (HasTime(kind)) KG_RETURN_IF_ERROR(TimeFields(f, time_src, &t.nanos, b));
  if (!HasOffset(kind)) return t;
  const TemporalVal* zsrc = time_src && HasOffset(time_src->kind) ? time_src : nullptr;
  if (!zsrc) {
    AttachZone(&t, has_tz ? tz : Zone(), now_s);
    return t;
  }
  // The local value read in the zone of the value it came from ...
  int32_t src_offset = zsrc->offset;
  if (kind == TemporalKind::kDateTime && zsrc->kind == TemporalKind::kDateTime && zsrc->zone >= 0)
    src_offset = ResolveLocal(zsrc->zone, &t.days, &t.nanos, zsrc->offset);
  if (!has_tz) {
    t.offset = src_offset;
    if (kind == TemporalKind::kDateTime && zsrc->kind == TemporalKind::kDateTime)
      t.zone = zsrc->zone;
    return t;
  }
  // ... and converted to the time zone asked for (same instant).
  if (kind == TemporalKind::kTime) {
    const int32_t off = tz.zone >= 0 ? ZoneOffsetAtInstant(tz.zone, now_s) : tz.offset;
    t.nanos =
        FloorMod(t.nanos + static_cast<int64_t>(off - src_offset) * kNanosPerSecond, kNanosPerDay);
    t.offset = off;
    return t;
  }
  const int64_t local_s = t.days * kSecondsPerDay + t.nanos / kNanosPerSecond;
  return DateTimeAtInstant(local_s - src_offset, t.nanos % kNanosPerSecond, tz.zone, tz.offset);
}

Result<DurationVal> DurationFromMap(const Map& m, const Builder& b) {
  static const std::pair<const char*, int> kUnits[] = {
      {"years", 0},        {"quarters", 0},     {"months", 0},     {"weeks", 1},
      {"days", 1},         {"hours", 2},        {"minutes", 2},    {"seconds", 2},
      {"milliseconds", 3}, {"microseconds", 3}, {"nanoseconds", 3}};
  static const double kScale[] = {12, 3, 1, 7, 1, 3600, 60, 1, 1e6, 1e3, 1};
  long double sum[4] = {0, 0, 0, 0};
  i128 exact[4] = {0, 0, 0, 0};
  bool fractional = false;
  for (const auto& [key, v] : m) {
    const std::string k = Lower(key);
    size_t i = 0;
    while (i < 11 && k != kUnits[i].first) ++i;
    if (i == 11) return b.Err("'" + key + "' is not a field of duration (InvalidArgumentValue)");
    if (v.is_null()) continue;
    if (!v.is_number())
      return b.Err("the duration field '" + key + "' must be a number (InvalidArgumentType)");
    const int slot = kUnits[i].second;
    sum[slot] += static_cast<long double>(v.as_number()) * kScale[i];
    if (v.is_int())
      exact[slot] += static_cast<i128>(v.as_int()) * static_cast<int64_t>(kScale[i]);
    else
      fractional = true;
  }
  DurationVal d;
  if (fractional) {
    Status s = ApproximateDuration(static_cast<double>(sum[0]), static_cast<double>(sum[1]),
                                   static_cast<double>(sum[2]), static_cast<double>(sum[3]), &d);
    if (!s.ok()) return b.Err(s.message() + " (InvalidArgumentValue)");
    return d;
  }
  const i128 lim = static_cast<i128>(INT64_MAX);
  const i128 secs = exact[2] + exact[3] / kNanosPerSecond;
  if (exact[0] > lim || exact[0] < -lim || exact[1] > lim || exact[1] < -lim || secs > lim ||
      secs < -lim)
    return b.Err("duration out of range (InvalidArgumentValue)");
  d.months = static_cast<int64_t>(exact[0]);
  d.days = static_cast<int64_t>(exact[1]);
  d.seconds = static_cast<int64_t>(secs);
  d.nanos = static_cast<int64_t>(exact[3] % kNanosPerSecond);
  return Normalize(d);
}

}  // namespace kg::cypher
