// Tokens of DynamoDB's PartiQL statements. Keywords are bare words; the parser decides what they
// mean. Comments (-- to the end of the line, /* ... */) are dropped, as DynamoDB allows them.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ddb::partiql {

struct Token {
  enum class Kind {
    word,    // a bare identifier or keyword: letters, digits, _ and $, not starting with a digit
    quoted,  // "a name" (a doubled "" is one ")
    string,  // 'text' (a doubled '' is one ')
    number,  // 12, 1.5, .5, 1e3
    param,   // ?
    punct,   // ( ) [ ] { } , . : ; * = <> != < <= > >= << >> + -
    end,     // the end of the statement
  };
  Kind kind = Kind::end;
  std::string text;  // the unquoted text of quoted names and strings
  std::size_t pos = 0;
};

/// Splits a statement into tokens; the last one is always `end`. An unterminated string, name or
/// comment, or a character PartiQL has no use for, is a malformed statement.
std::vector<Token> tokenize(std::string_view text);

/// ValidationException "Statement wasn't well formed, can't be processed: <detail>".
[[noreturn]] void malformed(const std::string& detail);

}  // namespace ddb::partiql
