// KeyConditionExpression and KeyConditions against a key schema.
#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr.hpp"

using namespace ddb::expr;
using Op = KeyCondition::Op;

namespace {

const Json k_key_values = {{":a", {{"S", "a"}}}, {":b", {{"S", "b"}}}, {":n", {{"N", "1"}}}};

KeyCondition key(const std::string& text, std::optional<std::string_view> range = "sk") {
  Substitutions subs(nullptr, &k_key_values);
  return parse_key_condition(text, subs, "pk", range);
}

std::string key_error(const std::string& text, std::optional<std::string_view> range = "sk") {
  try {
    key(text, range);
  } catch (const ce::AwsError& e) {
    return e.message;
  }
  return "<no error>";
}

std::string legacy_error(const Json& conditions, std::optional<std::string_view> range = "sk") {
  try {
    key_condition_from_key_conditions(conditions, "pk", range);
  } catch (const ce::AwsError& e) {
    return e.message;
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("key condition splits partition and sort conditions", "[ddb][expr][key]") {
  const auto kc = key("pk = :a AND begins_with(sk, :b)");
  CHECK(kc.partition_name == "pk");
  CHECK(kc.partition_value == Json{{"S", "a"}});
  REQUIRE(kc.sort_name == std::optional<std::string>("sk"));
  CHECK(kc.op == Op::begins_with);
  CHECK(kc.sort_matches({{"S", "bcd"}}));
  CHECK_FALSE(kc.sort_matches({{"S", "abc"}}));
}

TEST_CASE("a value on the left flips the comparison", "[ddb][expr][key]") {
  const auto kc = key(":b > sk AND pk = :a");
  CHECK(kc.op == Op::lt);
  CHECK(kc.sort_matches({{"S", "a"}}));
  CHECK_FALSE(kc.sort_matches({{"S", "b"}}));
}

TEST_CASE("BETWEEN on the sort key is inclusive", "[ddb][expr][key]") {
  const auto kc = key("pk = :a AND sk BETWEEN :a AND :b");
  CHECK(kc.op == Op::between);
  CHECK(kc.sort_matches({{"S", "b"}}));
  CHECK_FALSE(kc.sort_matches({{"S", "c"}}));
}

TEST_CASE("key conditions refuse what Query cannot index", "[ddb][expr][key]") {
  CHECK(key_error("pk = :a OR sk = :b") == "Invalid operator used in KeyConditionExpression: OR");
  CHECK(key_error("pk <> :a") == "Invalid operator used in KeyConditionExpression: <>");
  CHECK(key_error("attribute_exists(pk)") ==
        "Invalid operator used in KeyConditionExpression: attribute_exists");
  CHECK(key_error("pk IN (:a)") == "Invalid operator used in KeyConditionExpression: IN");
  CHECK(key_error("pk.x = :a") ==
        "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(key_error("size(pk) = :n") == "KeyConditionExpressions cannot contain nested operations");
  CHECK(key_error("pk = sk") ==
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
        "condition");
  CHECK(key_error(":a = :b") ==
        "Invalid condition in KeyConditionExpression: No key attribute specified");
  CHECK(key_error("pk = :a AND pk = :b") ==
        "KeyConditionExpressions must only contain one condition per key");
  CHECK(key_error("pk = :a AND sk = :a AND x = :a") == "Conditions can be of length 1 or 2 only");
}

TEST_CASE("key conditions must match the key schema", "[ddb][expr][key]") {
  CHECK(key_error("sk = :a") == "Query condition missed key schema element: pk");
  CHECK(key_error("pk > :a") == "Query key condition not supported");
  CHECK(key_error("pk = :a AND qq = :b") == "Query condition missed key schema element: sk");
  CHECK(key_error("pk = :a AND sk = :b", std::nullopt) == "Query key condition not supported");
  CHECK(key_error("pk = :a", std::nullopt) == "<no error>");
}

TEST_CASE("key condition syntax errors carry the KeyConditionExpression prefix",
          "[ddb][expr][key]") {
  CHECK(key_error("pk = 4") ==
        "Invalid KeyConditionExpression: Syntax error; token: \"4\", near: \"= 4\"");
  CHECK(key_error("pk = :a AND sk BETWEEN :b AND :a") ==
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound "
        "operand: AttributeValue: {S:a}");
}

TEST_CASE("legacy KeyConditions convert and validate", "[ddb][expr][key][legacy]") {
  const Json conditions = {
      {"pk", {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {{{"S", "a"}}}}}},
      {"sk", {{"ComparisonOperator", "GE"}, {"AttributeValueList", {{{"N", "1"}}}}}}};
  const auto kc = key_condition_from_key_conditions(conditions, "pk", "sk");
  CHECK(kc.partition_value == Json{{"S", "a"}});
  CHECK(kc.op == Op::ge);
  CHECK(kc.sort_matches({{"N", "1"}}));
  CHECK(legacy_error(Json::object()) == "Conditions can be of length 1 or 2 only");
  CHECK(legacy_error({{"pk", {{"ComparisonOperator", "NULL"}}}}) ==
        "Attempted conditional constraint is not an indexable operation");
  CHECK(legacy_error({{"pk", {{"ComparisonOperator", "EQ"}}}}) ==
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
        "ComparisonOperator");
  CHECK(legacy_error(
            {{"x", {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {{{"S", "a"}}}}}}}) ==
        "Query condition missed key schema element: pk");
}
