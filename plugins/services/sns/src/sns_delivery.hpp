// Fan-out of one published message to a topic's subscriptions: filter policies, the envelope or
// the raw body, and the internal call to the `sqs` service. Deliveries are not waited for: a
// failed one is logged and never fails the Publish (docs/sns.md, "Delivery").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sns_publish.hpp"
#include "sns_store.hpp"

namespace sns {

struct OutgoingMessage {
  TopicRecord topic;
  std::string message_id;
  PublishInput input;
  std::optional<std::string> sequence_number;
  std::string dedup_id;  // FIFO: explicit or content-based
  int64_t timestamp_ms = 0;
  std::string origin;  // "http://host:port" for SigningCertURL and UnsubscribeURL
};

/// The text a subscription of `protocol` gets: with MessageStructure json, its protocol's entry
/// or "default".
std::string message_for_protocol(const PublishInput& in, std::string_view protocol);

/// Whether `sub`'s filter policy (if any) lets `msg` through.
bool passes_filter(const SubscriptionRecord& sub, const PublishInput& in);

/// The SQS SendMessage document (JSON protocol) for `sub`, or nullopt when its endpoint is not a
/// queue ARN. The envelope is signed with `svc`'s key.
std::optional<std::string> sqs_send_message_body(SnsService& svc, const OutgoingMessage& msg,
                                                 const SubscriptionRecord& sub);

void deliver(SnsService& svc, const OutgoingMessage& msg,
             const std::vector<SubscriptionRecord>& subscriptions);

}  // namespace sns
