// GetRandomPassword's generator. The character classes are AWS's: upper and lower case ASCII
// letters, digits, and the 32 punctuation characters !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ ; space only
// with IncludeSpace. Every character is drawn uniformly from OpenSSL's CSPRNG (RAND_bytes with
// rejection sampling). Pure, unit-tested in password_test.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace sm {

inline constexpr std::string_view k_punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

struct PasswordRules {
  int64_t length = 32;
  std::string exclude_characters;
  bool exclude_numbers = false;
  bool exclude_punctuation = false;
  bool exclude_uppercase = false;
  bool exclude_lowercase = false;
  bool include_space = false;
  bool require_each_included_type = true;
};

/// A password following `rules`: with require_each_included_type, at least one character of each
/// class that is included and not emptied by exclude_characters (space is never required).
/// InvalidParameterException when no character is left, or the length cannot hold one of each
/// required class.
std::string generate_password(const PasswordRules& rules);

}  // namespace sm
