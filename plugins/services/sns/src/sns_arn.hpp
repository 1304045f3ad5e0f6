// SNS resource names: topic ARNs arn:aws:sns:<region>:<account>:<name>, subscription ARNs
// <topic arn>:<uuid>, and the SQS queue ARNs subscriptions point at.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sns {

struct TopicRef {
  std::string region, account, name;
  std::string arn() const;
};

struct SubscriptionRef {
  TopicRef topic;
  std::string id;  // the uuid after the topic name
  std::string arn() const;
};

/// arn:<partition>:<service>:<region>:<account>:<resource>, split; nullopt when malformed.
struct Arn {
  std::string partition, service, region, account, resource;
};
std::optional<Arn> parse_arn(std::string_view text);

/// A topic ARN (no ':' in the name); nullopt otherwise.
std::optional<TopicRef> parse_topic_arn(std::string_view text);
/// A subscription ARN; nullopt otherwise.
std::optional<SubscriptionRef> parse_subscription_arn(std::string_view text);

std::string topic_arn(std::string_view region, std::string_view account, std::string_view name);

/// 1-256 of [A-Za-z0-9_-], plus the ".fifo" suffix for FIFO topics (counted in the 256).
bool valid_topic_name(std::string_view name, bool fifo);

/// A fresh random UUID (v4) in its usual text form.
std::string random_uuid();

}  // namespace sns
