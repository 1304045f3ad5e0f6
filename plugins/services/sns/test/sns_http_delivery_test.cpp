// HTTP/S subscribers, through the fake host's outside endpoint: the SubscriptionConfirmation and
// its SubscribeURL, notifications with SNS's headers, raw delivery, and retries by the delivery
// policy on the host clock.
#include <cloudemu/url.hpp>
#include <nlohmann/json.hpp>

#include "sns_delivery_policy.hpp"
#include "sns_fixture.hpp"
#include "sns_signature_check.hpp"

using Json = nlohmann::json;

namespace {

const std::string k_endpoint = "http://127.0.0.1:9/hook";

std::string header(const ce::testing::fake_detail::OutsideCall& call, const std::string& name) {
  for (const auto& [k, v] : call.headers)
    if (k == name) return v;
  return "<absent>";
}

/// An outside endpoint that answers every request with `status`.
ce::testing::fake_detail::OutsideEndpoint answering(uint32_t status) {
  return [status](const auto&) {
    ce::testing::HttpResponse r;
    r.status = status;
    return r;
  };
}

/// Subscribes k_endpoint and confirms it through the SubscribeURL it was sent.
std::string subscribe_and_confirm(SnsFixture& f, const std::string& topic, Form extra = {}) {
  const std::string sub = f.subscribe(topic, "http", k_endpoint, std::move(extra));
  f.host.run_posted();
  const auto calls = f.host.outside_calls();
  REQUIRE(!calls.empty());
  const Json confirmation = Json::parse(calls.back().body);
  const std::string url = confirmation.at("SubscribeURL");
  const std::string query = url.substr(url.find('?') + 1);
  f.ok("ConfirmSubscription", {{"TopicArn", ce::query_param(query, "TopicArn")},
                               {"Token", ce::query_param(query, "Token")}});
  return sub;
}

}  // namespace

TEST_CASE("an HTTP subscription is sent a signed SubscriptionConfirmation",
          "[sns][http][signature]") {
  SnsFixture f;
  f.host.set_outside_endpoint(answering(200));
  const std::string topic = f.create_topic("t");
  const std::string sub = f.subscribe(topic, "http", k_endpoint);
  CHECK(f.subscription_attribute(sub, "PendingConfirmation") == "true");
  f.host.run_posted();
  const auto calls = f.host.outside_calls();
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].method == "POST");
  CHECK(calls[0].url == k_endpoint);
  CHECK(header(calls[0], "x-amz-sns-message-type") == "SubscriptionConfirmation");
  CHECK(header(calls[0], "x-amz-sns-topic-arn") == topic);
  CHECK(header(calls[0], "Content-Type") == "text/plain; charset=UTF-8");
  const Json doc = Json::parse(calls[0].body);
  CHECK(doc.at("Type") == "SubscriptionConfirmation");
  CHECK(header(calls[0], "x-amz-sns-message-id") == doc.at("MessageId"));
  CHECK(doc.at("TopicArn") == topic);
  CHECK(doc.at("Token").get<std::string>().size() == 128);
  CHECK(
      doc.at("Message").get<std::string>().starts_with("You have chosen to subscribe to the "
                                                       "topic " +
                                                       topic));
  CHECK(doc.at("SubscribeURL").get<std::string>().find("?Action=ConfirmSubscription&TopicArn=") !=
        std::string::npos);
  CHECK(signature_verifies(f, doc));

  // Following the SubscribeURL confirms it.
  const std::string url = doc.at("SubscribeURL");
  const auto confirmed = f.host.request("sns", "GET", url.substr(url.find("/?")));
  INFO(confirmed.body);
  CHECK(confirmed.status == 200);
  CHECK(xml_one(confirmed.body, "SubscriptionArn") == sub);
  CHECK(f.subscription_attribute(sub, "PendingConfirmation") == "false");
}

TEST_CASE("an HTTP subscriber gets the enveloped notification with SNS's headers", "[sns][http]") {
  SnsFixture f;
  f.host.set_outside_endpoint(answering(204));
  const std::string topic = f.create_topic("t");
  const std::string sub = subscribe_and_confirm(f, topic);
  const std::string id = xml_one(
      f.ok("Publish", {{"TopicArn", topic}, {"Message", "hi"}, {"Subject", "s"}}), "MessageId");
  f.host.run_posted();
  const auto calls = f.host.outside_calls();
  REQUIRE(calls.size() == 2);
  const auto& n = calls[1];
  CHECK(header(n, "x-amz-sns-message-type") == "Notification");
  CHECK(header(n, "x-amz-sns-message-id") == id);
  CHECK(header(n, "x-amz-sns-subscription-arn") == sub);
  CHECK(header(n, "x-amz-sns-rawdelivery") == "<absent>");
  const Json env = Json::parse(n.body);
  CHECK(env.at("Message") == "hi");
  CHECK(env.at("Subject") == "s");
  CHECK(signature_verifies(f, env));
}

TEST_CASE("raw delivery to HTTP sends the message itself", "[sns][http]") {
  SnsFixture f;
  f.host.set_outside_endpoint(answering(200));
  const std::string topic = f.create_topic("t");
  subscribe_and_confirm(
      f, topic,
      {{"Attributes.entry.1.key", "RawMessageDelivery"}, {"Attributes.entry.1.value", "true"}});
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "plain text"}});
  f.host.run_posted();
  const auto calls = f.host.outside_calls();
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].body == "plain text");
  CHECK(header(calls[1], "x-amz-sns-rawdelivery") == "true");
}

TEST_CASE("a pending HTTP subscription gets no notifications", "[sns][http]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(topic, "http", k_endpoint);
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "x"}});
  f.host.run_posted();
  CHECK(f.host.outside_calls().size() == 1);  // the confirmation request only
}

TEST_CASE("failed HTTP deliveries are retried by the delivery policy", "[sns][http][retry]") {
  SnsFixture f;
  int answered = 0;
  uint32_t status = 200;
  f.host.set_outside_endpoint([&](const auto&) {
    ++answered;
    ce::testing::HttpResponse r;
    r.status = status;  // 0: no answer
    if (status == 0) r.body = "connection refused";
    return r;
  });
  const std::string topic = f.create_topic("t");
  subscribe_and_confirm(f, topic);
  answered = 0;

  SECTION("no answer: three retries, 20 seconds apart, then given up") {
    status = 0;
    f.ok("Publish", {{"TopicArn", topic}, {"Message", "x"}});
    f.host.run_posted();
    CHECK(answered == 1);
    f.host.advance(19'000);
    CHECK(answered == 1);
    f.host.advance(1'000);
    CHECK(answered == 2);
    f.host.advance(20'000);
    f.host.advance(20'000);
    CHECK(answered == 4);
    f.host.advance(600'000);
    CHECK(answered == 4);
  }
  SECTION("a 503 is retried and the retry that succeeds ends it") {
    status = 503;
    f.ok("Publish", {{"TopicArn", topic}, {"Message", "x"}});
    f.host.run_posted();
    status = 200;
    f.host.advance(20'000);
    CHECK(answered == 2);
    f.host.advance(600'000);
    CHECK(answered == 2);
  }
  SECTION("a 400 is the endpoint refusing: not retried") {
    status = 400;
    f.ok("Publish", {{"TopicArn", topic}, {"Message", "x"}});
    f.host.run_posted();
    f.host.advance(600'000);
    CHECK(answered == 1);
  }
}

TEST_CASE("a subscription's DeliveryPolicy sets the retries", "[sns][http][retry]") {
  SnsFixture f;
  int answered = 0;
  f.host.set_outside_endpoint([&](const auto&) {
    ++answered;
    ce::testing::HttpResponse r;
    r.status = answered == 1 ? 200 : 500;  // the confirmation goes through
    return r;
  });
  const std::string topic = f.create_topic("t");
  const std::string policy =
      R"({"healthyRetryPolicy":{"numRetries":2,"numNoDelayRetries":1,"minDelayTarget":5,)"
      R"("maxDelayTarget":5}})";
  subscribe_and_confirm(
      f, topic,
      {{"Attributes.entry.1.key", "DeliveryPolicy"}, {"Attributes.entry.1.value", policy}});
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "x"}});
  f.host.run_posted();
  CHECK(answered == 3);  // the attempt and the immediate retry
  f.host.advance(5'000);
  CHECK(answered == 4);
  f.host.advance(600'000);
  CHECK(answered == 4);
}

TEST_CASE("retry delays follow the policy's phases", "[sns][http][retry]") {
  sns::RetryPolicy p;
  CHECK(sns::retry_delay_ms(p, 1) == 20'000);
  CHECK(sns::retry_delay_ms(p, 3) == 20'000);
  p.num_retries = 6;
  p.num_no_delay_retries = 1;
  p.num_min_delay_retries = 1;
  p.num_max_delay_retries = 1;
  p.min_delay_s = 2;
  p.max_delay_s = 10;
  CHECK(sns::retry_delay_ms(p, 1) == 0);
  CHECK(sns::retry_delay_ms(p, 2) == 2'000);
  CHECK(sns::retry_delay_ms(p, 3) == 2'000);   // backoff phase starts at the minimum
  CHECK(sns::retry_delay_ms(p, 4) == 6'000);   // linear, halfway
  CHECK(sns::retry_delay_ms(p, 5) == 10'000);  // and ends at the maximum
  CHECK(sns::retry_delay_ms(p, 6) == 10'000);  // post-backoff
  p.backoff = "exponential";
  CHECK(sns::retry_delay_ms(p, 4) == 4'472);  // 2 * sqrt(5)
}
