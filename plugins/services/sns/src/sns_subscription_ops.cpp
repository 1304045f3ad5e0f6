// Subscribe, Unsubscribe, ConfirmSubscription, ListSubscriptions, ListSubscriptionsByTopic.
#include <openssl/rand.h>

#include "sns_errors.hpp"
#include "sns_form.hpp"
#include "sns_http_delivery.hpp"
#include "sns_ops.hpp"
#include "sns_service.hpp"
#include "sns_subscription_attributes.hpp"
#include "sns_topic_attributes.hpp"

namespace sns {

namespace {

constexpr std::size_t k_subscriptions_per_page = 100;

bool known_protocol(std::string_view p) {
  static constexpr std::string_view k_protocols[] = {
      "http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"};
  for (const auto known : k_protocols)
    if (known == p) return true;
  return false;
}

/// Protocols whose subscriptions need no confirmation by the endpoint's owner.
bool confirmed_at_once(std::string_view p) {
  return p == "sqs" || p == "lambda" || p == "firehose" || p == "application" || p == "sms";
}

bool arn_of_service(std::string_view endpoint, std::string_view service) {
  const auto arn = parse_arn(endpoint);
  return arn && arn->service == service && !arn->region.empty() && !arn->account.empty() &&
         !arn->resource.empty();
}

bool phone_number(std::string_view e) {
  if (e.starts_with('+')) e.remove_prefix(1);
  if (e.size() < 7 || e.size() > 15) return false;
  for (const char c : e)
    if (c < '0' || c > '9') return false;
  return true;
}

void check_endpoint(std::string_view protocol, std::string_view endpoint, const TopicRecord& t) {
  if (protocol == "sqs") {
    if (!arn_of_service(endpoint, "sqs")) throw invalid_parameter("SQS endpoint ARN");
    if (!t.fifo() && endpoint.ends_with(".fifo"))
      throw invalid_parameter(
          "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard "
          "SNS topics");
  } else if (protocol == "http" || protocol == "https") {
    if (!endpoint.starts_with(std::string(protocol) + "://"))
      throw invalid_parameter("Endpoint must match the specified protocol");
  } else if (protocol == "email" || protocol == "email-json") {
    const auto at = endpoint.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == endpoint.size())
      throw invalid_parameter("Email address");
  } else if (protocol == "sms") {
    if (!phone_number(endpoint)) throw invalid_parameter("SMS endpoint");
  } else if (protocol == "lambda") {
    if (!arn_of_service(endpoint, "lambda")) throw invalid_parameter("Lambda endpoint ARN");
  } else if (protocol == "firehose") {
    if (!arn_of_service(endpoint, "firehose")) throw invalid_parameter("Firehose endpoint ARN");
  } else if (protocol == "application") {
    if (!arn_of_service(endpoint, "sns")) throw invalid_parameter("Application endpoint ARN");
  }
}

std::string confirmation_token() {
  unsigned char bytes[64];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char b : bytes) {
    out += k_hex[b >> 4];
    out += k_hex[b & 0xF];
  }
  return out;
}

/// What a listing or Subscribe shows as the ARN of a subscription still waiting for its owner.
std::string listed_arn(const SubscriptionRecord& s) {
  return s.confirmed ? s.arn() : "PendingConfirmation";
}

void subscribe(Call& c, ce::XmlWriter& w) {
  const std::string protocol = c.required("Protocol");
  if (!known_protocol(protocol))
    throw invalid_parameter("Amazon SNS does not support this protocol string: " + protocol);
  const std::string endpoint = c.optional("Endpoint").value_or("");
  if (endpoint.empty()) throw invalid_parameter("Endpoint");
  const AttributeMap attributes =
      checked_subscription_attributes(entry_map(c.params, "Attributes"), protocol);
  if (protocol == "firehose" && !attributes.contains("SubscriptionRoleArn"))
    throw invalid_parameter("SubscriptionRoleArn");
  const bool return_arn = parse_bool(c.optional("ReturnSubscriptionArn").value_or("false")) ==
                          std::optional<std::string>("true");

  TopicRecord topic;
  const SubscriptionRecord sub = ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    topic = c.require_topic(txn, "TopicArn");
    check_endpoint(protocol, endpoint, topic);
    // Subscribing the same endpoint twice gives the existing subscription back, if it was asked
    // for with the same attributes.
    for (const auto& s : c.svc.store().subscriptions_of(txn, topic.ref())) {
      if (s.protocol != protocol || s.endpoint != endpoint) continue;
      for (const auto& [k, v] : attributes) {
        if (s.attribute(k) != v)
          throw invalid_parameter(
              "Attributes Reason: Subscription already exists with different attributes");
      }
      return s;
    }
    SubscriptionRecord s;
    s.account = topic.account;
    s.region = topic.region;
    s.topic_name = topic.name;
    s.id = random_uuid();
    s.protocol = protocol;
    s.endpoint = endpoint;
    s.owner = std::string(c.account());
    s.confirmed = confirmed_at_once(protocol);
    s.token = s.confirmed ? std::string() : confirmation_token();
    s.attributes = attributes;
    s.created_ms = c.svc.now_ms();
    c.svc.store().put_subscription(txn, s);
    return s;
  });
  if (!sub.confirmed) {
    ce::log_info("sns", "subscription " + sub.arn() + " (" + protocol + " " + endpoint +
                            ") waits for ConfirmSubscription; its token is served at " +
                            std::string(k_path_prefix) + "subscription-tokens/" + sub.arn());
    // Asking again for a pending subscription sends its confirmation request again, as SNS does.
    if (protocol == "http" || protocol == "https")
      send_subscription_confirmation(c.svc, topic, sub, c.origin());
  }
  w.element("SubscriptionArn", sub.confirmed || return_arn ? sub.arn() : "pending confirmation");
}

void unsubscribe(Call& c, ce::XmlWriter&) {
  const auto ref = parse_subscription_arn(c.required("SubscriptionArn"));
  if (!ref) throw invalid_parameter("SubscriptionArn");
  ce::with_write_txn(c.svc.ctx(),
                     [&](ce::WriteTxn& txn) { c.svc.store().delete_subscription(txn, *ref); });
}

void confirm_subscription(Call& c, ce::XmlWriter& w) {
  const std::string token = c.required("Token");
  const SubscriptionRecord sub = ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    const TopicRecord topic = c.require_topic(txn, "TopicArn");
    for (auto s : c.svc.store().subscriptions_of(txn, topic.ref())) {
      if (s.token.empty() || s.token != token) continue;
      s.confirmed = true;
      c.svc.store().put_subscription(txn, s);
      return s;
    }
    throw invalid_parameter("Token");
  });
  w.element("SubscriptionArn", sub.arn());
}

void write_subscriptions(ce::XmlWriter& w, const Page<SubscriptionRecord>& page) {
  w.open("Subscriptions");
  for (const auto& s : page.items) {
    w.open("member")
        .element("SubscriptionArn", listed_arn(s))
        .element("Owner", s.owner)
        .element("Protocol", s.protocol)
        .element("Endpoint", s.endpoint)
        .element("TopicArn", s.topic_arn())
        .close();
  }
  w.close();
  if (!page.next_token.empty()) w.element("NextToken", page.next_token);
}

void list_subscriptions(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const auto page = c.svc.store().list_subscriptions(txn, c.account(), c.region(), nullptr,
                                                     c.optional("NextToken").value_or(""),
                                                     k_subscriptions_per_page);
  if (!page) throw invalid_parameter("NextToken");
  write_subscriptions(w, *page);
}

void list_subscriptions_by_topic(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const TopicRecord topic = c.require_topic(txn, "TopicArn");
  const auto page = c.svc.store().list_subscriptions(txn, topic.account, topic.region, &topic.name,
                                                     c.optional("NextToken").value_or(""),
                                                     k_subscriptions_per_page);
  if (!page) throw invalid_parameter("NextToken");
  write_subscriptions(w, *page);
}

}  // namespace

void add_subscription_ops(OpRegistry& ops) {
  ops.add("Subscribe", &subscribe);
  ops.add("Unsubscribe", &unsubscribe, false);
  ops.add("ConfirmSubscription", &confirm_subscription);
  ops.add("ListSubscriptions", &list_subscriptions);
  ops.add("ListSubscriptionsByTopic", &list_subscriptions_by_topic);
}

}  // namespace sns
