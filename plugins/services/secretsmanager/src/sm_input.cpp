// Request member readers with the model's validation messages.
#include "sm_input.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "sm_bytes.hpp"

namespace sm {

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

std::string bracket_list(const std::vector<std::string_view>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  return out + "]";
}

void check_length(std::string_view member, const std::string& shown, std::size_t size,
                  std::size_t min_len, std::size_t max_len) {
  if (size < min_len)
    fail_constraint(member, shown,
                    "Member must have length greater than or equal to " + std::to_string(min_len));
  if (max_len != 0 && size > max_len)
    fail_constraint(member, shown,
                    "Member must have length less than or equal to " + std::to_string(max_len));
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
  check_length(member, s, s.size(), min_len, max_len);
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
  if (!bytes) throw ce::AwsError::serialization("Invalid base64 in " + std::string(member));
  // A blob is shown as the service's buffer object, never its bytes: it may be a secret.
  const std::string shown = "java.nio.HeapByteBuffer[pos=0 lim=" + std::to_string(bytes->size()) +
                            " cap=" + std::to_string(bytes->size()) + "]";
  check_length(member, shown, bytes->size(), min_len, max_len);
  return bytes;
}

std::optional<std::vector<std::string>> opt_string_list(const Json& in, std::string_view member,
                                                        std::size_t min_items,
                                                        std::size_t max_items, std::size_t min_len,
                                                        std::size_t max_len) {
  const Json* v = member_of(in, member);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) wrong_type();
  std::vector<std::string> out;
  for (const Json& item : *v) {
    if (!item.is_string()) wrong_type();
    out.push_back(item.get<std::string>());
    check_length(member, out.back(), out.back().size(), min_len, max_len);
  }
  check_length(member, "[" + std::to_string(out.size()) + " items]", out.size(), min_items,
               max_items);
  return out;
}

const Json* opt_object(const Json& in, std::string_view member) {
  const Json* v = member_of(in, member);
  if (v != nullptr && !v->is_object()) wrong_type();
  return v;
}

const Json* opt_array(const Json& in, std::string_view member) {
  const Json* v = member_of(in, member);
  if (v != nullptr && !v->is_array()) wrong_type();
  return v;
}

std::string secret_id(const Json& in) {
  return req_string(in, "SecretId", 1, 2048);
}

std::optional<std::string> client_request_token(const Json& in) {
  return opt_string(in, "ClientRequestToken", 32, 64);
}

}  // namespace sm
