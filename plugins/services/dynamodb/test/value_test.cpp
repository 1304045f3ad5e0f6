// AttributeValue equality and ordering as DynamoDB's =, <, BETWEEN see them.
#include <catch2/catch.hpp>

#include "ddb_value.hpp"

using ddb::compare_values;
using ddb::values_equal;
using Json = nlohmann::json;

TEST_CASE("value_type names the AttributeValue's type", "[ddb][value]") {
  CHECK(ddb::value_type(Json{{"S", "x"}}) == "S");
  CHECK(ddb::value_type(Json{{"NULL", true}}) == "NULL");
  CHECK(ddb::value_type(Json{{"M", Json::object()}}) == "M");
  CHECK(ddb::value_type(Json::object()).empty());
  CHECK(ddb::value_type(Json{{"X", 1}}).empty());
}

TEST_CASE("numbers are equal by value, not by text", "[ddb][value]") {
  CHECK(values_equal({{"N", "1"}}, {{"N", "1.0"}}));
  CHECK(values_equal({{"N", "100"}}, {{"N", "1E2"}}));
  CHECK_FALSE(values_equal({{"N", "1"}}, {{"N", "2"}}));
  CHECK_FALSE(values_equal({{"N", "1"}}, {{"S", "1"}}));
}

TEST_CASE("binaries are equal by decoded bytes", "[ddb][value]") {
  CHECK(values_equal({{"B", "YQ=="}}, {{"B", "YQ"}}));
  CHECK_FALSE(values_equal({{"B", "YQ=="}}, {{"B", "Yg=="}}));
}

TEST_CASE("sets are equal regardless of order", "[ddb][value]") {
  CHECK(values_equal({{"SS", {"a", "b"}}}, {{"SS", {"b", "a"}}}));
  CHECK_FALSE(values_equal({{"SS", {"a", "b"}}}, {{"SS", {"a", "b", "c"}}}));
  CHECK(values_equal({{"NS", {"1", "2.0"}}}, {{"NS", {"2", "1"}}}));
  CHECK(values_equal({{"BS", {"YQ==", "Yg=="}}}, {{"BS", {"Yg", "YQ"}}}));
  CHECK_FALSE(values_equal({{"SS", {"1"}}}, {{"NS", {"1"}}}));
}

TEST_CASE("lists and maps are equal element by element", "[ddb][value]") {
  const Json l1 = {{"L", {{{"N", "1"}}, {{"S", "x"}}}}};
  const Json l2 = {{"L", {{{"N", "1.0"}}, {{"S", "x"}}}}};
  const Json l3 = {{"L", {{{"S", "x"}}, {{"N", "1"}}}}};
  CHECK(values_equal(l1, l2));
  CHECK_FALSE(values_equal(l1, l3));
  const Json m1 = {{"M", {{"a", {{"N", "1"}}}, {"b", {{"BOOL", true}}}}}};
  const Json m2 = {{"M", {{"b", {{"BOOL", true}}}, {"a", {{"N", "1.00"}}}}}};
  const Json m3 = {{"M", {{"a", {{"N", "1"}}}}}};
  CHECK(values_equal(m1, m2));
  CHECK_FALSE(values_equal(m1, m3));
  CHECK(values_equal({{"NULL", true}}, {{"NULL", true}}));
  CHECK_FALSE(values_equal({{"BOOL", true}}, {{"BOOL", false}}));
}

TEST_CASE("ordering compares strings by UTF-8 bytes", "[ddb][value]") {
  CHECK(compare_values({{"S", "a"}}, {{"S", "b"}}) == -1);
  CHECK(compare_values({{"S", "b"}}, {{"S", "a"}}) == 1);
  CHECK(compare_values({{"S", "Z"}}, {{"S", "a"}}) == -1);
  // U+00E9 (0xC3 0xA9) sorts after every ASCII character.
  CHECK(compare_values({{"S", "\xC3\xA9"}}, {{"S", "z"}}) == 1);
  CHECK(compare_values({{"S", "ab"}}, {{"S", "ab"}}) == 0);
}

TEST_CASE("ordering compares numbers numerically and binaries bytewise", "[ddb][value]") {
  CHECK(compare_values({{"N", "9"}}, {{"N", "10"}}) == -1);
  CHECK(compare_values({{"N", "-1"}}, {{"N", "-1.0"}}) == 0);
  // "/w==" is 0xFF, "fw==" is 0x7F: unsigned byte order.
  CHECK(compare_values({{"B", "/w=="}}, {{"B", "fw=="}}) == 1);
}

TEST_CASE("ordering is undefined across types and for non-scalars", "[ddb][value]") {
  CHECK_FALSE(compare_values({{"N", "1"}}, {{"S", "1"}}).has_value());
  CHECK_FALSE(compare_values({{"BOOL", true}}, {{"BOOL", false}}).has_value());
  CHECK_FALSE(compare_values({{"SS", {"a"}}}, {{"SS", {"a"}}}).has_value());
  CHECK_FALSE(compare_values({{"NULL", true}}, {{"NULL", true}}).has_value());
}
