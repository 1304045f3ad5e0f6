// The PartiQL statement parser (ddb_partiql_parser.hpp): recursive descent over the tokens, with
// DynamoDB's precedence OR < AND < NOT < predicates. Messages follow DynamoDB's PartiQL
// front end; docs/dynamodb.md ("PartiQL") lists the ones worded here without a known original.
#include "ddb_partiql_parser.hpp"

#include <algorithm>
#include <cctype>
#include <cloudemu/protocol/aws_error.hpp>
#include <set>

#include "ddb_number.hpp"
#include "ddb_partiql_lexer.hpp"
#include "ddb_validation.hpp"

namespace ddb::partiql {

namespace {

using expr::Path;
using expr::PathStep;
using expr::detail::CondNode;
using expr::detail::Operand;
using expr::detail::UpdateAction;
using MutableNodePtr = std::shared_ptr<CondNode>;

/// Words that are grammar, never attribute names, unless double-quoted.
const std::set<std::string, std::less<>> k_keywords = {
    "AND",   "AS",     "BETWEEN", "BY",     "DELETE", "EXISTS",    "FALSE",  "FROM",
    "GROUP", "IN",     "INSERT",  "INTO",   "IS",     "JOIN",      "LIMIT",  "MISSING",
    "NOT",   "NULL",   "OR",      "ORDER",  "REMOVE", "RETURNING", "SELECT", "SET",
    "TRUE",  "UPDATE", "VALUE",   "VALUES", "WHERE"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

MutableNodePtr make_node(CondNode::Kind kind) {
  auto n = std::make_shared<CondNode>();
  n->kind = kind;
  return n;
}
MutableNodePtr combine(CondNode::Kind kind, MutableNodePtr left, MutableNodePtr right) {
  auto n = make_node(kind);
  n->left = std::move(left);
  n->right = std::move(right);
  return n;
}
MutableNodePtr negate(MutableNodePtr inner) {
  auto n = make_node(CondNode::Kind::not_);
  n->left = std::move(inner);
  return n;
}
MutableNodePtr call_node(std::string name, std::vector<Operand> args) {
  auto n = make_node(CondNode::Kind::call);
  n->op = std::move(name);
  n->operands = std::move(args);
  return n;
}
Operand path_operand(Path p) {
  Operand o;
  o.kind = Operand::Kind::path;
  o.path = std::move(p);
  return o;
}
Operand value_operand(Json v) {
  Operand o;
  o.kind = Operand::Kind::value;
  o.value = std::move(v);
  return o;
}
Json string_value(const std::string& s) {
  return Json{{"S", s}};
}

/// The name a projected path answers under: its last name with the indexes after it ("m.k[1]"
/// answers as "k[1]"), as DynamoDB flattens nested projections.
std::string result_name(const Path& path) {
  std::size_t last = 0;
  for (std::size_t i = 0; i < path.size(); ++i)
    if (!path[i].index) last = i;
  std::string name = path[last].name;
  for (std::size_t i = last + 1; i < path.size(); ++i) {
    // Appended piece by piece: `"[" + std::to_string(...)` trips GCC 12's -Wrestrict at -O2.
    name += '[';
    name += std::to_string(*path[i].index);
    name += ']';
  }
  return name;
}

class Parser {
 public:
  Parser(std::string_view text, const Json& params) : tokens_(tokenize(text)), params_(params) {}

  Statement parse() {
    Statement s;
    if (accept_word("SELECT")) {
      parse_select(s);
    } else if (accept_word("INSERT")) {
      parse_insert(s);
    } else if (accept_word("UPDATE")) {
      parse_update(s);
    } else if (accept_word("DELETE")) {
      parse_delete(s);
    } else {
      malformed("Expected data manipulation");
    }
    accept_punct(";");
    if (peek().kind != Token::Kind::end) unexpected();
    // Too few parameters failed at the first unbound `?`; too many are refused as well.
    if (used_params_ != params_.size()) parameter_mismatch();
    return s;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& advance() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  static bool is_word(const Token& t, std::string_view kw) {
    return t.kind == Token::Kind::word && upper(t.text) == kw;
  }
  bool at_word(std::string_view kw) const { return is_word(peek(), kw); }
  bool accept_word(std::string_view kw) {
    if (!at_word(kw)) return false;
    advance();
    return true;
  }
  void expect_word(std::string_view kw) {
    if (!accept_word(kw)) unexpected();
  }
  bool at_punct(std::string_view p, std::size_t ahead = 0) const {
    return peek(ahead).kind == Token::Kind::punct && peek(ahead).text == p;
  }
  bool accept_punct(std::string_view p) {
    if (!at_punct(p)) return false;
    advance();
    return true;
  }
  void expect_punct(std::string_view p) {
    if (!accept_punct(p)) unexpected();
  }
  static bool is_keyword(const Token& t) {
    return t.kind == Token::Kind::word && k_keywords.count(upper(t.text)) > 0;
  }
  /// A function call starts here: a bare word followed by "(".
  bool at_call() const { return peek().kind == Token::Kind::word && at_punct("(", 1); }

  [[noreturn]] void unexpected() const {
    const Token& t = peek();
    if (t.kind == Token::Kind::end) malformed("Unexpected end of statement");
    if (is_keyword(t)) malformed("Unexpected keyword");
    malformed("Unexpected token");
  }
  [[noreturn]] static void parameter_mismatch() {
    throw_validation("Number of parameters in request and statement don't match.");
  }

  // ---- names, paths, values ----

  bool at_name() const {
    const Token& t = peek();
    return t.kind == Token::Kind::quoted || (t.kind == Token::Kind::word && !is_keyword(t));
  }
  std::string parse_name() {
    if (!at_name()) unexpected();
    const Token& t = advance();
    if (t.text.empty()) throw_validation("Path component cannot be an empty string");
    return t.text;
  }

  Path parse_path() {
    Path path;
    path.push_back(PathStep{parse_name(), std::nullopt});
    for (;;) {
      if (at_punct(".") &&
          (peek(1).kind == Token::Kind::word || peek(1).kind == Token::Kind::quoted)) {
        advance();
        path.push_back(PathStep{parse_name(), std::nullopt});
      } else if (accept_punct("[")) {
        const Token& t = advance();
        if (t.kind == Token::Kind::string) {  // m['key'] is m.key
          path.push_back(PathStep{t.text, std::nullopt});
        } else if (t.kind == Token::Kind::number &&
                   std::all_of(t.text.begin(), t.text.end(), ::isdigit) && t.text.size() < 10) {
          path.push_back(PathStep{"", static_cast<std::size_t>(std::stoul(t.text))});
        } else {
          malformed("Unexpected path component");
        }
        expect_punct("]");
      } else {
        return path;
      }
    }
  }

  Json bind_parameter() {
    advance();
    if (used_params_ >= params_.size()) parameter_mismatch();
    return params_[used_params_++];
  }

  static std::string number_text(const std::string& text, bool negative) {
    return Number::parse((negative ? "-" : "") + text).to_string();
  }

  /// A literal or a parameter: 'text', 12.5, -3, true, false, null, {'k': v}, [v, ...],
  /// <<'a', 'b'>> (a string or number set), ?.
  Json parse_value() {
    const Token& t = peek();
    switch (t.kind) {
      case Token::Kind::param:
        return bind_parameter();
      case Token::Kind::string:
        return string_value(advance().text);
      case Token::Kind::number:
        return Json{{"N", number_text(advance().text, false)}};
      default:
        break;
    }
    if (at_punct("-") && peek(1).kind == Token::Kind::number) {
      advance();
      return Json{{"N", number_text(advance().text, true)}};
    }
    if (accept_word("TRUE")) return Json{{"BOOL", true}};
    if (accept_word("FALSE")) return Json{{"BOOL", false}};
    if (accept_word("NULL")) return Json{{"NULL", true}};
    if (at_word("MISSING")) throw_validation("MISSING must be compared using IS operator");
    if (accept_punct("{")) return parse_map();
    if (accept_punct("[")) {
      Json list = Json::array();
      if (!accept_punct("]")) {
        do {
          list.push_back(parse_value());
        } while (accept_punct(","));
        expect_punct("]");
      }
      return Json{{"L", std::move(list)}};
    }
    if (accept_punct("<<")) return parse_set();
    unexpected();
  }

  Json parse_map() {
    Json map = Json::object();
    if (accept_punct("}")) return Json{{"M", std::move(map)}};
    do {
      const Token& key = advance();
      if (key.kind != Token::Kind::string && key.kind != Token::Kind::quoted) unexpected();
      const std::string name = key.text;
      expect_punct(":");
      Json value = parse_value();
      if (map.contains(name)) throw_validation("Duplicate keys in tuple. Key: " + name);
      map[name] = std::move(value);
    } while (accept_punct(","));
    expect_punct("}");
    return Json{{"M", std::move(map)}};
  }

  /// <<...>>: DynamoDB's sets hold strings or numbers, one kind per set, each once.
  Json parse_set() {
    if (accept_punct(">>")) throw_validation("Empty bags are not supported");
    std::string kind;
    Json elements = Json::array();
    std::set<std::string> seen;
    do {
      std::string element_kind, text;
      const Token& t = peek();
      if (t.kind == Token::Kind::string) {
        element_kind = "S";
        text = advance().text;
      } else if (t.kind == Token::Kind::number ||
                 (at_punct("-") && peek(1).kind == Token::Kind::number)) {
        const bool negative = accept_punct("-");
        element_kind = "N";
        text = number_text(advance().text, negative);
      } else {
        throw_validation(
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in "
            "bags");
      }
      if (!kind.empty() && kind != element_kind)
        throw_validation(
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in "
            "bags");
      kind = element_kind;
      if (!seen.insert(text).second) throw_validation("Input collection contains duplicates");
      elements.push_back(text);
    } while (accept_punct(","));
    expect_punct(">>");
    return Json{{kind + "S", std::move(elements)}};
  }

  // ---- conditions ----

  /// A comparison operand: a path, a literal or parameter, or size(path).
  Operand parse_operand() {
    if (at_call()) {
      const std::string name = lower(advance().text);
      advance();  // (
      if (name != "size") throw_validation("Unrecognized function: " + name);
      Operand call;
      call.kind = Operand::Kind::call;
      call.name = "size";
      call.args.push_back(path_operand(parse_path()));
      expect_punct(")");
      return call;
    }
    if (at_name()) return path_operand(parse_path());
    return value_operand(parse_value());
  }

  MutableNodePtr parse_or() {
    MutableNodePtr left = parse_and();
    while (accept_word("OR")) left = combine(CondNode::Kind::or_, left, parse_and());
    return left;
  }
  MutableNodePtr parse_and() {
    MutableNodePtr left = parse_not();
    while (accept_word("AND")) left = combine(CondNode::Kind::and_, left, parse_not());
    return left;
  }
  MutableNodePtr parse_not() {
    if (accept_word("NOT")) return negate(parse_not());
    return parse_predicate();
  }

  MutableNodePtr parse_function_condition() {
    const std::string name = lower(advance().text);
    advance();  // (
    static const std::set<std::string, std::less<>> k_functions = {
        "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"};
    if (!k_functions.count(name)) throw_validation("Unrecognized function: " + name);
    std::vector<Operand> args;
    if (!at_punct(")")) {
      do {
        args.push_back(parse_operand());
      } while (accept_punct(","));
    }
    expect_punct(")");
    const std::size_t arity = name.starts_with("attribute_") && name != "attribute_type" ? 1 : 2;
    if (args.size() != arity || args[0].kind != Operand::Kind::path)
      throw_validation("Incorrect number or type of arguments for function: " + name);
    return call_node(name, std::move(args));
  }

  MutableNodePtr parse_predicate() {
    if (accept_punct("(")) {
      MutableNodePtr inner = parse_or();
      expect_punct(")");
      return inner;
    }
    if (at_call() && lower(peek().text) != "size") return parse_function_condition();
    Operand left = parse_operand();
    static const std::set<std::string, std::less<>> k_comparators = {"=",  "<>", "!=", "<",
                                                                     "<=", ">",  ">="};
    if (peek().kind == Token::Kind::punct && k_comparators.count(peek().text)) {
      std::string op = advance().text;
      if (op == "!=") op = "<>";
      Operand right = parse_operand();
      auto n = make_node(CondNode::Kind::compare);
      n->op = op;
      n->operands = {left, right};
      if (op != "<>") return n;
      // PartiQL: a missing attribute compares as MISSING, which no row passes; the expression
      // evaluator's <> would count it as "not equal", so require the attributes to be there.
      MutableNodePtr guarded = n;
      for (const Operand* side : {&left, &right})
        if (side->kind == Operand::Kind::path)
          guarded = combine(CondNode::Kind::and_, call_node("attribute_exists", {*side}), guarded);
      return guarded;
    }
    const bool negated = accept_word("NOT");
    MutableNodePtr n;
    if (accept_word("BETWEEN")) {
      Operand lo = parse_operand();
      expect_word("AND");
      Operand hi = parse_operand();
      n = make_node(CondNode::Kind::between);
      n->operands = {left, lo, hi};
    } else if (accept_word("IN")) {
      n = parse_in(left);
    } else if (!negated && accept_word("IS")) {
      return parse_is(left);
    } else {
      if (negated) unexpected();
      throw_validation("WHERE clause must contain an expression that resolves to a boolean");
    }
    return negated ? negate(n) : n;
  }

  MutableNodePtr parse_in(const Operand& left) {
    const bool bracket = accept_punct("[");
    if (!bracket) expect_punct("(");
    auto n = make_node(CondNode::Kind::in);
    n->operands.push_back(left);
    if (!at_punct(bracket ? "]" : ")")) {
      do {
        n->operands.push_back(value_operand(parse_value()));
      } while (accept_punct(","));
    }
    expect_punct(bracket ? "]" : ")");
    if (left.kind != Operand::Kind::path || n->operands.size() < 2)
      throw_validation(
          "IN operator must have a left hand argument of type Variable Reference and right hand "
          "argument of type Seq with at least one member");
    return n;
  }

  /// IS [NOT] MISSING, IS [NOT] NULL (a missing attribute IS NULL too, as in PartiQL).
  MutableNodePtr parse_is(const Operand& left) {
    const bool negated = accept_word("NOT");
    if (left.kind != Operand::Kind::path)
      throw_validation(
          "The left hand side argument to IS must be a Variable Reference, Literal, or Path");
    MutableNodePtr n;
    if (accept_word("MISSING")) {
      n = call_node("attribute_not_exists", {left});
    } else if (accept_word("NULL")) {
      n = combine(CondNode::Kind::or_, call_node("attribute_not_exists", {left}),
                  call_node("attribute_type", {left, value_operand(string_value("NULL"))}));
    } else {
      unexpected();
    }
    return negated ? negate(n) : n;
  }

  // ---- statements ----

  void parse_select(Statement& s) {
    s.kind = Statement::Kind::select;
    if (accept_punct("*")) {
      if (at_punct(","))
        throw_validation(
            "Other attributes should not be present in the projection when '*' is used.");
    } else {
      std::set<std::string> names;
      do {
        if (at_punct("*"))
          throw_validation(
              "Other attributes should not be present in the projection when '*' is used.");
        if (at_call()) throw_validation("Unsupported operation: function call in the projection");
        Path path = parse_path();
        if (at_word("AS")) throw_validation("Aliasing is not supported");
        std::string name = result_name(path);
        if (!names.insert(name).second)
          throw_validation("Duplicate identifiers in select clause: " + name);
        s.projection.emplace_back(std::move(name), std::move(path));
      } while (accept_punct(","));
    }
    expect_word("FROM");
    s.table = parse_name();
    if (accept_punct(".")) s.index = parse_name();
    if (accept_word("WHERE")) s.where = parse_or();
    for (const char* clause : {"ORDER", "LIMIT", "GROUP"})
      if (at_word(clause))
        throw_validation(std::string("Unsupported clause: ") + (std::string_view(clause) == "LIMIT"
                                                                    ? "LIMIT"
                                                                    : std::string(clause) + " BY"));
  }

  void parse_insert(Statement& s) {
    s.kind = Statement::Kind::insert;
    expect_word("INTO");
    s.table = parse_name();
    if (at_word("VALUES"))
      throw_validation(
          "Unsupported operation: Inserting multiple items in a single statement is not "
          "supported, use \"INSERT INTO tableName VALUE item\" instead");
    expect_word("VALUE");
    Json value = parse_value();
    if (value_type_of(value) != "M")
      throw_validation(
          "Unsupported format in item expression. Please use struct format {...} to express item "
          "values for insert statement.");
    s.item = std::move(value["M"]);
    if (at_word("RETURNING")) throw_validation("RETURNING is not supported in INSERT");
  }

  static std::string value_type_of(const Json& v) {
    return v.is_object() && v.size() == 1 ? v.begin().key() : "";
  }

  /// One SET assignment: path = value [+|- value], list_append(...), if_not_exists(...), or
  /// set_add / set_delete, which are ADD and DELETE of the expression language.
  void parse_assignment(Statement& s) {
    auto action = std::make_shared<UpdateAction>();
    action->path = parse_path();
    expect_punct("=");
    const std::string fn = at_call() ? lower(peek().text) : "";
    if (fn == "set_add" || fn == "set_delete") {
      const std::string op = fn == "set_add" ? "ADD" : "DELETE";
      advance();
      advance();
      if (parse_path() != action->path)
        throw_validation("The first argument to SET_" + op + " must equal the assignment value");
      expect_punct(",");
      Json value = parse_value();
      const std::string type = value_type_of(value);
      if (type != "SS" && type != "NS" && type != "BS")
        throw_validation("The second argument to SET_" + op + " must be a value with type SET");
      expect_punct(")");
      action->kind = fn == "set_add" ? UpdateAction::Kind::add : UpdateAction::Kind::del;
      action->value = value_operand(std::move(value));
    } else {
      action->kind = UpdateAction::Kind::set;
      Operand left = parse_update_operand();
      if (at_punct("+") || at_punct("-")) {
        Operand sum;
        sum.kind = advance().text == "+" ? Operand::Kind::plus : Operand::Kind::minus;
        sum.args = {std::move(left), parse_update_operand()};
        action->value = std::move(sum);
      } else {
        action->value = std::move(left);
      }
    }
    s.actions.push_back(std::move(action));
  }

  Operand parse_update_operand() {
    if (at_call()) {
      const std::string name = lower(advance().text);
      advance();  // (
      if (name != "list_append" && name != "if_not_exists")
        throw_validation("Unrecognized function: " + name);
      Operand call;
      call.kind = Operand::Kind::call;
      call.name = name;
      call.args.push_back(name == "if_not_exists" ? path_operand(parse_path())
                                                  : parse_update_operand());
      expect_punct(",");
      call.args.push_back(parse_update_operand());
      expect_punct(")");
      return call;
    }
    if (at_name()) return path_operand(parse_path());
    return value_operand(parse_value());
  }

  void parse_update(Statement& s) {
    s.kind = Statement::Kind::update;
    s.table = parse_name();
    for (;;) {
      if (accept_word("SET")) {
        do {
          parse_assignment(s);
        } while (accept_punct(","));
      } else if (accept_word("REMOVE")) {
        do {
          auto action = std::make_shared<UpdateAction>();
          action->kind = UpdateAction::Kind::remove;
          action->path = parse_path();
          s.actions.push_back(std::move(action));
        } while (accept_punct(","));
      } else {
        break;
      }
    }
    if (s.actions.empty()) unexpected();
    parse_key_where(s);
    parse_returning(s);
  }

  void parse_delete(Statement& s) {
    s.kind = Statement::Kind::remove;
    expect_word("FROM");
    s.table = parse_name();
    parse_key_where(s);
    parse_returning(s);
    if (!s.returning.empty() && s.returning != "ALL OLD")
      throw_validation("Invalid returning clause: RETURNING " + s.returning +
                       " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
  }

  /// UPDATE and DELETE act on one item, named by its whole key in WHERE.
  void parse_key_where(Statement& s) {
    if (!accept_word("WHERE"))
      throw_validation("Where clause does not contain a mandatory equality on all key attributes");
    s.where = parse_or();
  }

  void parse_returning(Statement& s) {
    if (!accept_word("RETURNING")) return;
    const std::string which = peek().kind == Token::Kind::word ? upper(advance().text) : "";
    const std::string age = peek().kind == Token::Kind::word ? upper(advance().text) : "";
    if ((which != "ALL" && which != "MODIFIED") || (age != "OLD" && age != "NEW") ||
        !accept_punct("*"))
      throw_validation("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    s.returning = which + " " + age;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  const Json& params_;
  std::size_t used_params_ = 0;
};

}  // namespace

Statement parse_statement(std::string_view text, const Json& parameters) {
  static const Json k_none = Json::array();
  return Parser(text, parameters.is_array() ? parameters : k_none).parse();
}

}  // namespace ddb::partiql
