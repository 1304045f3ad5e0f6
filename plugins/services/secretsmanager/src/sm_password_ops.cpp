// GetRandomPassword.
#include "sm_input.hpp"
#include "sm_password.hpp"
#include "sm_service.hpp"

namespace sm {

namespace {

Json get_random_password(Call& call) {
  PasswordRules rules;
  rules.length = opt_int(call.input, "PasswordLength", 1, 4096).value_or(32);
  rules.exclude_characters = opt_string(call.input, "ExcludeCharacters", 0, 4096).value_or("");
  rules.exclude_numbers = opt_bool(call.input, "ExcludeNumbers").value_or(false);
  rules.exclude_punctuation = opt_bool(call.input, "ExcludePunctuation").value_or(false);
  rules.exclude_uppercase = opt_bool(call.input, "ExcludeUppercase").value_or(false);
  rules.exclude_lowercase = opt_bool(call.input, "ExcludeLowercase").value_or(false);
  rules.include_space = opt_bool(call.input, "IncludeSpace").value_or(false);
  rules.require_each_included_type = opt_bool(call.input, "RequireEachIncludedType").value_or(true);
  return {{"RandomPassword", generate_password(rules)}};
}

}  // namespace

void add_password_ops(OpRegistry& ops) {
  ops.add("GetRandomPassword", &get_random_password);
}

}  // namespace sm
