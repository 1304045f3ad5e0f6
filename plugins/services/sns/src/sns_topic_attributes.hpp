// Which topic attributes exist, which may be set, their validation and the values SNS reports
// without being told (Policy, EffectiveDeliveryPolicy, counts). Shared by CreateTopic and
// Get/SetTopicAttributes.
#pragma once
#include <string>
#include <string_view>

#include "sns_store.hpp"

namespace sns {

enum class AttributeUse { create, set };

/// Checks one attribute given to CreateTopic or SetTopicAttributes and returns the value to store
/// (booleans normalized to "true"/"false"). Throws InvalidParameter.
std::string checked_topic_attribute(std::string_view name, std::string_view value, bool fifo,
                                    AttributeUse use);

/// The policy a new topic gets: its owner may do everything.
std::string default_topic_policy(std::string_view topic_arn, std::string_view account);

/// Every attribute GetTopicAttributes reports for `t`, counts of its subscriptions included.
AttributeMap reported_topic_attributes(const TopicRecord& t, std::size_t confirmed,
                                       std::size_t pending);

/// "true"/"false" from SNS's case-insensitive boolean spellings; nullopt for anything else.
std::optional<std::string> parse_bool(std::string_view text);

}  // namespace sns
