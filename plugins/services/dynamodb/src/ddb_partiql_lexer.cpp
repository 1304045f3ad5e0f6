// PartiQL tokens (ddb_partiql_lexer.hpp).
#include "ddb_partiql_lexer.hpp"

#include <array>
#include <cloudemu/protocol/aws_error.hpp>

namespace ddb::partiql {

namespace {

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Longest match first, so that "<=" is not read as "<" then "=".
constexpr std::array<std::string_view, 22> k_puncts = {"<<", ">>", "<>", "!=", "<=", ">=", "(", ")",
                                                       "[",  "]",  "{",  "}",  ",",  ".",  ":", ";",
                                                       "*",  "=",  "<",  ">",  "+",  "-"};

}  // namespace

void malformed(const std::string& detail) {
  throw ce::AwsError::validation("Statement wasn't well formed, can't be processed: " + detail);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      ++i;
      continue;
    }
    if (text.substr(i, 2) == "--") {
      while (i < n && text[i] != '\n') ++i;
      continue;
    }
    if (text.substr(i, 2) == "/*") {
      const auto close = text.find("*/", i + 2);
      if (close == std::string_view::npos) malformed("Unterminated comment");
      i = close + 2;
      continue;
    }
    Token t;
    t.pos = i;
    if (c == '\'' || c == '"') {
      // Quoted names and strings end at the first quote that is not doubled.
      t.kind = c == '\'' ? Token::Kind::string : Token::Kind::quoted;
      ++i;
      for (;;) {
        if (i >= n)
          malformed(c == '\'' ? "Unterminated string literal" : "Unterminated identifier");
        if (text[i] == c) {
          if (i + 1 < n && text[i + 1] == c) {
            t.text += c;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        t.text += text[i++];
      }
    } else if (is_word_start(c)) {
      t.kind = Token::Kind::word;
      while (i < n && (is_word_start(text[i]) || is_digit(text[i]))) t.text += text[i++];
    } else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(text[i + 1]))) {
      t.kind = Token::Kind::number;
      while (i < n && is_digit(text[i])) t.text += text[i++];
      if (i < n && text[i] == '.') {
        t.text += text[i++];
        while (i < n && is_digit(text[i])) t.text += text[i++];
      }
      if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < n && (text[j] == '+' || text[j] == '-')) ++j;
        if (j < n && is_digit(text[j])) {
          t.text += text.substr(i, j - i);
          i = j;
          while (i < n && is_digit(text[i])) t.text += text[i++];
        }
      }
    } else if (c == '?') {
      t.kind = Token::Kind::param;
      t.text = "?";
      ++i;
    } else {
      t.kind = Token::Kind::punct;
      for (const auto p : k_puncts) {
        if (text.substr(i, p.size()) == p) {
          t.text = p;
          break;
        }
      }
      if (t.text.empty()) malformed("Unexpected character: " + std::string(1, c));
      i += t.text.size();
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.pos = n;
  out.push_back(end);
  return out;
}

}  // namespace ddb::partiql
