// IAM's client-visible errors as named factories, with the statuses and texts IAM gives.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>
#include <string_view>

namespace iam {

inline ce::AwsError no_such_entity(std::string message) {
  return ce::AwsError::not_found("NoSuchEntity", std::move(message));
}
/// "The role with name X cannot be found." (noun: user, role, group, ...).
inline ce::AwsError entity_not_found(std::string_view noun, std::string_view name) {
  return no_such_entity("The " + std::string(noun) + " with name " + std::string(name) +
                        " cannot be found.");
}
inline ce::AwsError entity_already_exists(std::string message) {
  return ce::AwsError::conflict("EntityAlreadyExists", std::move(message));
}
inline ce::AwsError delete_conflict(std::string message) {
  return ce::AwsError::conflict("DeleteConflict", std::move(message));
}
inline ce::AwsError limit_exceeded(std::string message) {
  return ce::AwsError::conflict("LimitExceeded", std::move(message));
}
inline ce::AwsError malformed_policy(std::string message) {
  return ce::AwsError::client(400, "MalformedPolicyDocument", std::move(message));
}
inline ce::AwsError invalid_input(std::string message) {
  return ce::AwsError::client(400, "InvalidInput", std::move(message));
}
/// The "1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint:
/// <constraint>" shape of parameter checks.
inline ce::AwsError constraint_error(std::string_view value, std::string_view member,
                                     std::string_view constraint) {
  return ce::AwsError::validation_error(
      "1 validation error detected: Value '" + std::string(value) + "' at '" + std::string(member) +
      "' failed to satisfy constraint: " + std::string(constraint));
}

}  // namespace iam
