// Subscription filter policies: validation with SNS's limits and matching against a message's
// attributes (FilterPolicyScope MessageAttributes) or its JSON body (MessageBody). Independent of
// the rest of the plugin so it can be unit-tested and fuzzed alone (fuzz_sns_filter_policy).
//
// Operators: exact string/number/boolean/null, prefix, suffix, equals-ignore-case, anything-but
// (value, list, prefix, suffix), numeric (=, <, <=, >, >=, ranges), exists, cidr (IPv4), $or,
// nested keys (body scope). An array in the message matches when one of its elements does.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sns {

enum class FilterScope { message_attributes, message_body };

/// "MessageAttributes" | "MessageBody"; nullopt otherwise.
std::optional<FilterScope> parse_filter_scope(std::string_view text);

class FilterPolicy {
 public:
  /// Parses and checks a policy: InvalidParameter "Invalid parameter: FilterPolicy: ..." when it
  /// is malformed, has more than 5 keys or more than 150 combinations.
  static FilterPolicy parse(std::string_view text, FilterScope scope);

  /// For the attribute scope, `message` is an object from attribute name to its value: a string,
  /// a number (Number attributes) or an array (String.Array). For the body scope, the body as
  /// parsed JSON (anything that is not an object matches only a policy of absent keys).
  bool matches(const nlohmann::json& message) const;

  const nlohmann::json& document() const noexcept { return policy_; }

 private:
  nlohmann::json policy_;
};

/// Limits from "Filter policy constraints" in the SNS developer guide.
inline constexpr std::size_t k_filter_policy_max_keys = 5;
inline constexpr std::size_t k_filter_policy_max_combinations = 150;
inline constexpr std::size_t k_filter_policy_max_bytes = 256 * 1024;

}  // namespace sns
