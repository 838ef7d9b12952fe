// Input readers: plain-text articles and JSON Lines feeds.
//
// Plain text: an optional first line `date YYYY[-MM[-DD]] [Von|By|From|Source] NAME`
// carries date and source; the first non-empty line after it (if followed by a
// blank line) is the title. Without a header date, a date line or dateline near
// the top of the text gives the date ("Saturday, October 9, 2010",
// "Berlin, 9. Oktober 2010 -", "2010-10-09"). The article id is the path; text
// read from stdin ("-") has no path, so its id is derived from its content:
// "stdin#<TextKey>" (ReadOptions::stdin_id replaces "stdin").
// JSON Lines: one object per line with fields id, title, text, date, source,
// url, lang (only `text` is required). The id is the given id, else
// "<path>#<TextKey of the text>" (so the same article keeps its id wherever
// the line moves, and two different articles never share one). A malformed
// line is reported (file and line) and skipped; the other lines are still read.
// A last line without a newline that is not valid JSON yet is reported as
// `incomplete` (a feed still being written), not as a failure.
//
// Broken UTF-8 is repaired (invalid bytes become U+FFFD) and reported as a
// warning; files that look binary (NUL bytes, or more than 10 % of the bytes
// control characters or invalid UTF-8) are rejected as a whole.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "graph/status.h"

namespace kg {

struct InputProblem {
  std::string path;
  int line = 0;          // 1-based; 0 = whole file
  std::string message;
  bool fatal = true;     // false: a warning, the article was still read
  bool incomplete = false;  // the file ends in a line still being written (not fatal)
  std::string ToString() const;  // "PATH:LINE: message"
};

// Expands files and directories (recursively; sorted; hidden entries and
// non-article extensions skipped) into a list of file paths. "-" stays "-".
// NotFound names a path that does not exist; IOError the first problem of a
// directory walk (see ListInputFilesReporting).
Status ListInputFiles(const std::vector<std::string>& paths, std::vector<std::string>* files);

struct ListOptions {
  // Follow symbolic links found in a directory walk wherever they lead. By
  // default a link is followed only when its target lies inside one of the
  // paths given (a link to /etc/passwd in an incoming folder is not read).
  bool follow_symlinks = false;
};

// ListInputFiles for a whole run: every path is listed on its own, and each
// problem is reported to on_problem (path, message; fatal = the input could
// not be read: a path that does not exist, a directory that cannot be read, a
// symbolic link that loops or leads nowhere; not fatal = a link left alone
// because it leads outside the given paths, a FIFO or device in a walk).
// Symbolic links to directories are followed under the same rule, each
// directory at most once. Never throws.
void ListInputFilesReporting(const std::vector<std::string>& paths, const ListOptions& options,
                             std::vector<std::string>* files,
                             const std::function<void(const InputProblem&)>& on_problem);

// Reads a whole file ("-" = stdin). IOError naming the path on failure:
// a file that cannot be opened or read, a path that is not a regular file
// (a directory, a device such as /dev/zero), a stream (stdin, a FIFO) longer
// than kMaxStreamBytes. A FIFO without a writer reads as empty instead of
// waiting. Corruption when a stream turns out binary (a NUL byte in its first
// block): it is not read further.
Result<std::string> ReadFileBytes(const std::string& path);
inline constexpr std::size_t kMaxStreamBytes = std::size_t{1} << 30;

// True when `path` names a JSON Lines file (.jsonl, .ndjson, .json) or, for
// stdin/unknown extensions, when the content starts with '{'.
bool LooksLikeJsonLines(const std::string& path, std::string_view content);

struct ReadOptions {
  // The name that stands for stdin in derived ids ("stdin#<key>"); `kg ingest
  // --id ID` sets it, and a plain-text article from stdin then has the id ID.
  std::string stdin_id;
  // Language of articles without a "lang" field ("" = detect).
  std::string lang;
};

// Parses the content of one input file into articles. Calls on_article for
// each good article (in order) and on_problem for each bad line or warning.
// Returns a non-OK Status only when the file as a whole is unusable (binary).
Status ParseArticles(const std::string& path, std::string_view content,
                     const std::function<void(ArticleMeta&&)>& on_article,
                     const std::function<void(const InputProblem&)>& on_problem,
                     const ReadOptions& options = {});

// Content key of an article text: 16 hex digits of a hash of the text without
// leading and trailing white space. Equal texts give equal keys in every run.
std::string TextKey(std::string_view text);

// The date a date line or dateline near the top of `text` gives
// ("YYYY-MM-DD"), or "" when none is found. Looks at the first three non-empty
// lines: a line that is only a date (optionally with a weekday), or a date
// within the first 60 bytes of a line (a dateline "Berlin, 9. Oktober 2010 -").
// English and German month names, ISO dates and DD.MM.YYYY.
std::string DateFromText(std::string_view text);

// Replaces invalid UTF-8 sequences by U+FFFD; returns how many were replaced.
int RepairUtf8(std::string* s);

// Stable content hash of an article (id, title, date, source, lang, url, text):
// 16 hex digits. Equal inputs give equal hashes in every run.
std::string ContentHash(const ArticleMeta& a);

}  // namespace kg
