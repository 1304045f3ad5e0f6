// Rules from the SendMessage reference ("MessageAttributes", "Message attribute components").
#include "sqs_message_attributes.hpp"

#include <algorithm>
#include <cstdint>
#include <regex>

#include "sqs_codec.hpp"
#include "sqs_errors.hpp"

namespace sqs {

namespace {

void append_length_prefixed(std::string& out, std::string_view bytes) {
  const auto n = static_cast<uint32_t>(bytes.size());
  out += static_cast<char>((n >> 24) & 0xFF);
  out += static_cast<char>((n >> 16) & 0xFF);
  out += static_cast<char>((n >> 8) & 0xFF);
  out += static_cast<char>(n & 0xFF);
  out.append(bytes);
}

bool is_binary_type(std::string_view type) {
  return type.starts_with("Binary");
}

bool valid_attribute_name(std::string_view name) {
  if (name.empty() || name.size() > 256) return false;
  if (name.starts_with("AWS.") || name.starts_with("Amazon.") || name.starts_with('.') ||
      name.ends_with('.') || name.find("..") != std::string_view::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

bool valid_number(std::string_view text) {
  static const std::regex k_number(R"([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)");
  return std::regex_match(text.begin(), text.end(), k_number);
}

Json validated(const Json& attributes, bool system) {
  Json out = Json::object();
  if (attributes.is_null()) return out;
  if (!attributes.is_object())
    throw err::invalid_parameter_value("The message attributes are not a map.");
  if (!system && attributes.size() > 10)
    throw err::invalid_parameter_value("Number of message attributes [" +
                                       std::to_string(attributes.size()) +
                                       "] exceeds the allowed maximum [10].");
  for (const auto& [name, value] : attributes.items()) {
    if (system && name != "AWSTraceHeader")
      throw err::invalid_parameter_value("Message system attribute name '" + name +
                                         "' is invalid.");
    if (!system && !valid_attribute_name(name))
      throw err::invalid_parameter_value("Message (user) attribute name '" + name +
                                         "' is invalid.");
    const std::string kind = system ? "system" : "user";
    if (!value.is_object() || !value.contains("DataType") || !value["DataType"].is_string() ||
        value["DataType"].get<std::string>().empty())
      throw err::invalid_parameter_value("The message attribute '" + name +
                                         "' must contain a non-empty message attribute type.");
    const std::string type = value["DataType"].get<std::string>();
    const std::string base = type.substr(0, type.find('.'));
    if (base != "String" && base != "Number" && base != "Binary")
      throw err::invalid_parameter_value("The type of message (" + kind + ") attribute '" + name +
                                         "' is invalid. You must use only the following supported "
                                         "type prefixes: Binary, Number, String.");
    if (system && base != "String")
      throw err::invalid_parameter_value("The message system attribute '" + name +
                                         "' must be of type String.");
    Json normalized = {{"DataType", type}};
    if (is_binary_type(type)) {
      const auto v = value.find("BinaryValue");
      if (v == value.end() || !v->is_string() || v->get<std::string>().empty())
        throw err::invalid_parameter_value("Message (" + kind + ") attribute '" + name +
                                           "' must contain a non-empty value of type 'Binary'.");
      if (!base64_decode(v->get<std::string>()))
        throw err::invalid_parameter_value("Message (" + kind + ") attribute '" + name +
                                           "' has an invalid base64 binary value.");
      normalized["BinaryValue"] = *v;
    } else {
      const auto v = value.find("StringValue");
      if (v == value.end() || !v->is_string() || v->get<std::string>().empty())
        throw err::invalid_parameter_value("Message (" + kind + ") attribute '" + name +
                                           "' must contain a non-empty value of type '" + base +
                                           "'.");
      if (base == "Number" && !valid_number(v->get<std::string>()))
        throw err::invalid_parameter_value("Can't cast the value of message (" + kind +
                                           ") attribute '" + name + "' to a number.");
      if (!valid_message_characters(v->get<std::string>()))
        throw err::invalid_parameter_value("Message (" + kind + ") attribute '" + name +
                                           "' contains invalid characters.");
      normalized["StringValue"] = *v;
    }
    out[name] = std::move(normalized);
  }
  return out;
}

}  // namespace

Json validated_message_attributes(const Json& attributes) {
  return validated(attributes, false);
}

Json validated_system_attributes(const Json& attributes) {
  return validated(attributes, true);
}

std::string md5_of_attributes(const Json& attributes) {
  if (!attributes.is_object() || attributes.empty()) return {};
  // nlohmann::json keeps object members in std::map order: byte order of the names, as SQS sorts.
  std::string buf;
  for (const auto& [name, value] : attributes.items()) {
    const std::string type = value.value("DataType", std::string());
    append_length_prefixed(buf, name);
    append_length_prefixed(buf, type);
    if (is_binary_type(type)) {
      buf += '\x02';
      append_length_prefixed(buf,
                             base64_decode(value.value("BinaryValue", std::string())).value_or(""));
    } else {
      buf += '\x01';
      append_length_prefixed(buf, value.value("StringValue", std::string()));
    }
  }
  return md5_hex(buf);
}

std::size_t attributes_size(const Json& attributes) {
  std::size_t n = 0;
  if (!attributes.is_object()) return n;
  for (const auto& [name, value] : attributes.items()) {
    n += name.size() + value.value("DataType", std::string()).size();
    if (value.contains("BinaryValue"))
      n += base64_decode(value["BinaryValue"].get<std::string>()).value_or("").size();
    else
      n += value.value("StringValue", std::string()).size();
  }
  return n;
}

Json select_message_attributes(const Json& attributes, const std::vector<std::string>& names) {
  Json out = Json::object();
  if (!attributes.is_object()) return out;
  for (const auto& item : attributes.items()) {
    // A named copy, not a structured binding: clang before 16 cannot capture those.
    const std::string& name = item.key();
    const bool selected = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      if (n == "All" || n == ".*") return true;
      if (n.size() > 2 && n.ends_with(".*"))
        return std::string_view(name).starts_with(std::string_view(n).substr(0, n.size() - 1));
      return n == name;
    });
    if (selected) out[name] = item.value();
  }
  return out;
}

bool valid_message_characters(std::string_view body) {
  std::size_t i = 0;
  while (i < body.size()) {
    const auto c = static_cast<unsigned char>(body[i]);
    uint32_t cp = 0;
    std::size_t len = 0;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else {
      return false;
    }
    if (i + len > body.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(body[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong encodings are invalid UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
      return false;
    const bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) return false;
    i += len;
  }
  return true;
}

}  // namespace sqs
