// Notification envelope and canonical signing string (sns_envelope.hpp).
#include "sns_envelope.hpp"

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace sns {

std::string canonical_notification_string(const Notification& n) {
  std::string out;
  auto add = [&](std::string_view name, std::string_view value) {
    out.append(name).append("\n").append(value).append("\n");
  };
  add("Message", n.message);
  add("MessageId", n.message_id);
  if (n.subject) add("Subject", *n.subject);
  add("Timestamp", n.timestamp);
  add("TopicArn", n.topic_arn);
  add("Type", "Notification");
  return out;
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
