// Event notifications: after a write commits, the events matching the bucket's
// NotificationConfiguration (event name patterns, prefix/suffix key filters) are delivered as
// S3's event JSON to SQS queues, SNS topics and Lambda functions through the host's internal call.
// Delivery never fails the write: a target service that is not loaded, or that refuses, is logged.
#pragma once
#include <cloudemu/context.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "s3_records.hpp"

namespace s3 {

struct NotificationTarget {
  std::string kind;  // "queue", "topic", "function"
  std::string arn;
  std::string id;
  std::vector<std::string> events;  // "s3:ObjectCreated:*", ...
  std::string prefix, suffix;
};

/// The targets of a stored NotificationConfiguration document.
std::vector<NotificationTarget> parse_notification_targets(std::string_view doc);

/// True when an event ("ObjectCreated:Put") matches a configured pattern ("s3:ObjectCreated:*").
bool event_matches(std::string_view pattern, std::string_view event);

/// The event JSON S3 sends (one record, eventVersion 2.1).
std::string event_json(const BucketRecord& bucket, std::string_view event, std::string_view key,
                       const ObjectVersion& v, std::string_view configuration_id,
                       std::string_view request_id, std::string_view region, int64_t now_ms);

struct EventSource {
  std::string request_id;
  std::string region;
};

/// Sends `event` ("ObjectCreated:Put", "ObjectRemoved:Delete", ...) for key/version to every
/// matching target of the bucket. Cheap when the bucket has no notification configuration.
void notify(const ce::ServiceContext& ctx, const BucketRecord& bucket, std::string_view event,
            std::string_view key, const ObjectVersion& v, const EventSource& source);

}  // namespace s3

#include "s3_ops.hpp"

namespace s3 {
/// The s3:TestEvent S3 sends to every target of a notification configuration when it is stored.
void send_test_events(Call& call, const std::string& doc);

/// notify() for an event caused by this request.
inline void notify(Call& call, const BucketRecord& bucket, std::string_view event,
                   std::string_view key, const ObjectVersion& v) {
  notify(call.ctx(), bucket, event, key, v,
         {std::string(call.req.request_id()), std::string(call.req.region())});
}
}  // namespace s3
