// Query and Scan through the whole plugin: sort-key operators both ways, pages, Select,
// filters and projections, local and global indexes, parallel scan segments.
#include "ddb_fixture.hpp"

namespace {

/// Table "qtab" (pk S, sk N) with a local index by_l (pk, l S) and a global index by_g (g S, gs N).
/// Partition "a" holds sk 1..10; l is "l<11-sk>" (two digits) so the local index order is the
/// reverse; items with even sk are in the global index under g "even", odd ones under "odd".
struct QueryFixture : DdbFixture {
  QueryFixture() {
    ok("CreateTable",
       {{"TableName", "qtab"},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions",
         {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
          {{"AttributeName", "sk"}, {"AttributeType", "N"}},
          {{"AttributeName", "l"}, {"AttributeType", "S"}},
          {{"AttributeName", "g"}, {"AttributeType", "S"}},
          {{"AttributeName", "gs"}, {"AttributeType", "N"}}}},
        {"KeySchema",
         {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
          {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
        {"LocalSecondaryIndexes",
         {{{"IndexName", "by_l"},
           {"KeySchema",
            {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
             {{"AttributeName", "l"}, {"KeyType", "RANGE"}}}},
           {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}},
        {"GlobalSecondaryIndexes",
         {{{"IndexName", "by_g"},
           {"KeySchema",
            {{{"AttributeName", "g"}, {"KeyType", "HASH"}},
             {{"AttributeName", "gs"}, {"KeyType", "RANGE"}}}},
           {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"v"}}}}}}}});
    for (int i = 1; i <= 10; ++i) {
      const std::string n = std::to_string(i);
      put("qtab", {{"pk", S("a")},
                   {"sk", N(n)},
                   {"l", S((11 - i < 10 ? "l0" : "l") + std::to_string(11 - i))},
                   {"g", S(i % 2 == 0 ? "even" : "odd")},
                   {"gs", N(std::to_string(100 - i))},
                   {"v", N(n)},
                   {"misc", S("o" + n)}});
    }
    put("qtab", {{"pk", S("b")}, {"sk", N("1")}, {"v", N("0")}});
  }

  /// Query partition "a" with a sort-key condition; values :lo/:hi as given.
  Json query_a(const std::string& sort_condition, const Json& extra_values = Json::object(),
               bool forward = true) {
    Json values = {{":p", S("a")}};
    values.update(extra_values);
    return ok("Query",
              {{"TableName", "qtab"},
               {"KeyConditionExpression",
                "pk = :p" + (sort_condition.empty() ? std::string() : " AND " + sort_condition)},
               {"ExpressionAttributeValues", values},
               {"ScanIndexForward", forward}});
  }
};

using Column = std::vector<std::string>;

}  // namespace

TEST_CASE_METHOD(QueryFixture, "Query returns one partition in sort-key order, both ways",
                 "[ddb][query]") {
  Json r = query_a("");
  CHECK(column(r, "sk") == Column{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"});
  CHECK(r["Count"] == 10);
  CHECK(r["ScannedCount"] == 10);
  CHECK_FALSE(r.contains("LastEvaluatedKey"));
  r = query_a("", Json::object(), false);
  CHECK(column(r, "sk") == Column{"10", "9", "8", "7", "6", "5", "4", "3", "2", "1"});
}

TEST_CASE_METHOD(QueryFixture, "Query sort-key comparisons select the right range",
                 "[ddb][query][operators]") {
  const Json v = {{":x", N("4")}};
  CHECK(column(query_a("sk = :x", v), "sk") == Column{"4"});
  CHECK(column(query_a("sk < :x", v), "sk") == Column{"1", "2", "3"});
  CHECK(column(query_a("sk <= :x", v), "sk") == Column{"1", "2", "3", "4"});
  CHECK(column(query_a("sk > :x", {{":x", N("7")}}), "sk") == Column{"8", "9", "10"});
  CHECK(column(query_a("sk >= :x", {{":x", N("7")}}), "sk") == Column{"7", "8", "9", "10"});
  CHECK(column(query_a("sk BETWEEN :lo AND :hi", {{":lo", N("3")}, {":hi", N("5")}}), "sk") ==
        Column{"3", "4", "5"});
}

TEST_CASE_METHOD(QueryFixture, "Query sort-key comparisons backwards", "[ddb][query][operators]") {
  CHECK(column(query_a("sk < :x", {{":x", N("4")}}, false), "sk") == Column{"3", "2", "1"});
  CHECK(column(query_a("sk <= :x", {{":x", N("4")}}, false), "sk") == Column{"4", "3", "2", "1"});
  CHECK(column(query_a("sk > :x", {{":x", N("7")}}, false), "sk") == Column{"10", "9", "8"});
  CHECK(column(query_a("sk >= :x", {{":x", N("7")}}, false), "sk") == Column{"10", "9", "8", "7"});
  CHECK(column(query_a("sk = :x", {{":x", N("7")}}, false), "sk") == Column{"7"});
  CHECK(column(query_a("sk BETWEEN :lo AND :hi", {{":lo", N("3")}, {":hi", N("5")}}, false),
               "sk") == Column{"5", "4", "3"});
}

TEST_CASE_METHOD(QueryFixture, "Query orders numbers numerically, not as text",
                 "[ddb][query][number]") {
  put("qtab", {{"pk", S("n")}, {"sk", N("-5")}});
  put("qtab", {{"pk", S("n")}, {"sk", N("0.5")}});
  put("qtab", {{"pk", S("n")}, {"sk", N("20")}});
  put("qtab", {{"pk", S("n")}, {"sk", N("3")}});
  const Json r = ok("Query", {{"TableName", "qtab"},
                              {"KeyConditionExpression", "pk = :p"},
                              {"ExpressionAttributeValues", {{":p", S("n")}}}});
  CHECK(column(r, "sk") == Column{"-5", "0.5", "3", "20"});
}

TEST_CASE_METHOD(QueryFixture, "Query begins_with on a string sort key, both ways",
                 "[ddb][query][operators][lsi]") {
  const Json base = {{"TableName", "qtab"},
                     {"IndexName", "by_l"},
                     {"KeyConditionExpression", "pk = :p AND begins_with(l, :pre)"},
                     {"ExpressionAttributeValues", {{":p", S("a")}, {":pre", S("l0")}}}};
  Json r = ok("Query", base);
  CHECK(column(r, "l") == Column{"l01", "l02", "l03", "l04", "l05", "l06", "l07", "l08", "l09"});
  Json back = base;
  back["ScanIndexForward"] = false;
  r = ok("Query", back);
  CHECK(column(r, "l").front() == "l09");
  CHECK(r["Count"] == 9);
}

TEST_CASE_METHOD(QueryFixture, "Query on a local index orders by the index sort key",
                 "[ddb][query][lsi]") {
  const Json r = ok("Query", {{"TableName", "qtab"},
                              {"IndexName", "by_l"},
                              {"KeyConditionExpression", "pk = :p"},
                              {"ExpressionAttributeValues", {{":p", S("a")}}}});
  CHECK(column(r, "sk") == Column{"10", "9", "8", "7", "6", "5", "4", "3", "2", "1"});
  // KEYS_ONLY: table and index keys only.
  CHECK(r["Items"][0] == Json({{"pk", S("a")}, {"sk", N("10")}, {"l", S("l01")}}));
}

TEST_CASE_METHOD(QueryFixture, "Query on a local index with ALL_ATTRIBUTES fetches the item",
                 "[ddb][query][lsi]") {
  const Json r = ok("Query", {{"TableName", "qtab"},
                              {"IndexName", "by_l"},
                              {"KeyConditionExpression", "pk = :p AND l = :l"},
                              {"Select", "ALL_ATTRIBUTES"},
                              {"ExpressionAttributeValues", {{":p", S("a")}, {":l", S("l05")}}}});
  REQUIRE(r["Items"].size() == 1);
  CHECK(r["Items"][0]["misc"] == S("o6"));
}

TEST_CASE_METHOD(QueryFixture, "Query on a global index projects INCLUDE attributes",
                 "[ddb][query][gsi]") {
  const Json r =
      ok("Query", {{"TableName", "qtab"},
                   {"IndexName", "by_g"},
                   {"KeyConditionExpression", "g = :g AND gs > :min"},
                   {"ExpressionAttributeValues", {{":g", S("even")}, {":min", N("93")}}}});
  CHECK(column(r, "gs") == Column{"94", "96", "98"});
  CHECK(r["Items"][0] ==
        Json({{"pk", S("a")}, {"sk", N("6")}, {"g", S("even")}, {"gs", N("94")}, {"v", N("6")}}));
}

TEST_CASE_METHOD(QueryFixture, "Query on a global index refuses ConsistentRead and ALL_ATTRIBUTES",
                 "[ddb][query][gsi]") {
  Json body = {{"TableName", "qtab"},
               {"IndexName", "by_g"},
               {"KeyConditionExpression", "g = :g"},
               {"ExpressionAttributeValues", {{":g", S("even")}}},
               {"ConsistentRead", true}};
  auto e = fail("Query", body);
  CHECK(e.message == "Consistent reads are not supported on global secondary indexes");
  body.erase("ConsistentRead");
  body["Select"] = "ALL_ATTRIBUTES";
  e = fail("Query", body);
  CHECK(e.message ==
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index by_g because its projection type is not ALL");
}

TEST_CASE_METHOD(QueryFixture, "Query pages with Limit and ExclusiveStartKey, forwards",
                 "[ddb][query][page]") {
  Json body = {{"TableName", "qtab"},
               {"KeyConditionExpression", "pk = :p"},
               {"ExpressionAttributeValues", {{":p", S("a")}}},
               {"Limit", 4}};
  Column seen;
  int pages = 0;
  while (true) {
    const Json r = ok("Query", body);
    ++pages;
    for (const auto& s : column(r, "sk")) seen.push_back(s);
    if (!r.contains("LastEvaluatedKey")) break;
    CHECK(r["LastEvaluatedKey"] == Json({{"pk", S("a")}, {"sk", r["Items"].back()["sk"]}}));
    body["ExclusiveStartKey"] = r["LastEvaluatedKey"];
    REQUIRE(pages < 10);
  }
  CHECK(seen == Column{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"});
  CHECK(pages == 3);
}

TEST_CASE_METHOD(QueryFixture, "Query pages with Limit and ExclusiveStartKey, backwards",
                 "[ddb][query][page]") {
  Json body = {{"TableName", "qtab"},
               {"KeyConditionExpression", "pk = :p AND sk <= :hi"},
               {"ExpressionAttributeValues", {{":p", S("a")}, {":hi", N("8")}}},
               {"ScanIndexForward", false},
               {"Limit", 3}};
  Column seen;
  for (int pages = 0; pages < 10; ++pages) {
    const Json r = ok("Query", body);
    for (const auto& s : column(r, "sk")) seen.push_back(s);
    if (!r.contains("LastEvaluatedKey")) break;
    body["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  CHECK(seen == Column{"8", "7", "6", "5", "4", "3", "2", "1"});
}

TEST_CASE_METHOD(QueryFixture, "Query pages through a global index with index keys in the cursor",
                 "[ddb][query][page][gsi]") {
  Json body = {{"TableName", "qtab"},
               {"IndexName", "by_g"},
               {"KeyConditionExpression", "g = :g"},
               {"ExpressionAttributeValues", {{":g", S("odd")}}},
               {"Limit", 2}};
  Column seen;
  for (int pages = 0; pages < 10; ++pages) {
    const Json r = ok("Query", body);
    for (const auto& s : column(r, "gs")) seen.push_back(s);
    if (!r.contains("LastEvaluatedKey")) break;
    const Json& lek = r["LastEvaluatedKey"];
    CHECK(lek.contains("pk"));
    CHECK(lek.contains("sk"));
    CHECK(lek.contains("g"));
    CHECK(lek.contains("gs"));
    body["ExclusiveStartKey"] = lek;
  }
  CHECK(seen == Column{"91", "93", "95", "97", "99"});
}

TEST_CASE_METHOD(QueryFixture, "Query Select COUNT answers counts and no items",
                 "[ddb][query][select]") {
  const Json r = ok("Query", {{"TableName", "qtab"},
                              {"KeyConditionExpression", "pk = :p AND sk > :x"},
                              {"ExpressionAttributeValues", {{":p", S("a")}, {":x", N("6")}}},
                              {"Select", "COUNT"}});
  CHECK_FALSE(r.contains("Items"));
  CHECK(r["Count"] == 4);
  CHECK(r["ScannedCount"] == 4);
}

TEST_CASE_METHOD(QueryFixture, "Query SPECIFIC_ATTRIBUTES needs a projection",
                 "[ddb][query][select]") {
  Json body = {{"TableName", "qtab"},
               {"KeyConditionExpression", "pk = :p AND sk = :x"},
               {"ExpressionAttributeValues", {{":p", S("a")}, {":x", N("3")}}},
               {"Select", "SPECIFIC_ATTRIBUTES"}};
  const auto e = fail("Query", body);
  CHECK(e.message ==
        "One or more parameter values were invalid: Must specify the AttributesToGet when "
        "choosing to get SPECIFIC_ATTRIBUTES");
  body["ProjectionExpression"] = "v, misc";
  const Json r = ok("Query", body);
  CHECK(r["Items"] == Json::array({{{"v", N("3")}, {"misc", S("o3")}}}));
}

TEST_CASE_METHOD(QueryFixture, "Query filters count what matched, ScannedCount what was read",
                 "[ddb][query][filter]") {
  const Json r =
      ok("Query",
         {{"TableName", "qtab"},
          {"KeyConditionExpression", "pk = :p"},
          {"FilterExpression", "v >= :min AND misc <> :skip"},
          {"ExpressionAttributeValues", {{":p", S("a")}, {":min", N("5")}, {":skip", S("o7")}}}});
  CHECK(column(r, "sk") == Column{"5", "6", "8", "9", "10"});
  CHECK(r["Count"] == 5);
  CHECK(r["ScannedCount"] == 10);
}

TEST_CASE_METHOD(QueryFixture, "Query Limit counts items read before the filter",
                 "[ddb][query][filter][page]") {
  const Json r = ok("Query", {{"TableName", "qtab"},
                              {"KeyConditionExpression", "pk = :p"},
                              {"FilterExpression", "v > :min"},
                              {"ExpressionAttributeValues", {{":p", S("a")}, {":min", N("2")}}},
                              {"Limit", 3}});
  CHECK(column(r, "sk") == Column{"3"});
  CHECK(r["ScannedCount"] == 3);
  CHECK(r["LastEvaluatedKey"] == Json({{"pk", S("a")}, {"sk", N("3")}}));
}

TEST_CASE_METHOD(QueryFixture, "Query refuses a filter on a key attribute",
                 "[ddb][query][filter]") {
  const auto e = fail("Query", {{"TableName", "qtab"},
                                {"KeyConditionExpression", "pk = :p"},
                                {"FilterExpression", "sk > :x"},
                                {"ExpressionAttributeValues", {{":p", S("a")}, {":x", N("1")}}}});
  CHECK(e.message ==
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
}

TEST_CASE_METHOD(QueryFixture, "Query refuses a key value of the wrong type", "[ddb][query]") {
  const auto e = fail("Query", {{"TableName", "qtab"},
                                {"KeyConditionExpression", "pk = :p AND sk > :x"},
                                {"ExpressionAttributeValues", {{":p", S("a")}, {":x", S("1")}}}});
  CHECK(e.message ==
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
}

TEST_CASE_METHOD(QueryFixture, "Query without a key condition is refused", "[ddb][query]") {
  const auto e = fail("Query", {{"TableName", "qtab"}});
  CHECK(e.message ==
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
}

TEST_CASE_METHOD(QueryFixture, "Query on an unknown index is refused", "[ddb][query]") {
  const auto e = fail("Query", {{"TableName", "qtab"},
                                {"IndexName", "nope"},
                                {"KeyConditionExpression", "pk = :p"},
                                {"ExpressionAttributeValues", {{":p", S("a")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "The table does not have the specified index: nope");
}

TEST_CASE_METHOD(QueryFixture, "Query with legacy KeyConditions", "[ddb][query][legacy]") {
  const Json r = ok(
      "Query",
      {{"TableName", "qtab"},
       {"KeyConditions",
        {{"pk", {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {S("a")}}}},
         {"sk", {{"ComparisonOperator", "BETWEEN"}, {"AttributeValueList", {N("2"), N("4")}}}}}}});
  CHECK(column(r, "sk") == Column{"2", "3", "4"});
}

TEST_CASE_METHOD(QueryFixture, "Scan reads every item and filters non-key attributes",
                 "[ddb][scan]") {
  Json r = ok("Scan", {{"TableName", "qtab"}});
  CHECK(r["Count"] == 11);
  CHECK(r["Items"].size() == 11);
  r = ok("Scan", {{"TableName", "qtab"},
                  {"FilterExpression", "v < :x"},
                  {"ExpressionAttributeValues", {{":x", N("3")}}}});
  CHECK(r["Count"] == 3);  // v 0, 1, 2
  CHECK(r["ScannedCount"] == 11);
}

TEST_CASE_METHOD(QueryFixture, "Scan pages with Limit cover every item once", "[ddb][scan][page]") {
  Json body = {{"TableName", "qtab"}, {"Limit", 3}};
  std::multiset<std::string> seen;
  for (int pages = 0; pages < 20; ++pages) {
    const Json r = ok("Scan", body);
    for (const auto& item : r["Items"])
      seen.insert(item["pk"]["S"].get<std::string>() + "/" + item["sk"]["N"].get<std::string>());
    if (!r.contains("LastEvaluatedKey")) break;
    body["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  CHECK(seen.size() == 11);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 11);
}

TEST_CASE_METHOD(QueryFixture, "Scan of a global index lists only the items it holds",
                 "[ddb][scan][gsi]") {
  const Json r = ok("Scan", {{"TableName", "qtab"}, {"IndexName", "by_g"}});
  CHECK(r["Count"] == 10);  // b/1 has no g
}

TEST_CASE_METHOD(DdbFixture, "Parallel Scan segments cover every item exactly once",
                 "[ddb][scan][parallel]") {
  create_table("many", "pk");
  for (int i = 0; i < 200; ++i) put("many", {{"pk", S("k" + std::to_string(i))}});
  for (const int total : {1, 3, 7}) {
    std::multiset<std::string> seen;
    for (int segment = 0; segment < total; ++segment) {
      Json body = {
          {"TableName", "many"}, {"Segment", segment}, {"TotalSegments", total}, {"Limit", 25}};
      for (int pages = 0; pages < 50; ++pages) {
        const Json r = ok("Scan", body);
        for (const auto& item : r["Items"]) seen.insert(item["pk"]["S"].get<std::string>());
        if (!r.contains("LastEvaluatedKey")) break;
        body["ExclusiveStartKey"] = r["LastEvaluatedKey"];
      }
    }
    INFO("TotalSegments " << total);
    CHECK(seen.size() == 200);
    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 200);
  }
}

TEST_CASE_METHOD(QueryFixture, "Scan Segment and TotalSegments come together and in range",
                 "[ddb][scan][parallel]") {
  auto e = fail("Scan", {{"TableName", "qtab"}, {"Segment", 0}});
  CHECK(e.message ==
        "The TotalSegments parameter is required but was not present in the request when Segment "
        "parameter is present");
  e = fail("Scan", {{"TableName", "qtab"}, {"TotalSegments", 2}});
  CHECK(e.message ==
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  e = fail("Scan", {{"TableName", "qtab"}, {"Segment", 2}, {"TotalSegments", 2}});
  CHECK(e.message ==
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: 2 is out of bounds of TotalSegments: 2");
  e = fail("Scan", {{"TableName", "qtab"}, {"Segment", 0}, {"TotalSegments", 0}});
  CHECK(e.message ==
        "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1");
}

TEST_CASE_METHOD(QueryFixture, "Scan refuses ALL_PROJECTED_ATTRIBUTES on a table",
                 "[ddb][scan][select]") {
  const auto e = fail("Scan", {{"TableName", "qtab"}, {"Select", "ALL_PROJECTED_ATTRIBUTES"}});
  CHECK(e.message ==
        "One or more parameter values were invalid: ALL_PROJECTED_ATTRIBUTES can be used only "
        "when Querying using an IndexName");
}

TEST_CASE_METHOD(QueryFixture, "Query Limit below 1 is a constraint error", "[ddb][query][page]") {
  const auto e = fail("Query", {{"TableName", "qtab"},
                                {"KeyConditionExpression", "pk = :p"},
                                {"ExpressionAttributeValues", {{":p", S("a")}}},
                                {"Limit", 0}});
  CHECK(e.message ==
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1");
}

TEST_CASE_METHOD(QueryFixture, "Query ExclusiveStartKey must hold the table key",
                 "[ddb][query][page]") {
  const auto e = fail("Query", {{"TableName", "qtab"},
                                {"KeyConditionExpression", "pk = :p"},
                                {"ExpressionAttributeValues", {{":p", S("a")}}},
                                {"ExclusiveStartKey", {{"pk", S("a")}}}});
  CHECK(e.message ==
        "One or more parameter values were invalid: The provided starting key is invalid");
}

TEST_CASE_METHOD(DdbFixture, "Scan stops a page at 1 MB and pages on from there",
                 "[ddb][scan][page]") {
  create_table("large", "pk");
  const std::string filler(350 * 1024, 'x');
  for (int i = 0; i < 8; ++i) put("large", {{"pk", S("k" + std::to_string(i))}, {"v", S(filler)}});
  Json body = {{"TableName", "large"}, {"Select", "COUNT"}};
  const Json first = ok("Scan", body);
  CHECK(first["Count"].get<int>() < 8);
  CHECK(first.contains("LastEvaluatedKey"));
  int total = 0;
  for (int pages = 0; pages < 10; ++pages) {
    const Json r = ok("Scan", body);
    total += r["Count"].get<int>();
    if (!r.contains("LastEvaluatedKey")) break;
    body["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  CHECK(total == 8);
}

TEST_CASE_METHOD(QueryFixture, "Query whose Limit ends on the last item still answers a key",
                 "[ddb][query][page]") {
  // DynamoDB cannot know the partition is over without reading on; the next page is empty.
  Json body = {{"TableName", "qtab"},
               {"KeyConditionExpression", "pk = :p"},
               {"ExpressionAttributeValues", {{":p", S("b")}}},
               {"Limit", 1}};
  const Json r = ok("Query", body);
  CHECK(r["Count"] == 1);
  REQUIRE(r.contains("LastEvaluatedKey"));
  body["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  const Json next = ok("Query", body);
  CHECK(next["Count"] == 0);
  CHECK_FALSE(next.contains("LastEvaluatedKey"));
}

TEST_CASE_METHOD(QueryFixture, "Scan with a Segment of the wrong JSON type is a 400",
                 "[ddb][scan][parallel]") {
  const auto e = fail("Scan", {{"TableName", "qtab"}, {"Segment", "one"}, {"TotalSegments", 2}});
  CHECK(e.type == "SerializationException");
}

TEST_CASE_METHOD(QueryFixture, "Query on a global index wants the index key in ExclusiveStartKey",
                 "[ddb][query][page][gsi]") {
  const auto e = fail("Query", {{"TableName", "qtab"},
                                {"IndexName", "by_g"},
                                {"KeyConditionExpression", "g = :g"},
                                {"ExpressionAttributeValues", {{":g", S("odd")}}},
                                {"ExclusiveStartKey", {{"pk", S("a")}, {"sk", N("1")}}}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message ==
        "One or more parameter values were invalid: The provided starting key is invalid");
}

TEST_CASE_METHOD(QueryFixture, "Query refuses an ExclusiveStartKey of another partition",
                 "[ddb][query][page]") {
  for (const bool forward : {true, false}) {
    const auto e = fail("Query", {{"TableName", "qtab"},
                                  {"KeyConditionExpression", "pk = :p"},
                                  {"ExpressionAttributeValues", {{":p", S("a")}}},
                                  {"ScanIndexForward", forward},
                                  {"ExclusiveStartKey", {{"pk", S("zzz")}, {"sk", N("1")}}}});
    CHECK(e.type == "ValidationException");
    CHECK(e.message ==
          "The provided starting key is outside query boundaries based on provided conditions");
  }
}

TEST_CASE_METHOD(QueryFixture, "a request member of the wrong JSON type is DynamoDB's reader error",
                 "[ddb][scan][serialization]") {
  auto e = fail("Scan", {{"TableName", "qtab"}, {"AttributesToGet", {1}}});
  CHECK(e.type == "SerializationException");
  CHECK(e.message == "NUMBER_VALUE cannot be converted to String");
  e = fail("Scan", {{"TableName", "qtab"}, {"AttributesToGet", {true}}});
  CHECK(e.message == "TRUE_VALUE cannot be converted to String");
  e = fail("Scan", {{"TableName", "qtab"}, {"Limit", "ten"}});
  CHECK(e.message == "STRING_VALUE cannot be converted to Integer");
  e = fail("Scan", {{"TableName", "qtab"}, {"Limit", Json::array()}});
  CHECK(e.message == "Unrecognized collection type class java.lang.Integer");
}

TEST_CASE_METHOD(QueryFixture, "a Limit beyond 32 bits is refused, a fraction is cut off",
                 "[ddb][scan][serialization]") {
  const auto e = fail("Scan", {{"TableName", "qtab"}, {"Limit", 1e30}});
  CHECK(e.type == "SerializationException");
  CHECK(e.message == "Numeric value (1e+30) out of range of int (-2147483648 - 2147483647)");
  CHECK(fail("Scan", {{"TableName", "qtab"}, {"Limit", 2147483648LL}}).type ==
        "SerializationException");
  CHECK(ok("Scan", {{"TableName", "qtab"}, {"Limit", 1.7}})["Count"] == 1);
  CHECK(ok("Scan", {{"TableName", "qtab"}, {"Limit", 2147483647}})["Count"].get<int>() > 1);
}

TEST_CASE_METHOD(QueryFixture, "Writes refuse index key attributes of another type or empty",
                 "[ddb][query][index]") {
  const auto put_fails = [&](const Json& item) {
    return fail("PutItem", {{"TableName", "qtab"}, {"Item", item}}).message;
  };
  CHECK(put_fails({{"pk", S("c")}, {"sk", N("1")}, {"g", N("5")}}) ==
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S "
        "Actual: N IndexName: by_g");
  CHECK(put_fails({{"pk", S("c")}, {"sk", N("1")}, {"l", S("")}}) ==
        "One or more parameter values are not valid. A value specified for a secondary index key "
        "is not supported. The AttributeValue for a key attribute cannot contain an empty string "
        "value. IndexName: by_l, IndexKey: l");
  const DdbError update = fail("UpdateItem", {{"TableName", "qtab"},
                                              {"Key", {{"pk", S("a")}, {"sk", N("1")}}},
                                              {"UpdateExpression", "SET gs = :v"},
                                              {"ExpressionAttributeValues", {{":v", S("x")}}}});
  CHECK(update.message ==
        "One or more parameter values were invalid: Type mismatch for Index Key gs Expected: N "
        "Actual: S IndexName: by_g");
  const DdbError batch =
      fail("BatchWriteItem",
           {{"RequestItems",
             {{"qtab",
               {{{"PutRequest", {{"Item", {{"pk", S("c")}, {"sk", N("2")}, {"g", N("1")}}}}}}}}}}});
  CHECK(batch.type == "ValidationException");
  const DdbError txn = fail(
      "TransactWriteItems",
      {{"TransactItems",
        {{{"Put",
           {{"TableName", "qtab"}, {"Item", {{"pk", S("c")}, {"sk", N("3")}, {"g", N("1")}}}}}}}}});
  CHECK(txn.type == "TransactionCanceledException");
  // Nothing was written, and an item without the index attributes is still fine.
  CHECK(get("qtab", {{"pk", S("c")}, {"sk", N("1")}}).is_null());
  CHECK(get("qtab", {{"pk", S("a")}, {"sk", N("1")}}).at("gs") == N("99"));
  put("qtab", {{"pk", S("c")}, {"sk", N("1")}});
}
