// One message published to a topic, from either Publish or one entry of PublishBatch: its
// validation, FIFO ordering and deduplication, and the hand-off to delivery.
#pragma once
#include <cloudemu/url.hpp>
#include <optional>
#include <string>

#include "sns_message_attributes.hpp"
#include "sns_store.hpp"

namespace sns {

class SnsService;

struct PublishInput {
  std::string message;
  std::optional<std::string> subject;
  std::string structure;  // "" or "json"
  MessageAttributes attributes;
  std::optional<std::string> group_id, dedup_id;
};

/// Reads Message, Subject, MessageStructure, MessageAttributes, MessageGroupId and
/// MessageDeduplicationId from `fields` (a request, or one batch entry's fields). Message
/// attributes are validated here (ParameterValueInvalid).
PublishInput read_publish_input(const ce::Params& fields);

/// Checks the message against the topic: size, subject, structure, FIFO parameters. Throws
/// InvalidParameter with SNS's wording.
void validate_publish(const PublishInput& in, const TopicRecord& topic);

struct PublishResult {
  std::string message_id;
  std::optional<std::string> sequence_number;  // FIFO topics
};

/// Publishes a validated message: FIFO sequence and deduplication (5 minutes) in one
/// transaction, then delivery to the topic's subscriptions (not waited for).
/// `origin` ("http://host:port") prefixes SigningCertURL and UnsubscribeURL.
PublishResult publish_to_topic(SnsService& svc, const TopicRef& topic_ref, const PublishInput& in,
                               const std::string& origin);

}  // namespace sns
