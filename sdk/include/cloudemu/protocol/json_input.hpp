// Reading members of a JSON-protocol request with the constraints of the service model, answered
// as AWS's request validation answers them: "1 validation error detected: Value '5000' at
// 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to
// 4096" (ValidationException; the member in lowerCamelCase). A member of the wrong JSON type is a
// SerializationException, which an SDK never provokes. A JSON null counts as absent.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ce::json_input {

using Json = nlohmann::json;

/// "Member" -> "member", as AWS names members in validation messages.
inline std::string lower_camel(std::string_view member) {
  std::string out(member);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

/// ValidationException "1 validation error detected: Value <value> at '<member>' failed to
/// satisfy constraint: <constraint>"; `value_text` is quoted unless it is "null".
[[noreturn]] inline void fail_constraint(std::string_view member, const std::string& value_text,
                                         std::string_view constraint) {
  const std::string value = value_text == "null" ? value_text : "'" + value_text + "'";
  throw AwsError::validation("1 validation error detected: Value " + value + " at '" +
                             lower_camel(member) +
                             "' failed to satisfy constraint: " + std::string(constraint));
}

[[noreturn]] inline void wrong_type() {
  throw AwsError::serialization("Unexpected value type in payload");
}

/// The member, or nullptr when it is absent or null.
inline const Json* member_of(const Json& in, std::string_view member) {
  const auto it = in.find(std::string(member));
  if (it == in.end() || it->is_null()) return nullptr;
  return &*it;
}

/// "[A, B, C]": how an enum constraint lists its values.
inline std::string bracket_list(const std::vector<std::string_view>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  return out + "]";
}

/// The length constraints; max_len 0 means unbounded. `shown` is the value as the message shows it.
inline void check_length(std::string_view member, const std::string& shown, std::size_t size,
                         std::size_t min_len, std::size_t max_len) {
  if (size < min_len)
    fail_constraint(member, shown,
                    "Member must have length greater than or equal to " + std::to_string(min_len));
  if (max_len != 0 && size > max_len)
    fail_constraint(member, shown,
                    "Member must have length less than or equal to " + std::to_string(max_len));
}

inline std::optional<std::string> opt_string(const Json& in, std::string_view member,
                                             std::size_t min_len = 0, std::size_t max_len = 0) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type();
  std::string s = v->get<std::string>();
  check_length(member, s, s.size(), min_len, max_len);
  return s;
}

/// "Member must not be null" when absent.
inline std::string req_string(const Json& in, std::string_view member, std::size_t min_len = 1,
                              std::size_t max_len = 0) {
  auto s = opt_string(in, member, min_len, max_len);
  if (!s) fail_constraint(member, "null", "Member must not be null");
  return *s;
}

inline std::optional<int64_t> opt_int(const Json& in, std::string_view member, int64_t min,
                                      int64_t max) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) wrong_type();
  const int64_t n = v->get<int64_t>();
  if (n < min)
    fail_constraint(member, std::to_string(n),
                    "Member must have value greater than or equal to " + std::to_string(min));
  if (n > max)
    fail_constraint(member, std::to_string(n),
                    "Member must have value less than or equal to " + std::to_string(max));
  return n;
}

inline std::optional<bool> opt_bool(const Json& in, std::string_view member) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) wrong_type();
  return v->get<bool>();
}

/// One of `allowed`, checked with the enum constraint message.
inline std::optional<std::string> opt_enum(const Json& in, std::string_view member,
                                           const std::vector<std::string_view>& allowed) {
  auto s = opt_string(in, member);
  if (!s) return std::nullopt;
  for (const auto a : allowed)
    if (a == *s) return s;
  fail_constraint(member, *s, "Member must satisfy enum value set: " + bracket_list(allowed));
}

/// A base64 blob member, decoded by `decode`, its decoded length in [min_len, max_len]. The
/// messages never echo the bytes (a blob may be a secret or a plaintext): AWS shows a blob as its
/// service's buffer object.
template <class Decode>
std::optional<std::string> opt_blob(const Json& in, std::string_view member, std::size_t min_len,
                                    std::size_t max_len, Decode&& decode) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type();
  std::optional<std::string> bytes = decode(v->get_ref<const std::string&>());
  if (!bytes) throw AwsError::serialization("Invalid base64 in " + std::string(member));
  const std::string shown = "java.nio.HeapByteBuffer[pos=0 lim=" + std::to_string(bytes->size()) +
                            " cap=" + std::to_string(bytes->size()) + "]";
  check_length(member, shown, bytes->size(), min_len, max_len);
  return bytes;
}

}  // namespace ce::json_input
