// Message attributes (sns_message_attributes.hpp).
#include "sns_message_attributes.hpp"

#include <cmath>
#include <cstdlib>

#include "sns_errors.hpp"
#include "sns_form.hpp"

namespace sns {

namespace {

std::string base_type(std::string_view data_type) {
  if (data_type == "String.Array") return "String.Array";
  return std::string(data_type.substr(0, data_type.find('.')));
}

bool valid_base64(std::string_view s) {
  if (s.size() % 4 != 0) return false;
  std::size_t pad = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '+' || c == '/';
    if (c == '=') {
      if (i < s.size() - 2) return false;
      ++pad;
    } else if (!alpha || pad > 0) {
      return false;
    }
  }
  return true;
}

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

/// Names: letters, digits, '_', '-', '.'; no leading or trailing '.', no "..", at most 256, not
/// starting with the prefixes AWS reserves.
bool valid_attribute_name(std::string_view name) {
  if (name.empty() || name.size() > 256 || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string_view::npos)
    return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void validate(const std::string& name, const MessageAttribute& a) {
  if (!valid_attribute_name(name))
    throw parameter_value_invalid("The message attribute name '" + name + "' is invalid.");
  const std::string base = base_type(a.data_type);
  if (base != "String" && base != "Number" && base != "Binary" && base != "String.Array")
    throw parameter_value_invalid(
        "The message attribute '" + name +
        "' has an invalid message attribute type, the set of supported type prefixes is Binary, "
        "Number, and String.");
  const bool binary = base == "Binary";
  const std::string& value = binary ? a.binary_value : a.string_value;
  if (value.empty())
    throw parameter_value_invalid("The message attribute '" + name +
                                  "' must contain non-empty message attribute value for message "
                                  "attribute type '" +
                                  a.data_type + "'.");
  if (binary && !valid_base64(value))
    throw parameter_value_invalid("The message attribute '" + name +
                                  "' with type 'Binary' must be base64 encoded.");
  if (base == "Number" && !parse_number(a.string_value))
    throw parameter_value_invalid("Could not cast message attribute '" + name +
                                  "' value to number.");
  if (base == "String.Array") {
    const auto doc = nlohmann::json::parse(a.string_value, nullptr, false);
    if (doc.is_discarded() || !doc.is_array())
      throw parameter_value_invalid("Invalid value for message attribute '" + name +
                                    "': String.Array must be a JSON array.");
    for (const auto& e : doc)
      if (e.is_object() || e.is_array())
        throw parameter_value_invalid("Invalid value for message attribute '" + name +
                                      "': String.Array elements must be strings, numbers, "
                                      "booleans or null.");
  }
}

}  // namespace

MessageAttributes parse_message_attributes(const ce::Params& params, std::string_view prefix) {
  MessageAttributes out;
  const auto list = entries(params, prefix);
  if (list.size() > k_max_message_attributes)
    throw parameter_value_invalid("Number of message attributes [" + std::to_string(list.size()) +
                                  "] exceeds the allowed maximum [" +
                                  std::to_string(k_max_message_attributes) + "].");
  for (const auto& entry : list) {
    const std::string name = field_or_empty(entry, "Name");
    MessageAttribute a;
    a.data_type = field_or_empty(entry, "Value.DataType");
    a.string_value = field_or_empty(entry, "Value.StringValue");
    a.binary_value = field_or_empty(entry, "Value.BinaryValue");
    if (a.data_type.empty())
      throw parameter_value_invalid("The message attribute '" + name +
                                    "' must contain a non-empty message attribute type.");
    validate(name, a);
    out[name] = std::move(a);
  }
  return out;
}

std::size_t message_attributes_size(const MessageAttributes& attributes) {
  std::size_t n = 0;
  for (const auto& [name, a] : attributes)
    n += name.size() + a.data_type.size() + a.string_value.size() + a.binary_value.size();
  return n;
}

nlohmann::json attributes_for_filtering(const MessageAttributes& attributes) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, a] : attributes) {
    const std::string base = base_type(a.data_type);
    if (base == "Number") {
      out[name] = parse_number(a.string_value).value_or(0.0);
    } else if (base == "String.Array") {
      out[name] = nlohmann::json::parse(a.string_value, nullptr, false);
    } else if (base == "String") {
      out[name] = a.string_value;
    }
  }
  return out;
}

nlohmann::ordered_json envelope_attributes(const MessageAttributes& attributes) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, a] : attributes) {
    out[name] = {{"Type", a.data_type},
                 {"Value", base_type(a.data_type) == "Binary" ? a.binary_value : a.string_value}};
  }
  return out;
}

nlohmann::json sqs_message_attributes(const MessageAttributes& attributes) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, a] : attributes) {
    // SQS has no String.Array type: raw delivery passes it as a String holding the JSON array.
    const std::string base = base_type(a.data_type);
    if (base == "Binary") {
      out[name] = {{"DataType", a.data_type}, {"BinaryValue", a.binary_value}};
    } else {
      out[name] = {{"DataType", base == "String.Array" ? std::string("String") : a.data_type},
                   {"StringValue", a.string_value}};
    }
  }
  return out;
}

}  // namespace sns
