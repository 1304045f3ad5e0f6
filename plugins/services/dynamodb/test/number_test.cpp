// ddb::Number: DynamoDB's exact decimals (parsing, canonical text, arithmetic, sort keys).
#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <string>

#include "ddb_number.hpp"

using ddb::Number;

namespace {
std::string canon(const char* text) {
  return Number::parse(text).to_string();
}

std::string number_error(const char* text) {
  try {
    Number::parse(text);
  } catch (const ce::AwsError& e) {
    REQUIRE(e.code == "ValidationException");
    return e.message;
  }
  return "<no error>";
}

std::string sum(const char* a, const char* b) {
  return Number::parse(a).plus(Number::parse(b)).to_string();
}
std::string difference(const char* a, const char* b) {
  return Number::parse(a).minus(Number::parse(b)).to_string();
}
}  // namespace

TEST_CASE("Number text is canonical", "[ddb][number]") {
  CHECK(canon("1.50") == "1.5");
  CHECK(canon("1E2") == "100");
  CHECK(canon("-0.0") == "0");
  CHECK(canon("0.001e3") == "1");
  CHECK(canon("+7") == "7");
  CHECK(canon("007.2500") == "7.25");
  CHECK(canon(".5") == "0.5");
  CHECK(canon("5.") == "5");
  CHECK(canon("-12.345e-5") == "-0.00012345");
  CHECK(canon("1e-130") == "0." + std::string(129, '0') + "1");
  CHECK(canon("9.9e125") == "99" + std::string(124, '0'));
}

TEST_CASE("Number rejects malformed text with DynamoDB's message", "[ddb][number]") {
  CHECK(number_error("abc") == "The parameter cannot be converted to a numeric value: abc");
  CHECK(number_error("") == "The parameter cannot be converted to a numeric value: ");
  CHECK(number_error("1e") == "The parameter cannot be converted to a numeric value: 1e");
  CHECK(number_error("1.2.3") == "The parameter cannot be converted to a numeric value: 1.2.3");
  CHECK(number_error(" 1") == "The parameter cannot be converted to a numeric value:  1");
  CHECK(number_error("-") == "The parameter cannot be converted to a numeric value: -");
  CHECK(number_error("1e+") == "The parameter cannot be converted to a numeric value: 1e+");
  CHECK(number_error("0x10") == "The parameter cannot be converted to a numeric value: 0x10");
}

TEST_CASE("Number allows 38 significant digits, not 39", "[ddb][number]") {
  CHECK(canon("12345678901234567890123456789012345678") ==
        "12345678901234567890123456789012345678");
  CHECK(canon("1234567890123456789012345678901234567800000") ==
        "1234567890123456789012345678901234567800000");
  CHECK(number_error("123456789012345678901234567890123456789") ==
        "Attempting to store more than 38 significant digits in a Number");
  CHECK(number_error("-1.23456789012345678901234567890123456789") ==
        "Attempting to store more than 38 significant digits in a Number");
}

TEST_CASE("Number range is 1E-130 to below 1E126", "[ddb][number]") {
  const std::string overflow =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  const std::string underflow =
      "Number underflow. Attempting to store a number with magnitude smaller than supported range";
  CHECK(number_error("1e126") == overflow);
  CHECK(number_error("-1e126") == overflow);
  CHECK(number_error("1e999999999999999999") == overflow);
  CHECK(number_error("1e-131") == underflow);
  CHECK(number_error("-1e-131") == underflow);
  CHECK(canon("0e999999999999") == "0");
  CHECK_NOTHROW(Number::parse("9.9999999999999999999999999999999999999e125"));
}

TEST_CASE("Number compares numerically", "[ddb][number]") {
  CHECK(Number::parse("1") == Number::parse("1.0"));
  CHECK(Number::parse("1") == Number::parse("1E0"));
  CHECK(Number::parse("-0") == Number::parse("0"));
  CHECK(Number::parse("2") < Number::parse("10"));
  CHECK(Number::parse("-10") < Number::parse("-2"));
  CHECK(Number::parse("-1") < Number::parse("0"));
  CHECK(Number::parse("0.12") < Number::parse("0.123"));
  CHECK(Number::parse("-0.123") < Number::parse("-0.12"));
  CHECK(Number::parse("1e-130").compare(Number::parse("0")) > 0);
}

TEST_CASE("Number adds and subtracts exactly", "[ddb][number]") {
  CHECK(sum("0.1", "0.2") == "0.3");
  CHECK(sum("5", "5") == "10");
  CHECK(sum("-5", "3") == "-2");
  CHECK(sum("5", "-5") == "0");
  CHECK(sum("99999999999999999999999999999999999999", "-1") ==
        "99999999999999999999999999999999999998");
  CHECK(difference("10", "1") == "9");
  CHECK(difference("1", "10") == "-9");
  CHECK(difference("-1.5", "-1.5") == "0");
  CHECK(sum("1e20", "1e-5") == "100000000000000000000.00001");
}

TEST_CASE("Number arithmetic keeps DynamoDB's limits", "[ddb][number]") {
  auto message = [](auto&& fn) -> std::string {
    try {
      fn();
    } catch (const ce::AwsError& e) {
      return e.message;
    }
    return "<no error>";
  };
  CHECK(message([] { sum("99999999999999999999999999999999999999", "1"); }) == "<no error>");
  CHECK(message([] { sum("1e125", "1"); }) ==
        "Attempting to store more than 38 significant digits in a Number");
  CHECK(message([] { sum("9e125", "9e125"); }) ==
        "Number overflow. Attempting to store a number with magnitude larger than supported "
        "range");
}

TEST_CASE("Number sort keys order like the numbers", "[ddb][number]") {
  const char* ordered[] = {"-1e125", "-100",    "-10", "-2",     "-1.5",   "-1.25", "-1",
                           "-0.5",   "-1e-130", "0",   "1e-130", "0.5",    "1",     "1.25",
                           "1.5",    "2",       "10",  "100",    "9.9e125"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
    INFO(ordered[i] << " < " << ordered[i + 1]);
    CHECK(Number::parse(ordered[i]).sort_key() < Number::parse(ordered[i + 1]).sort_key());
  }
  CHECK(Number::parse("1").sort_key() == Number::parse("1.00E0").sort_key());
  CHECK(Number::parse("-0").sort_key() == Number::parse("0").sort_key());
}

TEST_CASE("Number stored size counts two digits per byte plus one", "[ddb][number]") {
  CHECK(Number::parse("0").stored_size() == 1);
  CHECK(Number::parse("1").stored_size() == 2);
  CHECK(Number::parse("12").stored_size() == 2);
  CHECK(Number::parse("123").stored_size() == 3);
  CHECK(Number::parse("1000000").stored_size() == 2);
  CHECK(Number::parse("-1.25").stored_size() == 3);
}
