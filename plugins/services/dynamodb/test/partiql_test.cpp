// PartiQL through the whole plugin: ExecuteStatement SELECT/INSERT/UPDATE/DELETE with parameters,
// paging, RETURNING and DynamoDB's errors; BatchExecuteStatement and ExecuteTransaction; and the
// statement parser on its own.
#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_fixture.hpp"
#include "ddb_partiql_parser.hpp"

namespace {

struct PartiqlFixture : DdbFixture {
  PartiqlFixture() {
    create_table("tab", "pk", "sk");
    create_table("hsh", "id");
  }

  Json exec(const std::string& statement, const Json& params = Json(), Json extra = Json()) {
    Json body = extra.is_object() ? extra : Json::object();
    body["Statement"] = statement;
    if (!params.is_null()) body["Parameters"] = params;
    return ok("ExecuteStatement", body);
  }
  DdbError exec_fail(const std::string& statement, const Json& params = Json(),
                     Json extra = Json()) {
    Json body = extra.is_object() ? extra : Json::object();
    body["Statement"] = statement;
    if (!params.is_null()) body["Parameters"] = params;
    return fail("ExecuteStatement", body);
  }
  /// Items t/a/1..n with v = i.
  void fill(int n, const std::string& pk = "a") {
    for (int i = 1; i <= n; ++i)
      put("tab", {{"pk", S(pk)}, {"sk", N(std::to_string(i))}, {"v", N(std::to_string(i))}});
  }
  static Json key(const std::string& pk, int sk) {
    return {{"pk", S(pk)}, {"sk", N(std::to_string(sk))}};
  }
};

/// The sorted values of a column (tests that do not pin the order of a scan).
std::vector<std::string> sorted_column(const Json& answer, const std::string& name) {
  auto out = column(answer, name);
  std::sort(out.begin(), out.end());
  return out;
}

std::string malformed(const std::string& detail) {
  return "Statement wasn't well formed, can't be processed: " + detail;
}

DdbError parse_error(const std::string& statement, const Json& params = Json::array()) {
  try {
    ddb::partiql::parse_statement(statement, params);
  } catch (const ce::AwsError& e) {
    return {400, e.code, e.message};
  }
  FAIL("parsed: " << statement);
  return {};
}

}  // namespace

// ---- the parser ----

TEST_CASE("PartiQL SELECT parses projections, index sources and comments", "[partiql][parse]") {
  const auto s = ddb::partiql::parse_statement(
      "-- leading comment\nselect a, \"b.c\", m.k[1], l[0] FROM \"T\".\"by_g\" /* c */ "
      "WHERE a = ? ;",
      Json::array({S("x")}));
  CHECK(s.kind == ddb::partiql::Statement::Kind::select);
  CHECK(s.table == "T");
  REQUIRE(s.index);
  CHECK(*s.index == "by_g");
  REQUIRE(s.projection.size() == 4);
  CHECK(s.projection[0].first == "a");
  CHECK(s.projection[1].first == "b.c");  // a quoted name with a dot is one attribute
  CHECK(s.projection[2].first == "k[1]");
  CHECK(s.projection[3].first == "l[0]");
  CHECK(s.where != nullptr);
}

TEST_CASE("PartiQL literals become AttributeValues", "[partiql][parse]") {
  const auto s = ddb::partiql::parse_statement(
      "INSERT INTO tab VALUE {'s': 'it''s', 'n': 1.50, 'neg': -2, 'b': true, 'z': null, "
      "'l': [1, 'x'], 'm': {'k': <<'p', 'q'>>}, 'ns': <<1, 2>>}",
      Json::array());
  CHECK(s.item["s"] == S("it's"));
  CHECK(s.item["n"] == N("1.5"));
  CHECK(s.item["neg"] == N("-2"));
  CHECK(s.item["b"] == Json{{"BOOL", true}});
  CHECK(s.item["z"] == Json{{"NULL", true}});
  CHECK(s.item["l"] == Json{{"L", {N("1"), S("x")}}});
  CHECK(s.item["m"]["M"]["k"] == Json{{"SS", {"p", "q"}}});
  CHECK(s.item["ns"] == Json{{"NS", {"1", "2"}}});
}

TEST_CASE("PartiQL statements that do not parse name DynamoDB's reason", "[partiql][parse]") {
  CHECK(parse_error("SELEC * FROM tab").message == malformed("Expected data manipulation"));
  CHECK(parse_error("SELECT * FROM").message == malformed("Unexpected end of statement"));
  CHECK(parse_error("SELECT * FROM tab WHERE").message == malformed("Unexpected end of statement"));
  CHECK(parse_error("SELECT * FROM tab t2").message == malformed("Unexpected token"));
  CHECK(parse_error("SELECT * FROM tab; SELECT * FROM tab").message ==
        malformed("Unexpected keyword"));
  CHECK(parse_error("SELECT * FROM tab WHERE a = 'x").message ==
        malformed("Unterminated string literal"));
  CHECK(parse_error("SELECT s, s FROM tab").message == "Duplicate identifiers in select clause: s");
  CHECK(parse_error("SELECT m.z, n.z FROM tab").message ==
        "Duplicate identifiers in select clause: z");
  CHECK(parse_error("SELECT *, a FROM tab").message ==
        "Other attributes should not be present in the projection when '*' is used.");
  CHECK(parse_error("SELECT a AS b FROM tab").message == "Aliasing is not supported");
  CHECK(parse_error("SELECT * FROM tab LIMIT 5").message == "Unsupported clause: LIMIT");
  CHECK(parse_error("INSERT INTO tab VALUE {'a': <<>>}").message == "Empty bags are not supported");
  CHECK(parse_error("INSERT INTO tab VALUE {'a': <<1, 'x'>>}").message ==
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  CHECK(parse_error("INSERT INTO tab VALUE {'a': <<1, 1.0>>}").message ==
        "Input collection contains duplicates");
  CHECK(parse_error("INSERT INTO tab VALUE [1]").message ==
        "Unsupported format in item expression. Please use struct format {...} to express item "
        "values for insert statement.");
  CHECK(parse_error("INSERT INTO tab VALUE {'a': 1} RETURNING ALL OLD *").message ==
        "RETURNING is not supported in INSERT");
  CHECK(parse_error("DELETE FROM tab WHERE pk = 1 RETURNING ALL NEW *").message ==
        "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in "
        "DELETE statements.");
  CHECK(parse_error("UPDATE tab SET a = 1").message ==
        "Where clause does not contain a mandatory equality on all key attributes");
  CHECK(parse_error("UPDATE tab SET s = set_add(x, <<'a'>>) WHERE pk = 1").message ==
        "The first argument to SET_ADD must equal the assignment value");
  CHECK(parse_error("SELECT * FROM tab WHERE a = MISSING").message ==
        "MISSING must be compared using IS operator");
  CHECK(parse_error("SELECT * FROM tab WHERE nope(a)").message == "Unrecognized function: nope");
  CHECK(parse_error("SELECT * FROM tab WHERE a").message ==
        "WHERE clause must contain an expression that resolves to a boolean");
}

TEST_CASE("PartiQL parameters must match the statement's ? in number", "[partiql][parse]") {
  const std::string mismatch = "Number of parameters in request and statement don't match.";
  CHECK(parse_error("SELECT * FROM tab WHERE a = ?").message == mismatch);
  CHECK(parse_error("SELECT * FROM tab WHERE a = 1", Json::array({S("x")})).message == mismatch);
  // A ? inside a string literal is text, not a parameter.
  CHECK_NOTHROW(ddb::partiql::parse_statement("SELECT * FROM tab WHERE a = '?'", Json::array()));
}

// ---- ExecuteStatement: INSERT and SELECT ----

TEST_CASE_METHOD(PartiqlFixture, "INSERT with parameters writes an item SELECT reads back",
                 "[partiql][insert]") {
  const Json r = exec("INSERT INTO \"tab\" VALUE {'pk': ?, 'sk': ?, 'v': 'x', 'n': 1.50}",
                      Json::array({S("a"), N("1")}));
  CHECK(r == Json{{"Items", Json::array()}});
  CHECK(get("tab", key("a", 1)) ==
        Json{{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}, {"n", N("1.5")}});
  const Json sel = exec("SELECT * FROM tab WHERE pk = ? AND sk = ?", Json::array({S("a"), N("1")}));
  REQUIRE(sel["Items"].size() == 1);
  CHECK(sel["Items"][0]["v"] == S("x"));
  CHECK_FALSE(sel.contains("NextToken"));
}

TEST_CASE_METHOD(PartiqlFixture, "INSERT of an existing key fails with DuplicateItemException",
                 "[partiql][insert]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}, {"v", S("old")}});
  const auto e = exec_fail("INSERT INTO tab VALUE {'pk': 'a', 'sk': 1, 'v': 'new'}");
  CHECK(e.type == "DuplicateItemException");
  CHECK(e.message == "Duplicate primary key exists in table");
  CHECK(get("tab", key("a", 1))["v"] == S("old"));
}

TEST_CASE_METHOD(PartiqlFixture, "INSERT checks the key like PutItem", "[partiql][insert]") {
  CHECK(exec_fail("INSERT INTO tab VALUE {'pk': 'a'}").type == "ValidationException");
  CHECK(exec_fail("INSERT INTO tab VALUE {'pk': 1, 'sk': 1}").type == "ValidationException");
  CHECK(exec_fail("INSERT INTO nope VALUE {'pk': 'a'}").type == "ResourceNotFoundException");
}

TEST_CASE_METHOD(PartiqlFixture, "SELECT projects paths under their last name",
                 "[partiql][select]") {
  put("tab", {{"pk", S("a")},
              {"sk", N("1")},
              {"m", {{"M", {{"k", {{"L", {N("1"), S("two")}}}}, {"z", S("last")}}}}},
              {"l", {{"L", {N("7")}}}}});
  const Json r = exec("SELECT m.k[1], l[0], m.z, nothing FROM tab WHERE pk = 'a'");
  REQUIRE(r["Items"].size() == 1);
  CHECK(r["Items"][0] == Json{{"k[1]", S("two")}, {"l[0]", N("7")}, {"z", S("last")}});
}

TEST_CASE_METHOD(PartiqlFixture, "SELECT WHERE supports DynamoDB's operators and functions",
                 "[partiql][select]") {
  put("hsh", {{"id", S("1")}, {"n", N("5")}, {"s", S("apple")}, {"tags", {{"SS", {"x", "y"}}}}});
  put("hsh", {{"id", S("2")}, {"n", N("10")}, {"s", S("banana")}});
  put("hsh", {{"id", S("3")}, {"s", S("cherry")}, {"z", {{"NULL", true}}}});
  const auto ids = [&](const std::string& where) {
    return sorted_column(exec("SELECT id FROM hsh WHERE " + where), "id");
  };
  using V = std::vector<std::string>;
  CHECK(ids("n = 5") == V{"1"});
  CHECK(ids("n <> 5") == V{"2"});  // a missing n is not "different from 5"
  CHECK(ids("n != 5") == V{"2"});
  CHECK(ids("n < 10") == V{"1"});
  CHECK(ids("n <= 10") == V{"1", "2"});
  CHECK(ids("n > 5") == V{"2"});
  CHECK(ids("n >= 5") == V{"1", "2"});
  CHECK(ids("n BETWEEN 6 AND 10") == V{"2"});
  CHECK(ids("n NOT BETWEEN 6 AND 10") == V{"1", "3"});
  CHECK(ids("s IN ['apple', 'cherry']") == V{"1", "3"});
  CHECK(ids("s NOT IN ['apple']") == V{"2", "3"});
  CHECK(ids("n IS MISSING") == V{"3"});
  CHECK(ids("n IS NOT MISSING") == V{"1", "2"});
  CHECK(ids("z IS NULL") == V{"1", "2", "3"});
  CHECK(ids("z IS NOT NULL").empty());
  CHECK(ids("begins_with(s, 'ba')") == V{"2"});
  CHECK(ids("contains(s, 'err')") == V{"3"});
  CHECK(ids("contains(tags, 'y')") == V{"1"});
  CHECK(ids("attribute_type(n, 'N')") == V{"1", "2"});
  CHECK(ids("size(s) > 5") == V{"2", "3"});
  CHECK(ids("n = 5 OR s = 'cherry'") == V{"1", "3"});
  CHECK(ids("NOT (n = 5) AND n IS NOT MISSING") == V{"2"});
  CHECK(ids("(n = 5 OR n = 10) AND begins_with(s, 'b')") == V{"2"});
  CHECK(ids("\"s\" = 'apple'") == V{"1"});
}

TEST_CASE_METHOD(PartiqlFixture, "SELECT with the partition key reads only that partition",
                 "[partiql][select]") {
  fill(3, "a");
  fill(2, "b");
  fill(2, "c");
  CHECK(column(exec("SELECT * FROM tab WHERE pk = 'a'"), "sk") ==
        std::vector<std::string>{"1", "2", "3"});
  CHECK(column(exec("SELECT * FROM tab WHERE pk = 'a' AND sk >= 2"), "sk") ==
        std::vector<std::string>{"2", "3"});
  CHECK(sorted_column(exec("SELECT * FROM tab WHERE pk IN ['b', 'c']"), "pk") ==
        std::vector<std::string>{"b", "b", "c", "c"});
  CHECK(sorted_column(exec("SELECT * FROM tab WHERE pk = 'b' OR pk = 'c'"), "pk") ==
        std::vector<std::string>{"b", "b", "c", "c"});
  CHECK(exec("SELECT * FROM tab")["Items"].size() == 7);
  const auto e = exec_fail("SELECT * FROM tab WHERE pk = 1");
  CHECK(e.message ==
        "Key attribute's data type should match its data type in table's schema: Key pk");
}

TEST_CASE_METHOD(PartiqlFixture, "SELECT pages with Limit and NextToken", "[partiql][paging]") {
  fill(5, "a");
  fill(5, "b");
  for (const std::string where : {"", " WHERE pk IN ['a', 'b']"}) {
    INFO(where);
    std::vector<std::string> seen;
    Json extra = {{"Limit", 3}};
    int pages = 0;
    for (;;) {
      const Json r = exec("SELECT * FROM tab" + where, Json(), extra);
      ++pages;
      for (const auto& item : r["Items"])
        seen.push_back(item["pk"]["S"].get<std::string>() + item["sk"]["N"].get<std::string>());
      if (!r.contains("NextToken")) break;
      extra["NextToken"] = r["NextToken"];
      REQUIRE(pages < 10);
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen ==
          std::vector<std::string>{"a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4", "b5"});
    CHECK(pages == 4);  // 3 + 3 + 3 + 1
  }
}

TEST_CASE_METHOD(PartiqlFixture, "Limit counts items read, not items matched",
                 "[partiql][paging]") {
  fill(5);
  const Json r = exec("SELECT * FROM tab WHERE v > 4", Json(), {{"Limit", 2}});
  CHECK(r["Items"].empty());
  CHECK(r.contains("NextToken"));
}

TEST_CASE_METHOD(PartiqlFixture, "A NextToken only continues its own statement",
                 "[partiql][paging]") {
  fill(3);
  const Json r = exec("SELECT * FROM tab", Json(), {{"Limit", 1}});
  REQUIRE(r.contains("NextToken"));
  CHECK(
      exec_fail("SELECT * FROM tab WHERE v = 1", Json(), {{"NextToken", r["NextToken"]}}).message ==
      "NextToken does not match request");
  CHECK(exec_fail("SELECT * FROM tab", Json(), {{"NextToken", "garbage!"}}).message ==
        "Invalid NextToken");
}

TEST_CASE_METHOD(PartiqlFixture, "SELECT from an index and its checks", "[partiql][select]") {
  ok("CreateTable", {{"TableName", "gix"},
                     {"BillingMode", "PAY_PER_REQUEST"},
                     {"AttributeDefinitions",
                      {{{"AttributeName", "id"}, {"AttributeType", "S"}},
                       {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                     {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                     {"GlobalSecondaryIndexes",
                      {{{"IndexName", "by_g"},
                        {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                        {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  put("gix", {{"id", S("1")}, {"g", S("x")}});
  put("gix", {{"id", S("2")}, {"g", S("y")}});
  put("gix", {{"id", S("3")}});
  CHECK(column(exec("SELECT id FROM \"gix\".\"by_g\" WHERE g = 'y'"), "id") ==
        std::vector<std::string>{"2"});
  CHECK(exec("SELECT * FROM \"gix\".\"by_g\"")["Items"].size() == 2);
  CHECK(exec_fail("SELECT * FROM \"gix\".\"nope\"").message ==
        "The table does not have the specified index: nope");
  CHECK(exec_fail("SELECT * FROM \"gix\".\"by_g\"", Json(), {{"ConsistentRead", true}}).message ==
        "Strongly consistent read is not supported on Global Secondary Indexes");
}

TEST_CASE_METHOD(PartiqlFixture, "ExecuteStatement reports ConsumedCapacity when asked",
                 "[partiql][capacity]") {
  fill(1);
  const Json r =
      exec("SELECT * FROM tab WHERE pk = 'a'", Json(), {{"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["TableName"] == "tab");
  const Json w = exec("UPDATE tab SET v = 2 WHERE pk = 'a' AND sk = 1", Json(),
                      {{"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(w["ConsumedCapacity"]["CapacityUnits"] == 1.0);
}

// ---- UPDATE and DELETE ----

TEST_CASE_METHOD(PartiqlFixture, "UPDATE sets, adds, appends and removes", "[partiql][update]") {
  put("tab", {{"pk", S("a")},
              {"sk", N("1")},
              {"n", N("1")},
              {"m", {{"M", {{"c", N("10")}}}}},
              {"l", {{"L", {S("x")}}}},
              {"gone", S("bye")},
              {"tags", {{"SS", {"p"}}}}});
  const Json r = exec(
      "UPDATE tab SET n = n + ?, m.c = m.c - 1, l = list_append(l, ?) SET fresh = 'new' "
      "SET tags = set_add(tags, <<'q'>>) REMOVE gone WHERE pk = ? AND sk = 1 RETURNING ALL NEW *",
      Json::array({N("2"), {{"L", {S("y")}}}, S("a")}));
  const Json expected = {{"pk", S("a")},
                         {"sk", N("1")},
                         {"n", N("3")},
                         {"m", {{"M", {{"c", N("9")}}}}},
                         {"l", {{"L", {S("x"), S("y")}}}},
                         {"fresh", S("new")},
                         {"tags", {{"SS", {"p", "q"}}}}};
  CHECK(r["Items"] == Json::array({expected}));
  CHECK(get("tab", key("a", 1)) == expected);
}

TEST_CASE_METHOD(PartiqlFixture, "UPDATE RETURNING MODIFIED gives the changed attributes",
                 "[partiql][update]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}, {"n", N("1")}, {"o", S("x")}});
  CHECK(exec("UPDATE tab SET n = 2 WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED OLD *")["Items"] ==
        Json::array({{{"n", N("1")}}}));
  CHECK(exec("UPDATE tab SET n = 3 WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED NEW *")["Items"] ==
        Json::array({{{"n", N("3")}}}));
  CHECK(
      exec("UPDATE tab SET n = 4 WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *")["Items"][0]["n"] ==
      N("3"));
}

TEST_CASE_METHOD(PartiqlFixture, "UPDATE of a missing item fails its condition",
                 "[partiql][update]") {
  const auto e = exec_fail("UPDATE tab SET v = 1 WHERE pk = 'none' AND sk = 1");
  CHECK(e.type == "ConditionalCheckFailedException");
  CHECK(e.message == "The conditional request failed");
  CHECK(get("tab", key("none", 1)).is_null());
}

TEST_CASE_METHOD(PartiqlFixture, "Extra WHERE terms of UPDATE and DELETE are conditions",
                 "[partiql][update]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}});
  CHECK(exec_fail("UPDATE tab SET v = 'y' WHERE pk = 'a' AND sk = 1 AND v = 'other'").type ==
        "ConditionalCheckFailedException");
  exec("UPDATE tab SET v = 'y' WHERE pk = 'a' AND sk = 1 AND v = 'x'");
  CHECK(get("tab", key("a", 1))["v"] == S("y"));
  const auto failed =
      raw("ExecuteStatement",
          Json{{"Statement", "DELETE FROM tab WHERE pk = 'a' AND sk = 1 AND v = 'x'"},
               {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}}
              .dump());
  CHECK(failed.status == 400);
  const Json doc = Json::parse(failed.body);
  CHECK(doc["Item"]["v"] == S("y"));
  CHECK_FALSE(get("tab", key("a", 1)).is_null());
}

TEST_CASE_METHOD(PartiqlFixture, "UPDATE and DELETE must name the whole key", "[partiql][update]") {
  const std::string message =
      "Where clause does not contain a mandatory equality on all key attributes";
  CHECK(exec_fail("UPDATE tab SET v = 1 WHERE pk = 'a'").message == message);
  CHECK(exec_fail("DELETE FROM tab WHERE pk = 'a' OR sk = 1").message == message);
  CHECK(exec_fail("DELETE FROM tab WHERE pk = 'a' AND sk > 1").message == message);
  CHECK(exec_fail("UPDATE tab SET sk = 2 WHERE pk = 'a' AND sk = 1").message ==
        "One or more parameter values were invalid: Cannot update attribute sk. This attribute is "
        "part of the key");
}

TEST_CASE_METHOD(PartiqlFixture, "DELETE removes an item; a missing one is no error",
                 "[partiql][delete]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}});
  const Json r = exec("DELETE FROM tab WHERE pk = ? AND sk = ? RETURNING ALL OLD *",
                      Json::array({S("a"), N("1")}));
  CHECK(r["Items"] == Json::array({{{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}}}));
  CHECK(get("tab", key("a", 1)).is_null());
  CHECK(exec("DELETE FROM tab WHERE pk = 'a' AND sk = 1")["Items"].empty());
  CHECK(exec("DELETE FROM tab WHERE pk = 'a' AND sk = 1 AND v = 'x'")["Items"].empty());
}

// ---- BatchExecuteStatement ----

TEST_CASE_METHOD(PartiqlFixture, "BatchExecuteStatement reads items by key", "[partiql][batch]") {
  fill(2);
  const Json r =
      ok("BatchExecuteStatement", {{"Statements",
                                    {{{"Statement", "SELECT sk FROM tab WHERE pk = ? AND sk = ?"},
                                      {"Parameters", {S("a"), N("1")}}},
                                     {{"Statement", "SELECT * FROM tab WHERE pk = 'a' AND sk = 9"}},
                                     {{"Statement", "SELECT * FROM tab WHERE pk = 'a'"}},
                                     {{"Statement", "SELECT * FROM tab WHERE"}}}}});
  const Json& responses = r["Responses"];
  REQUIRE(responses.size() == 4);
  CHECK(responses[0] == Json{{"TableName", "tab"}, {"Item", {{"sk", N("1")}}}});
  CHECK(responses[1] == Json{{"TableName", "tab"}});
  CHECK(responses[2]["Error"]["Code"] == "ValidationError");
  CHECK(responses[2]["Error"]["Message"] ==
        "Where clause does not contain a mandatory equality on all key attributes");
  CHECK(responses[3]["Error"]["Message"] == malformed("Unexpected end of statement"));
}

TEST_CASE_METHOD(PartiqlFixture, "BatchExecuteStatement writes each statement on its own",
                 "[partiql][batch]") {
  put("tab", {{"pk", S("dup")}, {"sk", N("1")}, {"v", S("old")}});
  const Json r =
      ok("BatchExecuteStatement",
         {{"Statements",
           {{{"Statement", "INSERT INTO tab VALUE {'pk': 'n', 'sk': 1}"}},
            {{"Statement", "INSERT INTO tab VALUE {'pk': 'dup', 'sk': 1}"}},
            {{"Statement", "UPDATE tab SET v = 1 WHERE pk = 'none' AND sk = 1"}},
            {{"Statement", "UPDATE tab SET v = 'new' WHERE pk = 'dup' AND sk = 1 AND v = 'x'"},
             {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}},
            {{"Statement", "DELETE FROM nope WHERE id = 'x'"}}}}});
  const Json& responses = r["Responses"];
  REQUIRE(responses.size() == 5);
  CHECK(responses[0] == Json{{"TableName", "tab"}});
  CHECK(responses[1]["Error"] ==
        Json{{"Code", "DuplicateItem"}, {"Message", "Duplicate primary key exists in table"}});
  CHECK(responses[2]["Error"]["Code"] == "ConditionalCheckFailed");
  CHECK(responses[3]["Error"]["Item"]["v"] == S("old"));
  CHECK(responses[4]["Error"]["Code"] == "ResourceNotFound");
  CHECK_FALSE(get("tab", key("n", 1)).is_null());
}

TEST_CASE_METHOD(PartiqlFixture, "BatchExecuteStatement refuses mixed and oversized batches",
                 "[partiql][batch]") {
  const auto mixed = fail("BatchExecuteStatement",
                          {{"Statements",
                            {{{"Statement", "SELECT * FROM tab WHERE pk = 'a' AND sk = 1"}},
                             {{"Statement", "DELETE FROM tab WHERE pk = 'a' AND sk = 1"}}}}});
  CHECK(mixed.type == "ValidationException");
  Json many = Json::array();
  for (int i = 0; i < 26; ++i)
    many.push_back({{"Statement", "SELECT * FROM tab WHERE pk = 'a' AND sk = 1"}});
  const auto big = fail("BatchExecuteStatement", {{"Statements", many}});
  CHECK(big.message.find("Member must have length less than or equal to 25") != std::string::npos);
}

// ---- ExecuteTransaction ----

TEST_CASE_METHOD(PartiqlFixture, "ExecuteTransaction writes all statements together",
                 "[partiql][transaction]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}});
  ok("ExecuteTransaction", {{"TransactStatements",
                             {{{"Statement", "INSERT INTO tab VALUE {'pk': 'b', 'sk': 1}"}},
                              {{"Statement", "UPDATE tab SET v = v + 1 WHERE pk = ? AND sk = 1"},
                               {"Parameters", {S("a")}}}}}});
  CHECK_FALSE(get("tab", key("b", 1)).is_null());
  CHECK(get("tab", key("a", 1))["v"] == N("2"));
}

TEST_CASE_METHOD(PartiqlFixture, "A failing statement cancels the whole transaction",
                 "[partiql][transaction]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}});
  const auto r = raw("ExecuteTransaction",
                     Json{{"TransactStatements",
                           {{{"Statement", "INSERT INTO tab VALUE {'pk': 'b', 'sk': 1}"}},
                            {{"Statement", "UPDATE tab SET v = 1 WHERE pk = 'none' AND sk = 1"}},
                            {{"Statement", "INSERT INTO tab VALUE {'pk': 'a', 'sk': 1}"}}}}}
                         .dump());
  REQUIRE(r.status == 400);
  const Json doc = Json::parse(r.body);
  CHECK(doc["__type"].get<std::string>().ends_with("TransactionCanceledException"));
  CHECK(doc["message"] ==
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, "
        "ConditionalCheckFailed, DuplicateItem]");
  REQUIRE(doc["CancellationReasons"].size() == 3);
  CHECK(doc["CancellationReasons"][0] == Json{{"Code", "None"}});
  CHECK(get("tab", key("b", 1)).is_null());
}

TEST_CASE_METHOD(PartiqlFixture, "ExecuteTransaction reads by key", "[partiql][transaction]") {
  fill(1);
  const Json r = ok("ExecuteTransaction",
                    {{"TransactStatements",
                      {{{"Statement", "SELECT v FROM tab WHERE pk = 'a' AND sk = 1"}},
                       {{"Statement", "SELECT * FROM tab WHERE pk = 'a' AND sk = 2"}}}}});
  CHECK(r["Responses"] == Json::array({{{"Item", {{"v", N("1")}}}}, Json::object()}));
  CHECK(fail("ExecuteTransaction",
             {{"TransactStatements", {{{"Statement", "SELECT * FROM tab WHERE pk = 'a'"}}}}})
            .message ==
        "Select statements within ExecuteTransaction must specify the primary key in the where "
        "clause.");
}

TEST_CASE_METHOD(PartiqlFixture, "ExecuteTransaction refuses mixes and repeated items",
                 "[partiql][transaction]") {
  CHECK(
      fail("ExecuteTransaction", {{"TransactStatements",
                                   {{{"Statement", "SELECT * FROM tab WHERE pk = 'a' AND sk = 1"}},
                                    {{"Statement", "DELETE FROM tab WHERE pk = 'a' AND sk = 1"}}}}})
          .message ==
      "ExecuteTransaction API does not support both read and write operations in the same "
      "request.");
  CHECK(
      fail("ExecuteTransaction", {{"TransactStatements",
                                   {{{"Statement", "INSERT INTO tab VALUE {'pk': 'a', 'sk': 1}"}},
                                    {{"Statement", "DELETE FROM tab WHERE pk = 'a' AND sk = 1"}}}}})
          .message == "Transaction request cannot include multiple operations on one item");
}

TEST_CASE_METHOD(PartiqlFixture, "ExecuteTransaction honours ClientRequestToken",
                 "[partiql][transaction]") {
  put("tab", {{"pk", S("a")}, {"sk", N("1")}, {"v", N("1")}});
  const Json body = {{"ClientRequestToken", "tok-1"},
                     {"TransactStatements",
                      {{{"Statement", "UPDATE tab SET v = v + 1 WHERE pk = 'a' AND sk = 1"}}}}};
  ok("ExecuteTransaction", body);
  ok("ExecuteTransaction", body);  // the same request again: not applied twice
  CHECK(get("tab", key("a", 1))["v"] == N("2"));
  Json other = body;
  other["TransactStatements"][0]["Statement"] = "UPDATE tab SET v = 9 WHERE pk = 'a' AND sk = 1";
  CHECK(fail("ExecuteTransaction", other).type == "IdempotentParameterMismatchException");
}
