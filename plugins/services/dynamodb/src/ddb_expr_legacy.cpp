// The legacy conditional parameters (Expected, QueryFilter, ScanFilter), AttributeUpdates and
// AttributesToGet's validation, converted to the expression forms.
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr_ast.hpp"
#include "ddb_validation.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {
namespace {

using detail::CondNode;
using detail::LegacyTerm;
using detail::Operand;

/// How many values each ComparisonOperator takes: exactly `min` when `max` equals it.
bool valid_count(const std::string& op, std::size_t n) {
  if (op == "NULL" || op == "NOT_NULL") return n == 0;
  if (op == "IN") return n > 0;
  if (op == "BETWEEN") return n == 2;
  return n == 1;
}

bool valid_type(const std::string& op, std::string_view t) {
  const bool scalar = t == "S" || t == "N" || t == "B";
  if (op == "LT" || op == "LE" || op == "GT" || op == "GE" || op == "IN" || op == "BETWEEN") {
    return scalar;
  }
  if (op == "CONTAINS" || op == "NOT_CONTAINS") return scalar || t == "BOOL" || t == "NULL";
  if (op == "BEGINS_WITH") return t == "S" || t == "B";
  return true;
}

Operand path_operand(const std::string& attribute) {
  Operand op;
  op.kind = Operand::Kind::path;
  op.path = Path{PathStep{attribute, std::nullopt}};
  return op;
}

Operand value_operand(const Json& v) {
  Operand op;
  op.kind = Operand::Kind::value;
  op.value = v;
  return op;
}

std::shared_ptr<CondNode> node_for(const LegacyTerm& t) {
  auto node = std::make_shared<CondNode>();
  node->operands.push_back(path_operand(t.attribute));
  for (const auto& v : t.values) node->operands.push_back(value_operand(v));
  static const std::pair<const char*, const char*> k_comparators[] = {
      {"EQ", "="}, {"NE", "<>"}, {"LT", "<"}, {"LE", "<="}, {"GT", ">"}, {"GE", ">="}};
  for (const auto& [name, symbol] : k_comparators) {
    if (t.op == name) {
      node->kind = CondNode::Kind::compare;
      node->op = symbol;
      return node;
    }
  }
  if (t.op == "IN") {
    node->kind = CondNode::Kind::in;
  } else if (t.op == "BETWEEN") {
    node->kind = CondNode::Kind::between;
  } else {
    node->kind = CondNode::Kind::call;
    node->op = t.op == "NULL"          ? "attribute_not_exists"
               : t.op == "NOT_NULL"    ? "attribute_exists"
               : t.op == "BEGINS_WITH" ? "begins_with"
                                       : "contains";
    node->legacy_not_contains = t.op == "NOT_CONTAINS";
  }
  return node;
}

Condition combine(std::vector<std::shared_ptr<CondNode>> nodes, const Json* conditional_operator) {
  const bool use_or = conditional_operator && conditional_operator->is_string() &&
                      conditional_operator->get<std::string>() == "OR";
  if (conditional_operator && nodes.size() < 2) {
    throw ce::AwsError::validation(
        "ConditionalOperator can only be used when Filter or Expected has two or more elements");
  }
  if (nodes.empty()) return Condition();
  std::shared_ptr<CondNode> root = nodes[0];
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    auto node = std::make_shared<CondNode>();
    node->kind = use_or ? CondNode::Kind::or_ : CondNode::Kind::and_;
    node->left = std::move(root);
    node->right = nodes[i];
    root = std::move(node);
  }
  return Condition(std::move(root));
}

}  // namespace

LegacyTerm detail::legacy_term(const std::string& attribute, const Json& entry) {
  LegacyTerm t;
  t.attribute = attribute;
  const auto op = entry.find("ComparisonOperator");
  t.op = op != entry.end() && op->is_string() ? op->get<std::string>() : "";
  static constexpr std::string_view k_ops[] = {
      "EQ",   "NE",       "LE",           "LT",          "GE", "GT",     "NOT_NULL",
      "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"};
  bool known = false;
  for (const auto k : k_ops) known = known || t.op == k;
  if (!known) {
    throw ce::AwsError::validation(
        "1 validation error detected: Value '" + t.op +
        "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value "
        "set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, "
        "CONTAINS]");
  }
  if (const auto list = entry.find("AttributeValueList"); list != entry.end() && list->is_array()) {
    for (const auto& v : *list) t.values.push_back(v);
  } else if (const auto value = entry.find("Value"); value != entry.end()) {
    t.values.push_back(*value);
  }
  if (!valid_count(t.op, t.values.size())) {
    throw_invalid_parameter("Invalid number of argument(s) for the " + t.op +
                            " ComparisonOperator");
  }
  for (const auto& v : t.values) {
    const auto type = value_type(v);
    if (!valid_type(t.op, type)) {
      throw_invalid_parameter("ComparisonOperator " + t.op + " is not valid for " +
                              std::string(type) + " AttributeValue type");
    }
  }
  if ((t.op == "IN" || t.op == "BETWEEN") && !t.values.empty()) {
    for (const auto& v : t.values) {
      if (value_type(v) != value_type(t.values[0])) {
        throw_invalid_parameter("AttributeValues inside AttributeValueList must be of same type");
      }
    }
  }
  if (t.op == "BETWEEN") {
    const auto c = compare_values(t.values[0], t.values[1]);
    if (c && *c > 0) {
      throw ce::AwsError::validation(
          "The BETWEEN condition was provided a range where the lower bound is greater than the "
          "upper bound");
    }
  }
  return t;
}

Condition condition_from_expected(const Json& expected, const Json* conditional_operator) {
  std::vector<std::shared_ptr<CondNode>> nodes;
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const std::string& key = it.key();
    const Json& c = it.value();
    const bool has_list = c.contains("AttributeValueList");
    const bool has_value = c.contains("Value");
    const bool has_exists = c.contains("Exists");
    if (has_list && has_value) {
      throw_invalid_parameter(
          "Value and AttributeValueList cannot be used together for Attribute: " + key);
    }
    if (c.contains("ComparisonOperator")) {
      if (has_exists) {
        throw_invalid_parameter(
            "Exists and ComparisonOperator cannot be used together for Attribute: " + key);
      }
      const std::string op = c["ComparisonOperator"].is_string()
                                 ? c["ComparisonOperator"].get<std::string>()
                                 : std::string();
      if (op != "NULL" && op != "NOT_NULL" && !has_list && !has_value) {
        throw_invalid_parameter(
            "Value or AttributeValueList must be used with ComparisonOperator: " + op +
            " for Attribute: " + key);
      }
      nodes.push_back(node_for(detail::legacy_term(key, c)));
      continue;
    }
    if (has_list) {
      throw_invalid_parameter(
          "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + key);
    }
    const bool exists = !has_exists || c["Exists"] == true;
    if (exists && !has_value) {
      throw_invalid_parameter("Value must be provided when Exists is " +
                              std::string(!has_exists ? "null" : "true") +
                              " for Attribute: " + key);
    }
    if (!exists && has_value) {
      throw_invalid_parameter("Value cannot be used when Exists is false for Attribute: " + key);
    }
    LegacyTerm t{key, exists ? "EQ" : "NULL", {}};
    if (exists) t.values.push_back(c["Value"]);
    nodes.push_back(node_for(t));
  }
  return combine(std::move(nodes), conditional_operator);
}

Condition condition_from_filter(const Json& filter, const Json* conditional_operator) {
  std::vector<std::shared_ptr<CondNode>> nodes;
  for (auto it = filter.begin(); it != filter.end(); ++it) {
    nodes.push_back(node_for(detail::legacy_term(it.key(), it.value())));
  }
  return combine(std::move(nodes), conditional_operator);
}

Update update_from_attribute_updates(const Json& attribute_updates) {
  std::vector<std::shared_ptr<const detail::UpdateAction>> actions;
  for (auto it = attribute_updates.begin(); it != attribute_updates.end(); ++it) {
    const Json& u = it.value();
    const std::string action =
        u.contains("Action") && u["Action"].is_string() ? u["Action"].get<std::string>() : "PUT";
    const bool has_value = u.contains("Value");
    const std::string type = has_value ? std::string(value_type(u["Value"])) : "";
    auto a = std::make_shared<detail::UpdateAction>();
    a->legacy = true;
    a->path = Path{PathStep{it.key(), std::nullopt}};
    if (has_value) a->value = value_operand(u["Value"]);
    if (!has_value && action != "DELETE") {
      throw_invalid_parameter("Only DELETE action is allowed when no attribute value is specified");
    }
    if (action == "PUT") {
      a->kind = detail::UpdateAction::Kind::set;
    } else if (action == "ADD") {
      if (type != "N" && type != "SS" && type != "NS" && type != "BS" && type != "L") {
        throw_invalid_parameter("ADD action is not supported for the type " + type);
      }
      a->kind = detail::UpdateAction::Kind::add;
    } else {
      if (has_value && type != "SS" && type != "NS" && type != "BS") {
        throw_invalid_parameter("DELETE action with value is not supported for the type " + type);
      }
      a->kind = detail::UpdateAction::Kind::del;
    }
    actions.push_back(std::move(a));
  }
  return Update(std::move(actions));
}

}  // namespace ddb::expr
