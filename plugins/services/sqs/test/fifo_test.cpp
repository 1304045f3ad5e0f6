// FIFO queues: group ordering, deduplication, sequence numbers.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"

namespace {
const Json k_fifo = {{"FifoQueue", "true"}};

Json fifo_send(SqsFixture& f, const std::string& url, const std::string& body,
               const std::string& group, const std::string& dedup = "") {
  Json extra = {{"MessageGroupId", group}};
  extra["MessageDeduplicationId"] = dedup.empty() ? body : dedup;
  return f.send(url, body, extra);
}

std::vector<std::string> bodies(const Json& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m["Body"]);
  return out;
}
}  // namespace

TEST_CASE("FIFO delivers a group in order and holds it while a message is in flight",
          "[sqs][fifo]") {
  SqsFixture f;
  const auto url = f.create_queue("orders.fifo", k_fifo);
  fifo_send(f, url, "a1", "A");
  fifo_send(f, url, "a2", "A");
  fifo_send(f, url, "b1", "B");
  const Json first = f.receive(url);
  CHECK(bodies(first) == std::vector<std::string>{"a1"});
  // a2 waits behind a1 (in flight); group B is free.
  const Json second = f.receive(url, {{"MaxNumberOfMessages", 10}});
  CHECK(bodies(second) == std::vector<std::string>{"b1"});
  f.ok("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", first[0]["ReceiptHandle"]}});
  CHECK(bodies(f.receive(url)) == std::vector<std::string>{"a2"});
}

TEST_CASE("FIFO returns several messages of one group in order", "[sqs][fifo]") {
  SqsFixture f;
  const auto url = f.create_queue("multi.fifo", k_fifo);
  for (const char* b : {"1", "2", "3"}) fifo_send(f, url, b, "G");
  CHECK(bodies(f.receive(url, {{"MaxNumberOfMessages", 10}})) ==
        std::vector<std::string>{"1", "2", "3"});
}

TEST_CASE("FIFO deduplicates within five minutes", "[sqs][fifo]") {
  SqsFixture f;
  const auto url = f.create_queue("dedup.fifo", k_fifo);
  const Json a = fifo_send(f, url, "x", "G", "d1");
  const Json b = fifo_send(f, url, "x", "G", "d1");
  CHECK(a["MessageId"] == b["MessageId"]);
  CHECK(a["SequenceNumber"] == b["SequenceNumber"]);
  CHECK(a["SequenceNumber"].get<std::string>().size() == 20);
  CHECK(f.attributes(url)["ApproximateNumberOfMessages"] == "1");
  f.host.advance(5 * 60'000);
  const Json c = fifo_send(f, url, "x", "G", "d1");
  CHECK(c["MessageId"] != a["MessageId"]);
  CHECK(c["SequenceNumber"].get<std::string>() > a["SequenceNumber"].get<std::string>());
}

TEST_CASE("content-based deduplication uses the body's SHA-256", "[sqs][fifo]") {
  SqsFixture f;
  const auto url =
      f.create_queue("cbd.fifo", {{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}});
  const Json a = f.send(url, "same", {{"MessageGroupId", "G"}});
  const Json b = f.send(url, "same", {{"MessageGroupId", "G"}});
  CHECK(a["MessageId"] == b["MessageId"]);
  const Json got = f.receive(url, {{"AttributeNames", {"All"}}});
  CHECK(got[0]["Attributes"]["MessageDeduplicationId"] ==
        "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5");
  CHECK(got[0]["Attributes"]["MessageGroupId"] == "G");
  CHECK(got[0]["Attributes"]["SequenceNumber"] == a["SequenceNumber"]);
}

TEST_CASE("FIFO sends need a group and a deduplication id", "[sqs][fifo]") {
  SqsFixture f;
  const auto url = f.create_queue("strict.fifo", k_fifo);
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}, {"MessageBody", "x"}}).type ==
        "MissingParameter");
  CHECK(f.fail("SendMessage", {{"QueueUrl", url}, {"MessageBody", "x"}, {"MessageGroupId", "G"}})
            .type == "InvalidParameterValue");
  CHECK(f.fail("SendMessage", {{"QueueUrl", url},
                               {"MessageBody", "x"},
                               {"MessageGroupId", "G"},
                               {"MessageDeduplicationId", "d"},
                               {"DelaySeconds", 1}})
            .type == "InvalidParameterValue");
}

TEST_CASE("high-throughput FIFO settings are accepted and reported", "[sqs][fifo]") {
  SqsFixture f;
  const auto url = f.create_queue("ht.fifo", {{"FifoQueue", "true"},
                                              {"DeduplicationScope", "messageGroup"},
                                              {"FifoThroughputLimit", "perMessageGroupId"}});
  const Json a = f.attributes(url);
  CHECK(a["FifoQueue"] == "true");
  CHECK(a["DeduplicationScope"] == "messageGroup");
  CHECK(a["FifoThroughputLimit"] == "perMessageGroupId");
  // Deduplication is per group now: the same id in two groups is two messages.
  fifo_send(f, url, "x", "A", "d");
  fifo_send(f, url, "x", "B", "d");
  CHECK(f.attributes(url)["ApproximateNumberOfMessages"] == "2");
}
