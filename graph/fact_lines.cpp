#include "graph/fact_lines.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

#include "graph/graph.h"
#include "graph/model_json.h"

namespace kg {

namespace {

std::string Slug(const std::string& name) {
  std::string n = NormalizeName(name), out;
  for (char c : n) out.push_back(c == ' ' ? '-' : c);
  return out;
}

// Content hash of an article = FNV-1a over its raw input lines (cheap; equal input, equal hash).
void MixHash(ArticleFacts* f, std::string_view line) {
  uint64_t h = 1469598103934665603ULL;
  for (std::string_view s : {std::string_view(f->content_hash), line})
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  f->content_hash = buf;
}

bool LooksLikeEntityId(const std::string& s) {
  auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size()) return false;
  std::string head = s.substr(0, slash);
  return head == "org" || IsKnownEntityType(head);
}

std::string OptString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// Adds the entity named by `name` (or id) to `f` unless present; returns its id.
Result<std::string> AddEntity(ArticleFacts* f, const std::string& name, std::string type) {
  if (name.empty()) return Status::Corruption("empty entity name");
  if (!type.empty() && !IsKnownEntityType(type))
    return Status::Corruption("unknown entity type \"" + type + "\"");
  std::string id;
  if (LooksLikeEntityId(name)) {
    id = name;
  } else {
    if (type.empty()) type = "other";
    std::string slug = Slug(name);
    if (slug.empty()) return Status::Corruption("entity name \"" + name + "\" has no letters or digits");
    id = (type == "organization" ? std::string("org") : type) + "/" + slug;
  }
  for (const auto& e : f->entities)
    if (e.id == id) return id;
  EntityFact e;
  e.id = id;
  e.name = LooksLikeEntityId(name) ? "" : name;
  e.type = type;
  if (!e.name.empty() || !e.type.empty()) f->entities.push_back(std::move(e));
  return id;
}

Status ParseMinimal(const nlohmann::json& j, ArticleFacts* f) {
  for (const char* k : {"subject", "predicate", "object"})
    if (!j.contains(k) || !j[k].is_string())
      return Status::Corruption(std::string("missing string field \"") + k + "\"");
  RelationFact r;
  std::string pred = j["predicate"].get<std::string>();
  r.predicate = PredicateForRelType(pred);
  if (!IsKnownPredicate(r.predicate))
    return Status::Corruption("unknown predicate \"" + pred + "\" (see the vocabulary in DEVELOPERS.md)");
  const std::string date = OptString(j, "date");
  if (!date.empty() && !IsValidDate(date))
    return Status::Corruption("\"date\" \"" + date + "\" is not a date YYYY[-MM[-DD]]");
  KG_ASSIGN_OR_RETURN(std::string s, AddEntity(f, j["subject"].get<std::string>(), OptString(j, "subject_type")));
  KG_ASSIGN_OR_RETURN(std::string o, AddEntity(f, j["object"].get<std::string>(), OptString(j, "object_type")));
  if (r.predicate == "co_mentioned") {
    int count = 1;
    if (auto w = j.find("weight"); w != j.end() && !w->is_null()) {
      if (!(w->is_number_integer() || w->is_number_unsigned()) ||
          (w->is_number_unsigned() ? w->get<uint64_t>() > INT32_MAX
                                   : w->get<int64_t>() < 1 || w->get<int64_t>() > INT32_MAX))
        return Status::Corruption("\"weight\" " + w->dump() + " is not an integer in [1, 2147483647]");
      count = static_cast<int>(w->get<int64_t>());
    }
    f->co_mentions.push_back({std::min(s, o), std::max(s, o), count});
    return Status::OK();
  }
  r.subject = s;
  r.object = o;
  std::string loc = OptString(j, "location");
  if (!loc.empty()) {
    KG_ASSIGN_OR_RETURN(std::string lid, AddEntity(f, loc, LooksLikeEntityId(loc) ? "" : "city"));
    r.location = lid;
  }
  r.date = date;
  r.modality = OptString(j, "modality");
  if (r.modality.empty()) r.modality = "asserted";
  if (r.modality != "asserted" && r.modality != "reported" && r.modality != "speculated")
    return Status::Corruption("unknown modality \"" + r.modality + "\"");
  if (auto c = j.find("confidence"); c != j.end() && !c->is_null()) {
    if (!c->is_number() || !(c->get<double>() >= 0 && c->get<double>() <= 1))
      return Status::Corruption("\"confidence\" is not a number in [0, 1]");
    r.confidence = c->get<double>();
  }
  r.evidence.sentence = OptString(j, "sentence");
  if (r.evidence.sentence.empty()) r.evidence.sentence = OptString(j, "evidence");
  r.evidence.rule = "load";
  r.source = OptString(j, "source") == "kb" ? "kb" : "article";
  f->relations.push_back(std::move(r));
  return Status::OK();
}

// The store adds up the counts of one pair within an article as 32-bit
// integers: no article may exceed that.
Status CheckCoMentionSums(const ArticleFacts& f) {
  std::map<std::pair<std::string, std::string>, int64_t> sum;
  for (const auto& c : f.co_mentions) {
    auto k = c.a < c.b ? std::make_pair(c.a, c.b) : std::make_pair(c.b, c.a);
    if ((sum[k] += std::max(c.count, 1)) > INT32_MAX)
      return Status::Corruption("co-mention counts of " + k.first + " and " + k.second +
                                " add up to more than 2147483647");
  }
  return Status::OK();
}

}  // namespace

Status FactLineReader::AddLine(std::string_view line, long lineno) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return Status::OK();
  ++lines_;
  if (line.find('\0') != std::string_view::npos) return Status::Corruption("NUL byte in line");
  auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("malformed JSON line");
  if (j.contains("article") && j["article"].is_object()) return AddContract(line, lineno, j);
  return AddMinimal(line, lineno, j);
}

Status FactLineReader::AddContract(std::string_view line, long lineno, const nlohmann::json& j) {
  KG_ASSIGN_OR_RETURN(ArticleFacts f, ArticleFactsFromJson(j));
  KG_RETURN_IF_ERROR(CheckCoMentionSums(f));
  if (auto it = ids_.find(f.article.id); it != ids_.end())
    return Status::Corruption("article id \"" + f.article.id + "\" was already used on line " +
                              std::to_string(it->second.line) + "; this line is not loaded");
  if (f.article.path.empty()) f.article.path = source_;
  if (f.content_hash.empty()) MixHash(&f, line);
  ids_[f.article.id] = {articles_.size(), lineno, false};
  articles_.push_back(std::move(f));
  return Status::OK();
}

Status FactLineReader::AddMinimal(std::string_view line, long lineno, const nlohmann::json& j) {
  const std::string aid = OptString(j, "article");
  ArticleFacts fresh;
  ArticleFacts* f = &fresh;
  if (!aid.empty()) {
    auto it = ids_.find(aid);
    if (it != ids_.end()) {
      if (!it->second.minimal)
        return Status::Corruption("article id \"" + aid + "\" was already used on line " +
                                  std::to_string(it->second.line) + " by a kg extract line");
      f = &articles_[it->second.index];
    }
  }
  const std::size_t ne = f->entities.size(), nr = f->relations.size(), nc = f->co_mentions.size();
  Status s = ParseMinimal(j, f);
  if (s.ok()) s = CheckCoMentionSums(*f);
  if (!s.ok()) {  // drop what the bad line added
    f->entities.resize(ne);
    f->relations.resize(nr);
    f->co_mentions.resize(nc);
    return s;
  }
  MixHash(f, line);
  if (f == &fresh) {
    fresh.article.id = aid.empty() ? source_ + "#" + std::to_string(lineno) : aid;
    fresh.article.path = source_;
    fresh.article.date = OptString(j, "date");
    fresh.article.source = OptString(j, "source");
    if (auto it = ids_.find(fresh.article.id); it != ids_.end())
      return Status::Corruption("article id \"" + fresh.article.id + "\" was already used on line " +
                                std::to_string(it->second.line));
    ids_[fresh.article.id] = {articles_.size(), lineno, true};
    articles_.push_back(std::move(fresh));
  }
  return Status::OK();
}

Status FactLineReader::AddStream(FILE* in, const std::function<void(long, const Status&)>& on_bad) {
  std::string line;
  char buf[1 << 16];
  long lineno = 0;
  auto flush = [&] {
    ++lineno;
    Status s = AddLine(line, lineno);
    if (!s.ok()) on_bad(lineno, s);
    line.clear();
  };
  for (std::size_t k; (k = std::fread(buf, 1, sizeof buf, in)) > 0;) {
    std::string_view chunk(buf, k);
    for (std::size_t nl; (nl = chunk.find('\n')) != std::string_view::npos;) {
      line.append(chunk.substr(0, nl));
      flush();
      chunk.remove_prefix(nl + 1);
    }
    line.append(chunk);
  }
  if (std::ferror(in)) return Status::IOError("read error on " + source_);
  if (!line.empty()) flush();
  return Status::OK();
}

}  // namespace kg
