// Single-item operations through the whole plugin: PutItem, GetItem, UpdateItem, DeleteItem with
// their ReturnValues, conditions, key checks, size limit, canonical numbers and capacity.
#include "ddb_fixture.hpp"
#include "ddb_item.hpp"

namespace {

struct ItemFixture : DdbFixture {
  ItemFixture() { create_table("items", "pk", "sk"); }
  static Json key(const std::string& pk, const std::string& sk) {
    return {{"pk", S(pk)}, {"sk", N(sk)}};
  }
  Json update(const Json& key, const std::string& expression, const Json& values,
              const std::string& return_values) {
    Json body = {{"TableName", "items"},
                 {"Key", key},
                 {"UpdateExpression", expression},
                 {"ReturnValues", return_values}};
    if (!values.is_null()) body["ExpressionAttributeValues"] = values;
    return ok("UpdateItem", body);
  }
};

}  // namespace

TEST_CASE_METHOD(ItemFixture, "PutItem then GetItem returns the item with nested values",
                 "[ddb][item]") {
  const Json item = {{"pk", S("a")},
                     {"sk", N("1")},
                     {"ss", {{"SS", {"x", "y"}}}},
                     {"bs", {{"BS", {"AAE="}}}},
                     {"b", {{"B", "aGk="}}},
                     {"flag", {{"BOOL", false}}},
                     {"nothing", {{"NULL", true}}},
                     {"m", {{"M", {{"l", {{"L", {S("p"), N("2"), {{"M", Json::object()}}}}}}}}}}};
  put("items", item);
  CHECK(get("items", key("a", "1")) == item);
}

TEST_CASE_METHOD(ItemFixture, "Numbers are stored canonical: 1.50 comes back 1.5",
                 "[ddb][item][number]") {
  put("items", {{"pk", S("a")},
                {"sk", N("1.0")},
                {"n", N("1.50")},
                {"big", N("00100")},
                {"e", N("1E+2")},
                {"ns", {{"NS", {"2.0", "-0.10"}}}},
                {"m", {{"M", {{"x", N("0010.0")}}}}}});
  const Json got = get("items", key("a", "1"));
  REQUIRE(got.is_object());
  CHECK(got["sk"] == N("1"));
  CHECK(got["n"] == N("1.5"));
  CHECK(got["big"] == N("100"));
  CHECK(got["e"] == N("100"));
  CHECK(got["m"]["M"]["x"] == N("10"));
  const auto ns = got["ns"]["NS"].get<std::set<std::string>>();
  CHECK(ns == std::set<std::string>{"2", "-0.1"});
}

TEST_CASE_METHOD(ItemFixture, "A number key written as 1.0 is found as 1", "[ddb][item][number]") {
  put("items", {{"pk", S("a")}, {"sk", N("1.0")}, {"v", S("x")}});
  CHECK(get("items", key("a", "1"))["v"] == S("x"));
  CHECK(get("items", key("a", "1.000"))["v"] == S("x"));
}

TEST_CASE_METHOD(ItemFixture, "PutItem refuses a number that is not numeric",
                 "[ddb][item][number]") {
  const auto e = fail("PutItem", {{"TableName", "items"},
                                  {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"n", N("abc")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "The parameter cannot be converted to a numeric value: abc");
}

TEST_CASE_METHOD(ItemFixture, "GetItem of a missing item answers no Item", "[ddb][item]") {
  const Json r = ok("GetItem", {{"TableName", "items"}, {"Key", key("zz", "9")}});
  CHECK_FALSE(r.contains("Item"));
}

TEST_CASE_METHOD(ItemFixture, "GetItem applies a ProjectionExpression with names", "[ddb][item]") {
  put("items", {{"pk", S("a")},
                {"sk", N("1")},
                {"name", S("n")},
                {"m", {{"M", {{"x", N("1")}, {"y", N("2")}}}}}});
  const Json r = ok("GetItem", {{"TableName", "items"},
                                {"Key", key("a", "1")},
                                {"ProjectionExpression", "#n, m.y"},
                                {"ExpressionAttributeNames", {{"#n", "name"}}}});
  CHECK(r["Item"] == Json({{"name", S("n")}, {"m", {{"M", {{"y", N("2")}}}}}}));
}

TEST_CASE_METHOD(ItemFixture, "PutItem into a missing table is ResourceNotFoundException",
                 "[ddb][item]") {
  const auto e = fail("PutItem", {{"TableName", "nope"}, {"Item", key("a", "1")}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Requested resource not found");
}

TEST_CASE_METHOD(ItemFixture, "PutItem without a key attribute names the missing key",
                 "[ddb][item][key]") {
  const auto e = fail("PutItem", {{"TableName", "items"}, {"Item", {{"pk", S("a")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "One or more parameter values were invalid: Missing the key sk in the item");
}

TEST_CASE_METHOD(ItemFixture, "PutItem with a key of the wrong type names both types",
                 "[ddb][item][key]") {
  const auto e =
      fail("PutItem", {{"TableName", "items"}, {"Item", {{"pk", N("1")}, {"sk", N("1")}}}});
  CHECK(e.message ==
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: "
        "N");
}

TEST_CASE_METHOD(ItemFixture, "PutItem refuses an empty string key", "[ddb][item][key]") {
  const auto e =
      fail("PutItem", {{"TableName", "items"}, {"Item", {{"pk", S("")}, {"sk", N("1")}}}});
  CHECK(e.message ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
}

TEST_CASE_METHOD(ItemFixture, "GetItem with a partial or extra key does not match the schema",
                 "[ddb][item][key]") {
  auto e = fail("GetItem", {{"TableName", "items"}, {"Key", {{"pk", S("a")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "The provided key element does not match the schema");
  e = fail("GetItem",
           {{"TableName", "items"}, {"Key", {{"pk", S("a")}, {"sk", N("1")}, {"x", S("y")}}}});
  CHECK(e.message == "The provided key element does not match the schema");
  e = fail("DeleteItem", {{"TableName", "items"}, {"Key", {{"pk", S("a")}, {"sk", S("1")}}}});
  CHECK(e.message == "The provided key element does not match the schema");
}

TEST_CASE_METHOD(ItemFixture, "PutItem refuses an item over 400 KB and accepts one just under",
                 "[ddb][item][size]") {
  // Size counts attribute names and values: "pk" + "a" + "sk" + 1 byte number + "big" + value.
  const std::size_t overhead = 2 + 1 + 2 + 2 + 3;
  Json item = {{"pk", S("a")}, {"sk", N("1")}, {"big", S(std::string(400 * 1024 - overhead, 'x'))}};
  put("items", item);
  item["big"] = S(std::string(400 * 1024 - overhead + 1, 'x'));
  const auto e = fail("PutItem", {{"TableName", "items"}, {"Item", item}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "Item size has exceeded the maximum allowed size");
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem refuses to grow an item over 400 KB",
                 "[ddb][item][size]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"big", S(std::string(300 * 1024, 'x'))}});
  Json body = {{"TableName", "items"},
               {"Key", key("a", "1")},
               {"UpdateExpression", "SET more = :v"},
               {"ExpressionAttributeValues", {{":v", S(std::string(200 * 1024, 'y'))}}}};
  const auto e = fail("UpdateItem", body);
  CHECK(e.message == "Item size to update has exceeded the maximum allowed size");
  CHECK_FALSE(get("items", key("a", "1")).contains("more"));
}

TEST_CASE_METHOD(ItemFixture, "PutItem ReturnValues ALL_OLD answers the replaced item",
                 "[ddb][item][return]") {
  Json r = ok("PutItem", {{"TableName", "items"},
                          {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}}},
                          {"ReturnValues", "ALL_OLD"}});
  CHECK_FALSE(r.contains("Attributes"));
  r = ok("PutItem", {{"TableName", "items"},
                     {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("2")}}},
                     {"ReturnValues", "ALL_OLD"}});
  CHECK(r["Attributes"] == Json({{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}}));
}

TEST_CASE_METHOD(ItemFixture, "PutItem and DeleteItem refuse ReturnValues ALL_NEW",
                 "[ddb][item][return]") {
  auto e = fail("PutItem",
                {{"TableName", "items"}, {"Item", key("a", "1")}, {"ReturnValues", "ALL_NEW"}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "Return values set to invalid value");
  e = fail("DeleteItem",
           {{"TableName", "items"}, {"Key", key("a", "1")}, {"ReturnValues", "UPDATED_NEW"}});
  CHECK(e.message == "Return values set to invalid value");
}

TEST_CASE_METHOD(ItemFixture, "ReturnValues outside the enum is a constraint error",
                 "[ddb][item][return]") {
  const auto e =
      fail("PutItem", {{"TableName", "items"}, {"Item", key("a", "1")}, {"ReturnValues", "SOME"}});
  CHECK(e.message ==
        "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy "
        "constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
        "UPDATED_NEW]");
}

TEST_CASE_METHOD(ItemFixture, "DeleteItem ReturnValues ALL_OLD answers the deleted item",
                 "[ddb][item][return]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}});
  Json r = ok("DeleteItem",
              {{"TableName", "items"}, {"Key", key("a", "1")}, {"ReturnValues", "ALL_OLD"}});
  CHECK(r["Attributes"]["v"] == S("x"));
  CHECK(get("items", key("a", "1")).is_null());
  r = ok("DeleteItem",
         {{"TableName", "items"}, {"Key", key("a", "1")}, {"ReturnValues", "ALL_OLD"}});
  CHECK_FALSE(r.contains("Attributes"));
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem ReturnValues NONE answers no attributes",
                 "[ddb][item][return][update]") {
  const Json r = update(key("a", "1"), "SET v = :v", {{":v", N("1")}}, "NONE");
  CHECK_FALSE(r.contains("Attributes"));
  CHECK(get("items", key("a", "1")) == Json({{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}}));
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem ReturnValues ALL_OLD and ALL_NEW answer whole items",
                 "[ddb][item][return][update]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}, {"w", S("keep")}});
  Json r = update(key("a", "1"), "SET v = v + :one", {{":one", N("1")}}, "ALL_OLD");
  CHECK(r["Attributes"] == Json({{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}, {"w", S("keep")}}));
  r = update(key("a", "1"), "SET v = v + :one", {{":one", N("1")}}, "ALL_NEW");
  CHECK(r["Attributes"] == Json({{"pk", S("a")}, {"sk", N("1")}, {"v", N("3")}, {"w", S("keep")}}));
}

TEST_CASE_METHOD(ItemFixture,
                 "UpdateItem UPDATED_OLD and UPDATED_NEW answer the touched attributes",
                 "[ddb][item][return][update]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}, {"w", S("keep")}, {"gone", S("g")}});
  Json r = update(key("a", "1"), "SET v = :two, fresh = :s REMOVE gone",
                  {{":two", N("2")}, {":s", S("new")}}, "UPDATED_OLD");
  CHECK(r["Attributes"] == Json({{"v", N("1")}, {"gone", S("g")}}));
  r = update(key("a", "1"), "SET v = :three", {{":three", N("3")}}, "UPDATED_NEW");
  CHECK(r["Attributes"] == Json({{"v", N("3")}}));
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem of a missing item creates it from the key",
                 "[ddb][item][update]") {
  const Json r = update(key("new", "5"), "ADD hits :one", {{":one", N("1")}}, "ALL_NEW");
  CHECK(r["Attributes"] == Json({{"pk", S("new")}, {"sk", N("5")}, {"hits", N("1")}}));
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem refuses to change a key attribute",
                 "[ddb][item][update]") {
  const auto e = fail("UpdateItem", {{"TableName", "items"},
                                     {"Key", key("a", "1")},
                                     {"UpdateExpression", "SET pk = :v"},
                                     {"ExpressionAttributeValues", {{":v", S("b")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key");
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem adds to and deletes from sets", "[ddb][item][update]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"tags", {{"SS", {"x", "y"}}}}});
  update(key("a", "1"), "ADD tags :add", {{":add", {{"SS", {"z"}}}}}, "NONE");
  update(key("a", "1"), "DELETE tags :del", {{":del", {{"SS", {"x"}}}}}, "NONE");
  const auto tags = get("items", key("a", "1"))["tags"]["SS"].get<std::set<std::string>>();
  CHECK(tags == std::set<std::string>{"y", "z"});
}

TEST_CASE_METHOD(ItemFixture, "UpdateItem sets nested map members and list elements",
                 "[ddb][item][update]") {
  put("items", {{"pk", S("a")},
                {"sk", N("1")},
                {"m", {{"M", {{"deep", {{"M", Json::object()}}}}}}},
                {"l", {{"L", {N("1"), N("2")}}}}});
  update(key("a", "1"), "SET m.deep.x = :x, l[1] = :y, l[5] = :z",
         {{":x", S("deep")}, {":y", N("20")}, {":z", N("3")}}, "NONE");
  const Json got = get("items", key("a", "1"));
  CHECK(got["m"]["M"]["deep"]["M"]["x"] == S("deep"));
  CHECK(got["l"] == Json({{"L", {N("1"), N("20"), N("3")}}}));  // past the end appends
}

TEST_CASE_METHOD(ItemFixture, "A failed ConditionExpression is ConditionalCheckFailedException",
                 "[ddb][item][condition]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}});
  const Json body = {{"TableName", "items"},
                     {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("2")}}},
                     {"ConditionExpression", "attribute_not_exists(pk)"}};
  const auto e = fail("PutItem", body);
  CHECK(e.type == "ConditionalCheckFailedException");
  CHECK(e.message == "The conditional request failed");
  CHECK(get("items", key("a", "1"))["v"] == N("1"));
}

TEST_CASE_METHOD(ItemFixture, "A ConditionExpression that holds lets the write through",
                 "[ddb][item][condition]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}});
  ok("UpdateItem", {{"TableName", "items"},
                    {"Key", key("a", "1")},
                    {"UpdateExpression", "SET v = :new"},
                    {"ConditionExpression", "v = :old AND attribute_exists(pk)"},
                    {"ExpressionAttributeValues", {{":old", N("1")}, {":new", N("5")}}}});
  CHECK(get("items", key("a", "1"))["v"] == N("5"));
  const auto e = fail("DeleteItem", {{"TableName", "items"},
                                     {"Key", key("a", "1")},
                                     {"ConditionExpression", "v < :lim"},
                                     {"ExpressionAttributeValues", {{":lim", N("5")}}}});
  CHECK(e.type == "ConditionalCheckFailedException");
  CHECK_FALSE(get("items", key("a", "1")).is_null());
}

TEST_CASE_METHOD(ItemFixture, "Legacy Expected conditions guard a write",
                 "[ddb][item][condition]") {
  put("items", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}});
  auto e = fail("PutItem", {{"TableName", "items"},
                            {"Item", key("a", "1")},
                            {"Expected", {{"v", {{"Value", N("2")}}}}}});
  CHECK(e.type == "ConditionalCheckFailedException");
  ok("PutItem", {{"TableName", "items"},
                 {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("9")}}},
                 {"Expected", {{"v", {{"Value", N("1")}}}, {"missing", {{"Exists", false}}}}}});
  CHECK(get("items", key("a", "1"))["v"] == N("9"));
}

TEST_CASE_METHOD(ItemFixture, "Expression and legacy parameters do not mix",
                 "[ddb][item][condition]") {
  const auto e = fail("PutItem", {{"TableName", "items"},
                                  {"Item", key("a", "1")},
                                  {"ConditionExpression", "attribute_exists(v)"},
                                  {"Expected", {{"v", {{"Exists", false}}}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
}

TEST_CASE_METHOD(ItemFixture, "An unused ExpressionAttributeValue is refused",
                 "[ddb][item][condition]") {
  const auto e = fail("PutItem", {{"TableName", "items"},
                                  {"Item", key("a", "1")},
                                  {"ConditionExpression", "attribute_not_exists(v)"},
                                  {"ExpressionAttributeValues", {{":unused", N("1")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
}

TEST_CASE_METHOD(ItemFixture, "Sets must not be empty nor hold duplicates", "[ddb][item][set]") {
  auto e =
      fail("PutItem", {{"TableName", "items"},
                       {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"s", {{"SS", Json::array()}}}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "One or more parameter values were invalid: An string set  may not be empty");
  e = fail("PutItem", {{"TableName", "items"},
                       {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"s", {{"SS", {"x", "x"}}}}}}});
  CHECK(e.message ==
        "One or more parameter values were invalid: Input collection [x, x] contains duplicates.");
  e = fail("PutItem", {{"TableName", "items"},
                       {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"n", {{"NS", {"1", "1.0"}}}}}}});
  CHECK(e.message ==
        "One or more parameter values were invalid: Input collection [1, 1.0] contains "
        "duplicates.");
}

TEST_CASE_METHOD(ItemFixture, "An AttributeValue with two types is refused", "[ddb][item]") {
  const auto e = fail(
      "PutItem", {{"TableName", "items"},
                  {"Item", {{"pk", S("a")}, {"sk", N("1")}, {"v", {{"S", "x"}, {"N", "1"}}}}}});
  CHECK(e.message ==
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
}

TEST_CASE_METHOD(ItemFixture, "ReturnConsumedCapacity TOTAL reports units of each operation",
                 "[ddb][item][capacity]") {
  Json r =
      ok("PutItem",
         {{"TableName", "items"}, {"Item", key("a", "1")}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"] == Json({{"TableName", "items"}, {"CapacityUnits", 1.0}}));
  r = ok("GetItem",
         {{"TableName", "items"}, {"Key", key("a", "1")}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 0.5);
  r = ok("GetItem", {{"TableName", "items"},
                     {"Key", key("a", "1")},
                     {"ConsistentRead", true},
                     {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 1.0);
  // 3 KB item: 3 write units.
  r = ok("PutItem", {{"TableName", "items"},
                     {"Item", {{"pk", S("a")}, {"sk", N("2")}, {"v", S(std::string(3000, 'x'))}}},
                     {"ReturnConsumedCapacity", "INDEXES"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 3.0);
  CHECK(r["ConsumedCapacity"]["Table"]["CapacityUnits"] == 3.0);
  r = ok("PutItem", {{"TableName", "items"}, {"Item", key("a", "3")}});
  CHECK_FALSE(r.contains("ConsumedCapacity"));
}

TEST_CASE_METHOD(ItemFixture, "Overwriting an item keeps the table's count and size exact",
                 "[ddb][item][capacity]") {
  const Json big = {{"pk", S("a")}, {"sk", N("1")}, {"v", S(std::string(3000, 'x'))}};
  const Json small = {{"pk", S("a")}, {"sk", N("1")}, {"v", S("y")}};
  const auto table = [this] { return ok("DescribeTable", {{"TableName", "items"}})["Table"]; };
  ok("PutItem", {{"TableName", "items"}, {"Item", big}});
  CHECK(table()["TableSizeBytes"] == ddb::item_size(big));
  // The replaced item is never parsed on this path: its size comes from its stored header, and a
  // put's write units are those of the larger of the two items.
  Json r =
      ok("PutItem", {{"TableName", "items"}, {"Item", small}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 3.0);
  CHECK(table()["ItemCount"] == 1);
  CHECK(table()["TableSizeBytes"] == ddb::item_size(small));
  ok("PutItem", {{"TableName", "items"}, {"Item", key("b", "1")}});
  CHECK(table()["ItemCount"] == 2);
  CHECK(table()["TableSizeBytes"] == ddb::item_size(small) + ddb::item_size(key("b", "1")));
  ok("DeleteItem", {{"TableName", "items"}, {"Key", key("a", "1")}});
  CHECK(table()["TableSizeBytes"] == ddb::item_size(key("b", "1")));
}
