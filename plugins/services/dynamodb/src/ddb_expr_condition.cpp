// Condition and filter expressions: parsing entry point and evaluation against an item.
#include <optional>

#include "ddb_expr_ast.hpp"
#include "ddb_expr_parser.hpp"
#include "ddb_number.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {
namespace detail {
namespace {

/// Number of Unicode code points in UTF-8 text (continuation bytes are not counted).
std::size_t utf8_code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// size(): characters of S, bytes of B, elements of sets and lists, entries of maps.
std::optional<Json> size_of(const Json& v) {
  const auto type = value_type(v);
  const Json& inner = v.begin().value();
  std::size_t n = 0;
  if (type == "S" && inner.is_string()) {
    n = utf8_code_points(inner.get_ref<const std::string&>());
  } else if (type == "B" && inner.is_string()) {
    const auto bytes = base64_decode(inner.get_ref<const std::string&>());
    n = bytes ? bytes->size() : 0;
  } else if ((type == "SS" || type == "NS" || type == "BS" || type == "L" || type == "M") &&
             (inner.is_array() || inner.is_object())) {
    n = inner.size();
  } else {
    return std::nullopt;
  }
  return Json{{"N", std::to_string(n)}};
}

/// The value of an operand in `item`, or nullopt when it has none (a missing attribute).
std::optional<Json> resolve(const Operand& op, const Json& item) {
  switch (op.kind) {
    case Operand::Kind::path: {
      const Json* v = find_path(item, op.path);
      if (!v) return std::nullopt;
      return *v;
    }
    case Operand::Kind::value:
      if (value_type(op.value).empty()) return std::nullopt;
      return op.value;
    case Operand::Kind::call:
      if (op.name == "size" && op.args.size() == 1) {
        const auto arg = resolve(op.args[0], item);
        if (!arg) return std::nullopt;
        return size_of(*arg);
      }
      return std::nullopt;
    case Operand::Kind::plus:
    case Operand::Kind::minus:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> text_of(const Json& v) {
  const Json& inner = v.begin().value();
  if (!inner.is_string()) return std::nullopt;
  if (value_type(v) == "B") return base64_decode(inner.get_ref<const std::string&>());
  return inner.get<std::string>();
}

bool begins_with(const Json& v, const Json& prefix) {
  const auto t = value_type(v);
  if ((t != "S" && t != "B") || t != value_type(prefix)) return false;
  const auto a = text_of(v);
  const auto b = text_of(prefix);
  return a && b && a->compare(0, b->size(), *b) == 0;
}

bool contains(const Json& v, const Json& needle) {
  const auto t = value_type(v);
  const auto nt = value_type(needle);
  const Json& inner = v.begin().value();
  if ((t == "S" || t == "B") && t == nt) {
    const auto a = text_of(v);
    const auto b = text_of(needle);
    return a && b && a->find(*b) != std::string::npos;
  }
  if ((t == "SS" && nt == "S") || (t == "NS" && nt == "N") || (t == "BS" && nt == "B")) {
    const std::string element_type(nt);
    for (const auto& e : inner) {
      if (values_equal(Json{{element_type, e}}, needle)) return true;
    }
    return false;
  }
  if (t == "L" && inner.is_array()) {
    for (const auto& e : inner) {
      if (values_equal(e, needle)) return true;
    }
  }
  return false;
}

bool evaluate_call(const CondNode& node, const Json& item) {
  const auto& args = node.operands;
  const std::string& fn = node.op;
  if (fn == "attribute_exists" && args.size() == 1) return resolve(args[0], item).has_value();
  if (fn == "attribute_not_exists" && args.size() == 1) return !resolve(args[0], item).has_value();
  if (args.size() != 2) return false;
  const auto a = resolve(args[0], item);
  const auto b = resolve(args[1], item);
  if (fn == "contains" && node.legacy_not_contains) return a && b && !contains(*a, *b);
  if (!a || !b) return false;
  if (fn == "attribute_type") {
    const Json& name = b->begin().value();
    return value_type(*b) == "S" && name.is_string() && value_type(*a) == name.get<std::string>();
  }
  if (fn == "begins_with") return begins_with(*a, *b);
  if (fn == "contains") return contains(*a, *b);
  return false;
}

bool compare(const std::string& op, const std::optional<Json>& a, const std::optional<Json>& b) {
  if (op == "=") return a && b && values_equal(*a, *b);
  if (op == "<>") return !(a && b && values_equal(*a, *b));
  if (!a || !b) return false;
  const auto c = compare_values(*a, *b);
  if (!c) return false;
  if (op == "<") return *c < 0;
  if (op == "<=") return *c <= 0;
  if (op == ">") return *c > 0;
  return *c >= 0;  // ">="
}

}  // namespace

bool evaluate_node(const CondNode& node, const Json& item) {
  switch (node.kind) {
    case CondNode::Kind::always:
      return true;
    case CondNode::Kind::and_:
      return evaluate_node(*node.left, item) && evaluate_node(*node.right, item);
    case CondNode::Kind::or_:
      return evaluate_node(*node.left, item) || evaluate_node(*node.right, item);
    case CondNode::Kind::not_:
      return !evaluate_node(*node.left, item);
    case CondNode::Kind::compare:
      return compare(node.op, resolve(node.operands[0], item), resolve(node.operands[1], item));
    case CondNode::Kind::between: {
      const auto v = resolve(node.operands[0], item);
      return compare(">=", v, resolve(node.operands[1], item)) &&
             compare("<=", v, resolve(node.operands[2], item));
    }
    case CondNode::Kind::in: {
      const auto v = resolve(node.operands[0], item);
      for (std::size_t i = 1; i < node.operands.size(); ++i) {
        if (compare("=", v, resolve(node.operands[i], item))) return true;
      }
      return false;
    }
    case CondNode::Kind::call:
      return evaluate_call(node, item);
  }
  return false;
}

namespace {
void collect_operand_paths(const Operand& op, std::vector<Path>& out) {
  if (op.kind == Operand::Kind::path) out.push_back(op.path);
  for (const auto& a : op.args) collect_operand_paths(a, out);
}
}  // namespace

void collect_paths(const CondNode& node, std::vector<Path>& out) {
  for (const auto& op : node.operands) collect_operand_paths(op, out);
  if (node.left) collect_paths(*node.left, out);
  if (node.right) collect_paths(*node.right, out);
}

}  // namespace detail

bool Condition::evaluate(const Json& item) const {
  return !root_ || detail::evaluate_node(*root_, item);
}

std::vector<Path> Condition::paths() const {
  std::vector<Path> out;
  if (root_) detail::collect_paths(*root_, out);
  return out;
}

Condition parse_condition(std::string_view text, Substitutions& subs, ExprKind kind) {
  detail::Parser parser(text, subs,
                        kind == ExprKind::condition ? "ConditionExpression" : "FilterExpression",
                        detail::Context::condition);
  auto root = parser.parse_condition();
  parser.finish();
  return Condition(std::move(root));
}

}  // namespace ddb::expr
