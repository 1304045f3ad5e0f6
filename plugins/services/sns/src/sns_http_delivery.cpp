// HTTP/S subscribers: confirmation, notifications, retries (sns_http_delivery.hpp).
#include "sns_http_delivery.hpp"

#include <cloudemu/timestamp.hpp>
#include <cloudemu/url.hpp>

#include "sns_arn.hpp"
#include "sns_delivery.hpp"
#include "sns_envelope.hpp"
#include "sns_service.hpp"

namespace sns {

namespace {

/// The headers SNS sets on every POST to an HTTP/S endpoint ("Parse messages": the message type,
/// its id and topic, and the subscription for notifications).
ce::OutsideRequest outside_post(const std::string& url, const std::string& type,
                                const std::string& message_id, const std::string& topic_arn,
                                const std::string& content_type) {
  ce::OutsideRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"x-amz-sns-message-type", type},
               {"x-amz-sns-message-id", message_id},
               {"x-amz-sns-topic-arn", topic_arn},
               {"Content-Type", content_type},
               {"User-Agent", "Amazon Simple Notification Service Agent"}};
  return r;
}

std::string outcome_text(const ce::CallResult& r) {
  return r.ok() ? "HTTP " + std::to_string(r.http_status) : r.error;
}

}  // namespace

bool worth_retrying(const ce::CallResult& r) {
  if (!r.ok()) return true;  // no answer at all
  return r.http_status >= 500 || r.http_status == 429;
}

HttpDeliveries::~HttpDeliveries() {
  std::lock_guard lock(mu_);
  stopping_ = true;
  for (auto& [id, timer] : retries_) ce::cancel_timer(ctx_, timer);
  retries_.clear();
}

void HttpDeliveries::start(HttpDelivery delivery) {
  send(std::make_shared<HttpDelivery>(std::move(delivery)));
}

void HttpDeliveries::send(std::shared_ptr<HttpDelivery> d) {
  ce::send_outside(ctx_, d->request, [this, d](ce::CallResult r) { answered(d, r); });
}

void HttpDeliveries::answered(const std::shared_ptr<HttpDelivery>& d, const ce::CallResult& r) {
  if (r.ok() && r.http_status >= 200 && r.http_status < 300) {
    ce::log_debug("sns", "delivered " + d->what + " (" + outcome_text(r) + ")");
    return;
  }
  if (!worth_retrying(r) || d->retries_done >= d->policy.num_retries) {
    ce::log_warn("sns", "delivery of " + d->what + " failed after " +
                            std::to_string(d->retries_done) + " retries: " + outcome_text(r));
    return;
  }
  ++d->retries_done;
  const int64_t delay = retry_delay_ms(d->policy, d->retries_done);
  ce::log_info("sns", "delivery of " + d->what + " failed (" + outcome_text(r) + "); retry " +
                          std::to_string(d->retries_done) + " of " +
                          std::to_string(d->policy.num_retries) + " in " +
                          std::to_string(delay / 1000) + " s");
  if (delay == 0) return send(d);
  std::lock_guard lock(mu_);
  if (stopping_) return;
  const uint64_t id = ++next_retry_;
  retries_[id] = ce::start_timer(ctx_, delay, [this, id, d] {
    {
      std::lock_guard inner(mu_);
      if (retries_.erase(id) == 0) return;  // cancelled meanwhile
    }
    send(d);
  });
}

void send_subscription_confirmation(SnsService& svc, const TopicRecord& topic,
                                    const SubscriptionRecord& sub, const std::string& origin) {
  Confirmation c;
  c.message_id = random_uuid();
  c.token = sub.token;
  c.topic_arn = topic.arn();
  c.message = "You have chosen to subscribe to the topic " + c.topic_arn +
              ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
  c.subscribe_url = origin +
                    "/?Action=ConfirmSubscription&TopicArn=" + ce::percent_encode(c.topic_arn) +
                    "&Token=" + c.token;
  c.timestamp = ce::iso8601(svc.now_ms());
  c.signature_version = topic.attribute("SignatureVersion", "1");
  c.signing_cert_url = signing_cert_url(svc.signer(), origin);
  const std::string signature =
      svc.signer().sign(canonical_confirmation_string(c), c.signature_version);

  HttpDelivery d;
  d.request = outside_post(sub.endpoint, "SubscriptionConfirmation", c.message_id, c.topic_arn,
                           delivery_content_type(sub, topic));
  d.request.body = confirmation_envelope(c, signature);
  d.policy = retry_policy_for(sub, topic);
  d.what = "the confirmation request to " + sub.endpoint + " (subscription " + sub.arn() + ")";
  svc.http_deliveries().start(std::move(d));
}

void send_http_notification(SnsService& svc, const OutgoingMessage& msg,
                            const SubscriptionRecord& sub) {
  HttpDelivery d;
  d.request = outside_post(sub.endpoint, "Notification", msg.message_id, msg.topic.arn(),
                           delivery_content_type(sub, msg.topic));
  d.request.headers.emplace_back("x-amz-sns-subscription-arn", sub.arn());
  if (sub.attribute("RawMessageDelivery") == "true") {
    d.request.headers.emplace_back("x-amz-sns-rawdelivery", "true");
    d.request.body = message_for_protocol(msg.input, sub.protocol);
  } else {
    d.request.body = signed_notification(svc, msg, sub);
  }
  d.policy = retry_policy_for(sub, msg.topic);
  d.what =
      "message " + msg.message_id + " to " + sub.endpoint + " (subscription " + sub.arn() + ")";
  svc.http_deliveries().start(std::move(d));
}

}  // namespace sns
