// The HTTP/S delivery policy: how often and how far apart SNS retries a delivery the endpoint did
// not take ("Amazon SNS message delivery retries"). A subscription's DeliveryPolicy wins over its
// topic's (`http.defaultHealthyRetryPolicy`); without either, 3 retries 20 seconds apart.
#pragma once
#include <cstdint>
#include <string>

#include "sns_store.hpp"

namespace sns {

struct RetryPolicy {
  int num_retries = 3;
  int num_no_delay_retries = 0;
  int num_min_delay_retries = 0;
  int num_max_delay_retries = 0;
  int min_delay_s = 20;
  int max_delay_s = 20;
  std::string backoff = "linear";  // linear, arithmetic, geometric, exponential
};

/// The policy in force for `sub` of `topic`; unreadable documents fall back to the default.
RetryPolicy retry_policy_for(const SubscriptionRecord& sub, const TopicRecord& topic);

/// Milliseconds to wait before retry number `retry` (1 = the first retry). The phases run in
/// order: immediate retries, retries at the minimum delay, the backoff phase from minimum to
/// maximum, then retries at the maximum. SNS adds jitter; the emulator does not, so tests that
/// advance the clock by the documented delay see the retry.
int64_t retry_delay_ms(const RetryPolicy& p, int retry);

/// requestPolicy.headerContentType of the subscription's or topic's policy, or SNS's default
/// "text/plain; charset=UTF-8".
std::string delivery_content_type(const SubscriptionRecord& sub, const TopicRecord& topic);

}  // namespace sns
