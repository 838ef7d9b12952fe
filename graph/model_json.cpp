#include "graph/model_json.h"

#include <cstdint>

namespace kg {

using nlohmann::json;

json ArticleFactsToJson(const ArticleFacts& f, bool explain) {
  json art = {{"id", f.article.id},         {"title", f.article.title},
              {"date", f.article.date},     {"source", f.article.source},
              {"lang", f.article.lang},     {"path", f.article.path}};
  if (!f.article.url.empty()) art["url"] = f.article.url;
  json ents = json::array();
  for (const auto& e : f.entities) {
    json ms = json::array();
    for (const auto& m : e.mentions)
      ms.push_back({{"text", m.text}, {"start", m.start}, {"end", m.end}, {"sentence", m.sentence}});
    json je = {{"id", e.id}, {"name", e.name}, {"type", e.type}, {"aliases", e.aliases},
               {"mentions", ms}};
    if (e.props.is_object() && !e.props.empty()) je["props"] = e.props;
    ents.push_back(std::move(je));
  }
  json rels = json::array();
  for (const auto& r : f.relations) {
    json ev = {{"sentence", r.evidence.sentence},
               {"start", r.evidence.start},
               {"end", r.evidence.end}};
    if (explain) {
      ev["rule"] = r.evidence.rule;
      ev["tokens"] = r.evidence.tokens;
    }
    json jr = {{"subject", r.subject},
               {"predicate", r.predicate},
               {"object", r.object},
               {"location", r.location ? json(*r.location) : json(nullptr)},
               {"date", r.date},
               {"modality", r.modality},
               {"confidence", r.confidence},
               {"evidence", ev}};
    if (explain) jr["source"] = r.source;
    rels.push_back(std::move(jr));
  }
  json co = json::array();
  for (const auto& c : f.co_mentions) co.push_back({{"a", c.a}, {"b", c.b}, {"count", c.count}});
  return {{"article", art}, {"entities", ents}, {"relations", rels}, {"co_mentions", co}};
}

namespace {

Status GetString(const json& j, const char* key, std::string* out, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return Status::Corruption(std::string("missing field \"") + key + "\"");
    return Status::OK();
  }
  if (it->is_string()) {
    if (required && it->get_ref<const std::string&>().empty())
      return Status::Corruption(std::string("field \"") + key + "\" is empty");
    *out = it->get<std::string>();
    return Status::OK();
  }
  if (it->is_number()) {
    *out = it->dump();
    return Status::OK();
  }
  return Status::Corruption(std::string("field \"") + key + "\" is not a string");
}

Status GetSize(const json& j, const char* key, std::size_t* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::OK();
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<int64_t>() >= 0))
    return Status::Corruption(std::string("field \"") + key + "\" is not an integer >= 0");
  *out = it->get<std::size_t>();
  return Status::OK();
}

// An int field in [lo, 2^31-1]; `*out` unchanged when absent.
Status GetInt(const json& j, const char* key, int lo, int* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::OK();
  if ((!it->is_number_integer() && !it->is_number_unsigned()) ||
      (it->is_number_unsigned() ? it->get<uint64_t>() > INT32_MAX
                                : it->get<int64_t>() < lo || it->get<int64_t>() > INT32_MAX))
    return Status::Corruption(std::string("field \"") + key + "\" is not an integer in [" +
                              std::to_string(lo) + ", 2147483647]");
  *out = static_cast<int>(it->get<int64_t>());
  return Status::OK();
}

Status CheckDate(const std::string& date, const char* what) {
  if (date.empty() || IsValidDate(date)) return Status::OK();
  return Status::Corruption(std::string(what) + " \"" + date +
                            "\" is not a date YYYY[-MM[-DD]]");
}

}  // namespace

Result<ArticleFacts> ArticleFactsFromJson(const json& j) {
  if (!j.is_object()) return Status::Corruption("expected a JSON object");
  ArticleFacts f;
  if (auto it = j.find("article"); it != j.end()) {
    if (!it->is_object()) return Status::Corruption("\"article\" is not an object");
    KG_RETURN_IF_ERROR(GetString(*it, "id", &f.article.id, true).WithContext("article"));
    KG_RETURN_IF_ERROR(GetString(*it, "title", &f.article.title, false));
    KG_RETURN_IF_ERROR(GetString(*it, "date", &f.article.date, false));
    KG_RETURN_IF_ERROR(GetString(*it, "source", &f.article.source, false));
    KG_RETURN_IF_ERROR(GetString(*it, "lang", &f.article.lang, false));
    KG_RETURN_IF_ERROR(GetString(*it, "path", &f.article.path, false));
    KG_RETURN_IF_ERROR(GetString(*it, "url", &f.article.url, false));
    KG_RETURN_IF_ERROR(CheckDate(f.article.date, "article date"));
  } else {
    return Status::Corruption("missing field \"article\"");
  }
  if (auto it = j.find("entities"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Status::Corruption("\"entities\" is not an array");
    for (const auto& je : *it) {
      if (!je.is_object()) return Status::Corruption("entity is not an object");
      EntityFact e;
      KG_RETURN_IF_ERROR(GetString(je, "id", &e.id, true).WithContext("entity"));
      KG_RETURN_IF_ERROR(GetString(je, "name", &e.name, false));
      KG_RETURN_IF_ERROR(GetString(je, "type", &e.type, false));
      if (e.name.empty()) e.name = e.id;
      if (e.type.empty()) e.type = "other";
      if (!IsKnownEntityType(e.type))
        return Status::Corruption("entity " + e.id + ": unknown type \"" + e.type + "\"");
      if (auto a = je.find("aliases"); a != je.end() && a->is_array())
        for (const auto& s : *a)
          if (s.is_string()) e.aliases.push_back(s.get<std::string>());
      if (auto m = je.find("mentions"); m != je.end() && m->is_array()) {
        for (const auto& jm : *m) {
          if (!jm.is_object()) continue;
          Mention mm;
          KG_RETURN_IF_ERROR(GetString(jm, "text", &mm.text, false));
          KG_RETURN_IF_ERROR(GetSize(jm, "start", &mm.start));
          KG_RETURN_IF_ERROR(GetSize(jm, "end", &mm.end));
          KG_RETURN_IF_ERROR(GetInt(jm, "sentence", 0, &mm.sentence));
          e.mentions.push_back(std::move(mm));
        }
      }
      if (auto p = je.find("props"); p != je.end() && p->is_object()) e.props = *p;
      f.entities.push_back(std::move(e));
    }
  }
  if (auto it = j.find("relations"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Status::Corruption("\"relations\" is not an array");
    for (const auto& jr : *it) {
      if (!jr.is_object()) return Status::Corruption("relation is not an object");
      RelationFact r;
      KG_RETURN_IF_ERROR(GetString(jr, "subject", &r.subject, true).WithContext("relation"));
      KG_RETURN_IF_ERROR(GetString(jr, "predicate", &r.predicate, true).WithContext("relation"));
      KG_RETURN_IF_ERROR(GetString(jr, "object", &r.object, true).WithContext("relation"));
      if (!IsKnownPredicate(r.predicate) || r.predicate == "co_mentioned")
        return Status::Corruption("relation: unknown predicate \"" + r.predicate + "\"");
      std::string loc;
      KG_RETURN_IF_ERROR(GetString(jr, "location", &loc, false));
      if (!loc.empty()) r.location = loc;
      KG_RETURN_IF_ERROR(GetString(jr, "date", &r.date, false));
      KG_RETURN_IF_ERROR(CheckDate(r.date, "relation date"));
      KG_RETURN_IF_ERROR(GetString(jr, "modality", &r.modality, false));
      if (r.modality.empty()) r.modality = "asserted";
      if (r.modality != "asserted" && r.modality != "reported" && r.modality != "speculated")
        return Status::Corruption("relation: unknown modality \"" + r.modality + "\"");
      if (auto c = jr.find("confidence"); c != jr.end() && !c->is_null()) {
        if (!c->is_number() || !(c->get<double>() >= 0 && c->get<double>() <= 1))
          return Status::Corruption("relation: \"confidence\" is not a number in [0, 1]");
        r.confidence = c->get<double>();
      }
      KG_RETURN_IF_ERROR(GetString(jr, "source", &r.source, false));
      if (r.source.empty()) r.source = "article";
      if (auto ev = jr.find("evidence"); ev != jr.end() && ev->is_object()) {
        KG_RETURN_IF_ERROR(GetString(*ev, "sentence", &r.evidence.sentence, false));
        KG_RETURN_IF_ERROR(GetSize(*ev, "start", &r.evidence.start));
        KG_RETURN_IF_ERROR(GetSize(*ev, "end", &r.evidence.end));
        KG_RETURN_IF_ERROR(GetString(*ev, "rule", &r.evidence.rule, false));
      } else if (ev != jr.end() && ev->is_string()) {
        r.evidence.sentence = ev->get<std::string>();
      }
      f.relations.push_back(std::move(r));
    }
  }
  if (auto it = j.find("co_mentions"); it != j.end() && it->is_array()) {
    for (const auto& jc : *it) {
      if (!jc.is_object()) continue;
      CoMention c;
      KG_RETURN_IF_ERROR(GetString(jc, "a", &c.a, true).WithContext("co_mention"));
      KG_RETURN_IF_ERROR(GetString(jc, "b", &c.b, true).WithContext("co_mention"));
      KG_RETURN_IF_ERROR(GetInt(jc, "count", 1, &c.count).WithContext("co_mention"));
      f.co_mentions.push_back(std::move(c));
    }
  }
  return f;
}

}  // namespace kg
