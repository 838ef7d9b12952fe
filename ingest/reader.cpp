#include "ingest/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/utf8.h"
#include "ingest/flat_json.h"

namespace kg {

namespace fs = std::filesystem;

std::string InputProblem::ToString() const {
  std::string s = Printable(path);
  if (line > 0) s += ":" + std::to_string(line);
  s += ": ";
  if (!fatal) s += "warning: ";
  return s + message;
}

namespace {

// Inside a directory walk only article files are taken: plain text (.txt,
// .text) and JSON Lines (.jsonl, .ndjson). Pretty-printed .json (e.g. gold
// annotations), READMEs and other files are left alone; a file named
// explicitly on the command line is always read.
bool IsArticleFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  std::string stem = p.stem().string();
  std::transform(stem.begin(), stem.end(), stem.begin(), ::toupper);
  if (stem == "README" || stem == "LICENSE" || stem == "NOTICE") return false;
  return ext == ".txt" || ext == ".text" || ext == ".jsonl" || ext == ".ndjson";
}

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// True when `s` has only the white space Trim() removes.
bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

bool IsDate(const std::string& d) {
  // YYYY, YYYY-MM, YYYY-MM-DD
  auto digits = [&](std::size_t from, std::size_t n) {
    if (from + n > d.size()) return false;
    for (std::size_t i = from; i < from + n; ++i)
      if (d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  if (d.size() == 4) return digits(0, 4);
  if (d.size() == 7) return digits(0, 4) && d[4] == '-' && digits(5, 2);
  if (d.size() == 10) return digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' && digits(8, 2);
  return false;
}

// Parses "date YYYY[-MM[-DD]] [Von|By|From|Source] NAME" (leading/trailing space tolerated).
bool ParseHeader(const std::string& line, std::string* date, std::string* source) {
  std::istringstream in(line);
  std::string word, d;
  if (!(in >> word) || word != "date" || !(in >> d) || !IsDate(d)) return false;
  *date = d;
  std::string rest;
  std::getline(in, rest);
  rest = Trim(rest);
  for (const char* kw : {"Von ", "von ", "By ", "by ", "From ", "from ", "Source ", "source ",
                         "Source: ", "Quelle "}) {
    std::string k(kw);
    if (rest.rfind(k, 0) == 0) {
      rest = Trim(rest.substr(k.size()));
      break;
    }
  }
  *source = rest;
  return true;
}

std::string Lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Month number of an English or German month name or abbreviation (lower
// case, UTF-8), 0 when `w` is none.
int MonthNumber(const std::string& w) {
  static const char* const kNames[][5] = {
      {"january", "januar", "jänner", "jan", nullptr},   {"february", "februar", "feber", "feb", nullptr},
      {"march", "märz", "maerz", "mar", "mär"},          {"april", "apr", nullptr, nullptr, nullptr},
      {"may", "mai", nullptr, nullptr, nullptr},         {"june", "juni", "jun", nullptr, nullptr},
      {"july", "juli", "jul", nullptr, nullptr},         {"august", "aug", nullptr, nullptr, nullptr},
      {"september", "sept", "sep", nullptr, nullptr},    {"october", "oktober", "oct", "okt", nullptr},
      {"november", "nov", nullptr, nullptr, nullptr},    {"december", "dezember", "dec", "dez", nullptr}};
  std::string k = w;
  if (!k.empty() && k.back() == '.') k.pop_back();
  for (int m = 0; m < 12; ++m)
    for (const char* n : kNames[m])
      if (n && k == n) return m + 1;
  return 0;
}

std::string FormatDate(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Words of a line: runs of letters (any non-ASCII byte counts as a letter),
// digits and dots; everything else separates.
std::vector<std::string> DateWords(std::string_view line) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : line) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80 || c == '.' || c == '-' || c == '/') {
      cur.push_back(ch);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A date among the words of `line`; *at = index of its first word.
std::string DateInWords(const std::vector<std::string>& w, std::size_t* at) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string a = w[i];
    while (!a.empty() && (a.back() == '.' || a.back() == '-' || a.back() == '/')) {
      if (a.back() == '.' && a.size() <= 3) break;  // keep the ordinal dot of "9."
      a.pop_back();
    }
    *at = i;
    // 2010-10-09
    if (a.size() == 10 && a[4] == '-' && a[7] == '-' && AllDigits(a.substr(0, 4)) &&
        AllDigits(a.substr(5, 2)) && AllDigits(a.substr(8, 2)))
      return FormatDate(std::stoi(a.substr(0, 4)), std::stoi(a.substr(5, 2)), std::stoi(a.substr(8, 2)));
    // 09.10.2010
    if (a.size() == 10 && a[2] == '.' && a[5] == '.' && AllDigits(a.substr(0, 2)) &&
        AllDigits(a.substr(3, 2)) && AllDigits(a.substr(6, 4)))
      return FormatDate(std::stoi(a.substr(6, 4)), std::stoi(a.substr(3, 2)), std::stoi(a.substr(0, 2)));
    if (i + 2 >= w.size()) continue;
    std::string y = w[i + 2];
    while (!y.empty() && !std::isdigit(static_cast<unsigned char>(y.back()))) y.pop_back();
    if (y.size() != 4 || !AllDigits(y)) continue;
    // October 9, 2010
    if (int m = MonthNumber(Lower(a)); m) {
      std::string d = w[i + 1];
      if (!d.empty() && d.back() == '.') d.pop_back();
      if (d.size() <= 2 && AllDigits(d)) return FormatDate(std::stoi(y), m, std::stoi(d));
      continue;
    }
    // 9. Oktober 2010, 9 October 2010
    std::string d = a;
    if (!d.empty() && d.back() == '.') d.pop_back();
    if (d.size() <= 2 && AllDigits(d))
      if (int m = MonthNumber(Lower(w[i + 1])); m) return FormatDate(std::stoi(y), m, std::stoi(d));
  }
  return "";
}

void ParsePlainText(const std::string& path, std::string_view content, const ReadOptions& o,
                    ArticleMeta* a) {
  a->path = path;
  std::string_view body = content;
  // Optional header line.
  std::size_t nl = body.find('\n');
  std::string first = Trim(body.substr(0, nl == std::string_view::npos ? body.size() : nl));
  if (ParseHeader(first, &a->date, &a->source)) {
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    a->text_offset = content.size() - body.size();
  }
  // Title: the first non-empty line when a blank line follows it.
  std::size_t pos = 0;
  while (pos < body.size() && (body[pos] == '\n' || body[pos] == '\r' || body[pos] == ' ')) ++pos;
  std::size_t end = body.find('\n', pos);
  if (end != std::string_view::npos) {
    std::size_t next = end + 1;
    std::size_t next_end = body.find('\n', next);
    std::string_view next_line =
        body.substr(next, (next_end == std::string_view::npos ? body.size() : next_end) - next);
    std::string title = Trim(body.substr(pos, end - pos));
    // A short first line followed by a blank line is a title (no sentence-final period).
    if (Trim(next_line).empty() && !title.empty() && title.size() < 300 && title.back() != '.')
      a->title = title;
  }
  a->text = std::string(body);
  if (a->date.empty()) a->date = DateFromText(a->text);
  if (path == "-") {
    a->id = o.stdin_id.empty() ? "stdin#" + TextKey(a->text) : o.stdin_id;
  } else {
    a->id = path;
  }
}

}  // namespace

namespace {

// Bytes that no text article has: C0 control characters other than tab, line
// feed, form feed, vertical tab and carriage return, DEL, and bytes that are
// not part of a well-formed UTF-8 sequence.
std::size_t NonTextBytes(std::string_view s) {
  std::size_t bad = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\v' && c != '\r') || c == 0x7F) ++bad;
      ++i;
      continue;
    }
    const std::size_t n = Utf8SeqLen(s, i);
    if (n == 0) {
      ++bad;
      ++i;
    } else {
      i += n;
    }
  }
  return bad;
}

// One directory walk (ListInputFilesReporting). Symbolic links are resolved
// with the non-throwing std::filesystem calls; `visited` holds the canonical
// directories already walked (link cycles end there).
class Walker {
 public:
  Walker(const ListOptions& o, std::vector<fs::path> roots,
         const std::function<void(const InputProblem&)>& on_problem)
      : o_(o), roots_(std::move(roots)), on_problem_(on_problem) {}

  void Walk(const fs::path& dir, std::vector<std::string>* found) {
    std::error_code ec;
    fs::path canon = fs::canonical(dir, ec);
    if (!ec && !visited_.insert(canon.string()).second) return;
    std::vector<fs::path> entries;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      Problem(dir, "cannot read directory: " + ec.message(), true);
      return;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      entries.push_back(it->path());
    }
    if (ec) {
      Problem(dir, "cannot read directory: " + ec.message(), true);
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
      if (IsHidden(p)) continue;
      Entry(p, found);
    }
  }

 private:
  void Entry(const fs::path& p, std::vector<std::string>* found) {
    std::error_code ec;
    fs::file_status ls = fs::symlink_status(p, ec);
    if (ec) {
      Problem(p, "cannot stat: " + ec.message(), true);
      return;
    }
    fs::file_status st = ls;
    if (fs::is_symlink(ls)) {
      fs::path target = fs::canonical(p, ec);
      if (ec) {
        // Only links that would have been read are worth a message.
        if (LooksLikeArticleName(p))
          Problem(p, "symbolic link cannot be followed: " + ec.message(), true);
        return;
      }
      if (!o_.follow_symlinks && !InsideRoots(target)) {
        if (LooksLikeArticleName(p) || fs::is_directory(target, ec))
          Problem(p, "not followed: symbolic link to " + target.string() +
                         " outside the given paths (use --follow-symlinks)", false);
        return;
      }
      st = fs::status(p, ec);
      if (ec) {
        Problem(p, "cannot stat: " + ec.message(), true);
        return;
      }
    }
    if (fs::is_directory(st)) {
      Walk(p, found);
    } else if (fs::is_regular_file(st)) {
      if (IsArticleFile(p)) found->push_back(p.string());
    } else if (IsArticleFile(p)) {
      Problem(p, "not a regular file (FIFO, socket or device); skipped", false);
    }
  }

  static bool LooksLikeArticleName(const fs::path& p) { return IsArticleFile(p); }

  bool InsideRoots(const fs::path& target) const {
    for (const auto& r : roots_) {
      auto rel = target.lexically_relative(r);
      if (!rel.empty() && *rel.begin() != "..") return true;
    }
    return false;
  }

  void Problem(const fs::path& p, const std::string& msg, bool fatal) {
    on_problem_({p.string(), 0, msg, fatal});
  }

  const ListOptions& o_;
  std::vector<fs::path> roots_;
  const std::function<void(const InputProblem&)>& on_problem_;
  std::set<std::string> visited_;
};

}  // namespace

void ListInputFilesReporting(const std::vector<std::string>& paths, const ListOptions& options,
                             std::vector<std::string>* files,
                             const std::function<void(const InputProblem&)>& on_problem) {
  std::vector<fs::path> roots;
  for (const auto& p : paths) {
    std::error_code ec;
    if (p == "-") continue;
    fs::path c = fs::canonical(p, ec);
    if (!ec) roots.push_back(c);
  }
  Walker w(options, roots, on_problem);
  for (const auto& p : paths) {
    if (p == "-") {
      files->push_back(p);
      continue;
    }
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      auto ls = fs::symlink_status(p, ec);
      on_problem({p, 0,
                  fs::is_symlink(ls) ? "symbolic link cannot be followed" : "no such file or directory",
                  true});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      w.Walk(p, &found);
      files->insert(files->end(), found.begin(), found.end());
    } else {
      files->push_back(p);  // named explicitly: read whatever its name
    }
  }
}

Status ListInputFiles(const std::vector<std::string>& paths, std::vector<std::string>* files) {
  Status first;
  ListInputFilesReporting(paths, ListOptions{}, files, [&](const InputProblem& p) {
    if (!p.fatal || !first.ok()) return;
    first = p.message == "no such file or directory" ? Status::NotFound(p.ToString())
                                                     : Status::IOError(p.ToString());
  });
  return first;
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::string s;
  const bool is_stdin = path == "-";
  // O_NONBLOCK: opening a FIFO nobody writes to must not wait.
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  const std::string name = is_stdin ? "stdin" : Printable(path);
  if (fd < 0) return Status::IOError(name + ": cannot open: " + std::strerror(errno));
  struct Closer {
    int fd;
    bool own;
    ~Closer() {
      if (own) ::close(fd);
    }
  } closer{fd, !is_stdin};
  struct stat st;
  if (fstat(fd, &st) != 0) return Status::IOError(name + ": cannot stat: " + std::strerror(errno));
  const bool regular = S_ISREG(st.st_mode);
  const bool stream = is_stdin || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISCHR(st.st_mode);
  if (!regular && !(stream && (is_stdin || S_ISFIFO(st.st_mode)))) {
    const char* kind = S_ISDIR(st.st_mode)   ? "a directory"
                       : S_ISCHR(st.st_mode) ? "a character device"
                       : S_ISBLK(st.st_mode) ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    return Status::IOError(name + ": not an article file (" + kind + ")");
  }
  if (!is_stdin) {
    // Back to blocking reads (a FIFO with a writer delivers until it closes).
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  if (regular) {
    // One read of the size fstat reports (+1 to see EOF); grows for files
    // that are longer than reported (files being appended).
    s.resize(static_cast<size_t>(st.st_size) + 1);
  } else {
    s.resize(1 << 16);
  }
  size_t got = 0;
  for (;;) {
    ssize_t k = ::read(fd, s.data() + got, s.size() - got);
    if (k < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) break;  // a non-blocking stdin with nothing to read
      return Status::IOError(name + ": read failed: " + std::strerror(errno));
    }
    if (k == 0) break;
    const size_t before = got;
    got += static_cast<size_t>(k);
    if (!regular) {
      // A binary stream (/dev/zero, a piped image) is refused at its first
      // NUL byte instead of being read to the end.
      if (std::memchr(s.data() + before, '\0', got - before))
        return Status::Corruption(name + ": binary input (contains NUL bytes), not an article");
      if (got > kMaxStreamBytes)
        return Status::IOError(name + ": input longer than " + std::to_string(kMaxStreamBytes >> 20) +
                               " MiB; split it into several files");
    }
    if (got == s.size()) s.resize(s.size() * 2 + 4096);
  }
  s.resize(got);
  return s;
}

bool LooksLikeJsonLines(const std::string& path, std::string_view content) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return true;
  if (ext == ".txt" || ext == ".text" || ext == ".md") return false;
  for (char c : content) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

int RepairUtf8(std::string* s) {
  int bad = 0;
  std::string out;
  std::size_t i = 0;
  const std::string_view in(*s);
  while (i < in.size()) {
    std::size_t n = Utf8SeqLen(in, i);
    if (n == 0) {
      if (bad == 0) out.assign(in.substr(0, i));
      ++bad;
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      if (bad) out.append(in.substr(i, n));
      i += n;
    }
  }
  if (bad) *s = std::move(out);
  return bad;
}

std::string TextKey(std::string_view text) {
  std::size_t b = 0, e = text.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (b < e && space(text[b])) ++b;
  while (e > b && space(text[e - 1])) --e;
  uint64_t h = 1469598103934665603ULL;
  for (std::size_t i = b; i < e; ++i) {
    h ^= static_cast<unsigned char>(text[i]);
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string DateFromText(std::string_view text) {
  int lines = 0;
  std::size_t pos = 0;
  while (pos < text.size() && lines < 3) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, (nl == std::string_view::npos ? text.size() : nl) - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (IsBlank(line)) continue;
    ++lines;
    const std::string t = Trim(line);
    const bool short_line = t.size() <= 60;
    const auto words = DateWords(short_line ? std::string_view(t) : std::string_view(t).substr(0, 60));
    std::size_t at = 0;
    std::string d = DateInWords(words, &at);
    if (d.empty()) continue;
    // A date line: nothing but the date (and a weekday or place before it);
    // a dateline: the date within the first 60 bytes of a longer line.
    if (short_line || at <= 3) return d;
  }
  return "";
}

std::string ContentHash(const ArticleMeta& a) {
  // FNV-1a 64 over the fields, each terminated by a 0x1F unit separator.
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0x1F;
    h *= 1099511628211ULL;
  };
  for (const auto* f : {&a.id, &a.title, &a.date, &a.source, &a.lang, &a.url, &a.text}) mix(*f);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Status ParseArticles(const std::string& path, std::string_view content,
                     const std::function<void(ArticleMeta&&)>& on_article,
                     const std::function<void(const InputProblem&)>& on_problem,
                     const ReadOptions& o) {
  if (content.find('\0') != std::string_view::npos)
    return Status::Corruption(Printable(path) + ": binary file (contains NUL bytes), not an article");
  if (!LooksLikeJsonLines(path, content)) {
    // (JSON Lines need no such check: garbage lines are not JSON.)
    if (std::size_t bad = NonTextBytes(content); bad >= 4 && bad * 10 > content.size())
      return Status::Corruption(Printable(path) + ": binary or garbage file (" +
                                std::to_string(bad * 100 / content.size()) +
                                " % of the bytes are control characters or invalid UTF-8), not an article");
    ArticleMeta a;
    std::string text(content);
    if (int bad = RepairUtf8(&text))
      on_problem({path, 0, std::to_string(bad) + " invalid UTF-8 byte(s) replaced by U+FFFD", false});
    ParsePlainText(path, text, o, &a);
    if (a.lang.empty()) a.lang = o.lang;
    if (Trim(a.text).empty()) {
      on_problem({path, 0, "empty article", true});
      return Status::OK();
    }
    on_article(std::move(a));
    return Status::OK();
  }
  int line_no = 0;
  std::size_t pos = 0;
  std::string repaired;
  std::vector<FlatJsonMember> flat;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    std::string_view line =
        content.substr(pos, (nl == std::string_view::npos ? content.size() : nl) - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    ++line_no;
    if (IsBlank(line)) continue;
    if (!ValidUtf8(line)) {
      repaired.assign(line);
      int bad = RepairUtf8(&repaired);
      on_problem({path, line_no, std::to_string(bad) + " invalid UTF-8 byte(s) replaced by U+FFFD",
                  false});
      line = repaired;
    }
    // Flat objects (the usual article line) take the fast parser; everything
    // else, including every invalid line, goes through nlohmann::json, so
    // verdicts and values are the same either way (flat_json.h).
    const bool is_flat = ParseFlatJsonObject(line, &flat);
    nlohmann::json j;
    if (!is_flat) {
      j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded()) {
        if (nl == std::string_view::npos) {  // no newline yet: a line still being written
          InputProblem p{path, line_no,
                         "incomplete last line (no newline at the end yet); read again next run", false};
          p.incomplete = true;
          on_problem(p);
          continue;
        }
        on_problem({path, line_no, "malformed JSON line", true});
        continue;
      }
      if (!j.is_object()) {
        on_problem({path, line_no, "expected a JSON object", true});
        continue;
      }
    }
    ArticleMeta a;
    a.path = path;
    bool ok = true;
    auto str = [&](const char* key, std::string* out) {
      if (is_flat) {
        FlatJsonMember* m = nullptr;  // the last member of that name, as in nlohmann::json
        for (auto& x : flat)
          if (x.key == key) m = &x;
        if (!m || m->kind == FlatJsonMember::kNull) return;
        if (m->kind == FlatJsonMember::kString) {
          *out = std::move(m->value);
        } else {
          on_problem({path, line_no, std::string("field \"") + key + "\" is not a string", true});
          ok = false;
        }
        return;
      }
      auto it = j.find(key);
      if (it == j.end() || it->is_null()) return;
      if (it->is_string())
        *out = it->get<std::string>();
      else if (it->is_number())
        *out = it->dump();
      else {
        on_problem({path, line_no, std::string("field \"") + key + "\" is not a string", true});
        ok = false;
      }
    };
    str("id", &a.id);
    str("title", &a.title);
    str("text", &a.text);
    str("date", &a.date);
    str("source", &a.source);
    str("url", &a.url);
    str("lang", &a.lang);
    if (!ok) continue;
    if (IsBlank(a.text)) {
      on_problem({path, line_no, "missing or empty \"text\"", true});
      continue;
    }
    if (!a.date.empty() && !IsDate(a.date.substr(0, std::min<std::size_t>(a.date.size(), 10)))) {
      on_problem({path, line_no, "field \"date\" is not YYYY[-MM[-DD]]; ignored", false});
      a.date.clear();
    } else if (a.date.size() > 10) {
      a.date = a.date.substr(0, 10);  // keep the day of an ISO timestamp
    }
    if (a.date.empty()) a.date = DateFromText(a.text);
    if (a.id.empty())
      a.id = (path == "-" ? (o.stdin_id.empty() ? std::string("stdin") : o.stdin_id) : path) + "#" +
             TextKey(a.text);
    if (a.lang.empty()) a.lang = o.lang;
    on_article(std::move(a));
  }
  return Status::OK();
}

}  // namespace kg
