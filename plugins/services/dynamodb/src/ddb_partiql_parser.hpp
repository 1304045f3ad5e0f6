// DynamoDB's PartiQL statements (SELECT, INSERT, UPDATE, DELETE), parsed into the expression
// language's own forms: the WHERE clause is a condition tree and UPDATE's SET/REMOVE are update
// actions, so that ddb_expr's evaluator runs them. `?` parameters are bound while parsing.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddb_expr_ast.hpp"

namespace ddb::partiql {

using Json = nlohmann::json;

struct Statement {
  enum class Kind { select, insert, update, remove };  // remove: DELETE
  Kind kind = Kind::select;
  std::string table;
  std::optional<std::string> index;  // SELECT ... FROM "table"."index"
  /// SELECT's projection: the result name of each path ("b.c" answers as "c"); empty for *.
  std::vector<std::pair<std::string, expr::Path>> projection;
  std::shared_ptr<const expr::detail::CondNode> where;  // null without a WHERE clause
  Json item;                                            // INSERT's VALUE
  std::vector<std::shared_ptr<const expr::detail::UpdateAction>> actions;  // UPDATE
  /// RETURNING: "ALL OLD", "ALL NEW", "MODIFIED OLD" or "MODIFIED NEW"; "" without one.
  std::string returning;

  bool is_read() const { return kind == Kind::select; }
};

/// Parses one statement and binds `parameters` (an array of AttributeValues already validated)
/// to its `?` in order. Throws ValidationException with DynamoDB's messages: "Statement wasn't
/// well formed, can't be processed: ...", "Number of parameters in request and statement don't
/// match.", "Unsupported clause: LIMIT", ...
Statement parse_statement(std::string_view text, const Json& parameters);

}  // namespace ddb::partiql
