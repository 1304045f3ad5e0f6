// AttributeValue semantics shared by expressions and storage: type names, DynamoDB's `=`, and the
// ordering of <, <=, >, >= and BETWEEN. Values are in wire form ({"N":"1.5"}, {"B":"<base64>"}).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ddb {

/// The type key of an AttributeValue: "S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL";
/// "" for anything that is not a one-key object.
std::string_view value_type(const nlohmann::json& v);

/// DynamoDB's `=`: same type; N numerically; B by decoded bytes; sets as unordered sets; L and M
/// element by element.
bool values_equal(const nlohmann::json& a, const nlohmann::json& b);

/// Ordering for <, <=, >, >=, BETWEEN: two S (UTF-8 byte order), two N (numeric), two B (byte
/// order of the decoded bytes). nullopt for any other pair, which makes those comparisons false.
std::optional<int> compare_values(const nlohmann::json& a, const nlohmann::json& b);

/// Standard base64 (padding optional) to bytes; nullopt for a character outside the alphabet.
std::optional<std::string> base64_decode(std::string_view text);
/// Standard base64 with padding (PartiQL's NextToken carries its position this way).
std::string base64_encode(std::string_view bytes);

}  // namespace ddb
