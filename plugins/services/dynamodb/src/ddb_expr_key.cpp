// KeyConditionExpression: a condition restricted to the key schema of the table or index queried.
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr_ast.hpp"
#include "ddb_expr_parser.hpp"
#include "ddb_validation.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {
namespace {

using detail::CondNode;
using detail::Operand;

void check_operators(const CondNode& node) {
  const std::string bad = "Invalid operator used in KeyConditionExpression: ";
  switch (node.kind) {
    case CondNode::Kind::or_:
      throw_validation(bad + "OR");
    case CondNode::Kind::not_:
      throw_validation(bad + "NOT");
    case CondNode::Kind::in:
      throw_validation(bad + "IN");
    case CondNode::Kind::and_:
      check_operators(*node.left);
      check_operators(*node.right);
      return;
    case CondNode::Kind::compare:
      if (node.op == "<>") throw_validation(bad + "<>");
      return;
    case CondNode::Kind::call:
      if (node.op == "size")
        throw_validation("KeyConditionExpressions cannot contain nested operations");
      if (node.op != "begins_with") throw_validation(bad + node.op);
      return;
    default:
      return;
  }
}

void flatten(const std::shared_ptr<const CondNode>& node,
             std::vector<std::shared_ptr<const CondNode>>& out) {
  if (node->kind == CondNode::Kind::and_) {
    flatten(node->left, out);
    flatten(node->right, out);
  } else {
    out.push_back(node);
  }
}

struct Simple {
  std::string attribute;
  KeyCondition::Op op = KeyCondition::Op::eq;
  Json value, value2;
};

KeyCondition::Op flipped(const std::string& op) {
  if (op == "<") return KeyCondition::Op::gt;
  if (op == "<=") return KeyCondition::Op::ge;
  if (op == ">") return KeyCondition::Op::lt;
  if (op == ">=") return KeyCondition::Op::le;
  return KeyCondition::Op::eq;
}

KeyCondition::Op direct(const std::string& op) {
  if (op == "<") return KeyCondition::Op::lt;
  if (op == "<=") return KeyCondition::Op::le;
  if (op == ">") return KeyCondition::Op::gt;
  if (op == ">=") return KeyCondition::Op::ge;
  return KeyCondition::Op::eq;
}

Simple simplify(const CondNode& node) {
  const auto& ops = node.operands;
  std::size_t paths = 0;
  for (const auto& o : ops) {
    if (o.kind == Operand::Kind::call) {
      throw_validation("KeyConditionExpressions cannot contain nested operations");
    }
  }
  for (const auto& o : ops) {
    if (o.kind == Operand::Kind::path && o.path.size() > 1) {
      throw_validation("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    paths += o.kind == Operand::Kind::path;
  }
  if (paths == 0)
    throw_validation("Invalid condition in KeyConditionExpression: No key attribute specified");
  if (paths > 1) {
    throw_validation(
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
        "condition");
  }
  Simple s;
  if (node.kind == CondNode::Kind::compare) {
    const bool path_first = ops[0].kind == Operand::Kind::path;
    s.attribute = (path_first ? ops[0] : ops[1]).path[0].name;
    s.op = path_first ? direct(node.op) : flipped(node.op);
    s.value = (path_first ? ops[1] : ops[0]).value;
    return s;
  }
  const std::string name = node.kind == CondNode::Kind::between ? "BETWEEN" : "begins_with";
  if (ops[0].kind != Operand::Kind::path) {
    throw_validation("Invalid condition in KeyConditionExpression: " + name +
                     " operator must have the key attribute as its first operand");
  }
  s.attribute = ops[0].path[0].name;
  s.op = node.kind == CondNode::Kind::between ? KeyCondition::Op::between
                                              : KeyCondition::Op::begins_with;
  s.value = ops[1].value;
  if (ops.size() > 2) s.value2 = ops[2].value;
  return s;
}

/// Matches simple key conditions to the key schema, with DynamoDB's messages.
KeyCondition match_key_schema(std::vector<Simple> conds, std::string_view hash_key,
                              std::optional<std::string_view> range_key) {
  for (std::size_t i = 0; i < conds.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (conds[i].attribute == conds[j].attribute) {
        throw_validation("KeyConditionExpressions must only contain one condition per key");
      }
    }
  }
  if (conds.empty() || conds.size() > 2)
    throw_validation("Conditions can be of length 1 or 2 only");
  if (conds.size() == 2 && !range_key) throw_validation("Query key condition not supported");
  const Simple* hash = nullptr;
  const Simple* other = nullptr;
  for (const auto& c : conds) (c.attribute == hash_key ? hash : other) = &c;
  if (!hash)
    throw_validation("Query condition missed key schema element: " + std::string(hash_key));
  if (hash->op != KeyCondition::Op::eq) throw_validation("Query key condition not supported");
  KeyCondition kc;
  kc.partition_name = hash->attribute;
  kc.partition_value = hash->value;
  if (other) {
    if (!range_key || other->attribute != *range_key) {
      throw_validation("Query condition missed key schema element: " +
                       std::string(range_key.value_or("")));
    }
    kc.sort_name = other->attribute;
    kc.op = other->op;
    kc.sort_value = other->value;
    kc.sort_value2 = other->value2;
  }
  return kc;
}

}  // namespace

KeyCondition parse_key_condition(std::string_view text, Substitutions& subs,
                                 std::string_view hash_key,
                                 std::optional<std::string_view> range_key) {
  detail::Parser p(text, subs, "KeyConditionExpression", detail::Context::condition);
  const auto root = p.parse_condition();
  p.finish();
  check_operators(*root);
  std::vector<std::shared_ptr<const CondNode>> nodes;
  flatten(root, nodes);
  std::vector<Simple> conds;
  for (const auto& n : nodes) conds.push_back(simplify(*n));
  return match_key_schema(std::move(conds), hash_key, range_key);
}

KeyCondition key_condition_from_key_conditions(const Json& key_conditions,
                                               std::string_view hash_key,
                                               std::optional<std::string_view> range_key) {
  if (!key_conditions.is_object() || key_conditions.empty() || key_conditions.size() > 2) {
    throw_validation("Conditions can be of length 1 or 2 only");
  }
  std::vector<detail::LegacyTerm> terms;
  for (auto it = key_conditions.begin(); it != key_conditions.end(); ++it) {
    terms.push_back(detail::legacy_term(it.key(), it.value()));
  }
  std::vector<Simple> conds;
  for (const auto& t : terms) {
    Simple s;
    s.attribute = t.attribute;
    if (t.op == "EQ")
      s.op = KeyCondition::Op::eq;
    else if (t.op == "LT")
      s.op = KeyCondition::Op::lt;
    else if (t.op == "LE")
      s.op = KeyCondition::Op::le;
    else if (t.op == "GT")
      s.op = KeyCondition::Op::gt;
    else if (t.op == "GE")
      s.op = KeyCondition::Op::ge;
    else if (t.op == "BETWEEN")
      s.op = KeyCondition::Op::between;
    else if (t.op == "BEGINS_WITH")
      s.op = KeyCondition::Op::begins_with;
    else
      throw_validation("Attempted conditional constraint is not an indexable operation");
    if (!t.values.empty()) s.value = t.values[0];
    if (t.values.size() > 1) s.value2 = t.values[1];
    conds.push_back(std::move(s));
  }
  return match_key_schema(std::move(conds), hash_key, range_key);
}

bool KeyCondition::sort_matches(const Json& v) const {
  if (!sort_name) return true;
  if (op == Op::begins_with) {
    const auto t = value_type(v);
    if (t != value_type(sort_value) || (t != "S" && t != "B")) return false;
    const std::string& a = v.begin().value().get_ref<const std::string&>();
    const std::string& b = sort_value.begin().value().get_ref<const std::string&>();
    if (t == "B") {
      const auto da = base64_decode(a);
      const auto db = base64_decode(b);
      return da && db && da->compare(0, db->size(), *db) == 0;
    }
    return a.compare(0, b.size(), b) == 0;
  }
  const auto c = compare_values(v, sort_value);
  if (!c) return false;
  switch (op) {
    case Op::eq:
      return *c == 0;
    case Op::lt:
      return *c < 0;
    case Op::le:
      return *c <= 0;
    case Op::gt:
      return *c > 0;
    case Op::ge:
      return *c >= 0;
    case Op::between: {
      const auto hi = compare_values(v, sort_value2);
      return *c >= 0 && hi && *hi <= 0;
    }
    case Op::begins_with:
      return false;
  }
  return false;
}

}  // namespace ddb::expr
