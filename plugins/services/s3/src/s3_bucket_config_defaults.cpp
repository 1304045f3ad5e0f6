// The subresources S3 always answers, with a default document when nothing was put: logging
// (BucketLoggingStatus), accelerate, requestPayment and notification. None has a Delete: a Put
// of the empty/default document turns the setting off. All are kept, none is acted on.
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_notifications.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

std::string empty_document(std::string_view root) {
  ce::XmlWriter w;
  w.open(root, k_xmlns);
  return w.finish();
}

std::string normalize_logging(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "BucketLoggingStatus");
  if (const pugi::xml_node enabled = child(root, "LoggingEnabled")) {
    require_text(enabled, "TargetBucket");
    require_text(enabled, "TargetPrefix");
  }
  return canonical_xml(root);
}

std::string normalize_accelerate(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "AccelerateConfiguration");
  require_enum(root, "Status", {"Enabled", "Suspended"});
  return canonical_xml(root);
}

void put_accelerate(BucketRecord& b, const std::string&) {
  if (b.name.find('.') != std::string::npos) {
    throw err::invalid_request(
        "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names");
  }
}

std::string normalize_request_payment(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "RequestPaymentConfiguration");
  require_enum(root, "Payer", {"Requester", "BucketOwner"});
  return canonical_xml(root);
}

std::string normalize_notification(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "NotificationConfiguration");
  // Each destination names its target and at least one event.
  for (const auto& [element, target] :
       {std::pair{"TopicConfiguration", "Topic"}, std::pair{"QueueConfiguration", "Queue"},
        std::pair{"CloudFunctionConfiguration", "CloudFunction"}}) {
    for (const pugi::xml_node& c : children(root, element)) {
      require_text(c, target);
      if (children(c, "Event").empty()) throw err::malformed_xml();
    }
  }
  return canonical_xml(root);
}

std::optional<std::string> logging_off(const BucketRecord&) {
  return empty_document("BucketLoggingStatus");
}
std::optional<std::string> never_accelerated(const BucketRecord&) {
  return empty_document("AccelerateConfiguration");
}
std::optional<std::string> owner_pays(const BucketRecord&) {
  ce::XmlWriter w;
  w.open("RequestPaymentConfiguration", k_xmlns).element("Payer", "BucketOwner");
  return w.finish();
}
std::optional<std::string> no_notifications(const BucketRecord&) {
  return empty_document("NotificationConfiguration");
}

}  // namespace

constinit const ConfigKind k_logging{
    .key = "logging",
    .get_op = "GetBucketLogging",
    .put_op = "PutBucketLogging",
    .delete_op = "",
    .normalize = &normalize_logging,
    .when_unset = &logging_off,
};

constinit const ConfigKind k_accelerate{
    .key = "accelerate",
    .get_op = "GetBucketAccelerateConfiguration",
    .put_op = "PutBucketAccelerateConfiguration",
    .delete_op = "",
    .normalize = &normalize_accelerate,
    .on_put = &put_accelerate,
    .when_unset = &never_accelerated,
};

constinit const ConfigKind k_request_payment{
    .key = "requestPayment",
    .get_op = "GetBucketRequestPayment",
    .put_op = "PutBucketRequestPayment",
    .delete_op = "",
    .normalize = &normalize_request_payment,
    .when_unset = &owner_pays,
};

constinit const ConfigKind k_notification{
    .key = "notification",
    .get_op = "GetBucketNotificationConfiguration",
    .put_op = "PutBucketNotificationConfiguration",
    .delete_op = "",
    .normalize = &normalize_notification,
    .after_put = &send_test_events,
    .when_unset = &no_notifications,
};

}  // namespace s3::config
