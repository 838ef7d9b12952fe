#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "graph/rocks_store.h"
#include "ingest/extractor.h"
#include "ingest/kb_names.h"
#include "query/traverse.h"
#include "tools/commands.h"

namespace kg::cli {

namespace {
std::vector<Command>& Registry() {
  static std::vector<Command> r;
  return r;
}
}  // namespace

bool RegisterCommand(const Command& c) {
  auto& r = Registry();
  r.push_back(c);
  std::sort(r.begin(), r.end(),
            [](const Command& a, const Command& b) { return std::string(a.name) < b.name; });
  return true;
}

const std::vector<Command>& AllCommands() { return Registry(); }

std::string DefaultDbPath() {
  if (const char* e = std::getenv("KG_DB"); e && *e) return e;
  return "kg.db";
}

namespace {
// A message for the terminal: its line breaks stay (a query error's caret
// line), every other control character -- ESC of a hostile name above all --
// is shown as \xNN.
std::string Displayable(const std::string& m) {
  std::string out;
  out.reserve(m.size());
  for (unsigned char c : m) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}
}  // namespace

int Fail(const std::string& cmd, const Status& s) {
  std::fprintf(stderr, "%s: %s\n", cmd.c_str(), Displayable(s.message()).c_str());
  return s.ExitCode();
}

int FailInput(const std::string& cmd, const Status& s) {
  std::fprintf(stderr, "%s: %s\n", cmd.c_str(), Displayable(s.message()).c_str());
  return s.IsNotFound() ? 66 : s.ExitCode();
}

Result<uint64_t> ParseByteSize(const std::string& text) {
  const Status bad = Status::InvalidArgument("expected a size such as 512M or 4G, got '" + text + "'");
  std::size_t pos = 0;
  double v = 0;
  try {
    v = std::stod(text, &pos);
  } catch (const std::exception&) {
    return bad;
  }
  if (!std::isfinite(v) || v < 0) return bad;
  std::string unit = text.substr(pos);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();
  if (unit.size() > 1 && unit.back() == 'I') unit.pop_back();
  double mult = 1;
  if (unit == "K") mult = 1024.0;
  else if (unit == "M") mult = 1024.0 * 1024;
  else if (unit == "G") mult = 1024.0 * 1024 * 1024;
  else if (unit == "T") mult = 1024.0 * 1024 * 1024 * 1024;
  else if (!unit.empty() && unit != "B") return bad;
  const double bytes = v * mult;
  if (bytes > 1.8e19) return bad;
  return static_cast<uint64_t>(bytes);
}

int UsageError(const std::string& cmd, const std::string& message) {
  std::fprintf(stderr, "%s: %s\ntry '%s --help'\n", cmd.c_str(), Displayable(message).c_str(), cmd.c_str());
  return 64;
}

Result<std::unique_ptr<Graph>> OpenGraph(const std::string& path, const OpenOptions& o) {
  if (!o.write && o.must_exist && !std::filesystem::exists(path))
    return Status::NotFound("no database at " + path + " (run 'kg ingest' first, or pass --db)");
  RocksOptions ro;
  ro.read_only = !o.write;
  ro.wait_seconds = o.wait_seconds;
  ro.create_if_missing = o.write;
  ro.strict_read = o.strict;
  KG_ASSIGN_OR_RETURN(auto store, OpenRocksStore(path, ro));
  return Graph::Open(std::move(store));
}

Result<std::string> ParsePredicate(const std::string& p) {
  std::string low = p;
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (IsKnownPredicate(low)) return low;
  std::string msg = "unknown predicate \"" + p + "\"";
  for (const auto& k : Predicates())
    if (k.rfind(low, 0) == 0 && !low.empty()) {
      msg += "; did you mean \"" + k + "\"?";
      break;
    }
  msg += " The predicates are:";
  for (std::size_t i = 0; i < Predicates().size(); ++i) msg += (i ? ", " : " ") + Predicates()[i];
  return Status::InvalidArgument(msg);
}

namespace {
// The knowledge base's entity ids named `name`, read only when the name is
// not an entity id or a stored name or alias (the KB files are read per call).
Result<std::vector<std::string>> KbIdsIfNeeded(const Graph& g, const std::string& name) {
  if (auto by_id = g.LookupEntityId(name); by_id.ok() && by_id->has_value()) return std::vector<std::string>();
  KG_ASSIGN_OR_RETURN(std::vector<NodeId> exact, g.LookupName(NormalizeName(name)));
  if (!exact.empty()) return std::vector<std::string>();
  auto kb = ingest::KbEntityIdsNamed({FindDataDir("")}, name);
  return kb.ok() ? *kb : std::vector<std::string>();
}
}  // namespace

Result<NodeId> ResolveName(const Graph& g, const std::string& name) {
  KG_ASSIGN_OR_RETURN(std::vector<std::string> kb, KbIdsIfNeeded(g, name));
  return ResolveEntity(g, name, kb);
}

Result<EntityMatch> MatchName(const Graph& g, const std::string& name) {
  KG_ASSIGN_OR_RETURN(std::vector<std::string> kb, KbIdsIfNeeded(g, name));
  return MatchEntity(g, name, kb);
}

std::string LocationName(const Graph& g, const nlohmann::json& props) {
  if (!props.is_object()) return {};
  auto name = props.find("location_name");
  if (name != props.end() && name->is_string() && !name->get_ref<const std::string&>().empty())
    return name->get<std::string>();
  auto loc = props.find("location");
  if (loc == props.end() || !loc->is_string()) return {};
  auto id = g.LookupEntityId(loc->get<std::string>());
  if (!id.ok() || !id->has_value()) return {};
  auto node = g.GetNode(**id);
  if (!node.ok()) return {};
  auto n = node->props.find("name");
  return n != node->props.end() && n->is_string() ? n->get<std::string>() : std::string();
}

void KeepUntilExit(std::unique_ptr<Extractor> ex) {
  static auto* kept = new std::vector<std::unique_ptr<Extractor>>();
  if (ex) kept->push_back(std::move(ex));
}

}  // namespace kg::cli
