// ProjectionExpression and AttributesToGet: which paths, and cutting an item down to them.
#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr_ast.hpp"
#include "ddb_expr_parser.hpp"
#include "ddb_validation.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {
namespace {

using detail::ProjectionNode;

std::shared_ptr<ProjectionNode> child(std::shared_ptr<ProjectionNode>& node, const PathStep& s) {
  if (s.index) {
    for (auto& [i, c] : node->indexes) {
      if (i == *s.index) return c;
    }
    node->indexes.emplace_back(*s.index, std::make_shared<ProjectionNode>());
    return node->indexes.back().second;
  }
  for (auto& [n, c] : node->names) {
    if (n == s.name) return c;
  }
  node->names.emplace_back(s.name, std::make_shared<ProjectionNode>());
  return node->names.back().second;
}

/// The part of `value` the trie below `node` asks for, or nullopt when none of it exists.
std::optional<Json> project(const Json& value, const ProjectionNode& node) {
  if (node.terminal) return value;
  const auto type = value_type(value);
  const Json& inner = value.begin().value();
  if (type == "M" && !node.names.empty() && inner.is_object()) {
    Json out = Json::object();
    for (const auto& [name, c] : node.names) {
      const auto it = inner.find(name);
      if (it == inner.end()) continue;
      if (auto p = project(*it, *c)) out[name] = std::move(*p);
    }
    if (out.empty()) return std::nullopt;
    return Json{{"M", std::move(out)}};
  }
  if (type == "L" && !node.indexes.empty() && inner.is_array()) {
    // DynamoDB returns the selected elements compacted, in their original order.
    std::vector<std::pair<std::size_t, const ProjectionNode*>> wanted;
    for (const auto& [i, c] : node.indexes) wanted.emplace_back(i, c.get());
    std::sort(wanted.begin(), wanted.end());
    Json out = Json::array();
    for (const auto& [i, c] : wanted) {
      if (i >= inner.size()) continue;
      if (auto p = project(inner[i], *c)) out.push_back(std::move(*p));
    }
    if (out.empty()) return std::nullopt;
    return Json{{"L", std::move(out)}};
  }
  return std::nullopt;
}

}  // namespace

Projection::Projection(std::vector<Path> paths) : paths_(std::move(paths)) {
  auto root = std::make_shared<ProjectionNode>();
  for (const auto& path : paths_) {
    auto node = root;
    for (const auto& step : path) node = child(node, step);
    node->terminal = true;
  }
  root_ = std::move(root);
}

Json Projection::apply(const Json& item) const {
  Json out = Json::object();
  if (!root_ || !item.is_object()) return out;
  for (const auto& [name, c] : root_->names) {
    const auto it = item.find(name);
    if (it == item.end()) continue;
    if (auto p = project(*it, *c)) out[name] = std::move(*p);
  }
  return out;
}

Projection parse_projection(std::string_view text, Substitutions& subs) {
  detail::Parser parser(text, subs, "ProjectionExpression", detail::Context::projection);
  std::vector<Path> paths;
  for (;;) {
    const auto kind = parser.peek().kind;
    if (kind != detail::Token::Kind::identifier && kind != detail::Token::Kind::name_ref) {
      parser.syntax_error();
    }
    paths.push_back(parser.parse_path());
    if (!parser.at_punct(",")) break;
    parser.advance();
  }
  parser.finish();
  if (const auto clash = detail::path_clash(paths); !clash.empty()) parser.fail(clash);
  return Projection(std::move(paths));
}

Projection projection_from_attributes_to_get(const Json& attributes_to_get) {
  std::vector<Path> paths;
  std::set<std::string> seen;
  for (const auto& a : attributes_to_get) {
    const std::string& name = string_value(a);
    if (!seen.insert(name).second) {
      throw ce::AwsError::validation(
          "One or more parameter values were invalid: Duplicate value in attribute name: " + name);
    }
    paths.push_back(Path{PathStep{name, std::nullopt}});
  }
  return Projection(std::move(paths));
}

}  // namespace ddb::expr
