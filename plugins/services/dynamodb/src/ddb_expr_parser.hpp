// The recursive-descent parser shared by every expression kind: tokens, document paths, operands,
// the condition grammar, and DynamoDB's error reporting (syntax errors at once; semantic errors
// collected and reported in DynamoDB's order once the whole expression parsed).
#pragma once
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb_expr_ast.hpp"
#include "ddb_expr_lexer.hpp"

namespace ddb::expr::detail {

/// Semantic error classes, in the order DynamoDB reports them when several occur.
enum class Problem {
  redundant_parens,
  unknown_function,
  misused_function,
  reserved_word,
  undefined_placeholder,
  operand_count,
  not_distinct,
  operand_type,
  count_
};

/// Which functions are at home where: conditions (attribute_exists ... size) or update values
/// (if_not_exists, list_append); projections have neither.
enum class Context { condition, update, projection };

/// A parsed condition, or an operand where a condition may also appear (inside parentheses).
struct Item {
  std::shared_ptr<CondNode> cond;
  Operand operand;
  bool is_operand = false;
  bool parenthesized = false;
};

class Parser {
 public:
  /// `expression_name` as in messages: "ConditionExpression", "UpdateExpression", ...
  /// Throws for an empty or oversized expression.
  Parser(std::string_view text, Substitutions& subs, std::string expression_name, Context context);

  [[noreturn]] void syntax_error() const;                    // at the current token
  [[noreturn]] void fail(const std::string& message) const;  // "Invalid <X>: " + message
  void note(Problem p, std::string message);
  /// Expects the end of the expression, then reports the first noted problem.
  void finish();

  const Token& peek(std::size_t ahead = 0) const;
  const Token& advance();
  bool at_punct(std::string_view p) const;
  bool at_word(std::string_view upper) const;
  void expect_punct(std::string_view p);
  void expect_word(std::string_view upper);
  /// Identifiers the grammar uses as keywords in this expression kind.
  void add_keyword(std::string_view upper) { keywords_.emplace_back(upper); }
  bool is_keyword(const Token& t) const;

  Path parse_path();
  Operand parse_value_ref();

  /// The condition grammar: OR < AND < NOT < comparisons, functions and parentheses.
  std::shared_ptr<CondNode> parse_condition();
  /// One operand of a comparison, IN or a function (a path, a value or a function call).
  Operand parse_condition_operand();

  /// Checks a function call's name, operand count and operand types for this context.
  void check_call(const Operand& call);

 private:
  Item parse_or();
  Item parse_and();
  Item parse_not();
  Item parse_comparison();
  Item parse_atom();
  std::shared_ptr<CondNode> require_condition(Item item);
  Operand require_operand(Item item);
  void check_comparison_operands(const std::vector<Operand>& operands);
  void check_distinct(const std::string& op, const Operand& a, const Operand& b);
  void check_between(const Operand& lo, const Operand& hi);

  std::string_view text_;
  Substitutions& subs_;
  std::string prefix_;
  Context context_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::vector<std::string> keywords_;
  std::array<std::string, static_cast<std::size_t>(Problem::count_)> problems_;
};

/// The type an operand is known to have before evaluation ("" when only the item can tell).
std::string static_type(const Operand& op);

}  // namespace ddb::expr::detail
