// UpdateTable's GlobalSecondaryIndexUpdates: a new index backfilled from the table's items and
// kept in step afterwards, DynamoDB's admission rules and wording, throughput updates, and a
// deleted index's AttributeDefinitions pruned.
#include "ddb_fixture.hpp"

namespace {

Json create_gsi(const std::string& index, const std::string& attr, const std::string& type = "S") {
  return {{"TableName", "tbl"},
          {"AttributeDefinitions", {{{"AttributeName", attr}, {"AttributeType", type}}}},
          {"GlobalSecondaryIndexUpdates",
           {{{"Create",
              {{"IndexName", index},
               {"KeySchema", {{{"AttributeName", attr}, {"KeyType", "HASH"}}}},
               {"Projection", {{"ProjectionType", "ALL"}}}}}}}}};
}

struct IndexFixture : DdbFixture {
  IndexFixture() { create_table("tbl", "pk"); }
  Json query_index(const std::string& index, const std::string& attr, const Json& value) {
    return ok("Query", {{"TableName", "tbl"},
                        {"IndexName", index},
                        {"KeyConditionExpression", "#k = :v"},
                        {"ExpressionAttributeNames", {{"#k", attr}}},
                        {"ExpressionAttributeValues", {{":v", value}}}});
  }
  Json gsi(const std::string& name) {
    for (const auto& g : ok("DescribeTable", {{"TableName", "tbl"}})["Table"].value(
             "GlobalSecondaryIndexes", Json::array()))
      if (g["IndexName"] == name) return g;
    return Json();
  }
};

}  // namespace

TEST_CASE_METHOD(IndexFixture, "UpdateTable Create backfills the table's items into the new GSI",
                 "[ddb][table][gsi]") {
  put("tbl", {{"pk", S("a")}, {"g", S("red")}});
  put("tbl", {{"pk", S("b")}, {"g", S("red")}});
  put("tbl", {{"pk", S("c")}, {"g", S("blue")}});
  put("tbl", {{"pk", S("d")}});                 // no g: not in the index
  put("tbl", {{"pk", S("e")}, {"g", N("1")}});  // g of another type: skipped, as DynamoDB does
  const Json d = ok("UpdateTable", create_gsi("by_g", "g"))["TableDescription"];
  CHECK(d["TableStatus"] == "UPDATING");
  REQUIRE(d["GlobalSecondaryIndexes"].size() == 1);
  CHECK(d["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING");
  CHECK(d["GlobalSecondaryIndexes"][0]["Backfilling"] == false);

  const Json g = gsi("by_g");
  CHECK(g["IndexStatus"] == "ACTIVE");
  CHECK_FALSE(g.contains("Backfilling"));
  CHECK(g["ItemCount"] == 3);
  CHECK(ok("DescribeTable", {{"TableName", "tbl"}})["Table"]["AttributeDefinitions"] ==
        Json::parse(R"([{"AttributeName":"g","AttributeType":"S"},
                        {"AttributeName":"pk","AttributeType":"S"}])"));
  const Json red = query_index("by_g", "g", S("red"));
  CHECK(red["Count"] == 2);
  std::vector<std::string> keys = column(red, "pk");
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"a", "b"});
  CHECK(column(query_index("by_g", "g", S("blue")), "pk") == std::vector<std::string>{"c"});
}

TEST_CASE_METHOD(IndexFixture, "a GSI added by UpdateTable follows later writes",
                 "[ddb][table][gsi]") {
  put("tbl", {{"pk", S("a")}, {"g", S("red")}});
  ok("UpdateTable", create_gsi("by_g", "g"));
  put("tbl", {{"pk", S("b")}, {"g", S("red")}});
  put("tbl", {{"pk", S("a")}, {"g", S("blue")}});  // moves out of "red"
  ok("DeleteItem", {{"TableName", "tbl"}, {"Key", {{"pk", S("b")}}}});
  CHECK(query_index("by_g", "g", S("red"))["Count"] == 0);
  CHECK(column(query_index("by_g", "g", S("blue")), "pk") == std::vector<std::string>{"a"});
  CHECK(gsi("by_g")["ItemCount"] == 1);
}

TEST_CASE_METHOD(IndexFixture, "a table backfills into a GSI with a range key and projection",
                 "[ddb][table][gsi]") {
  for (int i = 0; i < 300; ++i)  // more than one backfill batch
    put("tbl", {{"pk", S("k" + std::to_string(i))},
                {"g", S(i % 2 ? "odd" : "even")},
                {"n", N(std::to_string(i))},
                {"extra", S("x")}});
  Json req = create_gsi("by_g_n", "g");
  req["AttributeDefinitions"].push_back({{"AttributeName", "n"}, {"AttributeType", "N"}});
  auto& spec = req["GlobalSecondaryIndexUpdates"][0]["Create"];
  spec["KeySchema"].push_back({{"AttributeName", "n"}, {"KeyType", "RANGE"}});
  spec["Projection"] = {{"ProjectionType", "KEYS_ONLY"}};
  ok("UpdateTable", req);
  const Json odd = ok("Query", {{"TableName", "tbl"},
                                {"IndexName", "by_g_n"},
                                {"KeyConditionExpression", "g = :g AND n < :n"},
                                {"ExpressionAttributeValues", {{":g", S("odd")}, {":n", N("6")}}}});
  CHECK(column(odd, "n") == std::vector<std::string>{"1", "3", "5"});
  CHECK_FALSE(odd["Items"][0].contains("extra"));  // KEYS_ONLY
  CHECK(gsi("by_g_n")["ItemCount"] == 300);
}

TEST_CASE_METHOD(IndexFixture, "UpdateTable refuses a GSI name already taken",
                 "[ddb][table][gsi]") {
  ok("UpdateTable", create_gsi("by_g", "g"));
  const auto e = fail("UpdateTable", create_gsi("by_g", "h"));
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: Attempting to create an index which already "
        "exists");
}

TEST_CASE_METHOD(IndexFixture, "UpdateTable wants the new index's key in AttributeDefinitions",
                 "[ddb][table][gsi]") {
  Json req = create_gsi("by_g", "g");
  req.erase("AttributeDefinitions");
  auto e = fail("UpdateTable", req);
  CHECK(e.message ==
        "One or more parameter values were invalid: AttributeDefinitions is not specified for "
        "index: by_g");
  // Even the table's own key must be defined again to key an index.
  req = create_gsi("by_pk", "pk");
  req["AttributeDefinitions"] = {{{"AttributeName", "other"}, {"AttributeType", "S"}}};
  e = fail("UpdateTable", req);
  CHECK(e.message ==
        "One or more parameter values were invalid: Some index key attributes are not defined in "
        "AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]");
}

TEST_CASE_METHOD(IndexFixture, "UpdateTable ignores AttributeDefinitions no new key uses",
                 "[ddb][table][gsi]") {
  Json req = create_gsi("by_g", "g");
  req["AttributeDefinitions"].push_back({{"AttributeName", "unused"}, {"AttributeType", "N"}});
  req["AttributeDefinitions"].push_back({{"AttributeName", "pk"}, {"AttributeType", "S"}});
  const Json d = ok("UpdateTable", req)["TableDescription"];
  CHECK(d["AttributeDefinitions"].size() == 2);  // g and pk
}

TEST_CASE_METHOD(IndexFixture, "UpdateTable refuses to retype an attribute another key uses",
                 "[ddb][table][gsi]") {
  ok("UpdateTable", create_gsi("by_g", "g"));
  const auto e = fail("UpdateTable", create_gsi("by_g_number", "g", "N"));
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: Attributes cannot be redefined. Please check "
        "that your attribute has the same type as previously defined. Existing schema: "
        "Schema:[SchemaElement: key{g:S:HASH}] New schema: Schema:[SchemaElement: key{g:N:HASH}]");
}

TEST_CASE_METHOD(IndexFixture, "UpdateTable creates or deletes one index per call",
                 "[ddb][table][gsi]") {
  Json req = create_gsi("one", "g");
  req["GlobalSecondaryIndexUpdates"].push_back(
      create_gsi("two", "g")["GlobalSecondaryIndexUpdates"][0]);
  auto e = fail("UpdateTable", req);
  CHECK(e.type == "LimitExceededException");
  CHECK(e.message ==
        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
        "per table");
  req = create_gsi("one", "g");
  req["GlobalSecondaryIndexUpdates"].push_back({{"Delete", {{"IndexName", "other"}}}});
  CHECK(fail("UpdateTable", req).type == "LimitExceededException");
  CHECK_FALSE(gsi("one").is_object());  // nothing applied
}

TEST_CASE_METHOD(IndexFixture, "GlobalSecondaryIndexUpdates entries take one action each",
                 "[ddb][table][gsi]") {
  auto e = fail("UpdateTable",
                {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", {Json::object()}}});
  CHECK(e.message ==
        "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
        "GlobalSecondaryIndexUpdate.Delete must not be null");
  Json req = create_gsi("one", "g");
  req["GlobalSecondaryIndexUpdates"][0]["Delete"] = {{"IndexName", "one"}};
  e = fail("UpdateTable", req);
  CHECK(e.message ==
        "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object");
  req = create_gsi("one", "g");
  req["GlobalSecondaryIndexUpdates"].push_back({{"Delete", {{"IndexName", "one"}}}});
  e = fail("UpdateTable", req);
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: Only one global secondary index update per "
        "index is allowed simultaneously. Index: one");
}

TEST_CASE_METHOD(IndexFixture, "an index creation cannot come with a table throughput change",
                 "[ddb][table][gsi]") {
  Json req = create_gsi("one", "g");
  req["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}};
  CHECK(fail("UpdateTable", req).message ==
        "You cannot create or delete index while updating table IOPS");
  req = create_gsi("one", "g");
  req["DeletionProtectionEnabled"] = true;
  CHECK(fail("UpdateTable", req).message ==
        "DeletionProtection modification must be the only operation in the request");
}

TEST_CASE_METHOD(IndexFixture, "UpdateTable without a change is a ValidationException",
                 "[ddb][table]") {
  const std::string expected =
      "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
      "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
      "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, "
      "OnDemandThroughput, WarmThroughput or TableClass is required";
  CHECK(fail("UpdateTable", {{"TableName", "tbl"}}).message == expected);
  CHECK(fail("UpdateTable", {{"TableName", "tbl"}, {"GlobalSecondaryIndexUpdates", Json::array()}})
            .message == expected);
  CHECK(fail("UpdateTable", {{"TableName", "tbl"},
                             {"DeletionProtectionEnabled", true},
                             {"GlobalSecondaryIndexUpdates", Json::array()}})
            .message ==
        "One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty");
}

TEST_CASE_METHOD(IndexFixture, "a 21st GSI is LimitExceededException", "[ddb][table][gsi]") {
  for (int i = 0; i < 20; ++i) ok("UpdateTable", create_gsi("gsi" + std::to_string(i), "g"));
  const auto e = fail("UpdateTable", create_gsi("gsi20", "g"));
  CHECK(e.type == "LimitExceededException");
  CHECK(e.message ==
        "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of "
        "20");
}

TEST_CASE_METHOD(IndexFixture, "deleting a GSI answers DELETING and prunes its definition",
                 "[ddb][table][gsi]") {
  put("tbl", {{"pk", S("a")}, {"g", S("red")}});
  ok("UpdateTable", create_gsi("by_g", "g"));
  const Json d = ok("UpdateTable", {{"TableName", "tbl"},
                                    {"GlobalSecondaryIndexUpdates",
                                     {{{"Delete", {{"IndexName", "by_g"}}}}}}})["TableDescription"];
  CHECK(d["TableStatus"] == "UPDATING");
  REQUIRE(d["GlobalSecondaryIndexes"].size() == 1);
  CHECK(d["GlobalSecondaryIndexes"][0]["IndexStatus"] == "DELETING");
  CHECK(d["GlobalSecondaryIndexes"][0]["ItemCount"] == 1);
  const Json t = ok("DescribeTable", {{"TableName", "tbl"}})["Table"];
  CHECK_FALSE(t.contains("GlobalSecondaryIndexes"));
  CHECK(t["AttributeDefinitions"] ==
        Json::parse(R"([{"AttributeName":"pk","AttributeType":"S"}])"));
  const auto e = fail("UpdateTable",
                      {{"TableName", "tbl"},
                       {"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", "by_g"}}}}}}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Requested resource not found: Index by_g for table tbl");
  ok("UpdateTable", create_gsi("by_g", "g"));  // the name is free again, the items come back
  CHECK(gsi("by_g")["ItemCount"] == 1);
}

TEST_CASE_METHOD(DdbFixture, "UpdateTable changes a GSI's provisioned throughput",
                 "[ddb][table][gsi]") {
  ok("CreateTable",
     {{"TableName", "tbl"},
      {"AttributeDefinitions",
       {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
        {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
      {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}},
      {"GlobalSecondaryIndexes",
       {{{"IndexName", "by_g"},
         {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
         {"Projection", {{"ProjectionType", "ALL"}}},
         {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}}}}});
  const Json update = {
      {"TableName", "tbl"},
      {"GlobalSecondaryIndexUpdates",
       {{{"Update",
          {{"IndexName", "by_g"},
           {"ProvisionedThroughput", {{"ReadCapacityUnits", 4}, {"WriteCapacityUnits", 5}}}}}}}}};
  const Json d = ok("UpdateTable", update)["TableDescription"];
  CHECK(d["TableStatus"] == "ACTIVE");
  // DynamoDB's answer shows the index UPDATING, still with the capacity being replaced.
  CHECK(d["GlobalSecondaryIndexes"][0]["IndexStatus"] == "UPDATING");
  CHECK(d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 1);
  const Json g = ok("DescribeTable", {{"TableName", "tbl"}})["Table"]["GlobalSecondaryIndexes"][0];
  CHECK(g["IndexStatus"] == "ACTIVE");
  CHECK(g["ProvisionedThroughput"]["ReadCapacityUnits"] == 4);
  CHECK(g["ProvisionedThroughput"]["WriteCapacityUnits"] == 5);

  Json missing = update;
  missing["GlobalSecondaryIndexUpdates"][0]["Update"]["IndexName"] = "nope";
  CHECK(fail("UpdateTable", missing).type == "ResourceNotFoundException");

  // Back to on-demand, an index's capacity cannot be set; leaving it needs every index's.
  ok("UpdateTable", {{"TableName", "tbl"}, {"BillingMode", "PAY_PER_REQUEST"}});
  CHECK(fail("UpdateTable", update).message ==
        "One or more parameter values were invalid: The only Updates for index: by_g when "
        "TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput");
  Json to_provisioned = {
      {"TableName", "tbl"},
      {"BillingMode", "PROVISIONED"},
      {"ProvisionedThroughput", {{"ReadCapacityUnits", 2}, {"WriteCapacityUnits", 2}}}};
  CHECK(fail("UpdateTable", to_provisioned).message ==
        "One or more parameter values were invalid: ProvisionedThroughput must be specified for "
        "index: by_g");
  to_provisioned["GlobalSecondaryIndexUpdates"] = update["GlobalSecondaryIndexUpdates"];
  ok("UpdateTable", to_provisioned);
  CHECK(ok("DescribeTable",
           {{"TableName", "tbl"}})["Table"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]
                                  ["WriteCapacityUnits"] == 5);
}

TEST_CASE_METHOD(DdbFixture, "UpdateTable Create on a PROVISIONED table wants the GSI's capacity",
                 "[ddb][table][gsi]") {
  ok("CreateTable",
     {{"TableName", "tbl"},
      {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
      {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}});
  Json req = create_gsi("by_g", "g");
  CHECK(fail("UpdateTable", req).message ==
        "One or more parameter values were invalid: Both ReadCapacityUnits and WriteCapacityUnits "
        "must be specified for index: by_g");
  req["GlobalSecondaryIndexUpdates"][0]["Create"]["ProvisionedThroughput"] = {
      {"ReadCapacityUnits", 3}, {"WriteCapacityUnits", 2}};
  const Json d = ok("UpdateTable", req)["TableDescription"];
  CHECK(d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 3);
}
