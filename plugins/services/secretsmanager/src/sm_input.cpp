// Request member readers with the model's validation messages.
#include "sm_input.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "sm_bytes.hpp"

namespace sm {

using ce::json_input::check_length;
using ce::json_input::member_of;
using ce::json_input::wrong_type;

std::optional<std::string> opt_blob(const Json& in, std::string_view member, std::size_t min_len,
                                    std::size_t max_len) {
  return ce::json_input::opt_blob(in, member, min_len, max_len,
                                  [](std::string_view text) { return base64_decode(text); });
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
