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
  const auto it = input.find(name);
  const int64_t value = it == input.end() || it->is_null() ? fallback : it->get<int64_t>();
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

std::optional<std::string> optional_string(const Json& input, std::string_view name) {
  const auto it = input.find(name);
  if (it == input.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    throw ce::AwsError::serialization("Unexpected value type in payload for " + std::string(name));
  return it->get<std::string>();
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
