// Delivery to HTTP/S subscribers through the host's outbound HTTP (ABI 1.3): the
// SubscriptionConfirmation a new subscription gets, and each notification, retried by the
// delivery policy (sns_delivery_policy.hpp) when the endpoint does not answer, answers 5xx or 429.
// Any other answer outside 2xx is the endpoint refusing: SNS does not retry it.
#pragma once
#include <cloudemu/clock.hpp>
#include <cloudemu/context.hpp>
#include <cloudemu/http_client.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "sns_delivery_policy.hpp"

namespace sns {

class SnsService;
struct OutgoingMessage;

/// One message for one endpoint, with what is left of its retries.
struct HttpDelivery {
  ce::OutsideRequest request;
  RetryPolicy policy;
  int retries_done = 0;
  std::string what;  // "message <id> to <url> (subscription <arn>)", for the log
};

/// Whether an endpoint's answer is one SNS retries (no answer, 5xx, 429).
bool worth_retrying(const ce::CallResult& r);

/// Sends deliveries and keeps their retry timers, which it cancels when destroyed (the host has
/// stopped firing timers and finished every outbound request by then).
class HttpDeliveries {
 public:
  explicit HttpDeliveries(const ce::ServiceContext& ctx) : ctx_(ctx) {}
  ~HttpDeliveries();
  HttpDeliveries(const HttpDeliveries&) = delete;
  HttpDeliveries& operator=(const HttpDeliveries&) = delete;

  void start(HttpDelivery delivery);

 private:
  void send(std::shared_ptr<HttpDelivery> d);
  void answered(const std::shared_ptr<HttpDelivery>& d, const ce::CallResult& r);

  ce::ServiceContext ctx_;
  std::mutex mu_;
  bool stopping_ = false;
  uint64_t next_retry_ = 0;
  std::map<uint64_t, ce::TimerHandle> retries_;
};

/// POSTs the SubscriptionConfirmation to a pending HTTP/S subscription; `origin` is the emulator's
/// own address as the subscriber reaches it (SubscribeURL, SigningCertURL).
void send_subscription_confirmation(SnsService& svc, const TopicRecord& topic,
                                    const SubscriptionRecord& sub, const std::string& origin);

/// POSTs one notification (enveloped, or raw with RawMessageDelivery) to an HTTP/S subscription.
void send_http_notification(SnsService& svc, const OutgoingMessage& msg,
                            const SubscriptionRecord& sub);

}  // namespace sns
