// MD5OfMessageBody / MD5OfMessageAttributes exactly as SQS computes them; the expected digests
// are ones real SQS produced (AWS documentation examples and messages delivered by SQS).
#include <catch2/catch.hpp>

#include "sqs_codec.hpp"
#include "sqs_fixture.hpp"
#include "sqs_message_attributes.hpp"

TEST_CASE("MD5 of one String attribute matches AWS's example", "[sqs][md5]") {
  const Json attrs = {{"SellerName", {{"DataType", "String"}, {"StringValue", "Example Store"}}}};
  CHECK(sqs::md5_of_attributes(attrs) == "cd28f3b68aeee4b2eac9c66f2f694b58");
}

TEST_CASE("MD5 of attributes sorts names and covers Number types", "[sqs][md5]") {
  const Json attrs = {{"ordinal", {{"DataType", "Number"}, {"StringValue", "1"}}},
                      {"category", {{"DataType", "String"}, {"StringValue", "test"}}}};
  CHECK(sqs::md5_of_attributes(attrs) == "d21ae90c49061e927f57df5f5d72be1f");
}

TEST_CASE("MD5 digests of a message SQS delivered to Lambda", "[sqs][md5]") {
  const Json attrs = {{"RiderID", {{"DataType", "String"}, {"StringValue", "1"}}},
                      {"id", {{"DataType", "Number"}, {"StringValue", "7110437108"}}}};
  CHECK(sqs::md5_of_attributes(attrs) == "ab4045fac17001608f5b6e227ef83df9");
  CHECK(sqs::md5_hex("Test Event to see the syntax") == "5ca304f917b40151fa6930a0ea502286");
}

TEST_CASE("binary attributes are digested as their decoded bytes", "[sqs][md5]") {
  // Same bytes as text and as binary differ only in the type and transport byte.
  const Json binary = {{"b", {{"DataType", "Binary"}, {"BinaryValue", sqs::base64_encode("xyz")}}}};
  const Json text = {{"b", {{"DataType", "String"}, {"StringValue", "xyz"}}}};
  CHECK(sqs::md5_of_attributes(binary).size() == 32);
  CHECK(sqs::md5_of_attributes(binary) != sqs::md5_of_attributes(text));
}

TEST_CASE("SendMessage answers the MD5s and ReceiveMessage repeats them", "[sqs][md5]") {
  SqsFixture f;
  const auto url = f.create_queue("md5");
  const Json attrs = {{"SellerName", {{"DataType", "String"}, {"StringValue", "Example Store"}}}};
  const Json sent =
      f.send(url, "Test Event to see the syntax",
             {{"MessageAttributes", attrs},
              {"MessageSystemAttributes",
               {{"AWSTraceHeader", {{"DataType", "String"}, {"StringValue", "Root=1-abc"}}}}}});
  CHECK(sent["MD5OfMessageBody"] == "5ca304f917b40151fa6930a0ea502286");
  CHECK(sent["MD5OfMessageAttributes"] == "cd28f3b68aeee4b2eac9c66f2f694b58");
  CHECK(sent["MD5OfMessageSystemAttributes"].get<std::string>().size() == 32);
  const Json got =
      f.receive(url, {{"MessageAttributeNames", {"All"}}, {"AttributeNames", {"All"}}});
  REQUIRE(got.size() == 1);
  CHECK(got[0]["MD5OfBody"] == "5ca304f917b40151fa6930a0ea502286");
  CHECK(got[0]["MD5OfMessageAttributes"] == "cd28f3b68aeee4b2eac9c66f2f694b58");
  CHECK(got[0]["Attributes"]["AWSTraceHeader"] == "Root=1-abc");
}

TEST_CASE("MessageAttributeNames selects by name, prefix.* and All", "[sqs][md5]") {
  const Json attrs = {{"a.one", {{"DataType", "String"}, {"StringValue", "1"}}},
                      {"a.two", {{"DataType", "String"}, {"StringValue", "2"}}},
                      {"b", {{"DataType", "String"}, {"StringValue", "3"}}}};
  CHECK(sqs::select_message_attributes(attrs, {"a.*"}).size() == 2);
  CHECK(sqs::select_message_attributes(attrs, {"b"}).size() == 1);
  CHECK(sqs::select_message_attributes(attrs, {"All"}).size() == 3);
  CHECK(sqs::select_message_attributes(attrs, {".*"}).size() == 3);
  CHECK(sqs::select_message_attributes(attrs, {"c"}).empty());
}
