// Delivery to SQS through the host's internal call (a fake `sqs` service records what SNS
// sends): the envelope, its signature against the served certificate, raw delivery, FIFO ids,
// filtering.
#include <cloudemu/service.hpp>
#include <nlohmann/json.hpp>
#include <vector>

#include "sns_fixture.hpp"
#include "sns_signature_check.hpp"

using Json = nlohmann::json;

namespace {

struct Received {
  std::string target, body, account, region;
};

std::vector<Received>& received() {
  static std::vector<Received> r;
  return r;
}

class FakeSqs {
 public:
  static constexpr const char* k_id = "sqs";
  static constexpr const char* k_protocol = "json-1.0";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_TARGET_PREFIX, "AmazonSQS"}};
  FakeSqs(ce::ServiceContext, std::string_view) {}
  void handle(ce::Request& req, ce::Response& resp) {
    received().push_back({std::string(req.header_or("X-Amz-Target", "")), req.read_all(1 << 20),
                          std::string(req.account_id()), std::string(req.region())});
    resp.send(200, "application/x-amz-json-1.0", R"({"MessageId":"fake"})");
  }
};

ce_status fake_sqs_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg,
                        ce_error* err) noexcept {
  return ce::plugin_init("fake-sqs.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<FakeSqs>(h, reg, err);
  });
}
constexpr ce_plugin_descriptor k_fake_sqs =
    ce::make_descriptor("fake-sqs", "0", "test", CE_PLUGIN_SERVICE, &fake_sqs_init);

struct DeliveryFixture : SnsFixture {
  DeliveryFixture() {
    received().clear();
    REQUIRE(host.load(&k_fake_sqs) == CE_OK);
  }
  /// The SendMessage documents SQS received.
  std::vector<Json> sent() {
    std::vector<Json> out;
    for (const auto& r : received()) {
      CHECK(r.target == "AmazonSQS.SendMessage");
      out.push_back(Json::parse(r.body));
    }
    return out;
  }
};

const std::string k_queue = "arn:aws:sqs:us-east-1:000000000000:inbox";

}  // namespace

TEST_CASE("SQS subscribers get SNS's signed JSON envelope", "[sns][delivery][signature]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic("t");
  const std::string sub = f.subscribe(topic, "sqs", k_queue);
  const std::string id =
      xml_one(f.ok("Publish", {{"TopicArn", topic},
                               {"Message", "hello"},
                               {"Subject", "greeting"},
                               {"MessageAttributes.entry.1.Name", "color"},
                               {"MessageAttributes.entry.1.Value.DataType", "String"},
                               {"MessageAttributes.entry.1.Value.StringValue", "red"}}),
              "MessageId");
  const auto sent = f.sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].at("QueueUrl").get<std::string>().ends_with("/000000000000/inbox"));
  CHECK(received()[0].account == "000000000000");
  CHECK(received()[0].region == "us-east-1");
  const Json env = Json::parse(sent[0].at("MessageBody").get<std::string>());
  CHECK(env.at("Type") == "Notification");
  CHECK(env.at("MessageId") == id);
  CHECK(env.at("TopicArn") == topic);
  CHECK(env.at("Subject") == "greeting");
  CHECK(env.at("Message") == "hello");
  CHECK(env.at("Timestamp") == "2023-11-14T22:13:20.000Z");  // the fake host's clock
  CHECK(env.at("SignatureVersion") == "1");
  CHECK(env.at("UnsubscribeURL").get<std::string>().find("Action=Unsubscribe&SubscriptionArn=") !=
        std::string::npos);
  CHECK(env.at("MessageAttributes") == Json::parse(R"({"color":{"Type":"String","Value":"red"}})"));
  CHECK(signature_verifies(f, env));
  // Keys in SNS's order.
  const std::string body = sent[0].at("MessageBody");
  CHECK(body.find("\"Type\"") < body.find("\"MessageId\""));
  CHECK(body.find("\"Message\"") < body.find("\"Timestamp\""));
}

TEST_CASE("SignatureVersion 2 signs with SHA256 and the key stays the same", "[sns][signature]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic(
      "t", {{"Attributes.entry.1.key", "SignatureVersion"}, {"Attributes.entry.1.value", "2"}});
  f.subscribe(topic, "sqs", k_queue);
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "one"}});
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "two"}});
  const auto sent = f.sent();
  REQUIRE(sent.size() == 2);
  const Json a = Json::parse(sent[0].at("MessageBody").get<std::string>());
  const Json b = Json::parse(sent[1].at("MessageBody").get<std::string>());
  CHECK(a.at("SignatureVersion") == "2");
  CHECK(a.contains("Subject") == false);
  CHECK(signature_verifies(f, a));
  CHECK(signature_verifies(f, b));
  CHECK(a.at("SigningCertURL") == b.at("SigningCertURL"));
}

TEST_CASE("A tampered message fails verification", "[sns][signature]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(topic, "sqs", k_queue);
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "real"}});
  Json env = Json::parse(f.sent().at(0).at("MessageBody").get<std::string>());
  env["Message"] = "forged";
  CHECK_FALSE(signature_verifies(f, env));
}

TEST_CASE("Raw delivery sends the body and SQS message attributes", "[sns][delivery][raw]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(
      topic, "sqs", k_queue,
      {{"Attributes.entry.1.key", "RawMessageDelivery"}, {"Attributes.entry.1.value", "true"}});
  f.ok("Publish", {{"TopicArn", topic},
                   {"Message", "raw body"},
                   {"MessageAttributes.entry.1.Name", "n"},
                   {"MessageAttributes.entry.1.Value.DataType", "Number"},
                   {"MessageAttributes.entry.1.Value.StringValue", "5"},
                   {"MessageAttributes.entry.2.Name", "b"},
                   {"MessageAttributes.entry.2.Value.DataType", "Binary"},
                   {"MessageAttributes.entry.2.Value.BinaryValue", "aGk="}});
  const auto sent = f.sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].at("MessageBody") == "raw body");
  CHECK(sent[0].at("MessageAttributes") ==
        Json::parse(R"({"n":{"DataType":"Number","StringValue":"5"},
                        "b":{"DataType":"Binary","BinaryValue":"aGk="}})"));
}

TEST_CASE("FIFO topics pass group and deduplication ids to FIFO queues", "[sns][delivery][fifo]") {
  DeliveryFixture f;
  const std::string topic = f.create_fifo_topic("t.fifo", true);
  f.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:q.fifo");
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "m"}, {"MessageGroupId", "g1"}});
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "m"}, {"MessageGroupId", "g1"}});  // duplicate
  const auto sent = f.sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].at("MessageGroupId") == "g1");
  CHECK(sent[0].at("MessageDeduplicationId").get<std::string>().size() == 64);  // content hash
  const Json env = Json::parse(sent[0].at("MessageBody").get<std::string>());
  CHECK(env.at("SequenceNumber").get<std::string>().size() == 20);
}

TEST_CASE("Filter policies decide which subscriptions get a message", "[sns][delivery][filter]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:reds",
              {{"Attributes.entry.1.key", "FilterPolicy"},
               {"Attributes.entry.1.value", R"({"color":["red"]})"}});
  f.subscribe(topic, "sqs", "arn:aws:sqs:us-east-1:000000000000:big",
              {{"Attributes.entry.1.key", "FilterPolicy"},
               {"Attributes.entry.1.value", R"({"size":[{"numeric":[">",10]}]})"},
               {"Attributes.entry.2.key", "FilterPolicyScope"},
               {"Attributes.entry.2.value", "MessageBody"}});
  f.ok("Publish", {{"TopicArn", topic},
                   {"Message", R"({"size":3})"},
                   {"MessageAttributes.entry.1.Name", "color"},
                   {"MessageAttributes.entry.1.Value.DataType", "String"},
                   {"MessageAttributes.entry.1.Value.StringValue", "red"}});
  f.ok("Publish", {{"TopicArn", topic}, {"Message", R"({"size":30})"}});
  const auto sent = f.sent();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].at("QueueUrl").get<std::string>().ends_with("/reds"));
  CHECK(sent[1].at("QueueUrl").get<std::string>().ends_with("/big"));
}

TEST_CASE("MessageStructure json gives SQS its own message", "[sns][delivery]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(
      topic, "sqs", k_queue,
      {{"Attributes.entry.1.key", "RawMessageDelivery"}, {"Attributes.entry.1.value", "true"}});
  f.ok("Publish", {{"TopicArn", topic},
                   {"Message", R"({"default":"d","sqs":"for sqs"})"},
                   {"MessageStructure", "json"}});
  CHECK(f.sent().at(0).at("MessageBody") == "for sqs");
}

TEST_CASE("Pending and email subscriptions get nothing through SQS", "[sns][delivery]") {
  DeliveryFixture f;
  const std::string topic = f.create_topic("t");
  f.subscribe(topic, "email", "a@example.com");
  f.ok("Publish", {{"TopicArn", topic}, {"Message", "m"}});
  CHECK(f.sent().empty());
}
