// STS's client-visible errors as named factories (codes of the STS API reference).
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>
#include <string_view>

namespace sts {

/// The "1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint:
/// <constraint>" shape of every STS parameter check.
inline ce::AwsError constraint_error(std::string_view value, std::string_view member,
                                     std::string_view constraint) {
  return ce::AwsError::validation_error(
      "1 validation error detected: Value '" + std::string(value) + "' at '" + std::string(member) +
      "' failed to satisfy constraint: " + std::string(constraint));
}
inline ce::AwsError malformed_policy(std::string message) {
  return ce::AwsError::client(400, "MalformedPolicyDocument", std::move(message));
}
inline ce::AwsError packed_policy_too_large() {
  return ce::AwsError::client(400, "PackedPolicyTooLarge",
                              "Packed policy consumes more than 100% of the allowed size.");
}
inline ce::AwsError expired_token() {
  return ce::AwsError::client(403, "ExpiredToken",
                              "The security token included in the request is expired");
}
inline ce::AwsError invalid_authorization_message() {
  return ce::AwsError::client(400, "InvalidAuthorizationMessageException",
                              "The message is not a valid encoded authorization message.");
}
inline ce::AwsError not_authorized_to_assume(std::string_view caller, std::string_view role_arn) {
  return ce::AwsError::client(
      403, "AccessDenied",
      "User: " + std::string(caller) +
          " is not authorized to perform: sts:AssumeRole on resource: " + std::string(role_arn));
}

}  // namespace sts
