// Subscription attributes: which exist, their validation (FilterPolicy through the filter policy
// module, with the scope it will run in), and what GetSubscriptionAttributes reports.
#pragma once
#include <string>
#include <string_view>

#include "sns_store.hpp"

namespace sns {

/// Checks attributes given together (Subscribe's Attributes, or one SetSubscriptionAttributes
/// merged into the current ones) for a subscription of `protocol`; returns them normalized
/// (booleans as "true"/"false", an empty FilterPolicy removed). Throws InvalidParameter.
AttributeMap checked_subscription_attributes(const AttributeMap& attributes,
                                             std::string_view protocol);

/// Every attribute GetSubscriptionAttributes reports.
AttributeMap reported_subscription_attributes(const SubscriptionRecord& s);

/// Whether `name` is a subscription attribute SNS knows.
bool known_subscription_attribute(std::string_view name);

}  // namespace sns
