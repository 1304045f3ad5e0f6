// The expression tokenizer; see ddb_expr_lexer.hpp.
#include "ddb_expr_lexer.hpp"

#include <algorithm>

namespace ddb::expr::detail {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_part(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

bool equals_upper(std::string_view text, std::string_view upper) {
  if (text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto push = [&](Token::Kind kind, std::size_t begin, std::size_t end) {
    out.push_back(Token{kind, std::string(text.substr(begin, end - begin)), begin, end});
  };
  while (i < n) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (is_ident_start(c)) {
      while (i < n && is_ident_part(text[i])) ++i;
      push(Token::Kind::identifier, start, i);
    } else if (is_digit(c)) {
      while (i < n && is_digit(text[i])) ++i;
      push(Token::Kind::number, start, i);
    } else if ((c == '#' || c == ':') && i + 1 < n && is_ident_part(text[i + 1])) {
      ++i;
      while (i < n && is_ident_part(text[i])) ++i;
      push(c == '#' ? Token::Kind::name_ref : Token::Kind::value_ref, start, i);
    } else if ((c == '<' || c == '>') && i + 1 < n && text[i + 1] == '=') {
      i += 2;
      push(Token::Kind::punct, start, i);
    } else if (c == '<' && i + 1 < n && text[i + 1] == '>') {
      i += 2;
      push(Token::Kind::punct, start, i);
    } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '.' || c == ',' || c == '=' ||
               c == '<' || c == '>' || c == '+' || c == '-') {
      ++i;
      push(Token::Kind::punct, start, i);
    } else {
      i = std::min(n, i + utf8_length(static_cast<unsigned char>(c)));
      push(Token::Kind::other, start, i);
    }
  }
  out.push_back(Token{Token::Kind::end, "<EOF>", n, n});
  return out;
}

}  // namespace ddb::expr::detail
