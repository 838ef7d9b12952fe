#include "graph/utf8.h"
#include "query/cypher/lexer.h"

#include <cctype>
#include <cstdint>

namespace kg::cypher {

std::string FormatError(const std::string& text, int line, int col, const std::string& msg) {
  std::string out = "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + msg;
  // Find the source line.
  size_t start = 0;
  for (int l = 1; l < line && start < text.size(); ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      start = text.size();
      break;
    }
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string src = text.substr(start, end - start);
  for (char& c : src)
    if (c == '\t' || c == '\r') c = ' ';
  out += "\n  " + src + "\n  " + std::string(col > 1 ? col - 1 : 0, ' ') + "^";
  return out;
}

namespace {

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

class Lexer {
 public:
  explicit Lexer(const std::string& t) : t_(t) {}

  // U+2010..U+2015 (hyphens and dashes), U+2212 (minus), U+FE58, U+FE63,
  // U+FF0D: look like '-' but are not Cypher operators.
  bool IsUnicodeDash(size_t i) const {
    auto at = [&](size_t k) {
      return i + k < t_.size() ? static_cast<unsigned char>(t_[i + k]) : 0;
    };
    if (at(0) == 0xE2 && at(1) == 0x80 && at(2) >= 0x90 && at(2) <= 0x95) return true;
    if (at(0) == 0xE2 && at(1) == 0x88 && at(2) == 0x92) return true;
    if (at(0) == 0xEF && at(1) == 0xB9 && (at(2) == 0x98 || at(2) == 0xA3)) return true;
    return at(0) == 0xEF && at(1) == 0xBC && at(2) == 0x8D;
  }

  Result<std::vector<Token>> Run() {
    std::vector<Token> out;
    while (true) {
      Status s = SkipSpace();
      if (!s.ok()) return s;
      Token tok;
      tok.line = line_;
      tok.col = col_;
      tok.offset = i_;
      if (i_ >= t_.size()) {
        // Errors at the end point just past the last token, not at a trailing newline.
        if (!out.empty()) {
          tok.line = last_line_;
          tok.col = last_col_;
        }
        tok.kind = Tok::kEnd;
        tok.end_offset = i_;
        out.push_back(tok);
        return out;
      }
      unsigned char c = t_[i_];
      if (c >= 0x80 && IsUnicodeDash(i_)) {
        return Err(tok,
                   "'" + t_.substr(i_, 3) +
                       "' is a Unicode dash, not the minus sign '-' (InvalidUnicodeCharacter)");
      }
      if (IsIdentStart(c)) {
        size_t b = i_;
        while (i_ < t_.size() && IsIdentChar(t_[i_])) Advance();
        tok.kind = Tok::kIdent;
        tok.text = t_.substr(b, i_ - b);
      } else if (c == '`') {
        Advance();
        tok.kind = Tok::kIdent;
        tok.quoted = true;
        while (true) {
          if (i_ >= t_.size()) return Err(tok, "unterminated `quoted` identifier");
          if (t_[i_] == '`') {
            if (i_ + 1 < t_.size() && t_[i_ + 1] == '`') {
              tok.text.push_back('`');
              Advance();
              Advance();
              continue;
            }
            Advance();
            break;
          }
          tok.text.push_back(t_[i_]);
          Advance();
        }
      } else if (std::isdigit(c) || (c == '.' && i_ + 1 < t_.size() && std::isdigit(
                                                   static_cast<unsigned char>(t_[i_ + 1])))) {
        Status ns = Number(&tok);
        if (!ns.ok()) return ns;
      } else if (c == '\'' || c == '"') {
        Status ss = String(&tok);
        if (!ss.ok()) return ss;
      } else if (c == '$') {
        Advance();
        size_t b = i_;
        if (i_ < t_.size() && t_[i_] == '`') {
          Token q;
          Advance();
          while (i_ < t_.size() && t_[i_] != '`') {
            q.text.push_back(t_[i_]);
            Advance();
          }
          if (i_ >= t_.size()) return Err(tok, "unterminated parameter name");
          Advance();
          tok.text = q.text;
        } else {
          while (i_ < t_.size() && IsIdentChar(t_[i_])) Advance();
          tok.text = t_.substr(b, i_ - b);
        }
        if (tok.text.empty()) return Err(tok, "expected a parameter name after '$'");
        tok.kind = Tok::kParam;
      } else {
        static const char* kTwo[] = {"<=", ">=", "<>", "!=", "=~", "+=", ".."};
        tok.kind = Tok::kSymbol;
        for (const char* two : kTwo) {
          if (t_.compare(i_, 2, two) == 0) {
            tok.text = two;
            Advance();
            Advance();
            break;
          }
        }
        if (tok.text.empty()) {
          static const std::string kOne = "()[]{},.:;|+-*/%^=<>";
          if (kOne.find(static_cast<char>(c)) == std::string::npos) {
            std::string shown = c >= 0x20 && c < 0x7f ? std::string(1, c) : "\\x" + Hex(c);
            return Err(tok, "unexpected character '" + shown + "'");
          }
          tok.text = std::string(1, static_cast<char>(c));
          Advance();
        }
      }
      tok.end_offset = i_;
      last_line_ = line_;
      last_col_ = col_;
      out.push_back(std::move(tok));
    }
  }

 private:
  static std::string Hex(unsigned char c) {
    const char* d = "0123456789abcdef";
    return std::string{d[c >> 4], d[c & 15]};
  }
  void Advance() {
    if (t_[i_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(t_[i_]) & 0xC0) != 0x80) {
      ++col_;  // count code points, not bytes
    }
    ++i_;
  }
  Status Err(const Token& at, const std::string& msg) const {
    return Status::InvalidArgument(FormatError(t_, at.line, at.col, msg));
  }
  Status SkipSpace() {
    while (i_ < t_.size()) {
      unsigned char c = t_[i_];
      if (std::isspace(c)) {
        Advance();
      } else if (c == '/' && i_ + 1 < t_.size() && t_[i_ + 1] == '/') {
        while (i_ < t_.size() && t_[i_] != '\n') Advance();
      } else if (c == '/' && i_ + 1 < t_.size() && t_[i_ + 1] == '*') {
        Token at;
        at.line = line_;
        at.col = col_;
        Advance();
        Advance();
        while (true) {
          if (i_ + 1 >= t_.size()) return Err(at, "unterminated /* comment */");
          if (t_[i_] == '*' && t_[i_ + 1] == '/') {
            Advance();
            Advance();
            break;
          }
          Advance();
        }
      } else {
        break;
      }
    }
    return Status::OK();
  }
  Status Number(Token* tok) {
    size_t b = i_;
    tok->kind = Tok::kInteger;
    if (t_[i_] == '0' && i_ + 1 < t_.size() && (t_[i_ + 1] == 'x' || t_[i_ + 1] == 'o')) {
      Advance();
      Advance();
      while (i_ < t_.size() && IsIdentChar(t_[i_])) Advance();
      tok->text = t_.substr(b, i_ - b);
      return Status::OK();
    }
    while (i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]))) Advance();
    if (i_ + 1 < t_.size() && t_[i_] == '.' && std::isdigit(static_cast<unsigned char>(t_[i_ + 1]))) {
      tok->kind = Tok::kFloat;
      Advance();
      while (i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]))) Advance();
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      size_t j = i_ + 1;
      if (j < t_.size() && (t_[j] == '+' || t_[j] == '-')) ++j;
      if (j < t_.size() && std::isdigit(static_cast<unsigned char>(t_[j]))) {
        tok->kind = Tok::kFloat;
        while (i_ < j) Advance();
        while (i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]))) Advance();
      }
    }
    // Letters glued to a number ("1abc") are an invalid number literal.
    while (i_ < t_.size() && IsIdentChar(t_[i_])) Advance();
    tok->text = t_.substr(b, i_ - b);
    return Status::OK();
  }
  Status String(Token* tok) {
    char q = t_[i_];
    tok->kind = Tok::kString;
    Advance();
    while (true) {
      if (i_ >= t_.size()) return Err(*tok, "unterminated string literal");
      char c = t_[i_];
      if (c == q) {
        Advance();
        return Status::OK();
      }
      if (c == '\\') {
        Advance();
        if (i_ >= t_.size()) return Err(*tok, "unterminated string literal");
        char e = t_[i_];
        switch (e) {
          case 'n': tok->text.push_back('\n'); break;
          case 't': tok->text.push_back('\t'); break;
          case 'r': tok->text.push_back('\r'); break;
          case 'b': tok->text.push_back('\b'); break;
          case 'f': tok->text.push_back('\f'); break;
          case '\\': tok->text.push_back('\\'); break;
          case '\'': tok->text.push_back('\''); break;
          case '"': tok->text.push_back('"'); break;
          case 'u':
          case 'U': {
            int n = e == 'u' ? 4 : 8;
            uint32_t cp = 0;
            for (int k = 0; k < n; ++k) {
              if (i_ + 1 >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[i_ + 1])))
                return Err(*tok, "invalid unicode escape in string literal (InvalidUnicodeLiteral)");
              Advance();
              char h = t_[i_];
              cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h))
                                  ? h - '0'
                                  : (std::tolower(static_cast<unsigned char>(h)) - 'a' + 10));
            }
            if (cp > 0x10FFFF) return Err(*tok, "invalid unicode escape in string literal (InvalidUnicodeLiteral)");
            AppendUtf8(&tok->text, cp);
            break;
          }
          default:
            return Err(*tok, std::string("invalid escape sequence '\\") + e + "' in string");
        }
        Advance();
        continue;
      }
      tok->text.push_back(c);
      Advance();
    }
  }

  const std::string& t_;
  size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
  int last_line_ = 1, last_col_ = 1;  // just past the last token
};

}  // namespace

Result<std::vector<Token>> Lex(const std::string& text) { return Lexer(text).Run(); }

}  // namespace kg::cypher
