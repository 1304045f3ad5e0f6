// A fake host with the DynamoDB plugin loaded, and the shorthands the operation tests share:
// a call by operation name with a JSON body, the parsed answer of a success, the __type and
// message of a failure, and a few table shapes.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/json_fixture.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Json = nlohmann::json;

using DdbError = ce::testing::JsonError;

struct DdbFixture : ce::testing::JsonFixture {
  DdbFixture() : JsonFixture(&ce_plugin_entry, "dynamodb", "DynamoDB_20120810", "1.0") {}

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
