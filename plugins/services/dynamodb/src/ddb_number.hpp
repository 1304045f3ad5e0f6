// DynamoDB numbers: exact decimals of up to 38 significant digits, magnitude from 1E-130 up to
// (but not including) 1E+126, positive or negative or zero (DynamoDB developer guide, "Data
// types: Number"). Parsed from the wire's text once, kept canonical, compared and added exactly,
// and encoded so that byte order of the encoding is numeric order (sort keys in storage).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ddb {

class Number {
 public:
  /// Zero.
  Number() = default;

  /// Parses DynamoDB's number syntax: optional sign, digits with an optional '.', optional
  /// exponent ("e"/"E", optional sign, digits). Leading and trailing zeros do not count toward
  /// the 38 significant digits. Throws ce::AwsError ValidationException with DynamoDB's message:
  ///   malformed text          -> "The parameter cannot be converted to a numeric value: <text>"
  ///   more than 38 digits     -> "Attempting to store more than 38 significant digits in a Number"
  ///   magnitude >= 1E126      -> "Number overflow. Attempting to store a number with magnitude
  ///                              larger than supported range"
  ///   0 < magnitude < 1E-130  -> "Number underflow. Attempting to store a number with magnitude
  ///                              smaller than supported range"
  static Number parse(std::string_view text);

  /// The canonical text DynamoDB answers with: no exponent, no leading zeros, no trailing
  /// fractional zeros, no '+', "-" only when negative, "0" for every zero ("1.50" -> "1.5",
  /// "1E2" -> "100", "-0.0" -> "0", "0.001e3" -> "1").
  std::string to_string() const;

  /// Numeric comparison: <0, 0, >0.
  int compare(const Number& other) const;
  bool operator==(const Number& o) const { return compare(o) == 0; }
  bool operator<(const Number& o) const { return compare(o) < 0; }

  /// Exact sum and difference (UpdateExpression SET a = a + :v, ADD). A result outside the range
  /// or with more than 38 significant digits throws the same ValidationException parse() would.
  Number plus(const Number& other) const;
  Number minus(const Number& other) const;

  bool is_zero() const;
  bool is_negative() const;

  /// An order-preserving byte encoding: memcmp order of two encodings is the numbers' order, and
  /// equal numbers ("1", "1.0", "1E0") encode identically. Used in storage keys.
  std::string sort_key() const;

  /// The size DynamoDB counts for this number in an item: 1 byte per two significant digits,
  /// rounded up, plus 1 ("Item sizes and formats").
  std::size_t stored_size() const;

 private:
  /// Normalizes and range-checks value = 0.digits x 10^exponent (digits may carry zeros).
  static Number from_parts(bool negative, std::string digits, int64_t exponent);

  bool negative_ = false;
  std::string digits_;    // significant digits, no leading or trailing zeros; "" for zero
  int32_t exponent_ = 0;  // value = 0.digits_ x 10^exponent_
};

}  // namespace ddb
