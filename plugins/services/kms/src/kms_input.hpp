// Reading request members with KMS's validation answers: "1 validation error detected: Value
// '2000' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or
// equal to 1024". The member is named in lowerCamelCase as AWS does. A member of the wrong JSON
// type is a SerializationException (what botocore would never send).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kms_ciphertext.hpp"

namespace kms {

using Json = nlohmann::json;

/// ValidationException "1 validation error detected: Value <value> at '<member>' failed to
/// satisfy constraint: <constraint>"; `value_text` is quoted unless it is "null".
[[noreturn]] void fail_constraint(std::string_view member, const std::string& value_text,
                                  std::string_view constraint);

std::optional<std::string> opt_string(const Json& in, std::string_view member,
                                      std::size_t min_len = 0, std::size_t max_len = 0);
/// "Member must not be null" when absent.
std::string req_string(const Json& in, std::string_view member, std::size_t min_len = 1,
                       std::size_t max_len = 0);
std::optional<int64_t> opt_int(const Json& in, std::string_view member, int64_t min, int64_t max);
std::optional<bool> opt_bool(const Json& in, std::string_view member);
/// One of `allowed`, checked with the enum constraint message.
std::optional<std::string> opt_enum(const Json& in, std::string_view member,
                                    const std::vector<std::string_view>& allowed);
/// A base64 blob, decoded; its decoded length is checked against [min_len, max_len].
std::optional<std::string> opt_blob(const Json& in, std::string_view member, std::size_t min_len,
                                    std::size_t max_len);
std::string req_blob(const Json& in, std::string_view member, std::size_t min_len,
                     std::size_t max_len);
/// EncryptionContext (a map of strings), empty when absent.
EncryptionContext encryption_context(const Json& in, std::string_view member);
/// Limit (1..1000, default 100) and Marker of list operations.
std::size_t list_limit(const Json& in);

}  // namespace kms
