// Event notifications: what reaches a queue service through the host's internal call, and that
// a missing target never fails the write.
#include <cloudemu/service.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "config_fixture.hpp"
#include "s3_notifications.hpp"

namespace {

/// Stands in for the SQS plugin: records each SendMessage it is sent.
struct Received {
  std::string target, body;
};
std::mutex g_mu;
std::vector<Received> g_received;

class QueueStub {
 public:
  static constexpr const char* k_id = "sqs";
  static constexpr const char* k_protocol = "json-1.0";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_TARGET_PREFIX, "AmazonSQS"}};
  QueueStub(ce::ServiceContext, std::string_view) {}
  void handle(ce::Request& req, ce::Response& resp) {
    {
      std::lock_guard lock(g_mu);
      g_received.push_back({std::string(req.header_or("X-Amz-Target", "")), req.read_all(1 << 20)});
    }
    resp.send(200, "application/x-amz-json-1.0", "{}");
  }
};
ce_status stub_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return ce::plugin_init("sqs-stub.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<QueueStub>(h, reg, err);
  });
}
constexpr ce_plugin_descriptor k_stub =
    ce::make_descriptor("sqs-stub", "0.0.1", "test", CE_PLUGIN_SERVICE, &stub_init);

const std::string k_config =
    "<NotificationConfiguration><QueueConfiguration><Id>uploads</Id>"
    "<Queue>arn:aws:sqs:us-east-1:000000000000:events</Queue>"
    "<Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name>"
    "<Value>in/</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.csv</Value>"
    "</FilterRule></S3Key></Filter></QueueConfiguration></NotificationConfiguration>";

}  // namespace

TEST_CASE("event name patterns", "[s3][notifications]") {
  CHECK(s3::event_matches("s3:ObjectCreated:*", "ObjectCreated:Put"));
  CHECK(s3::event_matches("s3:ObjectRemoved:Delete", "ObjectRemoved:Delete"));
  CHECK_FALSE(s3::event_matches("s3:ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated"));
  CHECK_FALSE(s3::event_matches("s3:ObjectCreated:*", "ObjectRemoved:Delete"));
}

TEST_CASE_METHOD(ConfigFixture, "matching writes send S3's event JSON to the queue",
                 "[s3][notifications]") {
  {
    std::lock_guard lock(g_mu);
    g_received.clear();
  }
  REQUIRE(host.load(&k_stub) == CE_OK);
  make_bucket("bkt");
  REQUIRE(call("PUT", "/bkt?notification", k_config).status == 200);
  REQUIRE(call("PUT", "/bkt/in/data%20x.csv", "a,b").status == 200);
  REQUIRE(call("PUT", "/bkt/in/skip.txt", "x").status == 200);   // suffix does not match
  REQUIRE(call("PUT", "/bkt/out/data.csv", "x").status == 200);  // prefix does not match
  host.run_posted();

  std::lock_guard lock(g_mu);
  REQUIRE(g_received.size() == 2);
  // Storing the configuration sent S3's test event first.
  const auto test_event = nlohmann::json::parse(
      nlohmann::json::parse(g_received[0].body)["MessageBody"].get<std::string>());
  CHECK(test_event["Event"] == "s3:TestEvent");
  CHECK(test_event["Bucket"] == "bkt");
  CHECK(g_received[1].target == "AmazonSQS.SendMessage");
  const auto send = nlohmann::json::parse(g_received[1].body);
  CHECK(send["QueueUrl"].get<std::string>().find("/000000000000/events") != std::string::npos);
  const auto event = nlohmann::json::parse(send["MessageBody"].get<std::string>());
  const auto& record = event["Records"][0];
  CHECK(record["eventSource"] == "aws:s3");
  CHECK(record["eventName"] == "ObjectCreated:Put");
  CHECK(record["s3"]["configurationId"] == "uploads");
  CHECK(record["s3"]["bucket"]["name"] == "bkt");
  CHECK(record["s3"]["object"]["key"] == "in/data%20x.csv");
  CHECK(record["s3"]["object"]["size"] == 3);
}

TEST_CASE_METHOD(ConfigFixture, "a target service that is not loaded never fails the write",
                 "[s3][notifications]") {
  make_bucket("bkt");
  REQUIRE(call("PUT", "/bkt?notification", k_config).status == 200);
  CHECK(call("PUT", "/bkt/in/a.csv", "x").status == 200);
  host.run_posted();
  CHECK(call("GET", "/bkt/in/a.csv").body == "x");
  CHECK(host.violations().empty());
}
