// DynamoDB's expression language: ConditionExpression, FilterExpression, ProjectionExpression,
// UpdateExpression and KeyConditionExpression, plus the legacy parameters (Expected, QueryFilter,
// ScanFilter, KeyConditions, AttributeUpdates, AttributesToGet) converted to the same forms.
// Parsing validates as DynamoDB does and throws ce::AwsError ValidationException with its
// messages; evaluation works on items in wire form ({"attr": {"N": "1"}, ...}).
#pragma once
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ddb::expr {

using Json = nlohmann::json;

namespace detail {
struct CondNode;
struct UpdateAction;
struct ProjectionNode;
}  // namespace detail

/// ExpressionAttributeNames / ExpressionAttributeValues of ONE request, shared by all its
/// expressions; records which placeholders were used.
class Substitutions {
 public:
  /// Either may be nullptr (absent). Checks what DynamoDB checks of the maps themselves: not empty
  /// ("ExpressionAttributeNames must not be empty") and keys spelled "#name" / ":value"
  /// ("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"").
  Substitutions(const Json* names, const Json* values);

  /// After every expression of the request was parsed: ValidationException for placeholders no
  /// expression used ("Value provided in ExpressionAttributeValues unused in expressions: keys:
  /// {:a, :b}", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}").
  void check_all_used() const;

  /// The attribute name behind "#n" (marked used), or nullptr when it is not defined.
  const std::string* name(const std::string& placeholder);
  /// The AttributeValue behind ":v" (marked used), or nullptr when it is not defined.
  const Json* value(const std::string& placeholder);

 private:
  const Json* names_;
  const Json* values_;
  std::set<std::string> used_names_;
  std::set<std::string> used_values_;
};

struct PathStep {
  std::string name;                  // .name (when index is empty)
  std::optional<std::size_t> index;  // [index]
  bool operator==(const PathStep& o) const { return name == o.name && index == o.index; }
};
using Path = std::vector<PathStep>;  // the first step is always a name

/// "[a, b, [2]]": how DynamoDB prints a document path in its messages.
std::string format_path(const Path& path);

/// The AttributeValue at `path` in `item`, or nullptr when any step is missing.
const Json* find_path(const Json& item, const Path& path);

enum class ExprKind {
  condition,
  filter
};  // "Invalid ConditionExpression: " / "Invalid FilterExpression: "

class Condition {
 public:
  /// Always true (no condition).
  Condition() = default;
  explicit Condition(std::shared_ptr<const detail::CondNode> root) : root_(std::move(root)) {}

  /// `item` is {} when the item is absent.
  bool evaluate(const Json& item) const;
  /// Every document path the condition reads (the service checks key attributes in filters).
  std::vector<Path> paths() const;

 private:
  std::shared_ptr<const detail::CondNode> root_;
};

Condition parse_condition(std::string_view text, Substitutions& subs, ExprKind kind);

class Projection {
 public:
  Projection() = default;
  explicit Projection(std::vector<Path> paths);

  /// The item cut down to the projected paths; nested maps and lists are rebuilt holding only
  /// what was asked for, list elements kept in their original order.
  Json apply(const Json& item) const;
  const std::vector<Path>& paths() const { return paths_; }

 private:
  std::vector<Path> paths_;
  std::shared_ptr<const detail::ProjectionNode> root_;
};

Projection parse_projection(std::string_view text, Substitutions& subs);

class Update {
 public:
  Update() = default;
  explicit Update(std::vector<std::shared_ptr<const detail::UpdateAction>> actions)
      : actions_(std::move(actions)) {}

  /// Applies to `item` (an object, {} for a new item); throws ValidationException as DynamoDB does
  /// at run time, leaving `item` unchanged in that case.
  void apply(Json& item) const;
  /// Every path the update writes or removes.
  std::vector<Path> targets() const;

 private:
  std::vector<std::shared_ptr<const detail::UpdateAction>> actions_;
};

Update parse_update(std::string_view text, Substitutions& subs);

struct KeyCondition {
  enum class Op { eq, lt, le, gt, ge, between, begins_with };
  std::string partition_name;
  Json partition_value;
  std::optional<std::string> sort_name;
  Op op = Op::eq;
  Json sort_value, sort_value2;

  /// Whether a sort key value satisfies the sort condition (true when there is none).
  bool sort_matches(const Json& sort_key_value) const;
};

/// Checked against the key schema of the table or index queried.
KeyCondition parse_key_condition(std::string_view text, Substitutions& subs,
                                 std::string_view hash_key,
                                 std::optional<std::string_view> range_key);

// The legacy parameters, converted to the same forms (DynamoDB's validation messages too).
Condition condition_from_expected(const Json& expected, const Json* conditional_operator);
Condition condition_from_filter(const Json& filter, const Json* conditional_operator);
KeyCondition key_condition_from_key_conditions(const Json& key_conditions,
                                               std::string_view hash_key,
                                               std::optional<std::string_view> range_key);
Update update_from_attribute_updates(const Json& attribute_updates);
Projection projection_from_attributes_to_get(const Json& attributes_to_get);

}  // namespace ddb::expr
