// DynamoDB numbers as sign, significant digits and a decimal exponent; see ddb_number.hpp.
#include "ddb_number.hpp"

#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>

namespace ddb {
namespace {

constexpr std::size_t k_max_digits = 38;
// value = 0.d1d2... x 10^exponent: 1E126 is 0.1E127 (too large), 1E-130 is 0.1E-129 (smallest).
constexpr int32_t k_max_exponent = 126;
constexpr int32_t k_min_exponent = -129;
// Exponents in the text saturate here: far outside the range, and far from int32 overflow.
constexpr int64_t k_exponent_clamp = 1'000'000'000;

[[noreturn]] void throw_malformed(std::string_view text) {
  throw ce::AwsError::validation("The parameter cannot be converted to a numeric value: " +
                                 std::string(text));
}

/// Magnitude of a decimal digit string ("" is zero) compared as unsigned integers of equal length.
int compare_magnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

/// a + b for equal-length unsigned digit strings; the result may be one digit longer.
std::string add_digits(const std::string& a, const std::string& b) {
  std::string out(a.size() + 1, '0');
  int carry = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    const int s = (a[i] - '0') + (b[i] - '0') + carry;
    out[i + 1] = static_cast<char>('0' + s % 10);
    carry = s / 10;
  }
  out[0] = static_cast<char>('0' + carry);
  return out;
}

/// a - b for equal-length unsigned digit strings with a >= b.
std::string sub_digits(const std::string& a, const std::string& b) {
  std::string out(a.size(), '0');
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int d = (a[i] - '0') - (b[i] - '0') - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    out[i] = static_cast<char>('0' + d);
  }
  return out;
}

}  // namespace

Number Number::from_parts(bool negative, std::string digits, int64_t exponent) {
  // Strip leading zeros (each moves the decimal point) and trailing zeros (no change in value).
  std::size_t lead = 0;
  while (lead < digits.size() && digits[lead] == '0') ++lead;
  digits.erase(0, lead);
  exponent -= static_cast<int64_t>(lead);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  Number n;
  if (digits.empty()) return n;
  if (digits.size() > k_max_digits) {
    throw ce::AwsError::validation(
        "Attempting to store more than 38 significant digits in a Number");
  }
  if (exponent > k_max_exponent) {
    throw ce::AwsError::validation(
        "Number overflow. Attempting to store a number with magnitude larger than supported "
        "range");
  }
  if (exponent < k_min_exponent) {
    throw ce::AwsError::validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported "
        "range");
  }
  n.negative_ = negative;
  n.digits_ = std::move(digits);
  n.exponent_ = static_cast<int32_t>(exponent);
  return n;
}

Number Number::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  int64_t point_shift = 0;  // digits before the '.'
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      // Leading zeros carry no information; dropping them early bounds the work on long input.
      if (digits.empty() && c == '0') {
        if (seen_point) --point_shift;
        continue;
      }
      digits.push_back(c);
      if (!seen_point) ++point_shift;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) throw_malformed(text);
  int64_t exponent = 0;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') throw_malformed(text);
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= text.size()) throw_malformed(text);
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') throw_malformed(text);
      exponent = std::min<int64_t>(exponent * 10 + (c - '0'), k_exponent_clamp);
    }
    if (exp_negative) exponent = -exponent;
  }
  return from_parts(negative, std::move(digits), exponent + point_shift);
}

std::string Number::to_string() const {
  if (digits_.empty()) return "0";
  std::string out = negative_ ? "-" : "";
  const auto size = static_cast<int32_t>(digits_.size());
  if (exponent_ <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent_), '0');
    out += digits_;
  } else if (exponent_ >= size) {
    out += digits_;
    out.append(static_cast<std::size_t>(exponent_ - size), '0');
  } else {
    out.append(digits_, 0, static_cast<std::size_t>(exponent_));
    out += '.';
    out.append(digits_, static_cast<std::size_t>(exponent_));
  }
  return out;
}

bool Number::is_zero() const {
  return digits_.empty();
}
bool Number::is_negative() const {
  return negative_ && !digits_.empty();
}

int Number::compare(const Number& other) const {
  const int sa = is_zero() ? 0 : (negative_ ? -1 : 1);
  const int sb = other.is_zero() ? 0 : (other.negative_ ? -1 : 1);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int mag = 0;
  if (exponent_ != other.exponent_) {
    mag = exponent_ < other.exponent_ ? -1 : 1;
  } else {
    // Same exponent: digit strings compare lexicographically (a prefix is the smaller).
    const int c = digits_.compare(other.digits_);
    mag = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sa < 0 ? -mag : mag;
}

Number Number::plus(const Number& other) const {
  if (other.is_zero()) return *this;
  if (is_zero()) return other;
  // Align both as integers scaled by 10^low, where low is the smaller last-digit position.
  const int64_t last_a = int64_t{exponent_} - static_cast<int64_t>(digits_.size());
  const int64_t last_b = int64_t{other.exponent_} - static_cast<int64_t>(other.digits_.size());
  const int64_t low = std::min(last_a, last_b);
  std::string a = digits_ + std::string(static_cast<std::size_t>(last_a - low), '0');
  std::string b = other.digits_ + std::string(static_cast<std::size_t>(last_b - low), '0');
  const std::size_t width = std::max(a.size(), b.size());
  a.insert(0, width - a.size(), '0');
  b.insert(0, width - b.size(), '0');
  const int64_t top = low + static_cast<int64_t>(width);  // exponent of the aligned strings
  if (negative_ == other.negative_) {
    return from_parts(negative_, add_digits(a, b), top + 1);
  }
  const int c = compare_magnitude(a, b);
  if (c == 0) return Number();
  if (c > 0) return from_parts(negative_, sub_digits(a, b), top);
  return from_parts(other.negative_, sub_digits(b, a), top);
}

Number Number::minus(const Number& other) const {
  Number negated = other;
  negated.negative_ = !other.negative_;
  return plus(negated);
}

std::string Number::sort_key() const {
  // Tag, then exponent, then digits; negatives invert exponent and digits and end with 0xFF so
  // that a longer magnitude (a more negative number) sorts first. Positives end with 0x00.
  std::string key;
  if (is_zero()) {
    key.push_back('\x02');
    return key;
  }
  const auto biased = static_cast<unsigned char>(exponent_ - k_min_exponent);  // 0..255
  if (negative_) {
    key.push_back('\x01');
    key.push_back(static_cast<char>(255 - biased));
    for (const char d : digits_) key.push_back(static_cast<char>('9' - d + '0'));
    key.push_back('\xFF');
  } else {
    key.push_back('\x03');
    key.push_back(static_cast<char>(biased));
    key += digits_;
    key.push_back('\x00');
  }
  return key;
}

std::size_t Number::stored_size() const {
  return (digits_.size() + 1) / 2 + 1;
}

}  // namespace ddb
