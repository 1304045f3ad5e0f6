// Notification envelope and canonical signing string (sns_envelope.hpp).
#include "sns_envelope.hpp"

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace sns {

namespace {

/// One "<name>\n<value>\n" line pair of a string to sign.
void append_signed_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append("\n").append(value).append("\n");
}

}  // namespace

std::string canonical_notification_string(const Notification& n) {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    append_signed_field(out, name, value);
  };
  add("Message", n.message);
  add("MessageId", n.message_id);
  if (n.subject) add("Subject", *n.subject);
  add("Timestamp", n.timestamp);
  add("TopicArn", n.topic_arn);
  add("Type", "Notification");
  return out;
}

std::string canonical_confirmation_string(const Confirmation& c) {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    append_signed_field(out, name, value);
  };
  add("Message", c.message);
  add("MessageId", c.message_id);
  add("SubscribeURL", c.subscribe_url);
  add("Timestamp", c.timestamp);
  add("Token", c.token);
  add("TopicArn", c.topic_arn);
  add("Type", "SubscriptionConfirmation");
  return out;
}

std::string confirmation_envelope(const Confirmation& c, std::string_view signature) {
  nlohmann::ordered_json doc;
  doc["Type"] = "SubscriptionConfirmation";
  doc["MessageId"] = c.message_id;
  doc["Token"] = c.token;
  doc["TopicArn"] = c.topic_arn;
  doc["Message"] = c.message;
  doc["SubscribeURL"] = c.subscribe_url;
  doc["Timestamp"] = c.timestamp;
  doc["SignatureVersion"] = c.signature_version;
  doc["Signature"] = signature;
  doc["SigningCertURL"] = c.signing_cert_url;
  return doc.dump();
}

std::string notification_envelope(const Notification& n, std::string_view signature) {
  nlohmann::ordered_json doc;
  doc["Type"] = "Notification";
  doc["MessageId"] = n.message_id;
  if (n.sequence_number) doc["SequenceNumber"] = *n.sequence_number;
  doc["TopicArn"] = n.topic_arn;
  if (n.subject) doc["Subject"] = *n.subject;
  doc["Message"] = n.message;
  doc["Timestamp"] = n.timestamp;
  doc["SignatureVersion"] = n.signature_version;
  doc["Signature"] = signature;
  doc["SigningCertURL"] = n.signing_cert_url;
  doc["UnsubscribeURL"] = n.unsubscribe_url;
  if (!n.attributes.empty()) doc["MessageAttributes"] = envelope_attributes(n.attributes);
  return doc.dump();
}

}  // namespace sns
