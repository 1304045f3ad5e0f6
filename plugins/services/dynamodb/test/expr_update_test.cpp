// UpdateExpression: SET / REMOVE / ADD / DELETE semantics and DynamoDB's messages.
#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr.hpp"

using namespace ddb::expr;

namespace {

const Json k_update_values = {
    {":one", {{"N", "1"}}},        {":half", {{"N", "0.5"}}}, {":s", {{"S", "abc"}}},
    {":ss", {{"SS", {"x", "z"}}}}, {":ns", {{"NS", {"2"}}}},  {":l", {{"L", {{{"S", "new"}}}}}},
    {":yes", {{"BOOL", true}}},
};

const Json k_update_item = {
    {"id", {{"S", "k"}}},
    {"num", {{"N", "3"}}},
    {"tags", {{"SS", {"x", "y"}}}},
    {"nums", {{"NS", {"1", "2"}}}},
    {"lst", {{"L", {{{"N", "1"}}, {{"N", "2"}}, {{"N", "3"}}}}}},
    {"mp", {{"M", {{"a", {{"N", "1"}}}}}}},
    {"str", {{"S", "abc"}}},
};

Json updated(const std::string& text, Json item = k_update_item) {
  Substitutions subs(nullptr, &k_update_values);
  parse_update(text, subs).apply(item);
  return item;
}

std::string update_parse_error(const std::string& text) {
  try {
    const Json names = {{"#c", "c"}, {"#d", "[3]"}};
    Substitutions subs(&names, &k_update_values);
    parse_update(text, subs);
  } catch (const ce::AwsError& e) {
    return e.message;
  }
  return "<no error>";
}

std::string apply_error(const std::string& text, Json item = k_update_item) {
  try {
    updated(text, std::move(item));
  } catch (const ce::AwsError& e) {
    return e.message;
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("SET writes top-level and nested attributes", "[ddb][expr][update]") {
  const Json out = updated("SET a = :s, mp.b = :one, lst[0] = :yes");
  CHECK(out["a"] == Json{{"S", "abc"}});
  CHECK(out["mp"]["M"]["b"] == Json{{"N", "1"}});
  CHECK(out["lst"]["L"][0] == Json{{"BOOL", true}});
}

TEST_CASE("SET past the end of a list appends", "[ddb][expr][update]") {
  const Json out = updated("SET lst[10] = :one");
  REQUIRE(out["lst"]["L"].size() == 4);
  CHECK(out["lst"]["L"][3] == Json{{"N", "1"}});
}

TEST_CASE("SET arithmetic is exact", "[ddb][expr][update]") {
  CHECK(updated("SET num = num + :half")["num"] == Json{{"N", "3.5"}});
  CHECK(updated("SET num = num - :one")["num"] == Json{{"N", "2"}});
  CHECK(updated("SET x = :one - num")["x"] == Json{{"N", "-2"}});
}

TEST_CASE("SET right-hand sides read the item before the update", "[ddb][expr][update]") {
  const Json out = updated("SET num = :one, prev = num");
  CHECK(out["num"] == Json{{"N", "1"}});
  CHECK(out["prev"] == Json{{"N", "3"}});
}

TEST_CASE("if_not_exists and list_append", "[ddb][expr][update]") {
  CHECK(updated("SET num = if_not_exists(num, :one)")["num"] == Json{{"N", "3"}});
  CHECK(updated("SET n2 = if_not_exists(n2, :one)")["n2"] == Json{{"N", "1"}});
  const Json out = updated("SET lst = list_append(lst, :l), l2 = list_append(:l, lst)");
  CHECK(out["lst"]["L"].size() == 4);
  CHECK(out["lst"]["L"][3] == Json{{"S", "new"}});
  CHECK(out["l2"]["L"][0] == Json{{"S", "new"}});
  CHECK(updated("SET c = if_not_exists(c, :one) + :one")["c"] == Json{{"N", "2"}});
}

TEST_CASE("REMOVE deletes attributes and list elements by original index", "[ddb][expr][update]") {
  const Json out = updated("REMOVE str, lst[0], lst[2], mp.a, nothing, lst[9]");
  CHECK_FALSE(out.contains("str"));
  CHECK(out["lst"]["L"] == Json::array({{{"N", "2"}}}));
  CHECK(out["mp"]["M"].empty());
}

TEST_CASE("ADD sums numbers and unions sets", "[ddb][expr][update]") {
  const Json out = updated("ADD num :one, tags :ss, fresh :one, nums :ns");
  CHECK(out["num"] == Json{{"N", "4"}});
  CHECK(out["tags"]["SS"] == Json::array({"x", "y", "z"}));
  CHECK(out["fresh"] == Json{{"N", "1"}});
  CHECK(out["nums"]["NS"] == Json::array({"1", "2"}));
}

TEST_CASE("DELETE removes set elements and the attribute once empty", "[ddb][expr][update]") {
  const Json out = updated("DELETE tags :ss, nums :ns, absent :ss");
  CHECK(out["tags"]["SS"] == Json::array({"y"}));
  CHECK(out["nums"]["NS"] == Json::array({"1"}));
  CHECK_FALSE(updated("DELETE nums :ns", updated("DELETE nums :ns", {{"nums", {{"NS", {"2"}}}}}))
                  .contains("nums"));
}

TEST_CASE("update targets are listed in order", "[ddb][expr][update]") {
  Substitutions subs(nullptr, &k_update_values);
  const auto u = parse_update("REMOVE a SET b.c = :one ADD d :one", subs);
  REQUIRE(u.targets().size() == 3);
  CHECK(format_path(u.targets()[1]) == "[b, c]");
}

TEST_CASE("run-time type errors use DynamoDB's messages", "[ddb][expr][update]") {
  const std::string wrong = "An operand in the update expression has an incorrect data type";
  CHECK(apply_error("SET x = str + :one") == wrong);
  CHECK(apply_error("SET x = list_append(num, :l)") == wrong);
  CHECK(apply_error("ADD tags :ns") == wrong);
  CHECK(apply_error("ADD str :one") == wrong);
  CHECK(apply_error("DELETE num :ns") == wrong);
  CHECK(apply_error("SET x = nothing") ==
        "The provided expression refers to an attribute that does not exist in the item");
  const std::string bad_path =
      "The document path provided in the update expression is invalid for update";
  CHECK(apply_error("SET nothing.a = :one") == bad_path);
  CHECK(apply_error("SET mp[0] = :one") == bad_path);
  CHECK(apply_error("SET lst.a = :one") == bad_path);
  CHECK(apply_error("REMOVE nothing.a") == bad_path);
}

TEST_CASE("a failed update leaves the item unchanged", "[ddb][expr][update]") {
  Json item = k_update_item;
  Substitutions subs(nullptr, &k_update_values);
  const auto u = parse_update("SET num = :one, x = str + :one", subs);
  CHECK_THROWS_AS(u.apply(item), ce::AwsError);
  CHECK(item == k_update_item);
}

TEST_CASE("each clause appears at most once", "[ddb][expr][update]") {
  CHECK(update_parse_error("SET a = :one SET b = :one") ==
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
        "expression;");
  CHECK(update_parse_error("remove a add b :one REMOVE c") ==
        "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update "
        "expression;");
}

TEST_CASE("overlapping and conflicting paths are refused", "[ddb][expr][update]") {
  CHECK(update_parse_error("SET a = :one, a = :s") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a]");
  CHECK(update_parse_error("SET #c[3].#d = :one, #c[3] = :one") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]");
  CHECK(update_parse_error("REMOVE a.#c SET a[1] = :one") ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [a, c], path two: [a, [1]]");
}

TEST_CASE("update syntax errors", "[ddb][expr][update]") {
  CHECK(update_parse_error("ADD hits : incr") ==
        "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
  CHECK(update_parse_error("SET a") ==
        "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
  CHECK(update_parse_error("set a[1] = 1") ==
        "Invalid UpdateExpression: Syntax error; token: \"1\", near: \"= 1\"");
  CHECK(update_parse_error("set a = b + c + d") ==
        "Invalid UpdateExpression: Syntax error; token: \"+\", near: \"c + d\"");
  CHECK(update_parse_error("whatever") ==
        "Invalid UpdateExpression: Syntax error; token: \"whatever\", near: \"whatever\"");
  CHECK(update_parse_error("") == "Invalid UpdateExpression: The expression can not be empty;");
}

TEST_CASE("update operand types are checked when parsing", "[ddb][expr][update]") {
  CHECK(update_parse_error("ADD a :s") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "ADD, operand type: STRING");
  CHECK(update_parse_error("DELETE a :one") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "DELETE, operand type: NUMBER");
  CHECK(update_parse_error("SET a = list_append(:s, a)") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: list_append, operand type: S");
  CHECK(update_parse_error("SET a = a + :yes") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, operand type: BOOL");
  CHECK(update_parse_error("SET a = if_not_exists(:one, a)") ==
        "Invalid UpdateExpression: Operator or function requires a document path; operator or "
        "function: if_not_exists");
  CHECK(update_parse_error("SET a = if_not_exists(a)") ==
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
        "operator or function: if_not_exists, number of operands: 1");
  CHECK(update_parse_error("SET a = if_not_exist(a, :one)") ==
        "Invalid UpdateExpression: Invalid function name; function: if_not_exist");
  CHECK(update_parse_error("REMOVE Absolute") ==
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
        "Absolute");
}
