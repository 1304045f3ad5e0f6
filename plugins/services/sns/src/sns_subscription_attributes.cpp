// Subscription attribute rules (sns_subscription_attributes.hpp).
#include "sns_subscription_attributes.hpp"

#include <nlohmann/json.hpp>

#include "sns_errors.hpp"
#include "sns_filter_policy.hpp"
#include "sns_topic_attributes.hpp"

namespace sns {

namespace {

bool supports_raw_delivery(std::string_view protocol) {
  return protocol == "sqs" || protocol == "http" || protocol == "https" || protocol == "firehose";
}

void check_redrive_policy(const std::string& text) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw invalid_parameter("RedrivePolicy: failed to parse JSON.");
  const auto target = doc.find("deadLetterTargetArn");
  if (target == doc.end() || !target->is_string())
    throw invalid_parameter("RedrivePolicy: deadLetterTargetArn is missing");
  const auto arn = parse_arn(target->get<std::string>());
  if (!arn || arn->service != "sqs")
    throw invalid_parameter("RedrivePolicy: Invalid deadLetterTargetArn");
}

}  // namespace

bool known_subscription_attribute(std::string_view name) {
  static constexpr std::string_view k_names[] = {
      "DeliveryPolicy", "FilterPolicy",        "FilterPolicyScope", "RawMessageDelivery",
      "RedrivePolicy",  "SubscriptionRoleArn", "ReplayPolicy"};
  for (const auto n : k_names)
    if (n == name) return true;
  return false;
}

AttributeMap checked_subscription_attributes(const AttributeMap& attributes,
                                             std::string_view protocol) {
  AttributeMap out;
  for (const auto& [name, value] : attributes) {
    if (!known_subscription_attribute(name))
      throw invalid_parameter("Attributes Reason: Unknown attribute " + name);
    if (name == "RawMessageDelivery") {
      const auto b = parse_bool(value);
      if (!b)
        throw invalid_parameter("Attributes Reason: RawMessageDelivery: Invalid value [" + value +
                                "]. Must be true or false.");
      if (!supports_raw_delivery(protocol))
        throw invalid_parameter("Attributes Reason: Delivery protocol [" + std::string(protocol) +
                                "] does not support raw message delivery attribute");
      out[name] = *b;
    } else if (name == "FilterPolicyScope") {
      if (!parse_filter_scope(value))
        throw invalid_parameter("Attributes Reason: FilterPolicyScope: Invalid value [" + value +
                                "]. Please use either MessageBody or MessageAttributes");
      out[name] = value;
    } else if (name == "RedrivePolicy") {
      if (!value.empty()) check_redrive_policy(value);
      out[name] = value;
    } else if (name == "DeliveryPolicy" || name == "ReplayPolicy") {
      const auto doc = nlohmann::json::parse(value, nullptr, false);
      if (!value.empty() && (doc.is_discarded() || !doc.is_object()))
        throw invalid_parameter(name + ": failed to parse JSON.");
      out[name] = value;
    } else if (name == "FilterPolicy") {
      if (!value.empty()) out[name] = value;  // "" removes the policy; checked below
    } else {
      out[name] = value;
    }
  }
  if (const auto policy = out.find("FilterPolicy"); policy != out.end()) {
    const auto scope_it = out.find("FilterPolicyScope");
    const FilterScope scope = scope_it == out.end() ? FilterScope::message_attributes
                                                    : *parse_filter_scope(scope_it->second);
    FilterPolicy::parse(policy->second, scope);
  }
  return out;
}

AttributeMap reported_subscription_attributes(const SubscriptionRecord& s) {
  AttributeMap out = s.attributes;
  out["SubscriptionArn"] = s.arn();
  out["TopicArn"] = s.topic_arn();
  out["Owner"] = s.owner;
  out["Protocol"] = s.protocol;
  out["Endpoint"] = s.endpoint;
  out["ConfirmationWasAuthenticated"] = s.confirmed ? "true" : "false";
  out["PendingConfirmation"] = s.confirmed ? "false" : "true";
  out["SubscriptionPrincipal"] = "arn:aws:iam::" + s.owner + ":user/cloudemu";
  if (!out.contains("RawMessageDelivery")) out["RawMessageDelivery"] = "false";
  if (out.contains("FilterPolicy") && !out.contains("FilterPolicyScope"))
    out["FilterPolicyScope"] = "MessageAttributes";
  if (s.protocol == "http" || s.protocol == "https") {
    out["EffectiveDeliveryPolicy"] =
        R"({"healthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,)"
        R"("numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,)"
        R"("backoffFunction":"linear"},"sicklyRetryPolicy":null,"throttlePolicy":null,)"
        R"("guaranteed":false})";
  }
  return out;
}

}  // namespace sns
