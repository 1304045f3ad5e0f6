// Dead-letter queues: RedrivePolicy validation, the move on the receive beyond maxReceiveCount,
// ListDeadLetterSourceQueues.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"

namespace {
std::string redrive(const std::string& arn, int count) {
  return Json({{"deadLetterTargetArn", arn}, {"maxReceiveCount", std::to_string(count)}}).dump();
}
}  // namespace

TEST_CASE("a message received more than maxReceiveCount times moves to the DLQ", "[sqs][dlq]") {
  SqsFixture f;
  const auto dlq = f.create_queue("dlq");
  const auto src = f.create_queue(
      "src", {{"VisibilityTimeout", "1"},
              {"RedrivePolicy", redrive("arn:aws:sqs:us-east-1:000000000000:dlq", 2)}});
  f.send(src, "poison");
  CHECK(f.receive(src).size() == 1);
  f.host.advance(1'000);
  CHECK(f.receive(src).size() == 1);
  f.host.advance(1'000);
  CHECK(f.receive(src).empty());  // the third receive moves it
  const Json moved = f.receive(dlq, {{"AttributeNames", {"All"}}});
  REQUIRE(moved.size() == 1);
  CHECK(moved[0]["Body"] == "poison");
  CHECK(moved[0]["Attributes"]["DeadLetterQueueSourceArn"] ==
        "arn:aws:sqs:us-east-1:000000000000:src");
}

TEST_CASE("RedrivePolicy is validated", "[sqs][dlq]") {
  SqsFixture f;
  const auto url = f.create_queue("src");
  const auto set = [&](const std::string& policy) {
    return f.fail("SetQueueAttributes",
                  {{"QueueUrl", url}, {"Attributes", {{"RedrivePolicy", policy}}}});
  };
  CHECK(set(redrive("arn:aws:sqs:us-east-1:000000000000:missing", 3)).type ==
        "InvalidParameterValue");
  f.create_queue("dlq");
  CHECK(set(redrive("arn:aws:sqs:us-east-1:000000000000:dlq", 0)).type == "InvalidParameterValue");
  CHECK(set("not json").type == "InvalidParameterValue");
  f.create_queue("dlq.fifo", {{"FifoQueue", "true"}});
  CHECK(set(redrive("arn:aws:sqs:us-east-1:000000000000:dlq.fifo", 3)).type ==
        "InvalidParameterValue");
}

TEST_CASE("ListDeadLetterSourceQueues names the queues that redrive to a DLQ", "[sqs][dlq]") {
  SqsFixture f;
  const auto dlq = f.create_queue("dlq");
  const std::string policy = redrive("arn:aws:sqs:us-east-1:000000000000:dlq", 3);
  f.create_queue("a", {{"RedrivePolicy", policy}});
  f.create_queue("b", {{"RedrivePolicy", policy}});
  f.create_queue("c");
  const Json r = f.ok("ListDeadLetterSourceQueues", {{"QueueUrl", dlq}});
  CHECK(r["queueUrls"] == Json::array({"http://localhost:4566/000000000000/a",
                                       "http://localhost:4566/000000000000/b"}));
}

TEST_CASE("StartMessageMoveTask moves dead letters back to their source queue", "[sqs][dlq]") {
  SqsFixture f;
  const auto dlq = f.create_queue("dlq");
  const std::string dlq_arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
  const auto src =
      f.create_queue("src", {{"VisibilityTimeout", "0"}, {"RedrivePolicy", redrive(dlq_arn, 1)}});
  f.send(src, "one");
  f.send(src, "two");
  f.receive(src, {{"MaxNumberOfMessages", 10}});
  CHECK(f.receive(src, {{"MaxNumberOfMessages", 10}}).empty());  // both moved to the DLQ
  CHECK(f.attributes(dlq)["ApproximateNumberOfMessages"] == "2");

  const Json started = f.ok("StartMessageMoveTask", {{"SourceArn", dlq_arn}});
  CHECK_FALSE(started["TaskHandle"].get<std::string>().empty());
  const Json tasks = f.ok("ListMessageMoveTasks", {{"SourceArn", dlq_arn}, {"MaxResults", 10}});
  REQUIRE(tasks["Results"].size() == 1);
  CHECK(tasks["Results"][0]["Status"] == "COMPLETED");
  CHECK(tasks["Results"][0]["ApproximateNumberOfMessagesMoved"] == 2);
  const Json back = f.receive(
      src, {{"MaxNumberOfMessages", 10}, {"AttributeNames", {"ApproximateReceiveCount"}}});
  REQUIRE(back.size() == 2);
  CHECK(back[0]["Attributes"]["ApproximateReceiveCount"] == "1");
  CHECK(f.attributes(dlq)["ApproximateNumberOfMessages"] == "0");
  CHECK(f.fail("CancelMessageMoveTask", {{"TaskHandle", started["TaskHandle"]}}).type ==
        "ResourceNotFoundException");
}

TEST_CASE("StartMessageMoveTask needs a dead-letter queue as its source", "[sqs][dlq]") {
  SqsFixture f;
  f.create_queue("plain");
  const auto e =
      f.fail("StartMessageMoveTask", {{"SourceArn", "arn:aws:sqs:us-east-1:000000000000:plain"}});
  CHECK(e.type == "InvalidParameterValue");
  CHECK(f.fail("StartMessageMoveTask", {{"SourceArn", "arn:aws:sqs:us-east-1:000000000000:none"}})
            .type == "ResourceNotFoundException");
}
