// HTTP/S retry policy (sns_delivery_policy.hpp).
#include "sns_delivery_policy.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace sns {

namespace {

using nlohmann::json;

/// The subscription's policy document, else the `http` section of the topic's; null when neither
/// is set or readable.
json policy_document(const SubscriptionRecord& sub, const TopicRecord& topic) {
  const json own = json::parse(sub.attribute("DeliveryPolicy"), nullptr, false);
  if (own.is_object()) return own;
  const json of_topic = json::parse(topic.attribute("DeliveryPolicy"), nullptr, false);
  if (of_topic.is_object()) {
    const auto http = of_topic.find("http");
    if (http != of_topic.end() && http->is_object()) return *http;
  }
  return nullptr;
}

int read_int(const json& obj, const char* key, int fallback) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return fallback;
  const auto v = it->get<int64_t>();
  return v < 0 ? fallback : static_cast<int>(std::min<int64_t>(v, 100000));
}

}  // namespace

RetryPolicy retry_policy_for(const SubscriptionRecord& sub, const TopicRecord& topic) {
  RetryPolicy p;
  const json doc = policy_document(sub, topic);
  if (!doc.is_object()) return p;
  // A subscription names it healthyRetryPolicy; a topic's http section defaultHealthyRetryPolicy.
  auto it = doc.find("healthyRetryPolicy");
  if (it == doc.end()) it = doc.find("defaultHealthyRetryPolicy");
  if (it == doc.end() || !it->is_object()) return p;
  const json& r = *it;
  p.num_retries = read_int(r, "numRetries", p.num_retries);
  p.num_no_delay_retries = read_int(r, "numNoDelayRetries", 0);
  p.num_min_delay_retries = read_int(r, "numMinDelayRetries", 0);
  p.num_max_delay_retries = read_int(r, "numMaxDelayRetries", 0);
  p.min_delay_s = std::max(1, read_int(r, "minDelayTarget", p.min_delay_s));
  p.max_delay_s = std::max(p.min_delay_s, read_int(r, "maxDelayTarget", p.max_delay_s));
  const auto backoff = r.find("backoffFunction");
  if (backoff != r.end() && backoff->is_string()) p.backoff = backoff->get<std::string>();
  return p;
}

int64_t retry_delay_ms(const RetryPolicy& p, int retry) {
  if (retry <= p.num_no_delay_retries) return 0;
  retry -= p.num_no_delay_retries;
  if (retry <= p.num_min_delay_retries) return int64_t{p.min_delay_s} * 1000;
  retry -= p.num_min_delay_retries;
  const int backoff_retries = std::max(0, p.num_retries - p.num_no_delay_retries -
                                              p.num_min_delay_retries - p.num_max_delay_retries);
  if (retry > backoff_retries) return int64_t{p.max_delay_s} * 1000;
  // Within the backoff phase, from the minimum delay (first) to the maximum (last).
  const double t = backoff_retries <= 1 ? 1.0 : double(retry - 1) / double(backoff_retries - 1);
  const double lo = p.min_delay_s;
  const double hi = p.max_delay_s;
  double delay = lo + (hi - lo) * t;
  if (p.backoff == "exponential" || p.backoff == "geometric") delay = lo * std::pow(hi / lo, t);
  return static_cast<int64_t>(std::llround(delay * 1000.0));
}

std::string delivery_content_type(const SubscriptionRecord& sub, const TopicRecord& topic) {
  const json doc = policy_document(sub, topic);
  if (doc.is_object()) {
    const auto request =
        doc.find(doc.contains("requestPolicy") ? "requestPolicy" : "defaultRequestPolicy");
    if (request != doc.end() && request->is_object()) {
      const auto type = request->find("headerContentType");
      if (type != request->end() && type->is_string()) return type->get<std::string>();
    }
  }
  return "text/plain; charset=UTF-8";
}

}  // namespace sns
