// The parsed forms of expressions, shared by the parsers, the legacy converters and evaluation.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "ddb_expr.hpp"

namespace ddb::expr::detail {

/// An operand: a document path, a supplied value, a function call, or (update SET only) a sum or
/// difference of two operands.
struct Operand {
  enum class Kind { path, value, call, plus, minus };
  Kind kind = Kind::path;
  Path path;                  // path
  Json value;                 // value (resolved AttributeValue; null when undefined)
  std::string name;           // call: function name; value: placeholder
  std::vector<Operand> args;  // call arguments; plus/minus: the two sides
};

/// A condition node. Comparators use op "=", "<>", "<", "<=", ">", ">="; functions are calls
/// named like DynamoDB's (attribute_exists, begins_with, ...).
struct CondNode {
  enum class Kind { compare, between, in, call, and_, or_, not_, always };
  Kind kind = Kind::always;
  std::string op;                 // compare: the comparator; call: the function name
  std::vector<Operand> operands;  // compare: 2; between: 3; in: 1 + list; call: arguments
  std::shared_ptr<const CondNode> left, right;  // and/or: both; not: left
  bool legacy_not_contains = false;             // NOT_CONTAINS: false on a missing attribute
};

bool evaluate_node(const CondNode& node, const Json& item);
void collect_paths(const CondNode& node, std::vector<Path>& out);

/// One action of an update.
struct UpdateAction {
  enum class Kind { set, remove, add, del };
  Kind kind = Kind::set;
  Path path;
  Operand value;        // set: the value expression; add/del: a value operand
  bool legacy = false;  // AttributeUpdates: its messages and list ADD
};

/// A node of the projection trie: terminal (take the whole value) or children by name / index.
struct ProjectionNode {
  bool terminal = false;
  std::vector<std::pair<std::string, std::shared_ptr<ProjectionNode>>> names;
  std::vector<std::pair<std::size_t, std::shared_ptr<ProjectionNode>>> indexes;
};

/// One legacy condition (Expected / QueryFilter / ScanFilter / KeyConditions entry), validated:
/// the ComparisonOperator and its AttributeValueList (or Value).
struct LegacyTerm {
  std::string attribute;
  std::string op;  // EQ, NE, LE, LT, GE, GT, NULL, NOT_NULL, CONTAINS, NOT_CONTAINS, BEGINS_WITH,
                   // IN, BETWEEN
  std::vector<Json> values;
};
/// Validates an entry that has a ComparisonOperator; throws DynamoDB's messages.
LegacyTerm legacy_term(const std::string& attribute, const Json& entry);

/// DynamoDB's reserved words (developer guide, "Reserved words in DynamoDB"), any case.
bool is_reserved_word(std::string_view word);

/// "{N:1}" as DynamoDB prints a value in BETWEEN messages.
std::string format_value(const Json& v);

/// The first overlap, else the first conflict, among paths in order: the message tail after the
/// prefix ("Two document paths overlap with each other; ..."), or "" when none.
std::string path_clash(const std::vector<Path>& paths);

}  // namespace ddb::expr::detail
