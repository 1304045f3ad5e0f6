// The batch operations' request-level rules and per-entry failures.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"

namespace {
Json entry(const std::string& id, const std::string& body) {
  return {{"Id", id}, {"MessageBody", body}};
}
}  // namespace

TEST_CASE("SendMessageBatch sends each entry and reports failures apart", "[sqs][batch]") {
  SqsFixture f;
  const auto url = f.create_queue("batch");
  const Json r = f.ok(
      "SendMessageBatch",
      {{"QueueUrl", url}, {"Entries", {entry("a", "one"), entry("b", ""), entry("c", "three")}}});
  REQUIRE(r["Successful"].size() == 2);
  CHECK(r["Successful"][0]["Id"] == "a");
  CHECK(r["Successful"][0]["MD5OfMessageBody"] == "f97c5d29941bfb1b2fdab0874906ab82");
  REQUIRE(r["Failed"].size() == 1);
  CHECK(r["Failed"][0]["Id"] == "b");
  CHECK(r["Failed"][0]["SenderFault"] == true);
  CHECK(r["Failed"][0]["Code"] == "MissingParameter");
  CHECK(f.receive(url, {{"MaxNumberOfMessages", 10}}).size() == 2);
}

TEST_CASE("batch requests follow SQS's request-level rules", "[sqs][batch]") {
  SqsFixture f;
  const auto url = f.create_queue("rules");
  auto e = f.fail("SendMessageBatch", {{"QueueUrl", url}, {"Entries", Json::array()}});
  CHECK(e.type == "EmptyBatchRequest");
  CHECK(e.query_error == "AWS.SimpleQueueService.EmptyBatchRequest;Sender");
  Json eleven = Json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back(entry("e" + std::to_string(i), "x"));
  CHECK(f.fail("SendMessageBatch", {{"QueueUrl", url}, {"Entries", eleven}}).type ==
        "TooManyEntriesInBatchRequest");
  CHECK(f.fail("SendMessageBatch",
               {{"QueueUrl", url}, {"Entries", {entry("a", "x"), entry("a", "y")}}})
            .type == "BatchEntryIdsNotDistinct");
  CHECK(
      f.fail("SendMessageBatch", {{"QueueUrl", url}, {"Entries", {entry("bad id!", "x")}}}).type ==
      "InvalidBatchEntryId");
  Json big = Json::array();
  for (int i = 0; i < 2; ++i)
    big.push_back(entry("b" + std::to_string(i), std::string(200'000, 'x')));
  CHECK(f.fail("SendMessageBatch", {{"QueueUrl", url}, {"Entries", big}}).type ==
        "BatchRequestTooLong");
}

TEST_CASE("DeleteMessageBatch and ChangeMessageVisibilityBatch act per entry", "[sqs][batch]") {
  SqsFixture f;
  const auto url = f.create_queue("del-batch");
  f.send(url, "a");
  f.send(url, "b");
  const Json got = f.receive(url, {{"MaxNumberOfMessages", 10}});
  REQUIRE(got.size() == 2);
  Json r =
      f.ok("ChangeMessageVisibilityBatch",
           {{"QueueUrl", url},
            {"Entries",
             {{{"Id", "x"}, {"ReceiptHandle", got[0]["ReceiptHandle"]}, {"VisibilityTimeout", 0}},
              {{"Id", "y"}, {"ReceiptHandle", "junk"}, {"VisibilityTimeout", 0}}}}});
  CHECK(r["Successful"].size() == 1);
  CHECK(r["Failed"][0]["Code"] == "ReceiptHandleIsInvalid");
  r = f.ok("DeleteMessageBatch", {{"QueueUrl", url},
                                  {"Entries",
                                   {{{"Id", "x"}, {"ReceiptHandle", got[1]["ReceiptHandle"]}},
                                    {{"Id", "y"}, {"ReceiptHandle", "junk"}}}}});
  CHECK(r["Successful"] == Json::array({{{"Id", "x"}}}));
  CHECK(r["Failed"].size() == 1);
  CHECK(f.receive(url, {{"MaxNumberOfMessages", 10}}).size() == 1);
}

TEST_CASE("query batch answers list result entries and errors", "[sqs][batch][protocol]") {
  SqsFixture f;
  const auto url = f.create_queue("qbatch");
  const std::string xml =
      f.query_ok("SendMessageBatch", {{"QueueUrl", url},
                                      {"SendMessageBatchRequestEntry.1.Id", "a"},
                                      {"SendMessageBatchRequestEntry.1.MessageBody", "one"},
                                      {"SendMessageBatchRequestEntry.2.Id", "b"},
                                      {"SendMessageBatchRequestEntry.2.MessageBody", "two"},
                                      {"SendMessageBatchRequestEntry.2.DelaySeconds", "1000"}});
  CHECK(xml_count(xml, "SendMessageBatchResultEntry") == 1);
  CHECK(xml_count(xml, "BatchResultErrorEntry") == 1);
  CHECK(xml.find("<SenderFault>true</SenderFault>") != std::string::npos);
}
