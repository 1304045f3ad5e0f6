// Reading request members with KMS's validation answers: "1 validation error detected: Value
// '2000' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or
// equal to 1024". The member is named in lowerCamelCase as AWS does. A member of the wrong JSON
// type is a SerializationException (what botocore would never send).
#pragma once
#include <cloudemu/protocol/json_input.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kms_ciphertext.hpp"

namespace kms {

using Json = nlohmann::json;

// The readers every JSON-protocol service shares (cloudemu/protocol/json_input.hpp).
using ce::json_input::fail_constraint;
using ce::json_input::opt_bool;
using ce::json_input::opt_enum;
using ce::json_input::opt_int;
using ce::json_input::opt_string;
using ce::json_input::req_string;

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
