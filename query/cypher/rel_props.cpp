// Relationship properties as Cypher reads them (see exec.h, RelProperty).
#include "query/cypher/exec.h"

namespace kg::cypher {

namespace {

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (graph/rel_date.h) -> a date value of the
// first day of that period and the precision ("year", "month", "day").
bool IsoDate(const std::string& s, TemporalVal* out, const char** precision) {
  int64_t days = 0;
  DatePrecision p;
  if (!ParseIsoDate(s, &days, &p)) return false;
  out->kind = TemporalKind::kDate;
  out->days = days;
  *precision = p == DatePrecision::kYear ? "year" : p == DatePrecision::kMonth ? "month" : "day";
  return true;
}

bool IsDateKey(const std::string& key) {
  return key == "date" || key == "first_seen" || key == "last_seen";
}

}  // namespace

Value RelProperty(const nlohmann::json& props, const std::string& key) {
  auto it = props.find(key);
  if (it != props.end()) {
    if (IsDateKey(key) && it->is_string()) {
      TemporalVal t;
      const char* precision = nullptr;
      if (IsoDate(it->get_ref<const std::string&>(), &t, &precision)) return Value::Temporal(t);
    }
    return FromJson(*it);
  }
  if (key == "date_precision") {
    auto d = props.find("date");
    TemporalVal t;
    const char* precision = nullptr;
    if (d != props.end() && d->is_string() &&
        IsoDate(d->get_ref<const std::string&>(), &t, &precision))
      return Value::Str(precision);
  }
  return Value::Null();
}

Value DateTextValue(const std::string& text) {
  if (text.empty()) return Value();
  TemporalVal t;
  const char* precision = nullptr;
  if (IsoDate(text, &t, &precision)) return Value::Temporal(t);
  return Value::Str(text);
}

Value DatePrecisionValue(const std::string& text) {
  TemporalVal t;
  const char* precision = nullptr;
  if (IsoDate(text, &t, &precision)) return Value::Str(precision);
  return Value();
}

Value RelPropsToMap(const nlohmann::json& props) {
  Map m;
  if (!props.is_object()) return Value::FromMap(std::move(m));
  for (auto it = props.begin(); it != props.end(); ++it) {
    if (it.value().is_null()) continue;
    m[it.key()] = RelProperty(props, it.key());
  }
  if (!m.count("date_precision")) {
    Value p = RelProperty(props, "date_precision");
    if (!p.is_null()) m["date_precision"] = p;
  }
  return Value::FromMap(std::move(m));
}

}  // namespace kg::cypher
