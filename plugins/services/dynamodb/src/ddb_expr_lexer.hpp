// Tokens of DynamoDB expressions. Keywords are identifiers; the parser decides what they mean.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ddb::expr::detail {

struct Token {
  enum class Kind {
    identifier,  // a-z A-Z _ then also digits
    name_ref,    // #name
    value_ref,   // :value
    number,      // digits (list indexes)
    punct,       // ( ) [ ] . , = <> < <= > >= + -
    other,       // anything else, one character (a lone ':' or '#' too)
    end,         // <EOF>
  };
  Kind kind = Kind::end;
  std::string text;
  std::size_t begin = 0, end_pos = 0;  // byte offsets in the expression
};

/// Splits an expression into tokens; the last token is always `end`.
std::vector<Token> tokenize(std::string_view text);

/// ASCII case-insensitive equality with an upper-case word.
bool equals_upper(std::string_view text, std::string_view upper);

}  // namespace ddb::expr::detail
