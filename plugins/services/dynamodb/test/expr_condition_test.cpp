// ConditionExpression / FilterExpression: grammar, evaluation and DynamoDB's error messages.
#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr.hpp"

using namespace ddb::expr;

namespace {

const Json k_cond_values = {
    {":one", {{"N", "1"}}},  {":five", {{"N", "5"}}}, {":s", {{"S", "abc"}}},
    {":ab", {{"S", "ab"}}},  {":t", {{"S", "S"}}},    {":yes", {{"BOOL", true}}},
    {":b", {{"B", "YWJj"}}}, {":x", {{"S", "x"}}},    {":list", {{"L", {{{"N", "1"}}}}}},
};
const Json k_names = {{"#n", "name"}, {"#dot", "a.b"}, {"#year", "year"}};

const Json k_cond_item = {
    {"name", {{"S", "abc"}}},
    {"num", {{"N", "3"}}},
    {"flag", {{"BOOL", true}}},
    {"tags", {{"SS", {"x", "y"}}}},
    {"nums", {{"NS", {"1", "2"}}}},
    {"bin", {{"B", "YWJjZA=="}}},
    {"lst", {{"L", {{{"N", "1"}}, {{"S", "x"}}, {{"M", {{"deep", {{"N", "5"}}}}}}}}}},
    {"mp", {{"M", {{"core", {{"S", "abc"}}}, {"n", {{"N", "1"}}}}}}},
    {"a.b", {{"N", "1"}}},
    {"year", {{"N", "2020"}}},
};

/// Parses `text` with the fixture's names and values and evaluates it on k_cond_item.
bool holds(const std::string& text, const Json& item = k_cond_item) {
  Substitutions subs(&k_names, &k_cond_values);
  return parse_condition(text, subs, ExprKind::condition).evaluate(item);
}

/// The ValidationException message parsing `text` raises.
std::string condition_error(const std::string& text, const Json* names = &k_names,
                            const Json* values = &k_cond_values,
                            ExprKind kind = ExprKind::condition) {
  try {
    Substitutions subs(names, values);
    parse_condition(text, subs, kind);
  } catch (const ce::AwsError& e) {
    REQUIRE(e.code == "ValidationException");
    return e.message;
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("comparators follow DynamoDB's type rules", "[ddb][expr][condition]") {
  CHECK(holds("num = :five") == false);
  CHECK(holds("num < :five"));
  CHECK(holds("num <= :five"));
  CHECK_FALSE(holds("num > :five"));
  CHECK(holds("num <> :five"));
  CHECK(holds("#n = :s"));
  CHECK(holds("#n > :ab"));
  CHECK_FALSE(holds("num < :s"));  // different types never order
  CHECK(holds("num <> :s"));
}

TEST_CASE("<> holds for a absent attribute, = and < do not", "[ddb][expr][condition]") {
  CHECK(holds("absent <> :one"));
  CHECK_FALSE(holds("absent = :one"));
  CHECK_FALSE(holds("absent < :one"));
}

TEST_CASE("BETWEEN is inclusive", "[ddb][expr][condition]") {
  CHECK(holds("num BETWEEN :one AND :five"));
  CHECK(holds("num between num AND :five"));
  CHECK_FALSE(holds("#n BETWEEN :one AND :five"));
}

TEST_CASE("IN matches any listed operand", "[ddb][expr][condition]") {
  CHECK(holds("num IN (:one, :five, num)"));
  CHECK_FALSE(holds("num IN (:one, :five)"));
  CHECK(holds("#n IN (:s)"));
}

TEST_CASE("NOT binds tighter than AND, AND tighter than OR", "[ddb][expr][condition]") {
  // true OR (false AND false)
  CHECK(holds("num < :five OR num = :one AND num = :five"));
  // (NOT true) AND ... = false
  CHECK_FALSE(holds("NOT num < :five AND num < :five"));
  // NOT (true AND false) = true
  CHECK(holds("NOT (num < :five AND num = :one)"));
  CHECK_FALSE(holds("(num < :five OR num = :one) AND num = :five"));
}

TEST_CASE("attribute_exists and attribute_not_exists see nested paths", "[ddb][expr][condition]") {
  CHECK(holds("attribute_exists(mp.core)"));
  CHECK(holds("attribute_exists(lst[2].deep)"));
  CHECK(holds("attribute_not_exists(lst[3])"));
  CHECK(holds("attribute_not_exists(mp.core.x)"));
  CHECK(holds("attribute_not_exists(anything)", Json::object()));
  CHECK_FALSE(holds("attribute_exists(#n)", Json::object()));
}

TEST_CASE("attribute_type compares the stored type", "[ddb][expr][condition]") {
  CHECK(holds("attribute_type(#n, :t)"));
  CHECK_FALSE(holds("attribute_type(num, :t)"));
}

TEST_CASE("begins_with works on strings and binaries", "[ddb][expr][condition]") {
  CHECK(holds("begins_with(#n, :ab)"));
  CHECK_FALSE(holds("begins_with(#n, :x)"));
  CHECK(holds("begins_with(bin, :b)"));
  CHECK_FALSE(holds("begins_with(num, :ab)"));
}

TEST_CASE("contains looks into strings, sets and lists", "[ddb][expr][condition]") {
  CHECK(holds("contains(#n, :ab)"));
  CHECK(holds("contains(tags, :x)"));
  CHECK(holds("contains(nums, :one)"));
  CHECK(holds("contains(lst, :x)"));
  CHECK(holds("contains(lst, :one)"));
  CHECK_FALSE(holds("contains(tags, :s)"));
  CHECK_FALSE(holds("contains(absent, :s)"));
}

TEST_CASE("size counts characters, elements and entries", "[ddb][expr][condition]") {
  CHECK(holds("size(#n) = :five") == false);
  CHECK(holds("size(lst) < :five"));
  CHECK(holds("size(tags) > :one"));
  CHECK(holds("size(mp) > :one") == true);
  CHECK(holds("size(bin) > :one"));
  CHECK_FALSE(holds("size(num) > :one"));  // numbers have no size
  CHECK_FALSE(holds("size(absent) > :one"));
}

TEST_CASE("placeholders substitute names with dots and reserved words", "[ddb][expr][condition]") {
  CHECK(holds("#dot = :one"));
  CHECK(holds("#year > :one"));
  CHECK_FALSE(holds("(num) = (:five)"));  // parenthesized operands parse
}

TEST_CASE("an absent item fails every comparison", "[ddb][expr][condition]") {
  CHECK_FALSE(holds("num = :one", Json::object()));
  CHECK(holds("NOT num = :one", Json::object()));
}

TEST_CASE("syntax errors name the token and its neighbours", "[ddb][expr][condition]") {
  CHECK(condition_error("a-b") ==
        "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"a-b\"");
  CHECK(condition_error("num = :one AND") ==
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
  CHECK(condition_error("num") ==
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"num\"");
  CHECK(condition_error("num = 4") ==
        "Invalid ConditionExpression: Syntax error; token: \"4\", near: \"= 4\"");
  CHECK(condition_error("num : one") ==
        "Invalid ConditionExpression: Syntax error; token: \":\", near: \"num : one\"");
  CHECK(condition_error("num = :one", nullptr, &k_cond_values, ExprKind::filter) == "<no error>");
  CHECK(condition_error("num == :one", &k_names, &k_cond_values, ExprKind::filter) ==
        "Invalid FilterExpression: Syntax error; token: \"=\", near: \"== :one\"");
}

TEST_CASE("an empty expression is refused", "[ddb][expr][condition]") {
  CHECK(condition_error("") == "Invalid ConditionExpression: The expression can not be empty;");
  CHECK(condition_error("", &k_names, &k_cond_values, ExprKind::filter) ==
        "Invalid FilterExpression: The expression can not be empty;");
}

TEST_CASE("reserved words must be substituted", "[ddb][expr][condition]") {
  CHECK(
      condition_error("year = :one") ==
      "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: year");
  CHECK(condition_error("mp.Status = :one") ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "Status");
}

TEST_CASE("undefined placeholders are named", "[ddb][expr][condition]") {
  CHECK(condition_error("#nope = :one") ==
        "Invalid ConditionExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #nope");
  CHECK(condition_error("num = :nope") ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
}

TEST_CASE("functions are checked by name, operand count and type", "[ddb][expr][condition]") {
  CHECK(condition_error("foo(num)") ==
        "Invalid ConditionExpression: Invalid function name; function: foo");
  CHECK(condition_error("attribute_exists(num, #n)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
        "operator or function: attribute_exists, number of operands: 2");
  CHECK(condition_error("attribute_exists(:one)") ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator or "
        "function: attribute_exists");
  CHECK(condition_error("begins_with(#n, :one)") ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: begins_with, operand type: N");
  CHECK(condition_error("attribute_type(#n, :x)") ==
        "Invalid ConditionExpression: Invalid attribute type name found; type: x, valid types: "
        "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(condition_error("size(:s) = :one") ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator or "
        "function: size");
}

TEST_CASE("functions used in the wrong place are refused", "[ddb][expr][condition]") {
  CHECK(condition_error("size(#n)") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: size");
  CHECK(condition_error("attribute_exists(#n) = :yes") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: attribute_exists");
  CHECK(condition_error("if_not_exists(#n, :s) = :s") ==
        "Invalid ConditionExpression: The function is not allowed in a condition expression; "
        "function: if_not_exists");
}

TEST_CASE("an operand compared with itself is refused", "[ddb][expr][condition]") {
  CHECK(condition_error("num = num") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: =, first operand: [num]");
  CHECK(condition_error("contains(mp.core, mp.core)") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: contains, first operand: [mp, core]");
}

TEST_CASE("BETWEEN bounds must share a type and be ordered", "[ddb][expr][condition]") {
  CHECK(condition_error("num BETWEEN :five AND :one") ==
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
        "operand: AttributeValue: {N:1}");
  CHECK(condition_error("num BETWEEN :one AND :s") ==
        "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and "
        "upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
        "AttributeValue: {S:abc}");
}

TEST_CASE("redundant parentheses are refused", "[ddb][expr][condition]") {
  CHECK(condition_error("((num = :one))") ==
        "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(condition_error("((num)) = :one") ==
        "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(condition_error("(num = :one) AND (#n = :s)") == "<no error>");
}

TEST_CASE("IN takes at most 100 operands", "[ddb][expr][condition]") {
  std::string list = ":one";
  for (int i = 0; i < 99; ++i) list += ", :one";
  CHECK(condition_error("num IN (" + list + ")") == "<no error>");
  CHECK(condition_error("num IN (" + list + ", :five)") ==
        "Invalid ConditionExpression: The IN operator is provided with too many operands; number "
        "of operands: 101");
}

TEST_CASE("problems are reported in DynamoDB's order", "[ddb][expr][condition]") {
  // Redundant parentheses come before an unknown function, which comes before a reserved word.
  CHECK(condition_error("year = :one AND foo(a) AND ((b = :one))") ==
        "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(condition_error("year = :one AND foo(a)") ==
        "Invalid ConditionExpression: Invalid function name; function: foo");
  // A syntax error anywhere wins.
  CHECK(condition_error("year = :nope AND a = ") ==
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
}

TEST_CASE("unused placeholders are reported after all expressions parsed",
          "[ddb][expr][substitutions]") {
  const Json names = {{"#a", "a"}, {"#b", "b"}};
  const Json values = {{":a", {{"N", "1"}}}, {":b", {{"N", "1"}}}, {":c", {{"N", "1"}}}};
  Substitutions subs(&names, &values);
  parse_condition("#a = :a", subs, ExprKind::condition);
  try {
    subs.check_all_used();
    FAIL("expected an error");
  } catch (const ce::AwsError& e) {
    CHECK(e.message ==
          "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
  }
  parse_condition("#b = :b", subs, ExprKind::filter);
  try {
    subs.check_all_used();
    FAIL("expected an error");
  } catch (const ce::AwsError& e) {
    CHECK(e.message ==
          "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}");
  }
}

TEST_CASE("substitution maps must be non-empty and well spelled", "[ddb][expr][substitutions]") {
  auto message = [](const Json* n, const Json* v) -> std::string {
    try {
      Substitutions subs(n, v);
    } catch (const ce::AwsError& e) {
      return e.message;
    }
    return "<no error>";
  };
  const Json empty = Json::object();
  const Json bad_name = {{"a", "a"}};
  const Json bad_value = {{"b", {{"S", "a"}}}};
  CHECK(message(&empty, nullptr) == "ExpressionAttributeNames must not be empty");
  CHECK(message(nullptr, &empty) == "ExpressionAttributeValues must not be empty");
  CHECK(message(&bad_name, nullptr) ==
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  CHECK(message(nullptr, &bad_value) ==
        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
}

TEST_CASE("Condition::paths lists what the condition reads", "[ddb][expr][condition]") {
  Substitutions subs(&k_names, &k_cond_values);
  const auto c = parse_condition("#n = :s AND size(lst[1]) > :one", subs, ExprKind::filter);
  REQUIRE(c.paths().size() == 2);
  CHECK(format_path(c.paths()[0]) == "[name]");
  CHECK(format_path(c.paths()[1]) == "[lst, [1]]");
}
