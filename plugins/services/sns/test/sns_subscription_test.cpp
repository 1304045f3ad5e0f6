// Subscriptions: Subscribe per protocol, confirmation, listings, attributes, Unsubscribe.
#include "sns_fixture.hpp"

namespace {
const std::string k_sub_queue = "arn:aws:sqs:us-east-1:000000000000:q";
}

TEST_CASE("An SQS subscription is confirmed at once", "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const std::string body =
      f.ok("Subscribe", {{"TopicArn", topic}, {"Protocol", "sqs"}, {"Endpoint", k_sub_queue}});
  const std::string sub = xml_one(body, "SubscriptionArn");
  CHECK(sub.starts_with(topic + ":"));
  CHECK(f.subscription_attribute(sub, "PendingConfirmation") == "false");
  CHECK(f.subscription_attribute(sub, "Protocol") == "sqs");
  CHECK(f.subscription_attribute(sub, "Endpoint") == k_sub_queue);
  CHECK(f.subscription_attribute(sub, "TopicArn") == topic);
  CHECK(f.subscription_attribute(sub, "RawMessageDelivery") == "false");
}

TEST_CASE("Subscribing the same endpoint twice gives the same subscription",
          "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  CHECK(f.subscribe(topic, "sqs", k_sub_queue) == f.subscribe(topic, "sqs", k_sub_queue));
  const auto e = f.fail("Subscribe", {{"TopicArn", topic},
                                      {"Protocol", "sqs"},
                                      {"Endpoint", k_sub_queue},
                                      {"Attributes.entry.1.key", "RawMessageDelivery"},
                                      {"Attributes.entry.1.value", "true"}});
  CHECK(e.message ==
        "Invalid parameter: Attributes Reason: Subscription already exists with different "
        "attributes");
}

TEST_CASE("Email subscriptions wait for ConfirmSubscription", "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const std::string body = f.ok(
      "Subscribe", {{"TopicArn", topic}, {"Protocol", "email"}, {"Endpoint", "a@example.com"}});
  CHECK(xml_one(body, "SubscriptionArn") == "pending confirmation");
  const std::string listed = f.ok("ListSubscriptionsByTopic", {{"TopicArn", topic}});
  CHECK(xml_all(listed, "SubscriptionArn") == std::vector<std::string>{"PendingConfirmation"});
  CHECK(xml_one(listed, "Endpoint") == "a@example.com");

  const std::string sub = f.subscribe(topic, "email", "a@example.com");  // ReturnSubscriptionArn
  CHECK(f.subscription_attribute(sub, "PendingConfirmation") == "true");
  const auto token = f.host.request("sns", "GET", "/_aws/sns/subscription-tokens/" + sub);
  REQUIRE(token.status == 200);
  const auto at = token.body.find("\"Token\":\"");
  REQUIRE(at != std::string::npos);
  const std::string value = token.body.substr(at + 9, token.body.find('"', at + 9) - at - 9);
  CHECK(f.fail("ConfirmSubscription", {{"TopicArn", topic}, {"Token", "wrong"}}).message ==
        "Invalid parameter: Token");
  const std::string confirmed =
      f.ok("ConfirmSubscription", {{"TopicArn", topic}, {"Token", value}});
  CHECK(xml_one(confirmed, "SubscriptionArn") == sub);
  CHECK(f.subscription_attribute(sub, "PendingConfirmation") == "false");
}

TEST_CASE("Subscribe checks protocol and endpoint", "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  auto sub = [&](const std::string& p, const std::string& e) {
    return f.fail("Subscribe", {{"TopicArn", topic}, {"Protocol", p}, {"Endpoint", e}});
  };
  CHECK(sub("carrier-pigeon", "x").message ==
        "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
  CHECK(sub("sqs", "not-an-arn").message == "Invalid parameter: SQS endpoint ARN");
  CHECK(sub("http", "https://x").code == "InvalidParameter");
  CHECK(sub("email", "nobody").message == "Invalid parameter: Email address");
  CHECK(sub("sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo").code == "InvalidParameter");
  const auto missing = f.fail(
      "Subscribe", {{"TopicArn", topic + "x"}, {"Protocol", "sqs"}, {"Endpoint", k_sub_queue}});
  CHECK(missing.code == "NotFound");
}

TEST_CASE("HTTP, SMS and Lambda subscriptions are recorded", "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(topic, "https", "https://example.com/hook");
  f.subscribe(topic, "sms", "+15555550100");
  f.subscribe(topic, "lambda", "arn:aws:lambda:us-east-1:000000000000:function:f");
  const std::string listed = f.ok("ListSubscriptions");
  CHECK(xml_all(listed, "Protocol").size() == 3);
  CHECK(xml_all(listed, "SubscriptionArn").size() == 3);
}

TEST_CASE("Subscription attributes: raw delivery, filter policy and scope", "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const std::string sub = f.subscribe(topic, "sqs", k_sub_queue,
                                      {{"Attributes.entry.1.key", "RawMessageDelivery"},
                                       {"Attributes.entry.1.value", "True"},
                                       {"Attributes.entry.2.key", "FilterPolicy"},
                                       {"Attributes.entry.2.value", R"({"color":["red"]})"}});
  CHECK(f.subscription_attribute(sub, "RawMessageDelivery") == "true");
  CHECK(f.subscription_attribute(sub, "FilterPolicy") == R"({"color":["red"]})");
  CHECK(f.subscription_attribute(sub, "FilterPolicyScope") == "MessageAttributes");

  const auto nested =
      f.fail("SetSubscriptionAttributes", {{"SubscriptionArn", sub},
                                           {"AttributeName", "FilterPolicy"},
                                           {"AttributeValue", R"({"a":{"b":["c"]}})"}});
  CHECK(nested.message ==
        "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter "
        "policy");
  f.ok("SetSubscriptionAttributes", {{"SubscriptionArn", sub},
                                     {"AttributeName", "FilterPolicyScope"},
                                     {"AttributeValue", "MessageBody"}});
  f.ok("SetSubscriptionAttributes", {{"SubscriptionArn", sub},
                                     {"AttributeName", "FilterPolicy"},
                                     {"AttributeValue", R"({"a":{"b":["c"]}})"}});
  CHECK(f.subscription_attribute(sub, "FilterPolicyScope") == "MessageBody");
  // Back to the attribute scope would leave a nested policy where it cannot run.
  CHECK(f.fail("SetSubscriptionAttributes", {{"SubscriptionArn", sub},
                                             {"AttributeName", "FilterPolicyScope"},
                                             {"AttributeValue", "MessageAttributes"}})
            .code == "InvalidParameter");
  f.ok("SetSubscriptionAttributes",
       {{"SubscriptionArn", sub}, {"AttributeName", "FilterPolicy"}, {"AttributeValue", ""}});
  CHECK(f.subscription_attribute(sub, "FilterPolicy") == "<absent>");
  CHECK(f.fail("SetSubscriptionAttributes",
               {{"SubscriptionArn", sub}, {"AttributeName", "Bogus"}, {"AttributeValue", "1"}})
            .message == "Invalid parameter: AttributeName");
}

TEST_CASE("Raw delivery is refused for email and filter policies are checked at Subscribe",
          "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const auto raw = f.fail("Subscribe", {{"TopicArn", topic},
                                        {"Protocol", "email"},
                                        {"Endpoint", "a@example.com"},
                                        {"Attributes.entry.1.key", "RawMessageDelivery"},
                                        {"Attributes.entry.1.value", "true"}});
  CHECK(raw.code == "InvalidParameter");
  const auto policy = f.fail("Subscribe", {{"TopicArn", topic},
                                           {"Protocol", "sqs"},
                                           {"Endpoint", k_sub_queue},
                                           {"Attributes.entry.1.key", "FilterPolicy"},
                                           {"Attributes.entry.1.value", "{not json"}});
  CHECK(policy.message.starts_with("Invalid parameter: FilterPolicy: "));
}

TEST_CASE("Unsubscribe removes the subscription", "[sns][subscription]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const std::string sub = f.subscribe(topic, "sqs", k_sub_queue);
  f.ok("Unsubscribe", {{"SubscriptionArn", sub}});
  const auto e = f.fail("GetSubscriptionAttributes", {{"SubscriptionArn", sub}});
  CHECK(e.status == 404);
  CHECK(e.message == "Subscription does not exist");
  CHECK(f.fail("Unsubscribe", {{"SubscriptionArn", "nope"}}).code == "InvalidParameter");
}

TEST_CASE("ListSubscriptions pages 100 at a time", "[sns][subscription][list]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  for (int i = 0; i < 101; ++i)
    f.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q" + std::to_string(i));
  const std::string first = f.ok("ListSubscriptions");
  CHECK(xml_all(first, "SubscriptionArn").size() == 100);
  const std::string second =
      f.ok("ListSubscriptions", {{"NextToken", xml_one(first, "NextToken")}});
  CHECK(xml_all(second, "SubscriptionArn").size() == 1);
}
