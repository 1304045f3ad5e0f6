// Expected, QueryFilter / ScanFilter and AttributeUpdates converted to expression forms.
#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr.hpp"

using namespace ddb::expr;

namespace {

const Json k_legacy_item = {{"a", {{"S", "x"}}}, {"n", {{"N", "5"}}}, {"s", {{"SS", {"p", "q"}}}}};

template <typename Fn>
std::string legacy_error(Fn fn) {
  try {
    fn();
  } catch (const ce::AwsError& e) {
    return e.message;
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("Expected with Value and Exists", "[ddb][expr][legacy]") {
  CHECK(
      condition_from_expected({{"a", {{"Value", {{"S", "x"}}}}}}, nullptr).evaluate(k_legacy_item));
  CHECK_FALSE(
      condition_from_expected({{"a", {{"Exists", false}}}}, nullptr).evaluate(k_legacy_item));
  CHECK(condition_from_expected({{"zz", {{"Exists", false}}}}, nullptr).evaluate(k_legacy_item));
  CHECK(condition_from_expected({{"a", {{"Exists", true}, {"Value", {{"S", "x"}}}}}}, nullptr)
            .evaluate(k_legacy_item));
}

TEST_CASE("Expected with ComparisonOperator and ConditionalOperator", "[ddb][expr][legacy]") {
  const Json expected = {
      {"n", {{"ComparisonOperator", "GT"}, {"AttributeValueList", {{{"N", "9"}}}}}},
      {"s", {{"ComparisonOperator", "CONTAINS"}, {"AttributeValueList", {{{"S", "p"}}}}}}};
  CHECK_FALSE(condition_from_expected(expected, nullptr).evaluate(k_legacy_item));
  const Json op_or = "OR";
  CHECK(condition_from_expected(expected, &op_or).evaluate(k_legacy_item));
}

TEST_CASE("Expected validation messages", "[ddb][expr][legacy]") {
  const std::string p = "One or more parameter values were invalid: ";
  CHECK(legacy_error([] {
          condition_from_expected({{"a", Json::object()}}, nullptr);
        }) == p + "Value must be provided when Exists is null for Attribute: a");
  CHECK(legacy_error([] {
          condition_from_expected({{"a", {{"Exists", true}}}}, nullptr);
        }) == p + "Value must be provided when Exists is true for Attribute: a");
  CHECK(legacy_error([] {
          condition_from_expected({{"a", {{"Exists", false}, {"Value", {{"S", "a"}}}}}}, nullptr);
        }) == p + "Value cannot be used when Exists is false for Attribute: a");
  CHECK(
      legacy_error([] {
        condition_from_expected({{"a", {{"Exists", true}, {"ComparisonOperator", "LT"}}}}, nullptr);
      }) == p + "Exists and ComparisonOperator cannot be used together for Attribute: a");
  const Json op_and = "AND";
  CHECK(legacy_error([&] {
          condition_from_expected({{"a", {{"Exists", false}}}}, &op_and);
        }) ==
        "ConditionalOperator can only be used when Filter or Expected has two or more elements");
}

TEST_CASE("filters validate operators against value types", "[ddb][expr][legacy]") {
  const std::string p = "One or more parameter values were invalid: ";
  CHECK(legacy_error([] {
          condition_from_filter(
              {{"a",
                {{"ComparisonOperator", "BEGINS_WITH"}, {"AttributeValueList", {{{"N", "1"}}}}}}},
              nullptr);
        }) == p + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  CHECK(legacy_error([] {
          condition_from_filter({{"a",
                                  {{"ComparisonOperator", "IN"},
                                   {"AttributeValueList", {{{"S", "b"}}, {{"N", "1"}}}}}}},
                                nullptr);
        }) == p + "AttributeValues inside AttributeValueList must be of same type");
  CHECK(legacy_error([] {
          condition_from_filter({{"a",
                                  {{"ComparisonOperator", "BETWEEN"},
                                   {"AttributeValueList", {{{"S", "b"}}, {{"S", "a"}}}}}}},
                                nullptr);
        }) ==
        "The BETWEEN condition was provided a range where the lower bound is greater than "
        "the upper bound");
}

TEST_CASE("filter NOT_CONTAINS and NULL semantics", "[ddb][expr][legacy]") {
  const Json f = {
      {"s", {{"ComparisonOperator", "NOT_CONTAINS"}, {"AttributeValueList", {{{"S", "z"}}}}}},
      {"zz", {{"ComparisonOperator", "NULL"}}}};
  CHECK(condition_from_filter(f, nullptr).evaluate(k_legacy_item));
  const Json missing = {
      {"zz", {{"ComparisonOperator", "NOT_CONTAINS"}, {"AttributeValueList", {{{"S", "z"}}}}}}};
  CHECK_FALSE(condition_from_filter(missing, nullptr).evaluate(k_legacy_item));
}

TEST_CASE("AttributeUpdates PUT, ADD and DELETE", "[ddb][expr][legacy]") {
  Json item = k_legacy_item;
  update_from_attribute_updates({{"a", {{"Value", {{"S", "y"}}}}},
                                 {"n", {{"Action", "ADD"}, {"Value", {{"N", "-5"}}}}},
                                 {"s", {{"Action", "DELETE"}, {"Value", {{"SS", {"p"}}}}}}})
      .apply(item);
  CHECK(item["a"] == Json{{"S", "y"}});
  CHECK(item["n"] == Json{{"N", "0"}});
  CHECK(item["s"]["SS"] == Json::array({"q"}));
  update_from_attribute_updates({{"a", {{"Action", "DELETE"}}}}).apply(item);
  CHECK_FALSE(item.contains("a"));
}

TEST_CASE("AttributeUpdates validation messages", "[ddb][expr][legacy]") {
  const std::string p = "One or more parameter values were invalid: ";
  CHECK(legacy_error([] {
          update_from_attribute_updates({{"a", {{"Action", "PUT"}}}});
        }) == p + "Only DELETE action is allowed when no attribute value is specified");
  CHECK(legacy_error([] {
          update_from_attribute_updates({{"a", {{"Action", "ADD"}, {"Value", {{"S", "1"}}}}}});
        }) == p + "ADD action is not supported for the type S");
  CHECK(legacy_error([] {
          update_from_attribute_updates({{"a", {{"Action", "DELETE"}, {"Value", {{"N", "1"}}}}}});
        }) == p + "DELETE action with value is not supported for the type N");
  Json item = k_legacy_item;
  CHECK(legacy_error([&] {
          update_from_attribute_updates({{"a", {{"Action", "ADD"}, {"Value", {{"N", "1"}}}}}})
              .apply(item);
        }) == "Type mismatch for attribute to update");
}
