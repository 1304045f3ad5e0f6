// Fan-out to subscriptions (sns_delivery.hpp).
#include "sns_delivery.hpp"

#include <cloudemu/call.hpp>
#include <cloudemu/timestamp.hpp>
#include <cloudemu/url.hpp>
#include <nlohmann/json.hpp>

#include "sns_envelope.hpp"
#include "sns_filter_policy.hpp"
#include "sns_http_delivery.hpp"
#include "sns_service.hpp"

namespace sns {

namespace {

/// The QueueUrl the SQS plugin resolves back to (account, name); the same form S3's
/// notifications use.
std::string queue_url(const Arn& queue) {
  return "http://sqs." + queue.region + ".localhost.localstack.cloud:4566/" + queue.account + "/" +
         queue.resource;
}

Notification notification_for(const OutgoingMessage& msg, const SubscriptionRecord& sub,
                              Signer& signer) {
  Notification n;
  n.message_id = msg.message_id;
  n.topic_arn = msg.topic.arn();
  n.message = message_for_protocol(msg.input, sub.protocol);
  n.subject = msg.input.subject;
  n.sequence_number = msg.sequence_number;
  n.timestamp = ce::iso8601(msg.timestamp_ms);
  n.signature_version = msg.topic.attribute("SignatureVersion", "1");
  n.signing_cert_url = signing_cert_url(signer, msg.origin);
  n.unsubscribe_url =
      msg.origin + "/?Action=Unsubscribe&SubscriptionArn=" + ce::percent_encode(sub.arn());
  n.attributes = msg.input.attributes;
  return n;
}

void send_to_queue(SnsService& svc, const OutgoingMessage& msg, const SubscriptionRecord& sub) {
  const auto body = sqs_send_message_body(svc, msg, sub);
  const auto queue = parse_arn(sub.endpoint);
  if (!body || !queue) {
    ce::log_warn("sns", "subscription " + sub.arn() + " has no usable queue ARN: " + sub.endpoint);
    return;
  }
  ce::CallRequest call;
  call.service = "sqs";
  call.account_id = queue->account;
  call.region = queue->region;
  call.headers = {{"X-Amz-Target", "AmazonSQS.SendMessage"},
                  {"Content-Type", "application/x-amz-json-1.0"}};
  call.body = *body;
  const std::string what =
      "message " + msg.message_id + " to " + sub.endpoint + " (subscription " + sub.arn() + ")";
  // A failed delivery is the subscriber's problem, never the publisher's: log it and go on.
  ce::call_service(svc.ctx(), call, [what](ce::CallResult r) {
    if (!r.ok()) {
      ce::log_warn("sns", "delivery of " + what + " failed: " + r.error);
    } else if (r.http_status >= 300) {
      ce::log_warn("sns", "delivery of " + what + " refused by sqs (" +
                              std::to_string(r.http_status) + "): " + r.body);
    } else {
      ce::log_debug("sns", "delivered " + what);
    }
  });
}

}  // namespace

std::string signing_cert_url(Signer& signer, const std::string& origin) {
  return origin + std::string(k_path_prefix) + signer.certificate_file_name();
}

std::string signed_notification(SnsService& svc, const OutgoingMessage& msg,
                                const SubscriptionRecord& sub) {
  const Notification n = notification_for(msg, sub, svc.signer());
  const std::string signature =
      svc.signer().sign(canonical_notification_string(n), n.signature_version);
  return notification_envelope(n, signature);
}

std::string message_for_protocol(const PublishInput& in, std::string_view protocol) {
  if (in.structure != "json") return in.message;
  const auto doc = nlohmann::json::parse(in.message, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return in.message;
  const auto it = doc.find(std::string(protocol));
  if (it != doc.end() && it->is_string()) return it->get<std::string>();
  const auto fallback = doc.find("default");
  return fallback != doc.end() && fallback->is_string() ? fallback->get<std::string>() : in.message;
}

bool passes_filter(const SubscriptionRecord& sub, const PublishInput& in) {
  const std::string text = sub.attribute("FilterPolicy");
  if (text.empty()) return true;
  const auto scope = parse_filter_scope(sub.attribute("FilterPolicyScope", "MessageAttributes"))
                         .value_or(FilterScope::message_attributes);
  try {
    const FilterPolicy policy = FilterPolicy::parse(text, scope);
    if (scope == FilterScope::message_attributes)
      return policy.matches(attributes_for_filtering(in.attributes));
    const auto body = nlohmann::json::parse(message_for_protocol(in, sub.protocol), nullptr, false);
    return policy.matches(body.is_discarded() ? nlohmann::json() : body);
  } catch (const ce::AwsError&) {
    return false;  // stored before a stricter check: deliver nothing rather than everything
  }
}

std::optional<std::string> sqs_send_message_body(SnsService& svc, const OutgoingMessage& msg,
                                                 const SubscriptionRecord& sub) {
  const auto queue = parse_arn(sub.endpoint);
  if (!queue || queue->service != "sqs") return std::nullopt;
  nlohmann::json doc;
  doc["QueueUrl"] = queue_url(*queue);
  if (sub.attribute("RawMessageDelivery") == "true") {
    doc["MessageBody"] = message_for_protocol(msg.input, sub.protocol);
    if (!msg.input.attributes.empty())
      doc["MessageAttributes"] = sqs_message_attributes(msg.input.attributes);
  } else {
    doc["MessageBody"] = signed_notification(svc, msg, sub);
  }
  if (queue->resource.ends_with(".fifo")) {
    // FIFO topics keep their order and deduplication into FIFO queues.
    if (msg.input.group_id) doc["MessageGroupId"] = *msg.input.group_id;
    if (!msg.dedup_id.empty()) doc["MessageDeduplicationId"] = msg.dedup_id;
  }
  return doc.dump();
}

void deliver(SnsService& svc, const OutgoingMessage& msg,
             const std::vector<SubscriptionRecord>& subscriptions) {
  for (const auto& sub : subscriptions) {
    if (!sub.confirmed) continue;
    if (!passes_filter(sub, msg.input)) {
      ce::log_debug("sns", "message " + msg.message_id + " filtered out for " + sub.arn());
      continue;
    }
    if (sub.protocol == "sqs") {
      send_to_queue(svc, msg, sub);
    } else if (sub.protocol == "http" || sub.protocol == "https") {
      send_http_notification(svc, msg, sub);
    } else {
      // Email, SMS, mobile push, Lambda and Firehose are not sent (docs/sns.md): only logged.
      ce::log_info("sns", "message " + msg.message_id + " for " + sub.protocol + " endpoint " +
                              sub.endpoint + " (subscription " + sub.arn() +
                              ") recorded, not sent");
    }
  }
}

}  // namespace sns
