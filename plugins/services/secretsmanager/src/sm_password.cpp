// Random passwords (rules: sm_password.hpp).
#include "sm_password.hpp"

#include <vector>

#include "sm_bytes.hpp"
#include "sm_errors.hpp"

namespace sm {

namespace {

constexpr std::string_view k_upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view k_lower = "abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view k_digits = "0123456789";

std::string without(std::string_view chars, const std::string& excluded) {
  std::string out;
  for (const char c : chars)
    if (excluded.find(c) == std::string::npos) out += c;
  return out;
}

char pick(const std::string& from) {
  return from[random_below(static_cast<uint32_t>(from.size()))];
}

}  // namespace

std::string generate_password(const PasswordRules& rules) {
  std::vector<std::string> classes;  // the classes that must each appear (when required)
  if (!rules.exclude_uppercase) classes.push_back(without(k_upper, rules.exclude_characters));
  if (!rules.exclude_lowercase) classes.push_back(without(k_lower, rules.exclude_characters));
  if (!rules.exclude_numbers) classes.push_back(without(k_digits, rules.exclude_characters));
  if (!rules.exclude_punctuation)
    classes.push_back(without(k_punctuation, rules.exclude_characters));
  std::erase_if(classes, [](const std::string& c) { return c.empty(); });

  std::string alphabet;
  for (const auto& c : classes) alphabet += c;
  if (rules.include_space && rules.exclude_characters.find(' ') == std::string::npos)
    alphabet += ' ';
  if (alphabet.empty())
    throw err::invalid_parameter(
        "The password cannot be generated: every character type is excluded.");
  const auto length = static_cast<std::size_t>(rules.length);
  if (rules.require_each_included_type && length < classes.size())
    throw err::invalid_parameter("The password length " + std::to_string(length) +
                                 " is too short to contain one character of each of the " +
                                 std::to_string(classes.size()) + " included types.");

  std::string password;
  password.reserve(length);
  if (rules.require_each_included_type)
    for (const auto& c : classes) password += pick(c);
  while (password.size() < length) password += pick(alphabet);
  // Fisher-Yates, so the required characters are not always the first ones.
  for (std::size_t i = password.size(); i > 1; --i)
    std::swap(password[i - 1], password[random_below(static_cast<uint32_t>(i))]);
  return password;
}

}  // namespace sm
