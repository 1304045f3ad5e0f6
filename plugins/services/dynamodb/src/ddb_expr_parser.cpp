// The shared expression parser; see ddb_expr_parser.hpp. Messages are DynamoDB's.
#include "ddb_expr_parser.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_value.hpp"

namespace ddb::expr::detail {
namespace {

// DynamoDB's limits: 4 KB per expression, 32 levels per document path, 100 IN operands.
constexpr std::size_t k_max_expression_size = 4096;
constexpr std::size_t k_max_path_depth = 32;
constexpr std::size_t k_max_in_operands = 100;
// Parentheses deeper than this are refused as a syntax error (bounds the parser's recursion).
constexpr int k_max_nesting = 200;

struct FunctionInfo {
  std::string_view name;
  std::size_t operands;
  Context home;
};
constexpr FunctionInfo k_functions[] = {
    {"attribute_exists", 1, Context::condition}, {"attribute_not_exists", 1, Context::condition},
    {"attribute_type", 2, Context::condition},   {"begins_with", 2, Context::condition},
    {"contains", 2, Context::condition},         {"size", 1, Context::condition},
    {"if_not_exists", 2, Context::update},       {"list_append", 2, Context::update},
};

const FunctionInfo* find_function(std::string_view name) {
  for (const auto& f : k_functions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool is_comparator(const Token& t) {
  return t.kind == Token::Kind::punct && (t.text == "=" || t.text == "<>" || t.text == "<" ||
                                          t.text == "<=" || t.text == ">" || t.text == ">=");
}

std::string misused(const std::string& fn) {
  return "The function is not allowed to be used this way in an expression; function: " + fn;
}

class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int& depth_;
};

}  // namespace

std::string static_type(const Operand& op) {
  switch (op.kind) {
    case Operand::Kind::value:
      return std::string(value_type(op.value));
    case Operand::Kind::plus:
    case Operand::Kind::minus:
      return "N";
    case Operand::Kind::call:
      if (op.name == "size") return "N";
      if (op.name == "list_append") return "L";
      return "";
    case Operand::Kind::path:
      return "";
  }
  return "";
}

Parser::Parser(std::string_view text, Substitutions& subs, std::string expression_name,
               Context context)
    : text_(text), subs_(subs), prefix_("Invalid " + expression_name + ": "), context_(context) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    fail("The expression can not be empty;");
  }
  if (text.size() > k_max_expression_size) {
    fail("Expression size has exceeded the maximum allowed size; expression size: " +
         std::to_string(text.size()));
  }
  tokens_ = tokenize(text);
  if (context == Context::condition) {
    for (const auto* w : {"AND", "OR", "NOT", "BETWEEN", "IN"}) add_keyword(w);
  }
}

void Parser::syntax_error() const {
  const Token& cur = tokens_[pos_];
  const Token* prev = pos_ > 0 ? &tokens_[pos_ - 1] : nullptr;
  const Token* next = cur.kind != Token::Kind::end && pos_ + 1 < tokens_.size() &&
                              tokens_[pos_ + 1].kind != Token::Kind::end
                          ? &tokens_[pos_ + 1]
                          : nullptr;
  const std::size_t begin = prev ? prev->begin : cur.begin;
  std::size_t end = cur.end_pos;
  if (next) end = next->end_pos;
  if (cur.kind == Token::Kind::end) end = prev ? prev->end_pos : cur.begin;
  fail("Syntax error; token: \"" + cur.text + "\", near: \"" +
       std::string(text_.substr(begin, end - begin)) + "\"");
}

void Parser::fail(const std::string& message) const {
  throw ce::AwsError::validation(prefix_ + message);
}

void Parser::note(Problem p, std::string message) {
  auto& slot = problems_[static_cast<std::size_t>(p)];
  if (slot.empty()) slot = std::move(message);
}

void Parser::finish() {
  if (peek().kind != Token::Kind::end) syntax_error();
  for (const auto& p : problems_) {
    if (!p.empty()) fail(p);
  }
}

const Token& Parser::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

const Token& Parser::advance() {
  const Token& t = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool Parser::at_punct(std::string_view p) const {
  return peek().kind == Token::Kind::punct && peek().text == p;
}

bool Parser::at_word(std::string_view upper) const {
  return peek().kind == Token::Kind::identifier && equals_upper(peek().text, upper);
}

void Parser::expect_punct(std::string_view p) {
  if (!at_punct(p)) syntax_error();
  advance();
}

void Parser::expect_word(std::string_view upper) {
  if (!at_word(upper)) syntax_error();
  advance();
}

bool Parser::is_keyword(const Token& t) const {
  if (t.kind != Token::Kind::identifier) return false;
  for (const auto& k : keywords_) {
    if (equals_upper(t.text, k)) return true;
  }
  return false;
}

Path Parser::parse_path() {
  Path path;
  auto step_name = [&]() -> std::string {
    const Token& t = peek();
    if (t.kind == Token::Kind::identifier) {
      if (is_keyword(t)) syntax_error();
      if (is_reserved_word(t.text)) {
        note(Problem::reserved_word,
             "Attribute name is a reserved keyword; reserved keyword: " + t.text);
      }
      advance();
      return t.text;
    }
    if (t.kind == Token::Kind::name_ref) {
      const std::string* resolved = subs_.name(t.text);
      if (!resolved) {
        note(Problem::undefined_placeholder,
             "An expression attribute name used in the document path is not defined; attribute "
             "name: " +
                 t.text);
      }
      advance();
      return resolved ? *resolved : t.text;
    }
    syntax_error();
  };
  path.push_back(PathStep{step_name(), std::nullopt});
  for (;;) {
    if (at_punct(".")) {
      advance();
      path.push_back(PathStep{step_name(), std::nullopt});
    } else if (at_punct("[")) {
      advance();
      const Token& t = peek();
      if (t.kind != Token::Kind::number) syntax_error();
      const std::size_t digits_start = t.text.find_first_not_of('0');
      if (digits_start != std::string::npos && t.text.size() - digits_start > 9) {
        fail("List index is not within the allowable range; index: [" + t.text + "]");
      }
      const std::size_t index = std::stoul(t.text);
      advance();
      expect_punct("]");
      path.push_back(PathStep{"", index});
    } else {
      break;
    }
  }
  if (path.size() > k_max_path_depth) {
    note(Problem::operand_type, "The document path has too many nesting levels; nesting levels: " +
                                    std::to_string(path.size()));
  }
  return path;
}

Operand Parser::parse_value_ref() {
  const Token& t = peek();
  if (t.kind != Token::Kind::value_ref) syntax_error();
  Operand op;
  op.kind = Operand::Kind::value;
  op.name = t.text;
  const Json* v = subs_.value(t.text);
  if (v) {
    op.value = *v;
  } else {
    note(Problem::undefined_placeholder,
         "An expression attribute value used in expression is not defined; attribute value: " +
             t.text);
  }
  advance();
  return op;
}

void Parser::check_call(const Operand& call) {
  const FunctionInfo* f = find_function(call.name);
  if (!f) {
    note(Problem::unknown_function, "Invalid function name; function: " + call.name);
    return;
  }
  if (f->home != context_) {
    note(Problem::misused_function,
         std::string(context_ == Context::condition
                         ? "The function is not allowed in a condition expression; function: "
                         : "The function is not allowed in an update expression; function: ") +
             call.name);
    return;
  }
  const auto& args = call.args;
  if (args.size() != f->operands) {
    note(Problem::operand_count,
         "Incorrect number of operands for operator or function; operator or function: " +
             call.name + ", number of operands: " + std::to_string(args.size()));
    return;
  }
  const auto type_error = [&](const std::string& type) {
    note(Problem::operand_type,
         "Incorrect operand type for operator or function; operator or function: " + call.name +
             ", operand type: " + type);
  };
  const auto requires_path = [&] {
    note(Problem::operand_type,
         "Operator or function requires a document path; operator or function: " + call.name);
  };
  if (f->home == Context::condition && args.size() == 2) {
    check_distinct(call.name, args[0], args[1]);
  }
  if (call.name == "attribute_exists" || call.name == "attribute_not_exists" ||
      call.name == "size" || call.name == "if_not_exists") {
    if (args[0].kind != Operand::Kind::path) requires_path();
  } else if (call.name == "attribute_type") {
    if (args[0].kind != Operand::Kind::path) return requires_path();
    const std::string t = static_type(args[1]);
    if (t != "S") return type_error(t.empty() ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : t);
    static constexpr std::string_view k_types[] = {"S",  "N", "B", "SS",   "NS",
                                                   "BS", "M", "L", "NULL", "BOOL"};
    const Json& type_name = args[1].value.begin().value();
    const std::string name = type_name.is_string() ? type_name.get<std::string>() : "";
    bool valid = false;
    for (const auto k : k_types) valid = valid || name == k;
    if (!valid) {
      note(Problem::operand_type, "Invalid attribute type name found; type: " + name +
                                      ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    }
  } else if (call.name == "begins_with") {
    for (const auto& a : args) {
      const std::string t = static_type(a);
      if (!t.empty() && t != "S" && t != "B") return type_error(t);
    }
  } else if (call.name == "list_append") {
    for (const auto& a : args) {
      const std::string t = static_type(a);
      if (!t.empty() && t != "L") return type_error(t);
    }
  }
}

void Parser::check_distinct(const std::string& op, const Operand& a, const Operand& b) {
  if (a.kind == Operand::Kind::path && b.kind == Operand::Kind::path && a.path == b.path) {
    note(Problem::not_distinct,
         "The first operand must be distinct from the remaining operands for this operator or "
         "function; operator: " +
             op + ", first operand: " + format_path(a.path));
  }
}

void Parser::check_between(const Operand& lo, const Operand& hi) {
  if (lo.kind != Operand::Kind::value || hi.kind != Operand::Kind::value) return;
  const auto t1 = value_type(lo.value);
  const auto t2 = value_type(hi.value);
  if (t1.empty() || t2.empty()) return;
  const std::string bounds = "lower bound operand: AttributeValue: " + format_value(lo.value) +
                             ", upper bound operand: AttributeValue: " + format_value(hi.value);
  if (t1 != t2) {
    note(Problem::operand_type,
         "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
  } else if (const auto c = compare_values(lo.value, hi.value); c && *c > 0) {
    note(Problem::operand_type,
         "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " +
             bounds);
  }
}

void Parser::check_comparison_operands(const std::vector<Operand>& operands) {
  for (const auto& op : operands) {
    if (op.kind == Operand::Kind::call && op.name != "size") {
      note(Problem::misused_function, misused(op.name));
    }
  }
}

std::shared_ptr<CondNode> Parser::parse_condition() {
  auto root = require_condition(parse_or());
  return root;
}

Operand Parser::parse_condition_operand() {
  return require_operand(parse_atom());
}

std::shared_ptr<CondNode> Parser::require_condition(Item item) {
  if (!item.is_operand) return item.cond;
  if (item.operand.kind != Operand::Kind::call) syntax_error();
  // A function standing as a condition; size() yields a number, not a truth value.
  if (item.operand.name == "size") note(Problem::misused_function, misused("size"));
  auto node = std::make_shared<CondNode>();
  node->kind = CondNode::Kind::call;
  node->op = item.operand.name;
  node->operands = std::move(item.operand.args);
  return node;
}

Operand Parser::require_operand(Item item) {
  if (!item.is_operand) syntax_error();
  return std::move(item.operand);
}

Item Parser::parse_or() {
  Item lhs = parse_and();
  while (at_word("OR")) {
    auto left = require_condition(std::move(lhs));
    advance();
    auto right = require_condition(parse_and());
    auto node = std::make_shared<CondNode>();
    node->kind = CondNode::Kind::or_;
    node->left = std::move(left);
    node->right = std::move(right);
    lhs = Item{std::move(node), {}, false, false};
  }
  return lhs;
}

Item Parser::parse_and() {
  Item lhs = parse_not();
  while (at_word("AND")) {
    auto left = require_condition(std::move(lhs));
    advance();
    auto right = require_condition(parse_not());
    auto node = std::make_shared<CondNode>();
    node->kind = CondNode::Kind::and_;
    node->left = std::move(left);
    node->right = std::move(right);
    lhs = Item{std::move(node), {}, false, false};
  }
  return lhs;
}

Item Parser::parse_not() {
  if (!at_word("NOT")) return parse_comparison();
  DepthGuard guard(depth_);
  if (depth_ > k_max_nesting) syntax_error();
  advance();
  auto inner = require_condition(parse_not());
  auto node = std::make_shared<CondNode>();
  node->kind = CondNode::Kind::not_;
  node->left = std::move(inner);
  return Item{std::move(node), {}, false, false};
}

Item Parser::parse_comparison() {
  Item lhs = parse_atom();
  if (!lhs.is_operand) return lhs;
  auto node = std::make_shared<CondNode>();
  if (is_comparator(peek())) {
    node->kind = CondNode::Kind::compare;
    node->op = advance().text;
    Operand rhs = parse_condition_operand();
    node->operands = {std::move(lhs.operand), std::move(rhs)};
    check_comparison_operands(node->operands);
    check_distinct(node->op, node->operands[0], node->operands[1]);
  } else if (at_word("BETWEEN")) {
    advance();
    node->kind = CondNode::Kind::between;
    Operand lo = parse_condition_operand();
    expect_word("AND");
    Operand hi = parse_condition_operand();
    node->operands = {std::move(lhs.operand), std::move(lo), std::move(hi)};
    check_comparison_operands(node->operands);
    check_between(node->operands[1], node->operands[2]);
  } else if (at_word("IN")) {
    advance();
    node->kind = CondNode::Kind::in;
    node->operands.push_back(std::move(lhs.operand));
    expect_punct("(");
    node->operands.push_back(parse_condition_operand());
    while (at_punct(",")) {
      advance();
      node->operands.push_back(parse_condition_operand());
    }
    expect_punct(")");
    check_comparison_operands(node->operands);
    if (node->operands.size() - 1 > k_max_in_operands) {
      note(Problem::operand_count,
           "The IN operator is provided with too many operands; number of operands: " +
               std::to_string(node->operands.size() - 1));
    }
  } else {
    return lhs;  // a bare operand: a function condition, or an operand inside parentheses
  }
  return Item{std::move(node), {}, false, false};
}

Item Parser::parse_atom() {
  DepthGuard guard(depth_);
  if (depth_ > k_max_nesting) syntax_error();
  const Token& t = peek();
  if (at_punct("(")) {
    advance();
    Item inner = parse_or();
    expect_punct(")");
    if (inner.parenthesized) {
      note(Problem::redundant_parens, "The expression has redundant parentheses;");
    }
    inner.parenthesized = true;
    return inner;
  }
  Item item;
  item.is_operand = true;
  if (t.kind == Token::Kind::identifier && !is_keyword(t) && peek(1).kind == Token::Kind::punct &&
      peek(1).text == "(") {
    item.operand.kind = Operand::Kind::call;
    item.operand.name = t.text;
    advance();
    advance();
    item.operand.args.push_back(parse_condition_operand());
    while (at_punct(",")) {
      advance();
      item.operand.args.push_back(parse_condition_operand());
    }
    expect_punct(")");
    check_comparison_operands(item.operand.args);
    check_call(item.operand);
    return item;
  }
  if (t.kind == Token::Kind::identifier || t.kind == Token::Kind::name_ref) {
    item.operand.kind = Operand::Kind::path;
    item.operand.path = parse_path();
    return item;
  }
  if (t.kind == Token::Kind::value_ref) {
    item.operand = parse_value_ref();
    return item;
  }
  syntax_error();
}

}  // namespace ddb::expr::detail
