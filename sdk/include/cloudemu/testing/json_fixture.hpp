// Unit tests of a JSON-protocol service (DynamoDB, KMS, Secrets Manager) on the fake host: an
// operation with its JSON body, the parsed answer of a success, the __type and message of a
// failure. Catch2 tests only (it asserts with REQUIRE).
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace ce::testing {

/// A JSON-protocol error as a client sees it: status, the bare __type and the message.
struct JsonError {
  uint32_t status = 0;
  std::string type;
  std::string message;
};

/// A fake host with one JSON-protocol plugin loaded.
struct JsonFixture {
  FakeHost host;
  std::string service;        // the service id requests go to ("kms")
  std::string target_prefix;  // X-Amz-Target before ".<Operation>" ("TrentService")
  std::string content_type;   // application/x-amz-json-1.0 or 1.1
  std::string account = "000000000000";
  std::string region = "us-east-1";

  JsonFixture(const ce_plugin_descriptor* (*entry)(void), std::string service_id,
              std::string target, std::string json_version)
      : service(std::move(service_id)),
        target_prefix(std::move(target)),
        content_type("application/x-amz-json-" + std::move(json_version)) {
    REQUIRE(host.load(entry) == CE_OK);
  }

  /// One call. `op` is an operation name ("GetItem"), or a whole target for another API of the
  /// same plugin ("DynamoDBStreams_20120810.GetRecords").
  HttpResponse raw(const std::string& op, std::string body) {
    HttpRequest req;
    req.method = "POST";
    req.target = "/";
    const std::string target = op.find('.') == std::string::npos ? target_prefix + "." + op : op;
    req.headers = {{"X-Amz-Target", target}, {"Content-Type", content_type}};
    req.body = std::move(body);
    req.account_id = account;
    req.region = region;
    return host.request(service, req);
  }

  /// A call that must succeed: its response document.
  nlohmann::json ok(const std::string& op, const nlohmann::json& body) {
    const auto r = raw(op, body.dump());
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return nlohmann::json::parse(r.body);
  }

  /// A call that must fail with a 4xx: its error (never a 500, which is a handler failure).
  JsonError fail(const std::string& op, const nlohmann::json& body) {
    const auto r = raw(op, body.dump());
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    const auto doc = nlohmann::json::parse(r.body);
    JsonError e;
    e.status = r.status;
    e.type = doc.value("__type", std::string());
    // "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" names the bare code.
    if (const auto hash = e.type.find('#'); hash != std::string::npos) e.type.erase(0, hash + 1);
    e.message = doc.contains("message") ? doc.value("message", std::string())
                                        : doc.value("Message", std::string());
    return e;
  }
};

}  // namespace ce::testing
