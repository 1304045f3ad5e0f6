// Queue lifecycle: CreateQueue idempotency and name rules, GetQueueUrl, ListQueues paging,
// attributes with AWS's ranges, tags, PurgeQueue's 60-second rule.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"

TEST_CASE("CreateQueue is idempotent with the same attributes", "[sqs][queue]") {
  SqsFixture f;
  const auto url = f.create_queue("q1", {{"DelaySeconds", "5"}});
  CHECK(url == "http://localhost:4566/000000000000/q1");
  CHECK(f.create_queue("q1", {{"DelaySeconds", "5"}}) == url);
  CHECK(f.create_queue("q1") == url);
  const auto e =
      f.fail("CreateQueue", {{"QueueName", "q1"}, {"Attributes", {{"DelaySeconds", "6"}}}});
  CHECK(e.type == "QueueNameExists");
  CHECK(e.query_error == "QueueAlreadyExists;Sender");
}

TEST_CASE("CreateQueue enforces queue name rules", "[sqs][queue]") {
  SqsFixture f;
  CHECK(f.fail("CreateQueue", {{"QueueName", "bad name"}}).type == "InvalidParameterValue");
  CHECK(f.fail("CreateQueue", {{"QueueName", std::string(81, 'a')}}).type ==
        "InvalidParameterValue");
  CHECK(f.fail("CreateQueue", {{"QueueName", "x.fifo"}}).type == "InvalidParameterValue");
  CHECK(f.fail("CreateQueue", {{"QueueName", "x"}, {"Attributes", {{"FifoQueue", "true"}}}}).type ==
        "InvalidParameterValue");
  CHECK(f.create_queue("ok-name_1.fifo", {{"FifoQueue", "true"}}).ends_with("/ok-name_1.fifo"));
}

TEST_CASE("attribute values outside AWS's ranges are refused", "[sqs][queue][attributes]") {
  SqsFixture f;
  const auto url = f.create_queue("ranges");
  const auto set = [&](const std::string& name, const std::string& value) {
    return f.fail("SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", {{name, value}}}});
  };
  const auto e = set("VisibilityTimeout", "43201");
  CHECK(e.type == "InvalidAttributeValue");
  CHECK(e.message == "Invalid value for the parameter VisibilityTimeout.");
  CHECK(set("DelaySeconds", "901").type == "InvalidAttributeValue");
  CHECK(set("MaximumMessageSize", "1023").type == "InvalidAttributeValue");
  CHECK(set("MessageRetentionPeriod", "59").type == "InvalidAttributeValue");
  CHECK(set("ReceiveMessageWaitTimeSeconds", "21").type == "InvalidAttributeValue");
  CHECK(set("Bogus", "1").type == "InvalidAttributeName");
  CHECK(set("ContentBasedDeduplication", "true").type == "InvalidAttributeName");
}

TEST_CASE("GetQueueAttributes reports defaults, computed values and changes",
          "[sqs][queue][attributes]") {
  SqsFixture f;
  const auto url = f.create_queue("attrs");
  Json a = f.attributes(url);
  CHECK(a["QueueArn"] == "arn:aws:sqs:us-east-1:000000000000:attrs");
  CHECK(a["VisibilityTimeout"] == "30");
  CHECK(a["MaximumMessageSize"] == "262144");
  CHECK(a["MessageRetentionPeriod"] == "345600");
  CHECK(a["DelaySeconds"] == "0");
  CHECK(a["ReceiveMessageWaitTimeSeconds"] == "0");
  CHECK(a["SqsManagedSseEnabled"] == "true");
  CHECK(a["ApproximateNumberOfMessages"] == "0");
  CHECK(a["CreatedTimestamp"] == std::to_string(f.host.now() / 1000));
  CHECK_FALSE(a.contains("FifoQueue"));
  f.ok("SetQueueAttributes", {{"QueueUrl", url}, {"Attributes", {{"VisibilityTimeout", "60"}}}});
  const Json one =
      f.ok("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"VisibilityTimeout"}}});
  CHECK(one["Attributes"] == Json({{"VisibilityTimeout", "60"}}));
  CHECK(f.fail("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"Nope"}}}).type ==
        "InvalidAttributeName");
}

TEST_CASE("message counts follow sends, receives and delays", "[sqs][queue][attributes]") {
  SqsFixture f;
  const auto url = f.create_queue("counts");
  f.send(url, "a");
  f.send(url, "b");
  f.send(url, "c", {{"DelaySeconds", 10}});
  f.receive(url);
  const Json a = f.attributes(url);
  CHECK(a["ApproximateNumberOfMessages"] == "1");
  CHECK(a["ApproximateNumberOfMessagesNotVisible"] == "1");
  CHECK(a["ApproximateNumberOfMessagesDelayed"] == "1");
}

TEST_CASE("ListQueues filters by prefix and pages with MaxResults", "[sqs][queue]") {
  SqsFixture f;
  for (const char* n : {"app-a", "app-b", "app-c", "other"}) f.create_queue(n);
  Json r = f.ok("ListQueues", {{"QueueNamePrefix", "app-"}});
  CHECK(r["QueueUrls"].size() == 3);
  CHECK_FALSE(r.contains("NextToken"));
  r = f.ok("ListQueues", {{"MaxResults", 2}});
  CHECK(r["QueueUrls"].size() == 2);
  REQUIRE(r.contains("NextToken"));
  r = f.ok("ListQueues", {{"MaxResults", 2}, {"NextToken", r["NextToken"]}});
  CHECK(r["QueueUrls"] == Json::array({"http://localhost:4566/000000000000/app-c",
                                       "http://localhost:4566/000000000000/other"}));
  CHECK_FALSE(r.contains("NextToken"));
  CHECK(f.ok("ListQueues", {{"QueueNamePrefix", "zzz"}}) == Json::object());
}

TEST_CASE("queues are per account and region", "[sqs][queue]") {
  SqsFixture f;
  f.create_queue("shared");
  auto req = f.json_request("GetQueueUrl", {{"QueueName", "shared"}});
  req.region = "eu-west-1";
  CHECK(f.host.request("sqs", req).status == 400);
  req.region = "us-east-1";
  req.account_id = "111111111111";
  CHECK(f.host.request("sqs", req).status == 400);
}

TEST_CASE("DeleteQueue removes the queue and its messages", "[sqs][queue]") {
  SqsFixture f;
  const auto url = f.create_queue("gone");
  f.send(url, "x");
  f.ok("DeleteQueue", {{"QueueUrl", url}});
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}, {"MessageBody", "y"}}).type ==
        "QueueDoesNotExist");
  f.create_queue("gone");
  CHECK(f.receive(url).empty());
}

TEST_CASE("tags are added, listed and removed", "[sqs][queue][tags]") {
  SqsFixture f;
  const auto url = f.create_queue("tagged");
  f.ok("TagQueue", {{"QueueUrl", url}, {"Tags", {{"a", "1"}, {"b", "2"}}}});
  f.ok("UntagQueue", {{"QueueUrl", url}, {"TagKeys", {"a"}}});
  CHECK(f.ok("ListQueueTags", {{"QueueUrl", url}})["Tags"] == Json({{"b", "2"}}));
}

TEST_CASE("PurgeQueue empties the queue once per 60 seconds", "[sqs][queue]") {
  SqsFixture f;
  const auto url = f.create_queue("purge");
  f.send(url, "x");
  f.ok("PurgeQueue", {{"QueueUrl", url}});
  CHECK(f.receive(url).empty());
  const auto e = f.fail("PurgeQueue", {{"QueueUrl", url}});
  CHECK(e.type == "PurgeQueueInProgress");
  CHECK(e.status == 403);
  f.host.advance(60'000);
  f.ok("PurgeQueue", {{"QueueUrl", url}});
}
