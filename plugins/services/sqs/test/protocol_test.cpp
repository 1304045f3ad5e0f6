// Both wire protocols reach the same handlers: query forms decode to the JSON request document,
// answers render as SQS's XML, and errors carry each protocol's code.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"
#include "sqs_protocol.hpp"

TEST_CASE("query and JSON decode to the same request", "[sqs][protocol]") {
  const ce::Params params = {{"Action", "SendMessage"},
                             {"Version", "2012-11-05"},
                             {"QueueUrl", "http://localhost:4566/000000000000/q"},
                             {"MessageBody", "hi"},
                             {"DelaySeconds", "5"},
                             {"MessageAttribute.1.Name", "color"},
                             {"MessageAttribute.1.Value.DataType", "String"},
                             {"MessageAttribute.1.Value.StringValue", "blue"},
                             {"MessageAttribute.2.Name", "raw"},
                             {"MessageAttribute.2.Value.DataType", "Binary"},
                             {"MessageAttribute.2.Value.BinaryValue", "AAE="}};
  const auto decoded = sqs::decode_query_request(params);
  CHECK(decoded.operation == "SendMessage");
  const Json expected = {{"QueueUrl", "http://localhost:4566/000000000000/q"},
                         {"MessageBody", "hi"},
                         {"DelaySeconds", "5"},
                         {"MessageAttributes",
                          {{"color", {{"DataType", "String"}, {"StringValue", "blue"}}},
                           {"raw", {{"DataType", "Binary"}, {"BinaryValue", "AAE="}}}}}};
  CHECK(decoded.input == expected);
}

TEST_CASE("query batch entries and indexed lists decode in index order", "[sqs][protocol]") {
  const ce::Params params = {{"Action", "DeleteMessageBatch"},
                             {"DeleteMessageBatchRequestEntry.2.Id", "b"},
                             {"DeleteMessageBatchRequestEntry.2.ReceiptHandle", "h2"},
                             {"DeleteMessageBatchRequestEntry.1.Id", "a"},
                             {"DeleteMessageBatchRequestEntry.1.ReceiptHandle", "h1"},
                             {"DeleteMessageBatchRequestEntry.10.Id", "j"},
                             {"AttributeName.1", "All"}};
  const auto decoded = sqs::decode_query_request(params);
  REQUIRE(decoded.input["Entries"].size() == 3);
  CHECK(decoded.input["Entries"][0]["Id"] == "a");
  CHECK(decoded.input["Entries"][1]["Id"] == "b");
  CHECK(decoded.input["Entries"][2]["Id"] == "j");
  CHECK(decoded.input["AttributeNames"] == Json::array({"All"}));
}

TEST_CASE("a query request without Action is MissingAction", "[sqs][protocol]") {
  CHECK_THROWS_AS(sqs::decode_query_request({{"QueueName", "x"}}), ce::AwsError);
}

TEST_CASE("query CreateQueue answers XML with the queue URL", "[sqs][protocol]") {
  SqsFixture f;
  const std::string xml = f.query_ok("CreateQueue", {{"QueueName", "orders"},
                                                     {"Attribute.1.Name", "VisibilityTimeout"},
                                                     {"Attribute.1.Value", "45"},
                                                     {"Tag.1.Key", "team"},
                                                     {"Tag.1.Value", "a"}});
  CHECK(xml.find("<CreateQueueResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">") ==
        0);
  CHECK(xml_text(xml, "QueueUrl") == "http://localhost:4566/000000000000/orders");
  CHECK(xml.find("<ResponseMetadata><RequestId>") != std::string::npos);
  const Json attrs = f.attributes("http://localhost:4566/000000000000/orders");
  CHECK(attrs["VisibilityTimeout"] == "45");
  const Json tags =
      f.ok("ListQueueTags", {{"QueueUrl", "http://localhost:4566/000000000000/orders"}});
  CHECK(tags["Tags"]["team"] == "a");
}

TEST_CASE("query errors carry the legacy code and Sender type", "[sqs][protocol]") {
  SqsFixture f;
  const auto r = f.raw_query("GetQueueUrl", {{"QueueName", "missing"}});
  CHECK(r.status == 400);
  CHECK(xml_text(r.body, "Code") == "AWS.SimpleQueueService.NonExistentQueue");
  CHECK(xml_text(r.body, "Type") == "Sender");
  CHECK(xml_text(r.body, "Message") == "The specified queue does not exist.");
}

TEST_CASE("JSON errors carry the new code and x-amzn-query-error", "[sqs][protocol]") {
  SqsFixture f;
  const auto e = f.fail("GetQueueUrl", {{"QueueName", "missing"}});
  CHECK(e.status == 400);
  CHECK(e.type == "QueueDoesNotExist");
  CHECK(e.query_error == "AWS.SimpleQueueService.NonExistentQueue;Sender");
  const auto raw = f.raw_json("GetQueueUrl", {{"QueueName", "missing"}});
  CHECK(Json::parse(raw.body)["__type"] == "com.amazonaws.sqs#QueueDoesNotExist");
}

TEST_CASE("unknown operations answer InvalidAction and UnknownOperationException",
          "[sqs][protocol]") {
  SqsFixture f;
  const auto q = f.raw_query("AddPermission", {{"QueueUrl", "/000000000000/x"}});
  CHECK(q.status == 400);
  CHECK(xml_text(q.body, "Code") == "InvalidAction");
  CHECK(f.fail("NoSuchThing", Json::object()).type == "UnknownOperationException");
}

TEST_CASE("a query form posted to the queue URL path names the queue", "[sqs][protocol]") {
  SqsFixture f;
  f.create_queue("by-path");
  const std::string xml =
      f.query_ok("SendMessage", {{"MessageBody", "hello"}}, "/000000000000/by-path");
  CHECK(xml_text(xml, "MD5OfMessageBody") == "5d41402abc4b2a76b9719d911017c592");
  const std::string got =
      f.query_ok("ReceiveMessage", {{"QueueUrl",
                                     "http://sqs.us-east-1.localhost.localstack.cloud:4566/"
                                     "000000000000/by-path"},
                                    {"AttributeName.1", "All"}});
  CHECK(xml_text(got, "Body") == "hello");
  CHECK(xml_count(got, "Attribute") == 4);
}

TEST_CASE("a body with CR survives XML", "[sqs][protocol]") {
  SqsFixture f;
  const auto url = f.create_queue("cr");
  f.send(url, "a\r\nb & <c>");
  const std::string xml = f.query_ok("ReceiveMessage", {{"QueueUrl", url}});
  CHECK(xml_text(xml, "Body") == "a&#xD;\nb &amp; &lt;c&gt;");
}

TEST_CASE("query ReceiveMessage renders message attributes", "[sqs][protocol]") {
  SqsFixture f;
  const auto url = f.create_queue("attrs");
  f.query_ok("SendMessage", {{"QueueUrl", url},
                             {"MessageBody", "x"},
                             {"MessageAttribute.1.Name", "SellerName"},
                             {"MessageAttribute.1.Value.DataType", "String"},
                             {"MessageAttribute.1.Value.StringValue", "Example Store"}});
  const std::string xml =
      f.query_ok("ReceiveMessage", {{"QueueUrl", url}, {"MessageAttributeName.1", "All"}});
  CHECK(xml_text(xml, "MD5OfMessageAttributes") == "cd28f3b68aeee4b2eac9c66f2f694b58");
  CHECK(xml.find("<MessageAttribute><Name>SellerName</Name><Value><DataType>String</DataType>"
                 "<StringValue>Example Store</StringValue></Value></MessageAttribute>") !=
        std::string::npos);
}

TEST_CASE("an internal JSON SendMessage without a Host header, as SNS delivers, is accepted",
          "[sqs][protocol]") {
  SqsFixture f;
  f.create_queue("from-sns");
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"X-Amz-Target", "AmazonSQS.SendMessage"},
                 {"Content-Type", "application/x-amz-json-1.0"}};
  req.body = Json({{"QueueUrl", "arn:aws:sqs:us-east-1:000000000000:from-sns"},
                   {"MessageBody", R"({"Type":"Notification"})"}})
                 .dump();
  const auto r = f.host.request("sqs", req);
  INFO(r.body);
  CHECK(r.status == 200);
  CHECK(f.receive("http://localhost:4566/000000000000/from-sns").size() == 1);
}
