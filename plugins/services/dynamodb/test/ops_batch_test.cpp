// BatchGetItem and BatchWriteItem through the whole plugin: several tables, limits, duplicate
// keys, missing tables, and empty UnprocessedKeys/UnprocessedItems.
#include "ddb_fixture.hpp"

namespace {

struct BatchFixture : DdbFixture {
  BatchFixture() {
    create_table("one", "pk");
    create_table("two", "id", "n");
  }
  static Json put_request(const Json& item) { return {{"PutRequest", {{"Item", item}}}}; }
  static Json delete_request(const Json& key) { return {{"DeleteRequest", {{"Key", key}}}}; }
};

}  // namespace

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem puts and deletes across tables", "[ddb][batch]") {
  put("one", {{"pk", S("old")}});
  const Json r =
      ok("BatchWriteItem",
         {{"RequestItems",
           {{"one",
             {put_request({{"pk", S("a")}, {"v", N("1.50")}}), delete_request({{"pk", S("old")}})}},
            {"two", {put_request({{"id", S("x")}, {"n", N("1")}})}}}}});
  CHECK(r["UnprocessedItems"] == Json::object());
  CHECK(get("one", {{"pk", S("a")}})["v"] == N("1.5"));
  CHECK(get("one", {{"pk", S("old")}}).is_null());
  CHECK(get("two", {{"id", S("x")}, {"n", N("1")}}).is_object());
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem refuses more than 25 writes", "[ddb][batch]") {
  Json writes = Json::array();
  for (int i = 0; i < 26; ++i) writes.push_back(put_request({{"pk", S("k" + std::to_string(i))}}));
  const auto e = fail("BatchWriteItem", {{"RequestItems", {{"one", writes}}}});
  CHECK(e.type == "ValidationException");
  // DynamoDB quotes the request map as Java prints it, one object reference per request.
  CHECK(e.message.starts_with(
      "1 validation error detected: Value '{one=[com.amazonaws.dynamodb.v20120810.WriteRequest@"));
  CHECK(e.message.ends_with(
      "]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
      "[Member must have length less than or equal to 25, Member must have length greater than "
      "or equal to 1]"));
  CHECK(ok("Scan", {{"TableName", "one"}})["Count"] == 0);
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem refuses a table with no writes", "[ddb][batch]") {
  const auto e = fail("BatchWriteItem", {{"RequestItems", {{"one", Json::array()}}}});
  CHECK(e.message ==
        "1 validation error detected: Value '{one=[]}' at 'requestItems' failed to satisfy "
        "constraint: Map value must satisfy constraint: [Member must have length less than or "
        "equal to 25, Member must have length greater than or equal to 1]");
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem counts the 25 writes over all tables",
                 "[ddb][batch]") {
  Json one = Json::array(), two = Json::array();
  for (int i = 0; i < 13; ++i) {
    one.push_back(put_request({{"pk", S("k" + std::to_string(i))}}));
    two.push_back(put_request({{"id", S("k")}, {"n", N(std::to_string(i))}}));
  }
  const auto e = fail("BatchWriteItem", {{"RequestItems", {{"one", one}, {"two", two}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "Too many items requested for the BatchWriteItem call");
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem refuses two writes of one key and writes nothing",
                 "[ddb][batch]") {
  const auto e =
      fail("BatchWriteItem", {{"RequestItems",
                               {{"one",
                                 {put_request({{"pk", S("a")}}), delete_request({{"pk", S("a")}}),
                                  put_request({{"pk", S("b")}})}}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "Provided list of item keys contains duplicates");
  CHECK(get("one", {{"pk", S("b")}}).is_null());
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem naming a missing table writes nothing",
                 "[ddb][batch]") {
  const auto e = fail(
      "BatchWriteItem",
      {{"RequestItems",
        {{"one", {put_request({{"pk", S("a")}})}}, {"zzz", {put_request({{"pk", S("a")}})}}}}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Requested resource not found");
  CHECK(get("one", {{"pk", S("a")}}).is_null());
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem checks each item's key", "[ddb][batch][key]") {
  const auto e =
      fail("BatchWriteItem", {{"RequestItems", {{"two", {put_request({{"id", S("x")}})}}}}});
  CHECK(e.message == "One or more parameter values were invalid: Missing the key n in the item");
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem without RequestItems is a constraint error",
                 "[ddb][batch]") {
  auto e = fail("BatchWriteItem", Json::object());
  CHECK(e.message ==
        "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: "
        "Member must not be null");
  e = fail("BatchWriteItem", {{"RequestItems", {{"one", Json::array()}}}});
  CHECK(e.type == "ValidationException");
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem reports consumed capacity per table",
                 "[ddb][batch][capacity]") {
  const Json r = ok(
      "BatchWriteItem",
      {{"RequestItems", {{"one", {put_request({{"pk", S("a")}}), put_request({{"pk", S("b")}})}}}},
       {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"] == Json::array({{{"TableName", "one"}, {"CapacityUnits", 2.0}}}));
}

TEST_CASE_METHOD(BatchFixture, "BatchGetItem reads from several tables with a projection",
                 "[ddb][batch]") {
  put("one", {{"pk", S("a")}, {"v", N("1")}, {"w", S("x")}});
  put("one", {{"pk", S("b")}, {"v", N("2")}, {"w", S("y")}});
  put("two", {{"id", S("x")}, {"n", N("1")}});
  const Json r = ok("BatchGetItem",
                    {{"RequestItems",
                      {{"one",
                        {{"Keys", {{{"pk", S("a")}}, {{"pk", S("b")}}, {{"pk", S("missing")}}}},
                         {"ProjectionExpression", "#v"},
                         {"ExpressionAttributeNames", {{"#v", "v"}}}}},
                       {"two", {{"Keys", {{{"id", S("x")}, {"n", N("1")}}}}}}}}});
  CHECK(r["UnprocessedKeys"] == Json::object());
  std::set<std::string> vs;
  for (const auto& item : r["Responses"]["one"]) {
    CHECK(item.size() == 1);
    vs.insert(item["v"]["N"].get<std::string>());
  }
  CHECK(vs == std::set<std::string>{"1", "2"});
  CHECK(r["Responses"]["two"] == Json::array({{{"id", S("x")}, {"n", N("1")}}}));
}

TEST_CASE_METHOD(BatchFixture, "BatchGetItem refuses more than 100 keys", "[ddb][batch]") {
  Json keys = Json::array();
  for (int i = 0; i < 101; ++i) keys.push_back({{"pk", S("k" + std::to_string(i))}});
  const auto e = fail("BatchGetItem", {{"RequestItems", {{"one", {{"Keys", keys}}}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "Too many items requested for the BatchGetItem call");
}

TEST_CASE_METHOD(BatchFixture, "BatchGetItem refuses duplicate keys", "[ddb][batch]") {
  const auto e =
      fail("BatchGetItem",
           {{"RequestItems", {{"one", {{"Keys", {{{"pk", S("a")}}, {{"pk", S("a")}}}}}}}}});
  CHECK(e.message == "Provided list of item keys contains duplicates");
}

TEST_CASE_METHOD(BatchFixture, "BatchGetItem of a missing table is ResourceNotFoundException",
                 "[ddb][batch]") {
  const auto e =
      fail("BatchGetItem", {{"RequestItems", {{"zzz", {{"Keys", {{{"pk", S("a")}}}}}}}}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Requested resource not found");
}

TEST_CASE_METHOD(BatchFixture, "BatchGetItem checks each key against the schema",
                 "[ddb][batch][key]") {
  const auto e =
      fail("BatchGetItem", {{"RequestItems", {{"two", {{"Keys", {{{"id", S("x")}}}}}}}}});
  CHECK(e.message == "The provided key element does not match the schema");
}

TEST_CASE_METHOD(BatchFixture, "BatchWriteItem with a request of neither kind is refused",
                 "[ddb][batch]") {
  const auto e = fail("BatchWriteItem", {{"RequestItems", {{"one", {Json::object()}}}}});
  CHECK(e.type == "ValidationException");
  CHECK(get("one", {{"pk", S("a")}}).is_null());
}
