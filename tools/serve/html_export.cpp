#include "tools/serve/html_export.h"

#include <ctime>
#include <unordered_map>

#include "tools/serve/server.h"
#include "tools/serve/view.h"

namespace kg::serve {

namespace {

// Text placed inside <script> or <style>: a closing tag inside it would end
// the element early, so "</" is written as "<\/" (the same string to JS; the
// vendored libraries contain no "</" outside strings and regular expressions).
std::string InlineSafe(const std::string& code, bool script) {
  std::string out;
  out.reserve(code.size() + 16);
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '<' && i + 1 < code.size() && code[i + 1] == '/') {
      out += script ? "<\\/" : "<\\2f ";
      ++i;
      continue;
    }
    out.push_back(code[i]);
  }
  return out;
}

// JSON for a <script type="application/json"> element: '<' escaped, so the
// text can never close the element.
std::string JsonInScript(const nlohmann::json& j) {
  std::string s = Dump(j);
  std::string out;
  out.reserve(s.size() + 64);
  for (char c : s) {
    if (c == '<') out += "\\u003c";
    else out.push_back(c);
  }
  return out;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

constexpr const char* kFilePolicy =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'\">";

}  // namespace

Status WriteHtml(const Graph& g, const GraphSnapshot& snap, const exp::NodeMetrics& metrics,
                 const HtmlExportOptions& o, exp::Sink* out) {
  KG_ASSIGN_OR_RETURN(auto assets, LoadAssets(o.web_dir));
  std::string page = assets.at("/").body;

  // The data: the same element shapes as the API, with evidence per edge.
  nlohmann::json nodes = nlohmann::json::array(), edges = nlohmann::json::array();
  nlohmann::json evidence = nlohmann::json::object(), evidence_total = nlohmann::json::object();
  const auto& sn = snap.nodes();
  for (std::size_t i = 0; i < sn.size(); ++i) {
    nlohmann::json n = NodeJson(sn[i]);
    if (i < metrics.degree.size()) n["degree"] = metrics.degree[i];
    if (i < metrics.pagerank.size()) n["pagerank"] = metrics.pagerank[i];
    nodes.push_back(std::move(n));
  }
  std::unordered_map<std::string, std::optional<ArticleInfo>> articles;
  std::vector<EvidenceRecord> ev;
  std::size_t sentences = 0;
  for (const auto& r : snap.rels()) {
    edges.push_back(EdgeJson(r, sn[r.src].key, sn[r.dst].key));
    ev.clear();
    if (Status s = g.GetEvidence(r.id, &ev); !s.ok() && !s.IsNotFound()) return s;
    if (ev.empty()) continue;
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t k = 0; k < ev.size() && k < o.max_evidence_per_relation; ++k) {
      const auto& e = ev[k];
      auto it = articles.find(e.article_id);
      if (it == articles.end()) {
        auto a = g.GetArticle(e.article_id);
        it = articles.emplace(e.article_id, a.ok() ? *a : std::nullopt).first;
      }
      items.push_back(EvidenceJson(e, it->second ? &*it->second : nullptr));
      ++sentences;
    }
    const std::string key = EdgeKey(r.id);
    evidence[key] = std::move(items);
    if (ev.size() > o.max_evidence_per_relation) evidence_total[key] = ev.size();
  }
  nlohmann::json data = {{"meta",
                          {{"title", o.title},
                           {"description", o.description},
                           {"generated", NowUtc()},
                           {"nodes", sn.size()},
                           {"edges", snap.rels().size()},
                           {"sentences", sentences},
                           {"evidence_cap", o.max_evidence_per_relation}}},
                         {"nodes", nodes},
                         {"edges", edges},
                         {"evidence", evidence},
                         {"evidence_total", evidence_total}};

  // The page: every <script src="assets/..."> and stylesheet link inlined,
  // the data before the first script, the offline policy in <head>.
  std::string html;
  html.reserve(page.size() + 1024);
  std::size_t pos = 0;
  bool data_written = false;
  const std::string script_open = "<script src=\"assets/";
  const std::string link_open = "<link rel=\"stylesheet\" href=\"assets/";
  while (pos < page.size()) {
    const std::size_t s = page.find(script_open, pos), l = page.find(link_open, pos);
    const std::size_t next = std::min(s, l);
    if (next == std::string::npos) {
      html.append(page, pos, std::string::npos);
      break;
    }
    html.append(page, pos, next - pos);
    const bool is_script = next == s;
    const std::size_t name_at = next + (is_script ? script_open.size() : link_open.size());
    const std::size_t quote = page.find('"', name_at);
    const std::size_t close = is_script ? page.find("</script>", name_at) : page.find('>', name_at);
    if (quote == std::string::npos || close == std::string::npos)
      return Status::Corruption("index.html: unterminated asset reference");
    const std::string name = page.substr(name_at, quote - name_at);
    auto a = assets.find("/assets/" + name);
    if (a == assets.end()) return Status::NotFound("index.html refers to a missing asset: " + name);
    if (is_script) {
      if (!data_written) {
        html += "<script id=\"kg-data\" type=\"application/json\">" + JsonInScript(data) + "</script>\n";
        data_written = true;
      }
      html += "<script>/* " + name + " */\n" + InlineSafe(a->second.body, true) + "\n</script>";
      pos = close + std::string("</script>").size();
    } else {
      html += "<style>/* " + name + " */\n" + InlineSafe(a->second.body, false) + "\n</style>";
      pos = close + 1;
    }
  }
  if (!data_written) return Status::Corruption("index.html has no script to run the page");
  const std::size_t head = html.find("<head>");
  if (head == std::string::npos) return Status::Corruption("index.html has no <head>");
  html.insert(head + 6, std::string("\n") + kFilePolicy);
  const std::size_t title_at = html.find("<title>"), title_end = html.find("</title>");
  if (title_at != std::string::npos && title_end != std::string::npos && title_end > title_at)
    html.replace(title_at + 7, title_end - title_at - 7, HtmlEscape(o.title));
  out->Put(html);
  out->MaybeFlush();
  return Status::OK();
}

}  // namespace kg::serve
