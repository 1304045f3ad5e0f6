// Reading request members with the model's constraints. A constraint the service model declares
// (length, range, enum) is answered as AWS's request validation answers it: "1 validation error
// detected: Value '5000' at 'passwordLength' failed to satisfy constraint: Member must have value
// less than or equal to 4096" (ValidationException). A member of the wrong JSON type is a
// SerializationException (what an SDK would never send). Rules the model cannot express are the
// operations' own InvalidParameterException answers.
#pragma once
#include <cloudemu/protocol/json_input.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sm {

using Json = nlohmann::json;

// The readers every JSON-protocol service shares (cloudemu/protocol/json_input.hpp).
using ce::json_input::fail_constraint;
using ce::json_input::opt_bool;
using ce::json_input::opt_enum;
using ce::json_input::opt_int;
using ce::json_input::opt_string;
using ce::json_input::req_string;

/// A base64 blob, decoded, its decoded length in [min_len, max_len].
std::optional<std::string> opt_blob(const Json& in, std::string_view member, std::size_t min_len,
                                    std::size_t max_len);
/// A list of strings (absent: nullopt), its length in [min_items, max_items] and each item's
/// length in [min_len, max_len].
std::optional<std::vector<std::string>> opt_string_list(const Json& in, std::string_view member,
                                                        std::size_t min_items,
                                                        std::size_t max_items, std::size_t min_len,
                                                        std::size_t max_len);
/// The member as a JSON object or array of the expected kind, or nullptr when absent.
const Json* opt_object(const Json& in, std::string_view member);
const Json* opt_array(const Json& in, std::string_view member);

/// SecretId (1..2048), required by most operations.
std::string secret_id(const Json& in);
/// ClientRequestToken (32..64) when present.
std::optional<std::string> client_request_token(const Json& in);

}  // namespace sm
