// Internal (temporal_funcs.cpp, temporal_build.cpp): temporal values from
// Cypher maps ({year: 1984, week: 10, dayOfWeek: 3, timezone: '+01:00'},
// {date: d, time: t, day: 28}), kind conversions and time zones of values.
#pragma once

#include <string>

#include "query/cypher/exec.h"
#include "query/cypher/temporal.h"

namespace kg::cypher {

// Positioned errors for one function call.
struct Builder {
  ExecContext* ctx;
  const Expr* e;
  Status Err(const std::string& msg) const { return ctx->Error(e->line, e->col, msg); }
};

// A time zone: a named zone (zone >= 0) or a fixed offset. Default: UTC.
struct Zone {
  int32_t zone = -1;
  int32_t offset = 0;
};

// "+01:00", "Z", or an IANA name ("Europe/Stockholm").
Result<Zone> ParseZone(const std::string& text, const Builder& b);
// Gives a time or datetime `t` (local fields set) the zone: a named zone
// resolves the local date-time (a time takes the zone's offset at the query's
// current instant), a fixed offset is taken as it is.
void AttachZone(TemporalVal* t, const Zone& z, int64_t now_seconds = 0);
// date(x), time(x), ...: keeps the local fields the target kind has (midnight
// when x has no time), x's offset and zone when it has one, else UTC.
TemporalVal Convert(const TemporalVal& t, TemporalKind kind);
// A temporal of `kind` from a map of fields and base values (date, time,
// datetime keys), as Neo4j builds them. Errors name the offending field.
Result<TemporalVal> BuildFromMap(TemporalKind kind, const Map& m, const Builder& b);
// duration({years: 1, days: 1.5, ...}).
Result<DurationVal> DurationFromMap(const Map& m, const Builder& b);

}  // namespace kg::cypher
