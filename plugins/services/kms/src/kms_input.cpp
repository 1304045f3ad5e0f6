// Request member readers with KMS's validation messages.
#include "kms_input.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "kms_bytes.hpp"
#include "kms_key_spec.hpp"

namespace kms {

namespace {

std::string lower_camel(std::string_view member) {
  std::string out(member);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

const Json* member_of(const Json& in, std::string_view member) {
  const auto it = in.find(std::string(member));
  if (it == in.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void wrong_type() {
  throw ce::AwsError::serialization("Unexpected value type in payload");
}

}  // namespace

void fail_constraint(std::string_view member, const std::string& value_text,
                     std::string_view constraint) {
  const std::string value = value_text == "null" ? value_text : "'" + value_text + "'";
  throw ce::AwsError::validation("1 validation error detected: Value " + value + " at '" +
                                 lower_camel(member) +
                                 "' failed to satisfy constraint: " + std::string(constraint));
}

std::optional<std::string> opt_string(const Json& in, std::string_view member, std::size_t min_len,
                                      std::size_t max_len) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type();
  std::string s = v->get<std::string>();
  if (s.size() < min_len)
    fail_constraint(member, s,
                    "Member must have length greater than or equal to " + std::to_string(min_len));
  if (max_len != 0 && s.size() > max_len)
    fail_constraint(member, s,
                    "Member must have length less than or equal to " + std::to_string(max_len));
  return s;
}

std::string req_string(const Json& in, std::string_view member, std::size_t min_len,
                       std::size_t max_len) {
  auto s = opt_string(in, member, min_len, max_len);
  if (!s) fail_constraint(member, "null", "Member must not be null");
  return *s;
}

std::optional<int64_t> opt_int(const Json& in, std::string_view member, int64_t min, int64_t max) {
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

std::optional<bool> opt_bool(const Json& in, std::string_view member) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) wrong_type();
  return v->get<bool>();
}

std::optional<std::string> opt_enum(const Json& in, std::string_view member,
                                    const std::vector<std::string_view>& allowed) {
  auto s = opt_string(in, member);
  if (!s) return std::nullopt;
  for (const auto a : allowed)
    if (a == *s) return s;
  fail_constraint(member, *s, "Member must satisfy enum value set: " + bracket_list(allowed));
}

std::optional<std::string> opt_blob(const Json& in, std::string_view member, std::size_t min_len,
                                    std::size_t max_len) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type();
  auto bytes = base64_decode(v->get_ref<const std::string&>());
  if (!bytes)
    throw ce::AwsError::serialization("Invalid base64: \"" + v->get<std::string>() + "\"");
  // AWS shows a blob in a validation message as the SDK's object text; the exact bytes do not
  // matter to a client, so the member name and constraint carry the meaning.
  if (bytes->size() < min_len)
    fail_constraint(member,
                    "java.nio.HeapByteBuffer[pos=0 lim=" + std::to_string(bytes->size()) +
                        " cap=" + std::to_string(bytes->size()) + "]",
                    "Member must have length greater than or equal to " + std::to_string(min_len));
  if (max_len != 0 && bytes->size() > max_len)
    fail_constraint(member,
                    "java.nio.HeapByteBuffer[pos=0 lim=" + std::to_string(bytes->size()) +
                        " cap=" + std::to_string(bytes->size()) + "]",
                    "Member must have length less than or equal to " + std::to_string(max_len));
  return bytes;
}

std::string req_blob(const Json& in, std::string_view member, std::size_t min_len,
                     std::size_t max_len) {
  auto b = opt_blob(in, member, min_len, max_len);
  if (!b) fail_constraint(member, "null", "Member must not be null");
  return *b;
}

EncryptionContext encryption_context(const Json& in, std::string_view member) {
  EncryptionContext out;
  const Json* v = member_of(in, member);
  if (v == nullptr) return out;
  if (!v->is_object()) wrong_type();
  for (const auto& [k, value] : v->items()) {
    if (!value.is_string()) wrong_type();
    out[k] = value.get<std::string>();
  }
  return out;
}

std::size_t list_limit(const Json& in) {
  return static_cast<std::size_t>(opt_int(in, "Limit", 1, 1000).value_or(100));
}

}  // namespace kms
