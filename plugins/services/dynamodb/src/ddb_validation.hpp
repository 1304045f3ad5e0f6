// DynamoDB's request validation wording: "1 validation error detected: Value 'x' at 'tableName'
// failed to satisfy constraint: Member must ..." (several joined by "; " under "N validation
// errors detected"), and typed access to request fields.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ddb {

using Json = nlohmann::json;

/// DynamoDB's wording for a bad parameter value: "One or more parameter values were invalid: ...".
inline ce::AwsError invalid_parameter(const std::string& what) {
  return ce::AwsError::validation("One or more parameter values were invalid: " + what);
}
[[noreturn]] inline void throw_invalid_parameter(const std::string& what) {
  throw invalid_parameter(what);
}

/// A ValidationException with DynamoDB's message as given.
[[noreturn]] inline void throw_validation(const std::string& message) {
  throw ce::AwsError::validation(message);
}

class ConstraintErrors {
 public:
  /// `value` is the offending value as DynamoDB quotes it (null when absent).
  void add(const Json* value, std::string_view field, std::string_view constraint);
  /// The "Member must have value greater/less than or equal to" error when value is outside.
  void check_range(int64_t value, std::string_view field, int64_t lo, int64_t hi);
  /// Throws the ValidationException when anything was added.
  void throw_if_any() const;

 private:
  std::vector<std::string> errors_;
};

/// Table and index names: 3 to 255 of [a-zA-Z0-9_.-].
void check_table_name(ConstraintErrors& errors, const Json* name, std::string_view field);

/// `value` as a string, or the SerializationException DynamoDB's JSON reader gives for another
/// type ("NUMBER_VALUE cannot be converted to String").
const std::string& string_value(const Json& value);

/// An Integer member (Limit, Segment, ...): nullopt when absent; a fraction is cut off and a value
/// beyond 32 bits or of another JSON type is the SerializationException DynamoDB's reader gives.
std::optional<int64_t> optional_integer(const Json& input, std::string_view name);

/// A string member of the request, nullopt when absent; SerializationException when not a string.
std::optional<std::string> optional_string(const Json& input, std::string_view name);
/// A string member that must be there: the constraint error "Member must not be null" otherwise.
std::string required_string(const Json& input, std::string_view name, std::string_view field);
/// An object or array member (nullptr when absent); SerializationException for another type.
const Json* optional_member(const Json& input, std::string_view name, Json::value_t type);

/// An integer member within [lo, hi] (`fallback` when absent), or the constraint error.
int64_t ranged_integer(const Json& input, std::string_view name, std::string_view field,
                       int64_t fallback, int64_t lo, int64_t hi);

/// The table name of an item or control operation: checked, ResourceNotFound is the caller's.
std::string table_name_param(const Json& input);

}  // namespace ddb
