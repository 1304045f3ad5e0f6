// Request member readers with KMS's validation messages.
#include "kms_input.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "kms_bytes.hpp"
#include "kms_key_spec.hpp"

namespace kms {

std::optional<std::string> opt_blob(const Json& in, std::string_view member, std::size_t min_len,
                                    std::size_t max_len) {
  return ce::json_input::opt_blob(in, member, min_len, max_len,
                                  [](std::string_view text) { return base64_decode(text); });
}

std::string req_blob(const Json& in, std::string_view member, std::size_t min_len,
                     std::size_t max_len) {
  auto b = opt_blob(in, member, min_len, max_len);
  if (!b) fail_constraint(member, "null", "Member must not be null");
  return *b;
}

EncryptionContext encryption_context(const Json& in, std::string_view member) {
  EncryptionContext out;
  const Json* v = ce::json_input::member_of(in, member);
  if (v == nullptr) return out;
  if (!v->is_object()) ce::json_input::wrong_type();
  for (const auto& [k, value] : v->items()) {
    if (!value.is_string()) ce::json_input::wrong_type();
    out[k] = value.get<std::string>();
  }
  return out;
}

std::size_t list_limit(const Json& in) {
  return static_cast<std::size_t>(opt_int(in, "Limit", 1, 1000).value_or(100));
}

}  // namespace kms
