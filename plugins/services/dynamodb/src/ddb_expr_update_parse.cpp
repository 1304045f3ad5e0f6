// UpdateExpression parsing: SET / REMOVE / ADD / DELETE clauses and their validation.
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr_ast.hpp"
#include "ddb_expr_parser.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {
namespace {

using detail::Operand;
using detail::Parser;
using detail::Problem;
using detail::Token;
using detail::UpdateAction;

/// How DynamoDB names a type in ADD / DELETE operand errors.
std::string long_type_name(std::string_view t) {
  if (t == "S") return "STRING";
  if (t == "N") return "NUMBER";
  if (t == "B") return "BINARY";
  if (t == "BOOL") return "BOOLEAN";
  if (t == "M") return "MAP";
  if (t == "L") return "LIST";
  return std::string(t);
}

bool is_clause_word(const Token& t) {
  if (t.kind != Token::Kind::identifier) return false;
  for (const auto* w : {"SET", "REMOVE", "ADD", "DELETE"}) {
    if (detail::equals_upper(t.text, w)) return true;
  }
  return false;
}

Path parse_target(Parser& p) {
  const auto kind = p.peek().kind;
  if (kind != Token::Kind::identifier && kind != Token::Kind::name_ref) p.syntax_error();
  return p.parse_path();
}

Operand parse_set_operand(Parser& p) {
  const Token& t = p.peek();
  if (t.kind == Token::Kind::identifier && !p.is_keyword(t) && p.peek(1).text == "(" &&
      p.peek(1).kind == Token::Kind::punct) {
    Operand call;
    call.kind = Operand::Kind::call;
    call.name = t.text;
    p.advance();
    p.advance();
    call.args.push_back(parse_set_operand(p));
    while (p.at_punct(",")) {
      p.advance();
      call.args.push_back(parse_set_operand(p));
    }
    p.expect_punct(")");
    p.check_call(call);
    return call;
  }
  if (t.kind == Token::Kind::value_ref) return p.parse_value_ref();
  Operand path;
  path.kind = Operand::Kind::path;
  path.path = parse_target(p);
  return path;
}

Operand parse_set_value(Parser& p) {
  Operand lhs = parse_set_operand(p);
  if (!p.at_punct("+") && !p.at_punct("-")) return lhs;
  Operand op;
  op.kind = p.peek().text == "+" ? Operand::Kind::plus : Operand::Kind::minus;
  const std::string symbol = p.advance().text;
  op.args.push_back(std::move(lhs));
  op.args.push_back(parse_set_operand(p));
  for (const auto& side : op.args) {
    const std::string t = detail::static_type(side);
    if (!t.empty() && t != "N") {
      p.note(Problem::operand_type,
             "Incorrect operand type for operator or function; operator or function: " + symbol +
                 ", operand type: " + t);
      break;
    }
  }
  return op;
}

void check_add_delete_operand(Parser& p, const char* clause, const Operand& v) {
  const auto t = value_type(v.value);
  if (t.empty()) return;  // undefined placeholder, already noted
  const bool is_set = t == "SS" || t == "NS" || t == "BS";
  const bool ok = is_set || (t == "N" && std::string_view(clause) == "ADD");
  if (!ok) {
    p.note(Problem::operand_type,
           std::string("Incorrect operand type for operator or function; operator: ") + clause +
               ", operand type: " + long_type_name(t));
  }
}

}  // namespace

Update parse_update(std::string_view text, Substitutions& subs) {
  Parser p(text, subs, "UpdateExpression", detail::Context::update);
  for (const auto* w : {"SET", "REMOVE", "ADD", "DELETE"}) p.add_keyword(w);
  std::vector<std::shared_ptr<const UpdateAction>> actions;
  std::vector<Path> targets;
  bool seen[4] = {false, false, false, false};
  while (p.peek().kind != Token::Kind::end) {
    if (!is_clause_word(p.peek())) p.syntax_error();
    std::string clause = p.peek().text;
    for (char& c : clause) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    const int which = clause == "SET" ? 0 : clause == "REMOVE" ? 1 : clause == "ADD" ? 2 : 3;
    if (seen[which]) {
      p.fail("The \"" + clause + "\" section can only be used once in an update expression;");
    }
    seen[which] = true;
    p.advance();
    for (;;) {
      auto action = std::make_shared<UpdateAction>();
      action->path = parse_target(p);
      switch (which) {
        case 0:
          action->kind = UpdateAction::Kind::set;
          p.expect_punct("=");
          action->value = parse_set_value(p);
          break;
        case 1:
          action->kind = UpdateAction::Kind::remove;
          break;
        default:
          action->kind = which == 2 ? UpdateAction::Kind::add : UpdateAction::Kind::del;
          action->value = p.parse_value_ref();
          check_add_delete_operand(p, which == 2 ? "ADD" : "DELETE", action->value);
          break;
      }
      targets.push_back(action->path);
      actions.push_back(std::move(action));
      if (!p.at_punct(",")) break;
      p.advance();
    }
  }
  p.finish();
  if (const auto clash = detail::path_clash(targets); !clash.empty()) p.fail(clash);
  return Update(std::move(actions));
}

std::vector<Path> Update::targets() const {
  std::vector<Path> out;
  for (const auto& a : actions_) out.push_back(a->path);
  return out;
}

}  // namespace ddb::expr
