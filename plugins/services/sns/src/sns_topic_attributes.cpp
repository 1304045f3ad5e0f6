// Topic attribute rules (sns_topic_attributes.hpp).
#include "sns_topic_attributes.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sns_errors.hpp"

namespace sns {

namespace {

bool is_delivery_feedback_attribute(std::string_view name) {
  static constexpr std::string_view k_protocols[] = {"Application", "HTTP", "Lambda", "SQS",
                                                     "Firehose"};
  static constexpr std::string_view k_suffixes[] = {
      "SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate", "FailureFeedbackRoleArn"};
  for (const auto p : k_protocols)
    for (const auto s : k_suffixes)
      if (name.size() == p.size() + s.size() && name.starts_with(p) && name.ends_with(s))
        return true;
  return false;
}

bool is_json_object(std::string_view text) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  return !doc.is_discarded() && doc.is_object();
}

}  // namespace

std::optional<std::string> parse_bool(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "false") return lower;
  return std::nullopt;
}

std::string checked_topic_attribute(std::string_view name, std::string_view value, bool fifo,
                                    AttributeUse use) {
  const std::string n(name);
  if (name == "DisplayName") {
    if (value.size() > 100) throw invalid_parameter("DisplayName");
    return std::string(value);
  }
  if (name == "Policy" || name == "DeliveryPolicy" || name == "DataProtectionPolicy" ||
      name == "ArchivePolicy") {
    if (!value.empty() && !is_json_object(value))
      throw invalid_parameter(n + ": failed to parse JSON");
    return std::string(value);
  }
  if (name == "KmsMasterKeyId") return std::string(value);
  if (name == "SignatureVersion") {
    if (value != "1" && value != "2") throw invalid_parameter("SignatureVersion");
    return std::string(value);
  }
  if (name == "TracingConfig") {
    if (value != "PassThrough" && value != "Active") throw invalid_parameter("TracingConfig");
    return std::string(value);
  }
  if (name == "FifoTopic") {
    // A topic's type is fixed when it is made.
    if (use == AttributeUse::set) throw invalid_parameter("AttributeName");
    auto b = parse_bool(value);
    if (!b) throw invalid_parameter("FifoTopic");
    return *b;
  }
  if (name == "ContentBasedDeduplication") {
    auto b = parse_bool(value);
    if (!b) throw invalid_parameter("ContentBasedDeduplication");
    if (!fifo)
      throw invalid_parameter(
          "ContentBasedDeduplication Reason: Content based deduplication can only be set for "
          "FIFO topics");
    return *b;
  }
  if (name == "FifoThroughputScope") {
    if (!fifo) throw invalid_parameter("FifoThroughputScope");
    if (value != "Topic" && value != "MessageGroup") throw invalid_parameter("FifoThroughputScope");
    return std::string(value);
  }
  if (is_delivery_feedback_attribute(name)) return std::string(value);
  throw invalid_parameter(use == AttributeUse::set ? std::string("AttributeName")
                                                   : "Attributes Reason: Unknown attribute " + n);
}

std::string default_topic_policy(std::string_view topic_arn, std::string_view account) {
  const nlohmann::ordered_json policy = {
      {"Version", "2008-10-17"},
      {"Id", "__default_policy_ID"},
      {"Statement",
       {{{"Sid", "__default_statement_ID"},
         {"Effect", "Allow"},
         {"Principal", {{"AWS", "*"}}},
         {"Action",
          {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
           "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
           "SNS:ListSubscriptionsByTopic", "SNS:Publish"}},
         {"Resource", topic_arn},
         {"Condition", {{"StringEquals", {{"AWS:SourceOwner", account}}}}}}}}};
  return policy.dump();
}

AttributeMap reported_topic_attributes(const TopicRecord& t, std::size_t confirmed,
                                       std::size_t pending) {
  AttributeMap out = t.attributes;
  out["TopicArn"] = t.arn();
  out["Owner"] = t.account;
  if (!out.contains("Policy")) out["Policy"] = default_topic_policy(t.arn(), t.account);
  if (!out.contains("DisplayName")) out["DisplayName"] = "";
  out["SubscriptionsConfirmed"] = std::to_string(confirmed);
  out["SubscriptionsPending"] = std::to_string(pending);
  out["SubscriptionsDeleted"] = "0";
  // What SNS applies to HTTP/S deliveries when the topic sets no DeliveryPolicy.
  const nlohmann::ordered_json effective = {
      {"http",
       {{"defaultHealthyRetryPolicy",
         {{"minDelayTarget", 20},
          {"maxDelayTarget", 20},
          {"numRetries", 3},
          {"numMaxDelayRetries", 0},
          {"numNoDelayRetries", 0},
          {"numMinDelayRetries", 0},
          {"backoffFunction", "linear"}}},
        {"disableSubscriptionOverrides", false},
        {"defaultRequestPolicy", {{"headerContentType", "text/plain; charset=UTF-8"}}}}}};
  const auto delivery = t.attributes.find("DeliveryPolicy");
  out["EffectiveDeliveryPolicy"] = delivery != t.attributes.end() && !delivery->second.empty()
                                       ? delivery->second
                                       : effective.dump();
  if (t.fifo()) {
    out["FifoTopic"] = "true";
    if (!out.contains("ContentBasedDeduplication")) out["ContentBasedDeduplication"] = "false";
  }
  return out;
}

}  // namespace sns
