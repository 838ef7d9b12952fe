#include "ingest/kb_names.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "graph/graph.h"

namespace kg::ingest {

namespace {

// Every string in `j` (a string, or arrays / objects of strings, nested).
void Strings(const nlohmann::json& j, std::vector<std::string>* out) {
  if (j.is_string()) out->push_back(j.get<std::string>());
  else if (j.is_array() || j.is_object())
    for (const auto& x : j) Strings(x, out);
}

}  // namespace

Result<std::vector<std::string>> KbEntityIdsNamed(const std::vector<std::string>& data_dirs,
                                                  const std::string& name) {
  const std::string want = NormalizeName(name);
  std::vector<std::string> ids;
  if (want.empty()) return ids;
  for (const auto& dir : data_dirs) {
    // Every *.jsonl of kb/ (as the extractor loads them), in name order.
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& de : std::filesystem::directory_iterator(std::filesystem::path(dir) / "kb", ec))
      if (de.path().extension() == ".jsonl") files.push_back(de.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path);
      if (!in) continue;
      const bool countries = std::filesystem::path(path).filename() == "countries.jsonl";
      std::string line;
      int line_no = 0;
      while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object())
          return Status::Corruption(path + ":" + std::to_string(line_no) + ": malformed JSON line");
        std::vector<std::string> forms;
        std::string id;
        if (countries) {
          id = "country/" + j.value("code", std::string());
          for (const char* k : {"name_de", "name_en", "aliases"})
            if (auto it = j.find(k); it != j.end()) Strings(*it, &forms);
        } else {
          id = j.value("id", std::string());
          for (const char* k : {"name", "aliases"})
            if (auto it = j.find(k); it != j.end()) Strings(*it, &forms);
        }
        if (id.empty()) continue;
        for (const auto& f : forms)
          if (NormalizeName(f) == want) {
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
            break;
          }
      }
    }
  }
  return ids;
}

}  // namespace kg::ingest
