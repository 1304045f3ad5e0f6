// Constraint errors in DynamoDB's wording (ddb_validation.hpp).
#include "ddb_validation.hpp"

namespace ddb {

namespace {

std::string quoted(const Json* value) {
  if (value == nullptr || value->is_null()) return "null";
  if (value->is_string()) return "'" + value->get<std::string>() + "'";
  return "'" + value->dump() + "'";
}

bool valid_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

}  // namespace

void ConstraintErrors::add(const Json* value, std::string_view field, std::string_view constraint) {
  errors_.push_back("Value " + quoted(value) + " at '" + std::string(field) +
                    "' failed to satisfy constraint: " + std::string(constraint));
}

void ConstraintErrors::check_range(int64_t value, std::string_view field, int64_t lo, int64_t hi) {
  const Json v = value;
  if (value < lo)
    add(&v, field, "Member must have value greater than or equal to " + std::to_string(lo));
  else if (value > hi)
    add(&v, field, "Member must have value less than or equal to " + std::to_string(hi));
}

int64_t ranged_integer(const Json& input, std::string_view name, std::string_view field,
                       int64_t fallback, int64_t lo, int64_t hi) {
  const int64_t value = optional_integer(input, name).value_or(fallback);
  ConstraintErrors errors;
  errors.check_range(value, field, lo, hi);
  errors.throw_if_any();
  return value;
}

void ConstraintErrors::throw_if_any() const {
  if (errors_.empty()) return;
  std::string message =
      std::to_string(errors_.size()) +
      (errors_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (std::size_t i = 0; i < errors_.size(); ++i) {
    if (i > 0) message += "; ";
    message += errors_[i];
  }
  throw ce::AwsError::validation(message);
}

void check_table_name(ConstraintErrors& errors, const Json* name, std::string_view field) {
  if (name == nullptr || name->is_null()) {
    errors.add(nullptr, field, "Member must not be null");
    return;
  }
  const std::string& text = name->get_ref<const std::string&>();
  bool pattern_ok = true;
  for (const char c : text) pattern_ok = pattern_ok && valid_name_char(c);
  if (!pattern_ok)
    errors.add(name, field, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  if (text.size() < 3)
    errors.add(name, field, "Member must have length greater than or equal to 3");
  if (text.size() > 255)
    errors.add(name, field, "Member must have length less than or equal to 255");
}

namespace {

/// DynamoDB reads requests with a Java JSON reader: a value of the wrong JSON type is refused in
/// its words, naming the Java type wanted (see test "a request member of the wrong JSON type").
[[noreturn]] void refuse_type(const Json& value, std::string_view java_type) {
  std::string what;
  if (value.is_boolean()) {
    what = value.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
  } else if (value.is_number_float()) {
    what = "DECIMAL_VALUE";
  } else if (value.is_number()) {
    what = "NUMBER_VALUE";
  } else if (value.is_string()) {
    what = "STRING_VALUE";
  } else if (value.is_array()) {
    throw ce::AwsError::serialization("Unrecognized collection type class java.lang." +
                                      std::string(java_type));
  } else {
    throw ce::AwsError::serialization("Start of structure or map found where not expected");
  }
  throw ce::AwsError::serialization(what + " cannot be converted to " + std::string(java_type));
}

}  // namespace

const std::string& string_value(const Json& value) {
  if (!value.is_string()) refuse_type(value, "String");
  return value.get_ref<const std::string&>();
}

std::optional<int64_t> optional_integer(const Json& input, std::string_view name) {
  const auto it = input.find(name);
  if (it == input.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) refuse_type(*it, "Integer");
  constexpr double k_min = -2147483648.0, k_max = 2147483647.0;
  const double v = it->get<double>();
  const bool in_range = it->is_number_unsigned()  ? it->get<uint64_t>() <= 2147483647u
                        : it->is_number_integer() ? it->get<int64_t>() >= -2147483648LL &&
                                                        it->get<int64_t>() <= 2147483647LL
                                                  : v >= k_min && v <= k_max;
  if (!in_range)
    throw ce::AwsError::serialization("Numeric value (" + it->dump() +
                                      ") out of range of int (-2147483648 - 2147483647)");
  return it->is_number_integer() ? it->get<int64_t>() : static_cast<int64_t>(v);
}

std::optional<std::string> optional_string(const Json& input, std::string_view name) {
  const auto it = input.find(name);
  if (it == input.end() || it->is_null()) return std::nullopt;
  return string_value(*it);
}

std::string required_string(const Json& input, std::string_view name, std::string_view field) {
  auto v = optional_string(input, name);
  if (!v) {
    ConstraintErrors e;
    e.add(nullptr, field, "Member must not be null");
    e.throw_if_any();
  }
  return *v;
}

const Json* optional_member(const Json& input, std::string_view name, Json::value_t type) {
  const auto it = input.find(name);
  if (it == input.end() || it->is_null()) return nullptr;
  if (it->type() != type)
    throw ce::AwsError::serialization("Unexpected value type in payload for " + std::string(name));
  return &*it;
}

std::string table_name_param(const Json& input) {
  const auto name = optional_string(input, "TableName");
  ConstraintErrors errors;
  const Json value = name ? Json(*name) : Json();
  check_table_name(errors, name ? &value : nullptr, "tableName");
  errors.throw_if_any();
  return *name;
}

}  // namespace ddb
