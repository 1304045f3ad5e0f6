#include "s3_notifications.hpp"

#include <cloudemu/call.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/url.hpp>
#include <nlohmann/json.hpp>

#include "s3_owner.hpp"
#include "s3_text.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

/// arn:aws:<service>:<region>:<account>:<name>
struct Arn {
  std::string service, region, account, name;
};
std::optional<Arn> parse_arn(std::string_view arn) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.emplace_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn") return std::nullopt;
  return Arn{parts[2], parts[3], parts[4], std::string(arn.substr(start))};
}

ce::CallRequest delivery_for(const NotificationTarget& t, const Arn& arn,
                             const std::string& message) {
  ce::CallRequest call;
  call.account_id = arn.account;
  call.region = arn.region;
  if (t.kind == "queue") {
    call.service = "sqs";
    call.headers = {{"X-Amz-Target", "AmazonSQS.SendMessage"},
                    {"Content-Type", "application/x-amz-json-1.0"}};
    const std::string url = "http://sqs." + arn.region + ".localhost.localstack.cloud:4566/" +
                            arn.account + "/" + arn.name;
    call.body = nlohmann::json{{"QueueUrl", url}, {"MessageBody", message}}.dump();
  } else if (t.kind == "topic") {
    call.service = "sns";
    call.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    call.body = "Action=Publish&TopicArn=" + ce::percent_encode(t.arn) +
                "&Subject=" + ce::percent_encode("Amazon S3 Notification") +
                "&Message=" + ce::percent_encode(message);
  } else {
    call.service = "lambda";
    call.target = "/2015-03-31/functions/" + ce::percent_encode(arn.name) + "/invocations";
    call.headers = {{"X-Amz-Invocation-Type", "Event"}, {"Content-Type", "application/json"}};
    call.body = message;
  }
  return call;
}

void deliver(const ce::ServiceContext& ctx, const NotificationTarget& t,
             const std::string& message) {
  const auto arn = parse_arn(t.arn);
  if (!arn) {
    ce::log_warn("s3", "notification target '" + t.arn + "' is not an ARN; event dropped");
    return;
  }
  const std::string target = t.arn;
  ce::call_service(ctx, delivery_for(t, *arn, message), [target](ce::CallResult r) {
    if (r.status == CE_NOT_FOUND) {
      ce::log_warn("s3", "event notification for " + target + " not delivered: " + r.error);
    } else if (!r.ok() || r.http_status >= 300) {
      ce::log_warn("s3", "event notification for " + target + " refused: HTTP " +
                             std::to_string(r.http_status) + " " + r.body.substr(0, 200));
    }
  });
}

}  // namespace

std::vector<NotificationTarget> parse_notification_targets(std::string_view doc) {
  std::vector<NotificationTarget> out;
  if (doc.empty()) return out;
  const auto parsed = parse_xml(doc);
  const auto root = parsed.document_element();
  const std::pair<const char*, const char*> k_kinds[] = {
      {"QueueConfiguration", "Queue"},
      {"TopicConfiguration", "Topic"},
      {"CloudFunctionConfiguration", "CloudFunction"},
      {"LambdaFunctionConfiguration", "CloudFunction"}};
  for (const auto& [element, arn_element] : k_kinds) {
    for (const auto& c : children(root, element)) {
      NotificationTarget t;
      t.kind = std::string_view(element).substr(0, 5) == "Queue"   ? "queue"
               : std::string_view(element).substr(0, 5) == "Topic" ? "topic"
                                                                   : "function";
      t.arn = child_text(c, arn_element).value_or("");
      t.id = child_text(c, "Id").value_or("");
      for (const auto& e : children(c, "Event")) t.events.emplace_back(e.text().get());
      for (const auto& rule : children(child(child(c, "Filter"), "S3Key"), "FilterRule")) {
        const std::string name = ascii_lower(child_text(rule, "Name").value_or(""));
        if (name == "prefix") t.prefix = child_text(rule, "Value").value_or("");
        if (name == "suffix") t.suffix = child_text(rule, "Value").value_or("");
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

bool event_matches(std::string_view pattern, std::string_view event) {
  if (pattern.substr(0, 3) == "s3:") pattern.remove_prefix(3);
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return event.substr(0, pattern.size()) == pattern;
  }
  return pattern == event;
}

std::string event_json(const BucketRecord& bucket, std::string_view event, std::string_view key,
                       const ObjectVersion& v, std::string_view configuration_id,
                       std::string_view request_id, std::string_view region, int64_t now_ms) {
  nlohmann::json object = {{"key", ce::percent_encode(key, true)},
                           {"sequencer", version_id_for(v.seq).substr(0, 16)}};
  if (event.substr(0, 13) == "ObjectCreated") {
    object["size"] = v.size;
    object["eTag"] = v.etag;
  }
  if (!bucket.versioning.empty()) object["versionId"] = v.version_id;
  const nlohmann::json record = {
      {"eventVersion", "2.1"},
      {"eventSource", "aws:s3"},
      {"awsRegion", region},
      {"eventTime", iso8601(now_ms)},
      {"eventName", event},
      {"userIdentity", {{"principalId", "AWS:" + v.owner}}},
      {"requestParameters", {{"sourceIPAddress", "127.0.0.1"}}},
      {"responseElements", {{"x-amz-request-id", request_id}, {"x-amz-id-2", request_id}}},
      {"s3",
       {{"s3SchemaVersion", "1.0"},
        {"configurationId", configuration_id},
        {"bucket",
         {{"name", bucket.name},
          {"ownerIdentity", {{"principalId", canonical_user_id(bucket.owner)}}},
          {"arn", "arn:aws:s3:::" + bucket.name}}},
        {"object", object}}}};
  return nlohmann::json{{"Records", nlohmann::json::array({record})}}.dump();
}

void send_test_events(Call& call, const std::string& doc) {
  const std::string request_id(call.req.request_id());
  const std::string message =
      nlohmann::json{{"Service", "Amazon S3"},         {"Event", "s3:TestEvent"},
                     {"Time", iso8601(call.now_ms())}, {"Bucket", call.bucket},
                     {"RequestId", request_id},        {"HostId", request_id}}
          .dump();
  for (const auto& t : parse_notification_targets(doc)) deliver(call.ctx(), t, message);
}

void notify(const ce::ServiceContext& ctx, const BucketRecord& bucket, std::string_view event,
            std::string_view key, const ObjectVersion& v, const EventSource& source) {
  const auto it = bucket.configs.find("notification");
  if (it == bucket.configs.end() || it->second.empty()) return;
  for (const auto& t : parse_notification_targets(it->second)) {
    if (key.substr(0, t.prefix.size()) != t.prefix) continue;
    if (key.size() < t.suffix.size() || key.substr(key.size() - t.suffix.size()) != t.suffix)
      continue;
    bool wanted = false;
    for (const auto& e : t.events) wanted = wanted || event_matches(e, event);
    if (!wanted) continue;
    const std::string region = bucket.region.empty() ? source.region : bucket.region;
    deliver(ctx, t,
            event_json(bucket, event, key, v, t.id, source.request_id,
                       region.empty() ? "us-east-1" : region, ctx.now_ms()));
  }
}

}  // namespace s3
