// A fake host with the DynamoDB plugin loaded, and the shorthands the operation tests share:
// a call by operation name with a JSON body, the parsed answer of a success, the __type and
// message of a failure, and a few table shapes.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Json = nlohmann::json;

/// A DynamoDB error as a client sees it: status, the bare __type and the message.
struct DdbError {
  uint32_t status = 0;
  std::string type;
  std::string message;
};

struct DdbFixture {
  ce::testing::FakeHost host;
  DdbFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpResponse raw(const std::string& op, std::string body) {
    ce::testing::HttpRequest req;
    req.method = "POST";
    req.target = "/";
    // "GetItem", or a whole target for the other API: "DynamoDBStreams_20120810.GetRecords".
    const std::string target = op.find('.') == std::string::npos ? "DynamoDB_20120810." + op : op;
    req.headers = {{"X-Amz-Target", target}, {"Content-Type", "application/x-amz-json-1.0"}};
    req.body = std::move(body);
    return host.request("dynamodb", req);
  }

  /// A call that must succeed: its response document.
  Json ok(const std::string& op, const Json& body) {
    const auto r = raw(op, body.dump());
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return Json::parse(r.body);
  }

  /// A call that must fail with a 4xx: its error (never a 500, which is a handler failure).
  DdbError fail(const std::string& op, const Json& body) {
    const auto r = raw(op, body.dump());
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    const Json doc = Json::parse(r.body);
    DdbError e;
    e.status = r.status;
    e.type = doc.value("__type", std::string());
    if (const auto hash = e.type.find('#'); hash != std::string::npos) e.type.erase(0, hash + 1);
    e.message = doc.contains("message") ? doc.value("message", std::string())
                                        : doc.value("Message", std::string());
    return e;
  }

  /// A PAY_PER_REQUEST table with a string hash key and, optionally, a number range key.
  void create_table(const std::string& name, const std::string& hash = "pk",
                    const std::string& range = "") {
    Json defs = Json::array({{{"AttributeName", hash}, {"AttributeType", "S"}}});
    Json schema = Json::array({{{"AttributeName", hash}, {"KeyType", "HASH"}}});
    if (!range.empty()) {
      defs.push_back({{"AttributeName", range}, {"AttributeType", "N"}});
      schema.push_back({{"AttributeName", range}, {"KeyType", "RANGE"}});
    }
    ok("CreateTable", {{"TableName", name},
                       {"BillingMode", "PAY_PER_REQUEST"},
                       {"AttributeDefinitions", defs},
                       {"KeySchema", schema}});
  }

  void put(const std::string& table, const Json& item) {
    ok("PutItem", {{"TableName", table}, {"Item", item}});
  }

  /// The item at `key`, or null when there is none.
  Json get(const std::string& table, const Json& key) {
    const Json r = ok("GetItem", {{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
    return r.contains("Item") ? r["Item"] : Json();
  }
};

inline Json S(const std::string& s) {
  return {{"S", s}};
}
inline Json N(const std::string& n) {
  return {{"N", n}};
}

/// The values of attribute `name` (S or N) of every item of a Query/Scan answer, in order.
inline std::vector<std::string> column(const Json& answer, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& item : answer.at("Items")) {
    const Json& v = item.at(name);
    out.push_back(v.contains("S") ? v["S"].get<std::string>() : v["N"].get<std::string>());
  }
  return out;
}
