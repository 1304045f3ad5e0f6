// Messages: send rules, visibility, receipt handles, retention, attributes.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"

TEST_CASE("a received message is invisible until its timeout, then comes back",
          "[sqs][message][visibility]") {
  SqsFixture f;
  const auto url = f.create_queue("vis", {{"VisibilityTimeout", "10"}});
  f.send(url, "hello");
  const Json first = f.receive(url, {{"AttributeNames", {"ApproximateReceiveCount"}}});
  REQUIRE(first.size() == 1);
  CHECK(first[0]["Attributes"]["ApproximateReceiveCount"] == "1");
  CHECK(f.receive(url).empty());
  f.host.advance(10'000);
  const Json again = f.receive(url, {{"AttributeNames", {"ApproximateReceiveCount"}}});
  REQUIRE(again.size() == 1);
  CHECK(again[0]["MessageId"] == first[0]["MessageId"]);
  CHECK(again[0]["ReceiptHandle"] != first[0]["ReceiptHandle"]);
  CHECK(again[0]["Attributes"]["ApproximateReceiveCount"] == "2");
}

TEST_CASE("DeleteMessage removes the message for good", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("del", {{"VisibilityTimeout", "1"}});
  f.send(url, "x");
  const Json m = f.receive(url);
  f.ok("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", m[0]["ReceiptHandle"]}});
  f.host.advance(2'000);
  CHECK(f.receive(url).empty());
  // Deleting again is fine.
  f.ok("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", m[0]["ReceiptHandle"]}});
}

TEST_CASE("a stale receipt handle deletes nothing", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("stale", {{"VisibilityTimeout", "1"}});
  f.send(url, "x");
  const Json first = f.receive(url);
  f.host.advance(1'000);
  const Json second = f.receive(url);
  REQUIRE(second.size() == 1);
  f.ok("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", first[0]["ReceiptHandle"]}});
  f.host.advance(1'000);
  CHECK(f.receive(url).size() == 1);
}

TEST_CASE("malformed receipt handles are ReceiptHandleIsInvalid", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("bad-handle");
  CHECK(f.fail("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", "garbage"}}).type ==
        "ReceiptHandleIsInvalid");
}

TEST_CASE("ChangeMessageVisibility extends, releases, and needs a message in flight",
          "[sqs][message][visibility]") {
  SqsFixture f;
  const auto url = f.create_queue("cmv", {{"VisibilityTimeout", "5"}});
  f.send(url, "x");
  const Json m = f.receive(url);
  const std::string handle = m[0]["ReceiptHandle"];
  f.ok("ChangeMessageVisibility",
       {{"QueueUrl", url}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 60}});
  f.host.advance(10'000);
  CHECK(f.receive(url).empty());
  f.ok("ChangeMessageVisibility",
       {{"QueueUrl", url}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 0}});
  const Json again = f.receive(url);
  REQUIRE(again.size() == 1);
  f.ok("ChangeMessageVisibility",
       {{"QueueUrl", url}, {"ReceiptHandle", again[0]["ReceiptHandle"]}, {"VisibilityTimeout", 0}});
  const auto e = f.fail(
      "ChangeMessageVisibility",
      {{"QueueUrl", url}, {"ReceiptHandle", again[0]["ReceiptHandle"]}, {"VisibilityTimeout", 10}});
  CHECK(e.type == "MessageNotInflight");
  CHECK(e.query_error == "AWS.SimpleQueueService.MessageNotInflight;Sender");
}

TEST_CASE("DelaySeconds hides a message until the delay passes", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("delay");
  f.send(url, "later", {{"DelaySeconds", 5}});
  CHECK(f.receive(url).empty());
  f.host.advance(5'000);
  CHECK(f.receive(url).size() == 1);
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}, {"MessageBody", "x"}, {"DelaySeconds", 901}})
            .type == "InvalidParameterValue");
}

TEST_CASE("messages past the retention period are dropped", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("retention", {{"MessageRetentionPeriod", "60"}});
  f.send(url, "old");
  f.host.advance(60'000);
  CHECK(f.receive(url).empty());
  CHECK(f.attributes(url)["ApproximateNumberOfMessages"] == "0");
}

TEST_CASE("SendMessage validates body, size and attributes", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("rules", {{"MaximumMessageSize", "1024"}});
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}}).type == "MissingParameter");
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}, {"MessageBody", std::string(1025, 'a')}}).type ==
        "InvalidParameterValue");
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}, {"MessageBody", std::string("a\x01", 2)}}).type ==
        "InvalidMessageContents");
  const Json bad_type = {{"x", {{"DataType", "Float"}, {"StringValue", "1"}}}};
  CHECK(f.fail("SendMessage",
               {{"QueueUrl", url}, {"MessageBody", "a"}, {"MessageAttributes", bad_type}})
            .type == "InvalidParameterValue");
  const Json bad_number = {{"x", {{"DataType", "Number"}, {"StringValue", "one"}}}};
  CHECK(f.fail("SendMessage",
               {{"QueueUrl", url}, {"MessageBody", "a"}, {"MessageAttributes", bad_number}})
            .type == "InvalidParameterValue");
  f.send(url, std::string(1024, 'a'));
}

TEST_CASE("ReceiveMessage validates its parameters", "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("recv-rules");
  const auto e = f.fail("ReceiveMessage", {{"QueueUrl", url}, {"MaxNumberOfMessages", 11}});
  CHECK(e.type == "InvalidParameterValue");
  CHECK(e.message ==
        "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be "
        "between 1 and 10, if provided.");
  CHECK(f.fail("ReceiveMessage", {{"QueueUrl", url}, {"WaitTimeSeconds", 21}}).type ==
        "InvalidParameterValue");
  CHECK(f.fail("ReceiveMessage", {{"QueueUrl", url + "-nope"}}).type == "QueueDoesNotExist");
}

TEST_CASE("ReceiveMessage returns up to MaxNumberOfMessages with system attributes",
          "[sqs][message]") {
  SqsFixture f;
  const auto url = f.create_queue("many");
  for (int i = 0; i < 12; ++i) f.send(url, "m" + std::to_string(i));
  const Json got =
      f.receive(url, {{"MaxNumberOfMessages", 10}, {"MessageSystemAttributeNames", {"All"}}});
  CHECK(got.size() == 10);
  const Json& attrs = got[0]["Attributes"];
  CHECK(attrs["SenderId"] == "000000000000");
  CHECK(attrs["SentTimestamp"] == std::to_string(f.host.now()));
  CHECK(attrs["ApproximateFirstReceiveTimestamp"] == std::to_string(f.host.now()));
  CHECK(f.receive(url, {{"MaxNumberOfMessages", 10}}).size() == 2);
}
