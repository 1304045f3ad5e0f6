// Publish and PublishBatch: validation, message attributes, FIFO rules, batches.
#include "sns_fixture.hpp"

TEST_CASE("Publish returns a MessageId", "[sns][publish]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const std::string body = f.ok("Publish", {{"TopicArn", topic}, {"Message", "hello"}});
  CHECK(xml_one(body, "MessageId").size() == 36);
  CHECK(xml_one(body, "SequenceNumber").empty());
  // TargetArn naming a topic works the same.
  f.ok("Publish", {{"TargetArn", topic}, {"Message", "hello"}});
}

TEST_CASE("Publish checks its target and message", "[sns][publish]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  auto publish = [&](Form form) { return f.fail("Publish", form); };
  const auto missing = publish({{"TopicArn", topic + "x"}, {"Message", "m"}});
  CHECK(missing.status == 404);
  CHECK(missing.message == "Topic does not exist");
  CHECK(publish({{"Message", "m"}}).code == "InvalidParameter");
  CHECK(publish({{"TopicArn", topic}, {"Message", ""}}).message ==
        "Invalid parameter: Empty message");
  CHECK(publish({{"TopicArn", topic}, {"Message", std::string(262145, 'x')}}).message ==
        "Invalid parameter: Message too long");
  CHECK(publish({{"TopicArn", topic}, {"Message", "m"}, {"Subject", "a\nb"}}).message ==
        "Invalid parameter: Subject");
  CHECK(publish({{"TopicArn", topic}, {"Message", "m"}, {"MessageStructure", "json"}}).message ==
        "Invalid parameter: Message Structure - JSON message body failed to parse");
  CHECK(publish({{"TopicArn", topic}, {"Message", R"({"sqs":"x"})"}, {"MessageStructure", "json"}})
            .message ==
        "Invalid parameter: Message Structure - No default entry in JSON message body");
  CHECK(publish({{"TopicArn", topic}, {"Message", "m"}, {"MessageGroupId", "g"}}).code ==
        "InvalidParameter");
  f.ok("Publish", {{"TopicArn", topic},
                   {"Message", R"({"default":"d","sqs":"s"})"},
                   {"MessageStructure", "json"}});
}

TEST_CASE("Message attributes are validated", "[sns][publish][attributes]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  auto with = [&](const std::string& type, const std::string& value_field,
                  const std::string& value) {
    return f.raw("Publish", {{"TopicArn", topic},
                             {"Message", "m"},
                             {"MessageAttributes.entry.1.Name", "a"},
                             {"MessageAttributes.entry.1.Value.DataType", type},
                             {"MessageAttributes.entry.1.Value." + value_field, value}});
  };
  CHECK(with("String", "StringValue", "x").status == 200);
  CHECK(with("Number", "StringValue", "-1.5e3").status == 200);
  CHECK(with("Number.int", "StringValue", "7").status == 200);
  CHECK(with("Binary", "BinaryValue", "aGk=").status == 200);
  CHECK(with("String.Array", "StringValue", R"(["a",1,true,null])").status == 200);

  auto error = [&](const ce::testing::HttpResponse& r) {
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(xml_one(r.body, "Code") == "ParameterValueInvalid");
    return xml_one(r.body, "Message");
  };
  CHECK(error(with("Blob", "StringValue", "x")) ==
        "The message attribute 'a' has an invalid message attribute type, the set of supported "
        "type prefixes is Binary, Number, and String.");
  CHECK(error(with("String", "StringValue", "")) ==
        "The message attribute 'a' must contain non-empty message attribute value for message "
        "attribute type 'String'.");
  CHECK(error(with("Number", "StringValue", "ten")) ==
        "Could not cast message attribute 'a' value to number.");
  error(with("String.Array", "StringValue", "not-an-array"));
  error(with("Binary", "BinaryValue", "%%%"));

  Form eleven = {{"TopicArn", topic}, {"Message", "m"}};
  for (int i = 1; i <= 11; ++i) {
    const std::string p = "MessageAttributes.entry." + std::to_string(i);
    eleven.emplace_back(p + ".Name", "a" + std::to_string(i));
    eleven.emplace_back(p + ".Value.DataType", "String");
    eleven.emplace_back(p + ".Value.StringValue", "v");
  }
  CHECK(f.fail("Publish", eleven).message ==
        "Number of message attributes [11] exceeds the allowed maximum [10].");
}

TEST_CASE("FIFO topics need a group and a deduplication id", "[sns][publish][fifo]") {
  SnsFixture f;
  const std::string topic = f.create_fifo_topic("t.fifo");
  CHECK(f.fail("Publish", {{"TopicArn", topic}, {"Message", "m"}}).message ==
        "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
  CHECK(
      f.fail("Publish", {{"TopicArn", topic}, {"Message", "m"}, {"MessageGroupId", "g"}}).message ==
      "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
      "MessageDeduplicationId provided explicitly");
  const std::string first = f.ok("Publish", {{"TopicArn", topic},
                                             {"Message", "m"},
                                             {"MessageGroupId", "g"},
                                             {"MessageDeduplicationId", "d1"}});
  const std::string second = f.ok("Publish", {{"TopicArn", topic},
                                              {"Message", "m"},
                                              {"MessageGroupId", "g"},
                                              {"MessageDeduplicationId", "d2"}});
  CHECK(xml_one(first, "SequenceNumber").size() == 20);
  CHECK(xml_one(second, "SequenceNumber") > xml_one(first, "SequenceNumber"));
}

TEST_CASE("FIFO deduplication lasts five minutes", "[sns][publish][fifo]") {
  SnsFixture f;
  const std::string topic = f.create_fifo_topic("t.fifo", true);
  const Form form = {{"TopicArn", topic}, {"Message", "same"}, {"MessageGroupId", "g"}};
  const std::string a = f.ok("Publish", form);
  const std::string b = f.ok("Publish", form);
  CHECK(xml_one(a, "MessageId") == xml_one(b, "MessageId"));
  CHECK(xml_one(a, "SequenceNumber") == xml_one(b, "SequenceNumber"));
  f.host.advance(5 * 60 * 1000 + 1);
  const std::string c = f.ok("Publish", form);
  CHECK(xml_one(c, "MessageId") != xml_one(a, "MessageId"));
}

TEST_CASE("PublishBatch reports each entry", "[sns][publish][batch]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  const std::string body =
      f.ok("PublishBatch", {{"TopicArn", topic},
                            {"PublishBatchRequestEntries.member.1.Id", "a"},
                            {"PublishBatchRequestEntries.member.1.Message", "x"},
                            {"PublishBatchRequestEntries.member.2.Id", "b"},
                            {"PublishBatchRequestEntries.member.2.Message", ""},
                            {"PublishBatchRequestEntries.member.3.Id", "c"},
                            {"PublishBatchRequestEntries.member.3.Message", "z"}});
  CHECK(xml_all(body, "MessageId").size() == 2);
  const auto failed = body.substr(body.find("<Failed>"));
  CHECK(xml_all(failed, "Id") == std::vector<std::string>{"b"});
  CHECK(xml_one(failed, "Code") == "InvalidParameter");
  CHECK(xml_one(failed, "SenderFault") == "true");
}

TEST_CASE("PublishBatch refuses malformed batches", "[sns][publish][batch]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  CHECK(f.fail("PublishBatch", {{"TopicArn", topic}}).code == "EmptyBatchRequest");
  Form eleven = {{"TopicArn", topic}};
  for (int i = 1; i <= 11; ++i) {
    eleven.emplace_back("PublishBatchRequestEntries.member." + std::to_string(i) + ".Id",
                        "e" + std::to_string(i));
    eleven.emplace_back("PublishBatchRequestEntries.member." + std::to_string(i) + ".Message", "m");
  }
  CHECK(f.fail("PublishBatch", eleven).code == "TooManyEntriesInBatchRequest");
  CHECK(f.fail("PublishBatch", {{"TopicArn", topic},
                                {"PublishBatchRequestEntries.member.1.Id", "a"},
                                {"PublishBatchRequestEntries.member.1.Message", "m"},
                                {"PublishBatchRequestEntries.member.2.Id", "a"},
                                {"PublishBatchRequestEntries.member.2.Message", "m"}})
            .code == "BatchEntryIdsNotDistinct");
  CHECK(f.fail("PublishBatch", {{"TopicArn", topic},
                                {"PublishBatchRequestEntries.member.1.Id", "bad id!"},
                                {"PublishBatchRequestEntries.member.1.Message", "m"}})
            .code == "InvalidBatchEntryId");
}

TEST_CASE("Publish succeeds when the sqs service is not loaded", "[sns][publish][delivery]") {
  SnsFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q");
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "m"}});
  bool logged = false;
  for (const auto& line : f.host.logs())
    logged = logged || (line.find("delivery of message") != std::string::npos &&
                        line.find("not loaded") != std::string::npos);
  CHECK(logged);
}

TEST_CASE("Publishing to a phone number is recorded", "[sns][publish][sms]") {
  SnsFixture f;
  CHECK(xml_one(f.ok("Publish", {{"PhoneNumber", "+15555550100"}, {"Message", "hi"}}), "MessageId")
            .size() == 36);
  CHECK(f.fail("Publish", {{"PhoneNumber", "abc"}, {"Message", "hi"}}).code == "InvalidParameter");
}
