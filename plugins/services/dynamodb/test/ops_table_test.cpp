// The control plane through the whole plugin: CreateTable validation, DescribeTable, ListTables
// pages, DeleteTable with deletion protection, UpdateTable.
#include "ddb_fixture.hpp"

namespace {

Json hash_only(const std::string& name) {
  return {{"TableName", name},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
}

Json with_range(const std::string& name) {
  Json t = hash_only(name);
  t["AttributeDefinitions"].push_back({{"AttributeName", "sk"}, {"AttributeType", "N"}});
  t["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
  return t;
}

}  // namespace

TEST_CASE_METHOD(DdbFixture, "CreateTable answers the table as CREATING with its key schema",
                 "[ddb][table]") {
  const Json r = ok("CreateTable", with_range("orders"));
  const Json& d = r.at("TableDescription");
  CHECK(d["TableName"] == "orders");
  CHECK(d["TableStatus"] == "CREATING");
  CHECK(d["KeySchema"] == Json::parse(R"([{"AttributeName":"pk","KeyType":"HASH"},
                                           {"AttributeName":"sk","KeyType":"RANGE"}])"));
  CHECK(d["TableArn"] == "arn:aws:dynamodb:us-east-1:000000000000:table/orders");
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(d["ItemCount"] == 0);
  CHECK(d["TableId"].get<std::string>().size() == 36);
}

TEST_CASE_METHOD(DdbFixture, "DescribeTable reports ACTIVE, item count and size, and indexes",
                 "[ddb][table]") {
  Json spec = with_range("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
  spec["GlobalSecondaryIndexes"] = {{{"IndexName", "by_g"},
                                     {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                     {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}};
  ok("CreateTable", spec);
  put("tbl", {{"pk", S("a")}, {"sk", N("1")}, {"g", S("x")}});
  put("tbl", {{"pk", S("a")}, {"sk", N("2")}});
  const Json d = ok("DescribeTable", {{"TableName", "tbl"}})["Table"];
  CHECK(d["TableStatus"] == "ACTIVE");
  CHECK(d["ItemCount"] == 2);
  CHECK(d["TableSizeBytes"].get<int64_t>() > 0);
  REQUIRE(d["GlobalSecondaryIndexes"].size() == 1);
  const Json& g = d["GlobalSecondaryIndexes"][0];
  CHECK(g["IndexName"] == "by_g");
  CHECK(g["IndexStatus"] == "ACTIVE");
  CHECK(g["ItemCount"] == 1);  // sparse: one item has g
  CHECK(g["Projection"]["ProjectionType"] == "KEYS_ONLY");
  CHECK(g["IndexArn"] == "arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/by_g");
}

TEST_CASE_METHOD(DdbFixture, "DescribeTable of a missing table is ResourceNotFoundException",
                 "[ddb][table]") {
  const auto e = fail("DescribeTable", {{"TableName", "nope"}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Requested resource not found: Table: nope not found");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable of an existing name is ResourceInUseException",
                 "[ddb][table]") {
  ok("CreateTable", hash_only("dup"));
  const auto e = fail("CreateTable", hash_only("dup"));
  CHECK(e.type == "ResourceInUseException");
  CHECK(e.message == "Table already exists: dup");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable rejects a short name and a name with bad characters",
                 "[ddb][table]") {
  auto e = fail("CreateTable", hash_only("ab"));
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3");
  e = fail("CreateTable", hash_only("a b!"));
  CHECK(e.message ==
        "1 validation error detected: Value 'a b!' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable rejects a key attribute missing from the definitions",
                 "[ddb][table]") {
  Json spec = hash_only("tbl");
  spec["KeySchema"] = {{{"AttributeName", "other"}, {"KeyType", "HASH"}}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: Some index key attributes are not defined in "
        "AttributeDefinitions. Keys: [other], AttributeDefinitions: [pk]");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable rejects a definition no key uses", "[ddb][table]") {
  Json spec = hash_only("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "extra"}, {"AttributeType", "S"}});
  const auto e = fail("CreateTable", spec);
  CHECK(e.message ==
        "One or more parameter values were invalid: Number of attributes in KeySchema does not "
        "exactly match number of attributes defined in AttributeDefinitions");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable wants HASH first and RANGE second", "[ddb][table]") {
  Json spec = with_range("tbl");
  std::swap(spec["KeySchema"][0], spec["KeySchema"][1]);
  auto e = fail("CreateTable", spec);
  CHECK(e.message == "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  spec = with_range("tbl");
  spec["KeySchema"][1]["KeyType"] = "HASH";
  e = fail("CreateTable", spec);
  CHECK(e.message == "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable rejects an attribute type outside B, N, S",
                 "[ddb][table]") {
  Json spec = hash_only("tbl");
  spec["AttributeDefinitions"][0]["AttributeType"] = "BOOL";
  const auto e = fail("CreateTable", spec);
  CHECK(
      e.message ==
      "1 validation error detected: Value 'BOOL' at 'attributeDefinitions.1.member.attributeType' "
      "failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable PROVISIONED needs both capacity units", "[ddb][table]") {
  Json spec = hash_only("tbl");
  spec.erase("BillingMode");
  auto e = fail("CreateTable", spec);
  CHECK(e.message ==
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
        "both be specified when BillingMode is PROVISIONED");
  spec["ProvisionedThroughput"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 7}};
  const Json d = ok("CreateTable", spec)["TableDescription"];
  CHECK(d["ProvisionedThroughput"]["ReadCapacityUnits"] == 5);
  CHECK(d["ProvisionedThroughput"]["WriteCapacityUnits"] == 7);
  CHECK_FALSE(d.contains("BillingModeSummary"));
}

TEST_CASE_METHOD(DdbFixture, "CreateTable PAY_PER_REQUEST refuses provisioned throughput",
                 "[ddb][table]") {
  Json spec = hash_only("tbl");
  spec["ProvisionedThroughput"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.message ==
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
        "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable refuses a local index on a table without a range key",
                 "[ddb][table][lsi]") {
  Json spec = hash_only("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "l"}, {"AttributeType", "S"}});
  spec["LocalSecondaryIndexes"] = {{{"IndexName", "by_l"},
                                    {"KeySchema",
                                     {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                                      {{"AttributeName", "l"}, {"KeyType", "RANGE"}}}},
                                    {"Projection", {{"ProjectionType", "ALL"}}}}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: Table KeySchema does not have a range key, "
        "which is required when specifying a LocalSecondaryIndex");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable refuses a local index with another hash key",
                 "[ddb][table][lsi]") {
  Json spec = with_range("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "l"}, {"AttributeType", "S"}});
  spec["LocalSecondaryIndexes"] = {{{"IndexName", "by_l"},
                                    {"KeySchema",
                                     {{{"AttributeName", "l"}, {"KeyType", "HASH"}},
                                      {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
                                    {"Projection", {{"ProjectionType", "ALL"}}}}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.message ==
        "One or more parameter values were invalid: Index KeySchema does not have the same "
        "leading hash key as table KeySchema for index: by_l. index hash key: l, table hash "
        "key: pk");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable refuses two indexes with one name", "[ddb][table][gsi]") {
  Json spec = with_range("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
  const Json gsi = {{"IndexName", "same"},
                    {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                    {"Projection", {{"ProjectionType", "ALL"}}}};
  spec["GlobalSecondaryIndexes"] = {gsi, gsi};
  const auto e = fail("CreateTable", spec);
  CHECK(e.message == "One or more parameter values were invalid: Duplicate index name: same");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable refuses INCLUDE without NonKeyAttributes",
                 "[ddb][table][gsi]") {
  Json spec = with_range("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
  spec["GlobalSecondaryIndexes"] = {{{"IndexName", "by_g"},
                                     {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                     {"Projection", {{"ProjectionType", "INCLUDE"}}}}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: ProjectionType is INCLUDE, but "
        "NonKeyAttributes is not specified");
}

TEST_CASE_METHOD(DdbFixture, "CreateTable of a PROVISIONED table wants a GSI's throughput",
                 "[ddb][table][gsi]") {
  Json spec = with_range("tbl");
  spec.erase("BillingMode");
  spec["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}};
  spec["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
  spec["GlobalSecondaryIndexes"] = {{{"IndexName", "by_g"},
                                     {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                     {"Projection", {{"ProjectionType", "ALL"}}}}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.type == "ValidationException");
  spec["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] = {{"ReadCapacityUnits", 2},
                                                                {"WriteCapacityUnits", 3}};
  const Json d = ok("CreateTable", spec)["TableDescription"];
  CHECK(d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 2);
}

TEST_CASE_METHOD(DdbFixture, "CreateTable with a capacity of the wrong JSON type is a 400",
                 "[ddb][table]") {
  Json spec = hash_only("tbl");
  spec.erase("BillingMode");
  spec["ProvisionedThroughput"] = {{"ReadCapacityUnits", "five"}, {"WriteCapacityUnits", 5}};
  const auto e = fail("CreateTable", spec);
  CHECK(e.type == "SerializationException");
}

TEST_CASE_METHOD(DdbFixture, "ListTables pages by Limit and ExclusiveStartTableName",
                 "[ddb][table][list]") {
  for (const char* name : {"delta", "alpha", "charlie", "bravo", "echo"})
    ok("CreateTable", hash_only(name));
  Json r = ok("ListTables", {{"Limit", 2}});
  CHECK(r["TableNames"] == Json({"alpha", "bravo"}));
  CHECK(r["LastEvaluatedTableName"] == "bravo");
  r = ok("ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "bravo"}});
  CHECK(r["TableNames"] == Json({"charlie", "delta"}));
  CHECK(r["LastEvaluatedTableName"] == "delta");
  r = ok("ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "delta"}});
  CHECK(r["TableNames"] == Json({"echo"}));
  CHECK_FALSE(r.contains("LastEvaluatedTableName"));
}

TEST_CASE_METHOD(DdbFixture, "ListTables without Limit lists every table and no last name",
                 "[ddb][table][list]") {
  CHECK(ok("ListTables", Json::object())["TableNames"] == Json::array());
  ok("CreateTable", hash_only("one"));
  ok("CreateTable", hash_only("two"));
  const Json r = ok("ListTables", Json::object());
  CHECK(r["TableNames"] == Json({"one", "two"}));
  CHECK_FALSE(r.contains("LastEvaluatedTableName"));
}

TEST_CASE_METHOD(DdbFixture, "ListTables refuses a Limit outside 1..100", "[ddb][table][list]") {
  auto e = fail("ListTables", {{"Limit", 0}});
  CHECK(e.message ==
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1");
  e = fail("ListTables", {{"Limit", 101}});
  CHECK(e.message ==
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 100");
}

TEST_CASE_METHOD(DdbFixture, "DeleteTable removes the table and its items", "[ddb][table]") {
  ok("CreateTable", hash_only("gone"));
  put("gone", {{"pk", S("a")}});
  const Json d = ok("DeleteTable", {{"TableName", "gone"}})["TableDescription"];
  CHECK(d["TableStatus"] == "DELETING");
  CHECK(fail("DescribeTable", {{"TableName", "gone"}}).type == "ResourceNotFoundException");
  ok("CreateTable", hash_only("gone"));  // the same name again starts empty
  CHECK(get("gone", {{"pk", S("a")}}).is_null());
  const auto e = fail("DeleteTable", {{"TableName", "never"}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Requested resource not found: Table: never not found");
}

TEST_CASE_METHOD(DdbFixture, "DeleteTable refuses a table protected against deletion",
                 "[ddb][table]") {
  Json spec = hash_only("kept");
  spec["DeletionProtectionEnabled"] = true;
  CHECK(ok("CreateTable", spec)["TableDescription"]["DeletionProtectionEnabled"] == true);
  const auto e = fail("DeleteTable", {{"TableName", "kept"}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "Resource cannot be deleted as it is currently protected against deletion. Disable "
        "deletion protection first.");
  ok("UpdateTable", {{"TableName", "kept"}, {"DeletionProtectionEnabled", false}});
  ok("DeleteTable", {{"TableName", "kept"}});
}

TEST_CASE_METHOD(DdbFixture, "UpdateTable switches billing mode and throughput", "[ddb][table]") {
  ok("CreateTable", hash_only("tbl"));
  Json d = ok("UpdateTable",
              {{"TableName", "tbl"},
               {"BillingMode", "PROVISIONED"},
               {"ProvisionedThroughput",
                {{"ReadCapacityUnits", 4}, {"WriteCapacityUnits", 6}}}})["TableDescription"];
  CHECK(d["ProvisionedThroughput"]["ReadCapacityUnits"] == 4);
  CHECK(d["ProvisionedThroughput"]["WriteCapacityUnits"] == 6);
  CHECK(d["BillingModeSummary"]["BillingMode"] == "PROVISIONED");
  d = ok("DescribeTable", {{"TableName", "tbl"}})["Table"];
  CHECK(d["ProvisionedThroughput"]["ReadCapacityUnits"] == 4);
}

TEST_CASE_METHOD(DdbFixture, "UpdateTable deletes a global secondary index", "[ddb][table][gsi]") {
  Json spec = with_range("tbl");
  spec["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
  spec["GlobalSecondaryIndexes"] = {{{"IndexName", "by_g"},
                                     {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                                     {"Projection", {{"ProjectionType", "ALL"}}}}};
  ok("CreateTable", spec);
  put("tbl", {{"pk", S("a")}, {"sk", N("1")}, {"g", S("x")}});
  ok("UpdateTable", {{"TableName", "tbl"},
                     {"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", "by_g"}}}}}}});
  CHECK_FALSE(
      ok("DescribeTable", {{"TableName", "tbl"}})["Table"].contains("GlobalSecondaryIndexes"));
  const auto e = fail("Query", {{"TableName", "tbl"},
                                {"IndexName", "by_g"},
                                {"KeyConditionExpression", "g = :g"},
                                {"ExpressionAttributeValues", {{":g", S("x")}}}});
  CHECK(e.message == "The table does not have the specified index: by_g");
  CHECK(get("tbl", {{"pk", S("a")}, {"sk", N("1")}})["g"] == S("x"));
}

TEST_CASE_METHOD(DdbFixture, "UpdateTable of a missing table is ResourceNotFoundException",
                 "[ddb][table]") {
  const auto e = fail("UpdateTable", {{"TableName", "nope"}, {"BillingMode", "PAY_PER_REQUEST"}});
  CHECK(e.type == "ResourceNotFoundException");
}
