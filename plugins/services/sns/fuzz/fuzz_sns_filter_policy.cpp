// libFuzzer target for SNS filter policies. Input: one byte choosing the scope (even: message
// attributes, odd: message body), the policy text up to the first '\n', then a JSON document used
// as the message. Parsing may throw ce::AwsError (a refused policy); anything else is a bug, as is
// a crash or a hang while matching.
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <string_view>

#include "sns_filter_policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto scope =
      (data[0] & 1) != 0 ? sns::FilterScope::message_body : sns::FilterScope::message_attributes;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t newline = rest.find('\n');
  const std::string_view policy_text = rest.substr(0, newline);
  const std::string_view message_text =
      newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  try {
    const auto policy = sns::FilterPolicy::parse(policy_text, scope);
    auto message = nlohmann::json::parse(message_text, nullptr, false);
    if (message.is_discarded()) message = nlohmann::json::object();
    (void)policy.matches(message);
  } catch (const ce::AwsError&) {
    // A refused policy: the expected outcome for most inputs.
  }
  return 0;
}
