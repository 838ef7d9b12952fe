#include "ingest/artifacts.h"

#include <unistd.h>

#include <filesystem>
#include <vector>

namespace kg::ingest {

std::string FindArtifact(std::string_view file_name) {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = 0;
    const fs::path dir = fs::path(buf).parent_path();
    paths.push_back(dir / file_name);
    paths.push_back(dir / ".." / "share" / "kg" / file_name);
  }
  paths.push_back(fs::path(KG_INSTALL_PREFIX) / "share" / "kg" / file_name);
  std::error_code ec;
  for (const auto& p : paths)
    if (fs::exists(p, ec)) return p.string();
  return std::string();
}

}  // namespace kg::ingest
