// Request rules item operations share (ddb_request.hpp).
#include "ddb_request.hpp"

#include <cloudemu/protocol/aws_error.hpp>
#include <cmath>

#include "ddb_item.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

std::string brace_list(const std::vector<std::string_view>& names) {
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + std::string(names[i]);
  return out + "}";
}

}  // namespace

Expressions::Expressions(Json& input, std::initializer_list<std::string_view> expression_params,
                         std::initializer_list<std::string_view> legacy_params)
    : input_(input) {
  std::vector<std::string_view> expressions, legacy;
  for (const auto p : expression_params)
    if (input.contains(p) && !input[std::string(p)].is_null()) expressions.push_back(p);
  for (const auto p : legacy_params)
    if (input.contains(p) && !input[std::string(p)].is_null()) legacy.push_back(p);
  if (!expressions.empty() && !legacy.empty())
    throw ce::AwsError::validation(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: " +
        brace_list(legacy) + " Expression parameters: " + brace_list(expressions));
  const Json* names = optional_member(input, "ExpressionAttributeNames", Json::value_t::object);
  Json* values =
      input.contains("ExpressionAttributeValues") && !input["ExpressionAttributeValues"].is_null()
          ? &input["ExpressionAttributeValues"]
          : nullptr;
  if (expressions.empty()) {
    if (names != nullptr)
      throw ce::AwsError::validation(
          "ExpressionAttributeNames can only be specified when using expressions");
    if (values != nullptr)
      throw ce::AwsError::validation(
          "ExpressionAttributeValues can only be specified when using expressions");
  }
  // Empty maps and malformed placeholder keys are Substitutions' to refuse.
  if (values != nullptr) {
    if (!values->is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
    for (auto& [name, value] : values->items()) {
      try {
        validate_value(value);
      } catch (const ce::AwsError& e) {
        if (e.code != "ValidationException") throw;
        throw ce::AwsError::validation(
            "ExpressionAttributeValues contains invalid value: " + e.message + " for key " + name);
      }
    }
  }
  subs_ = std::make_unique<expr::Substitutions>(names, values);
}

std::optional<std::string> Expressions::text(std::string_view param) const {
  return optional_string(input_, param);
}

std::optional<expr::Condition> write_condition(const Json& input, Expressions& e) {
  if (const auto text = e.text("ConditionExpression"))
    return expr::parse_condition(*text, e.subs(), expr::ExprKind::condition);
  if (const Json* expected = optional_member(input, "Expected", Json::value_t::object)) {
    const auto op = input.find("ConditionalOperator");
    return expr::condition_from_expected(*expected, op == input.end() ? nullptr : &*op);
  }
  return std::nullopt;
}

std::string return_values(const Json& input, std::initializer_list<std::string_view> allowed) {
  const std::string mode = optional_string(input, "ReturnValues").value_or("NONE");
  for (const auto a : allowed)
    if (mode == a) return mode;
  static constexpr std::string_view k_all[] = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW",
                                               "UPDATED_NEW"};
  // A mode of the enum this operation does not offer (PutItem with ALL_NEW): DynamoDB's own
  // wording, which names neither the mode nor the allowed ones.
  for (const auto a : k_all)
    if (mode == a) throw ce::AwsError::validation("Return values set to invalid value");
  ConstraintErrors errors;
  const Json v(mode);
  errors.add(&v, "returnValues",
             "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
             "UPDATED_NEW]");
  errors.throw_if_any();
  return mode;
}

double write_units(std::size_t bytes) {
  return std::max(1.0, std::ceil(static_cast<double>(bytes) / 1024.0));
}

double read_units(std::size_t bytes, bool consistent) {
  const double units = std::max(1.0, std::ceil(static_cast<double>(bytes) / 4096.0));
  return consistent ? units : units / 2;
}

double write_units(const std::optional<Json>& old, const std::optional<Json>& item) {
  return write_units(std::max(old ? item_size(*old) : 0, item ? item_size(*item) : 0));
}

void add_consumed_capacity(Json& out, const Json& input,
                           const std::map<std::string, TableRecord>& tables,
                           const UnitsByTable& units) {
  Json capacity = Json::array();
  for (const auto& [name, t] : tables) {
    const auto u = units.find(name);
    if (auto c = consumed_capacity(input, t, u == units.end() ? 0.0 : u->second))
      capacity.push_back(*c);
  }
  if (!capacity.empty()) out["ConsumedCapacity"] = capacity;
}

std::optional<Json> consumed_capacity(const Json& input, const TableRecord& t, double units) {
  const std::string mode = optional_string(input, "ReturnConsumedCapacity").value_or("NONE");
  if (mode == "NONE") return std::nullopt;
  if (mode != "TOTAL" && mode != "INDEXES") {
    ConstraintErrors errors;
    const Json v(mode);
    errors.add(&v, "returnConsumedCapacity",
               "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
    errors.throw_if_any();
  }
  Json c = {{"TableName", t.name}, {"CapacityUnits", units}};
  if (mode == "INDEXES") c["Table"] = {{"CapacityUnits", units}};
  return c;
}

}  // namespace ddb
