// What item operations share in their requests: the expression / legacy-parameter rules,
// ReturnValues, ReturnConsumedCapacity and ReturnItemCollectionMetrics.
#pragma once
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ddb_expr.hpp"
#include "ddb_table.hpp"

namespace ddb {

using Json = nlohmann::json;

/// ExpressionAttributeNames/Values of a request (validated), and the rule that expression and
/// legacy parameters do not mix ("Can not use both expression and non-expression parameters in
/// the same request: Non-expression parameters: {Expected} Expression parameters:
/// {ConditionExpression}").
class Expressions {
 public:
  Expressions(Json& input, std::initializer_list<std::string_view> expression_params,
              std::initializer_list<std::string_view> legacy_params);
  expr::Substitutions& subs() { return *subs_; }
  /// The text of an expression parameter, nullopt when absent.
  std::optional<std::string> text(std::string_view param) const;
  /// After all expressions were parsed.
  void check_all_used() const { subs_->check_all_used(); }

 private:
  const Json& input_;
  std::unique_ptr<expr::Substitutions> subs_;
};

/// The write condition: ConditionExpression or Expected (+ ConditionalOperator), if any.
std::optional<expr::Condition> write_condition(const Json& input, Expressions& e);

/// ReturnValues, checked against the modes the operation allows.
std::string return_values(const Json& input, std::initializer_list<std::string_view> allowed);

/// ConsumedCapacity for ReturnConsumedCapacity TOTAL or INDEXES (nullopt for NONE).
std::optional<Json> consumed_capacity(const Json& input, const TableRecord& t, double units);

/// Write capacity units of writing `bytes` (1 per KB, at least 1); read units of reading them
/// (1 per 4 KB, half when eventually consistent).
double write_units(std::size_t bytes);
double read_units(std::size_t bytes, bool consistent);
/// Write units of replacing `old` by `item` (either may be absent): the larger one counts.
double write_units(const std::optional<Json>& old, const std::optional<Json>& item);

/// Units per table name, and the tables, of an operation that spans tables (batches,
/// transactions).
using UnitsByTable = std::map<std::string, double>;
/// Adds ConsumedCapacity (one entry per table) to `out` when the request asked for it.
void add_consumed_capacity(Json& out, const Json& input,
                           const std::map<std::string, TableRecord>& tables,
                           const UnitsByTable& units);

}  // namespace ddb
