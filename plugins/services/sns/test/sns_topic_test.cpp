// Topics: CreateTopic (standard, FIFO, idempotent), attributes, listing, deletion, tags.
#include "sns_fixture.hpp"

TEST_CASE("CreateTopic returns the topic's ARN and is idempotent", "[sns][topic]") {
  SnsFixture f;
  const std::string arn = f.create_topic("orders");
  CHECK(arn == "arn:aws:sns:us-east-1:000000000000:orders");
  CHECK(f.create_topic("orders") == arn);
  CHECK(xml_all(f.ok("ListTopics"), "TopicArn") == std::vector<std::string>{arn});
}

TEST_CASE("CreateTopic answers the query protocol's XML shape", "[sns][topic]") {
  SnsFixture f;
  const std::string body = f.ok("CreateTopic", {{"Name", "t"}});
  CHECK(
      body.starts_with("<CreateTopicResponse "
                       "xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><CreateTopicResult>"));
  CHECK(body.find("<ResponseMetadata><RequestId>") != std::string::npos);
}

TEST_CASE("CreateTopic again with other attributes fails", "[sns][topic]") {
  SnsFixture f;
  f.create_topic("t",
                 {{"Attributes.entry.1.key", "DisplayName"}, {"Attributes.entry.1.value", "one"}});
  const auto e = f.fail("CreateTopic", {{"Name", "t"},
                                        {"Attributes.entry.1.key", "DisplayName"},
                                        {"Attributes.entry.1.value", "two"}});
  CHECK(e.code == "InvalidParameter");
  CHECK(e.message ==
        "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
  const auto t = f.fail("CreateTopic",
                        {{"Name", "t"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}});
  CHECK(t.message == "Invalid parameter: Tags Reason: Topic already exists with different tags");
}

TEST_CASE("Topic names are checked", "[sns][topic]") {
  SnsFixture f;
  CHECK(f.fail("CreateTopic", {{"Name", "bad name"}}).message == "Invalid parameter: Topic Name");
  CHECK(f.fail("CreateTopic", {{"Name", "plain.fifo"}}).message == "Invalid parameter: Topic Name");
  CHECK(f.fail("CreateTopic", {{"Name", std::string(257, 'a')}}).code == "InvalidParameter");
  const auto e = f.fail("CreateTopic", {{"Name", "nofifo"},
                                        {"Attributes.entry.1.key", "FifoTopic"},
                                        {"Attributes.entry.1.value", "true"}});
  CHECK(e.message.starts_with("Invalid parameter: Fifo Topic names must end with .fifo"));
  CHECK(f.fail("CreateTopic", {}).code == "ValidationError");
}

TEST_CASE("FIFO topics report FifoTopic and ContentBasedDeduplication", "[sns][topic][fifo]") {
  SnsFixture f;
  const std::string arn = f.create_fifo_topic("jobs.fifo", true);
  CHECK(arn == "arn:aws:sns:us-east-1:000000000000:jobs.fifo");
  CHECK(f.topic_attribute(arn, "FifoTopic") == "true");
  CHECK(f.topic_attribute(arn, "ContentBasedDeduplication") == "true");
  f.ok("SetTopicAttributes", {{"TopicArn", arn},
                              {"AttributeName", "ContentBasedDeduplication"},
                              {"AttributeValue", "false"}});
  CHECK(f.topic_attribute(arn, "ContentBasedDeduplication") == "false");
}

TEST_CASE("GetTopicAttributes reports defaults and subscription counts", "[sns][topic]") {
  SnsFixture f;
  const std::string arn = f.create_topic("t");
  CHECK(f.topic_attribute(arn, "TopicArn") == arn);
  CHECK(f.topic_attribute(arn, "Owner") == "000000000000");
  CHECK(f.topic_attribute(arn, "DisplayName") == "");
  CHECK(f.topic_attribute(arn, "Policy").find("__default_policy_ID") != std::string::npos);
  CHECK(f.topic_attribute(arn, "EffectiveDeliveryPolicy").find("defaultHealthyRetryPolicy") !=
        std::string::npos);
  CHECK(f.topic_attribute(arn, "FifoTopic") == "<absent>");
  f.subscribe(arn, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
  f.subscribe(arn, "email", "a@example.com");
  CHECK(f.topic_attribute(arn, "SubscriptionsConfirmed") == "1");
  CHECK(f.topic_attribute(arn, "SubscriptionsPending") == "1");
  CHECK(f.topic_attribute(arn, "SubscriptionsDeleted") == "0");
}

TEST_CASE("SetTopicAttributes stores settable attributes and refuses others", "[sns][topic]") {
  SnsFixture f;
  const std::string arn = f.create_topic("t");
  f.ok("SetTopicAttributes",
       {{"TopicArn", arn}, {"AttributeName", "DisplayName"}, {"AttributeValue", "Shop"}});
  CHECK(f.topic_attribute(arn, "DisplayName") == "Shop");
  f.ok("SetTopicAttributes",
       {{"TopicArn", arn}, {"AttributeName", "SignatureVersion"}, {"AttributeValue", "2"}});
  CHECK(f.topic_attribute(arn, "SignatureVersion") == "2");
  CHECK(f.fail("SetTopicAttributes",
               {{"TopicArn", arn}, {"AttributeName", "FifoTopic"}, {"AttributeValue", "true"}})
            .message == "Invalid parameter: AttributeName");
  CHECK(f.fail("SetTopicAttributes",
               {{"TopicArn", arn}, {"AttributeName", "Nope"}, {"AttributeValue", "x"}})
            .message == "Invalid parameter: AttributeName");
  CHECK(f.fail("SetTopicAttributes", {{"TopicArn", arn},
                                      {"AttributeName", "ContentBasedDeduplication"},
                                      {"AttributeValue", "true"}})
            .code == "InvalidParameter");
  CHECK(f.fail("SetTopicAttributes",
               {{"TopicArn", arn}, {"AttributeName", "Policy"}, {"AttributeValue", "{"}})
            .code == "InvalidParameter");
}

TEST_CASE("A missing topic is NotFound, a malformed ARN InvalidParameter", "[sns][topic]") {
  SnsFixture f;
  const auto e =
      f.fail("GetTopicAttributes", {{"TopicArn", "arn:aws:sns:us-east-1:000000000000:none"}});
  CHECK(e.status == 404);
  CHECK(e.code == "NotFound");
  CHECK(e.message == "Topic does not exist");
  CHECK(f.fail("GetTopicAttributes", {{"TopicArn", "nope"}}).message ==
        "Invalid parameter: TopicArn");
}

TEST_CASE("ListTopics pages 100 topics at a time", "[sns][topic][list]") {
  SnsFixture f;
  for (int i = 0; i < 105; ++i) f.create_topic("t" + std::to_string(1000 + i));
  const std::string first = f.ok("ListTopics");
  CHECK(xml_all(first, "TopicArn").size() == 100);
  const std::string token = xml_one(first, "NextToken");
  REQUIRE(!token.empty());
  const std::string second = f.ok("ListTopics", {{"NextToken", token}});
  CHECK(xml_all(second, "TopicArn").size() == 5);
  CHECK(xml_one(second, "NextToken").empty());
  CHECK(f.fail("ListTopics", {{"NextToken", "zz"}}).code == "InvalidParameter");
}

TEST_CASE("Topics are kept per account and region", "[sns][topic]") {
  SnsFixture f;
  f.create_topic("t");
  f.region = "eu-west-1";
  CHECK(xml_all(f.ok("ListTopics"), "TopicArn").empty());
  CHECK(f.create_topic("t") == "arn:aws:sns:eu-west-1:000000000000:t");
  f.account = "111122223333";
  CHECK(xml_all(f.ok("ListTopics"), "TopicArn").empty());
}

TEST_CASE("DeleteTopic removes the topic and its subscriptions", "[sns][topic]") {
  SnsFixture f;
  const std::string arn = f.create_topic("t");
  f.subscribe(arn, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
  f.ok("DeleteTopic", {{"TopicArn", arn}});
  CHECK(xml_all(f.ok("ListTopics"), "TopicArn").empty());
  CHECK(xml_all(f.ok("ListSubscriptions"), "SubscriptionArn").empty());
  f.ok("DeleteTopic", {{"TopicArn", arn}});  // not an error when it is gone
  CHECK(f.fail("DeleteTopic", {{"TopicArn", "x"}}).code == "InvalidParameter");
}

TEST_CASE("Tags are added, listed and removed", "[sns][topic][tags]") {
  SnsFixture f;
  const std::string arn =
      f.create_topic("t", {{"Tags.member.1.Key", "team"}, {"Tags.member.1.Value", "shop"}});
  f.ok("TagResource",
       {{"ResourceArn", arn}, {"Tags.member.1.Key", "env"}, {"Tags.member.1.Value", "dev"}});
  const std::string listed = f.ok("ListTagsForResource", {{"ResourceArn", arn}});
  CHECK(xml_all(listed, "Key") == std::vector<std::string>{"env", "team"});
  f.ok("UntagResource", {{"ResourceArn", arn}, {"TagKeys.member.1", "team"}});
  CHECK(xml_all(f.ok("ListTagsForResource", {{"ResourceArn", arn}}), "Key") ==
        std::vector<std::string>{"env"});
  const auto e =
      f.fail("ListTagsForResource", {{"ResourceArn", "arn:aws:sns:us-east-1:000000000000:gone"}});
  CHECK(e.code == "ResourceNotFound");
}

TEST_CASE("An unknown action is InvalidAction", "[sns]") {
  SnsFixture f;
  const auto e = f.fail("CreatePlatformApplication");
  CHECK(e.code == "InvalidAction");
  CHECK(e.message == "The action CreatePlatformApplication is not valid for this endpoint.");
}
