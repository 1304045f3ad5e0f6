// Fan-out of one published message to a topic's subscriptions: filter policies, the envelope or
// the raw body, the internal call to the `sqs` service, HTTP/S endpoints through the host's
// outbound HTTP (sns_http_delivery.hpp). Deliveries are not waited for: a
// failed one is logged and never fails the Publish (docs/sns.md, "Delivery").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sns_publish.hpp"
#include "sns_signing.hpp"
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

/// Where subscribers fetch the certificate that verifies signatures, as `origin` reaches us.
std::string signing_cert_url(Signer& signer, const std::string& origin);

/// The signed JSON envelope of `msg` for `sub` (SQS without raw delivery, HTTP/S).
std::string signed_notification(SnsService& svc, const OutgoingMessage& msg,
                                const SubscriptionRecord& sub);

/// The SQS SendMessage document (JSON protocol) for `sub`, or nullopt when its endpoint is not a
/// queue ARN. The envelope is signed with `svc`'s key.
std::optional<std::string> sqs_send_message_body(SnsService& svc, const OutgoingMessage& msg,
                                                 const SubscriptionRecord& sub);

void deliver(SnsService& svc, const OutgoingMessage& msg,
             const std::vector<SubscriptionRecord>& subscriptions);

}  // namespace sns
