// The JSON document SNS delivers to SQS (without RawMessageDelivery), HTTP/S and email-json
// endpoints, and the canonical string its Signature is computed over ("Verifying the signatures
// of Amazon SNS messages": Message, MessageId, Subject when present, Timestamp, TopicArn, Type,
// each as "<name>\n<value>\n").
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "sns_message_attributes.hpp"

namespace sns {

struct Notification {
  std::string message_id, topic_arn, message;
  std::optional<std::string> subject;
  std::optional<std::string> sequence_number;  // FIFO topics
  std::string timestamp;                       // 2012-05-02T00:54:06.655Z
  std::string signature_version = "1";
  std::string signing_cert_url, unsubscribe_url;
  MessageAttributes attributes;
};

std::string canonical_notification_string(const Notification& n);

/// What an HTTP/S endpoint gets when it is subscribed: the token and the URL that confirms.
struct Confirmation {
  std::string message_id, token, topic_arn, message, subscribe_url;
  std::string timestamp;
  std::string signature_version = "1";
  std::string signing_cert_url;
};

/// Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type (the documented order for
/// SubscriptionConfirmation).
std::string canonical_confirmation_string(const Confirmation& c);

/// The SubscriptionConfirmation document in SNS's key order.
std::string confirmation_envelope(const Confirmation& c, std::string_view signature);

/// The envelope in SNS's key order (Type, MessageId, [SequenceNumber,] TopicArn, [Subject,]
/// Message, Timestamp, SignatureVersion, Signature, SigningCertURL, UnsubscribeURL,
/// [MessageAttributes]).
std::string notification_envelope(const Notification& n, std::string_view signature);

}  // namespace sns
