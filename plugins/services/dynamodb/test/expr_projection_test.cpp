// ProjectionExpression and AttributesToGet: nested results and DynamoDB's messages.
#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr.hpp"

using namespace ddb::expr;

namespace {

const Json k_proj_item = {
    {"a", {{"S", "x"}}},
    {"b", {{"M", {{"c", {{"N", "1"}}}, {"d", {{"N", "2"}}}}}}},
    {"l",
     {{"L",
       {{{"S", "l0"}}, {{"M", {{"e", {{"S", "l1e"}}}, {"f", {{"S", "l1f"}}}}}}, {{"S", "l2"}}}}}},
};

Json projected(const std::string& text) {
  const Json names = {{"#b", "b"}};
  Substitutions subs(&names, nullptr);
  return parse_projection(text, subs).apply(k_proj_item);
}

std::string projection_error(const std::string& text) {
  try {
    const Json names = {{"#b", "b"}};
    Substitutions subs(&names, nullptr);
    parse_projection(text, subs);
  } catch (const ce::AwsError& e) {
    return e.message;
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("projection keeps the top-level attributes named", "[ddb][expr][projection]") {
  CHECK(projected("a, zz") == Json{{"a", {{"S", "x"}}}});
}

TEST_CASE("projection of map members rebuilds the map", "[ddb][expr][projection]") {
  CHECK(projected("#b.c") == Json{{"b", {{"M", {{"c", {{"N", "1"}}}}}}}});
  CHECK(projected("b.zz") == Json::object());
}

TEST_CASE("projection of list elements compacts them in list order", "[ddb][expr][projection]") {
  CHECK(projected("l[2], l[0]") == Json{{"l", {{"L", {{{"S", "l0"}}, {{"S", "l2"}}}}}}});
  CHECK(projected("l[1].f") == Json{{"l", {{"L", {{{"M", {{"f", {{"S", "l1f"}}}}}}}}}}});
  CHECK(projected("l[7]") == Json::object());
}

TEST_CASE("projection refuses overlapping and conflicting paths", "[ddb][expr][projection]") {
  CHECK(projection_error("b, b.c") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [b], path two: [b, c]");
  CHECK(projection_error("l.b, l[1]") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove "
        "or rewrite one of these paths; path one: [l, b], path two: [l, [1]]");
}

TEST_CASE("projection errors", "[ddb][expr][projection]") {
  CHECK(projection_error("a, :v") ==
        "Invalid ProjectionExpression: Syntax error; token: \":v\", near: \", :v\"");
  CHECK(projection_error("user-id") ==
        "Invalid ProjectionExpression: Syntax error; token: \"-\", near: \"user-id\"");
  CHECK(projection_error("name") ==
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "name");
  CHECK(projection_error("#x") ==
        "Invalid ProjectionExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #x");
  CHECK(projection_error("") == "Invalid ProjectionExpression: The expression can not be empty;");
}

TEST_CASE("AttributesToGet projects top-level names and refuses duplicates",
          "[ddb][expr][projection]") {
  CHECK(projection_from_attributes_to_get(Json::array({"a", "name"})).apply(k_proj_item) ==
        Json{{"a", {{"S", "x"}}}});
  try {
    projection_from_attributes_to_get(Json::array({"a", "a"}));
    FAIL("expected an error");
  } catch (const ce::AwsError& e) {
    CHECK(e.message ==
          "One or more parameter values were invalid: Duplicate value in attribute name: a");
  }
}
