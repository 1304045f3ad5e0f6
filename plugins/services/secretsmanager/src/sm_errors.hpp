// Secrets Manager's client-visible errors as named factories (ce::AwsError values rendered once as
// JSON 1.1). Every client fault is an HTTP 400; the messages are AWS's where they are known
// ("Secrets Manager can't find the specified secret.").
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>

namespace sm::err {

inline ce::AwsError make(const std::string& code, std::string message) {
  return ce::AwsError::client(400, code, std::move(message));
}
inline ce::AwsError secret_not_found() {
  return make("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
}
inline ce::AwsError value_not_found_for_stage(const std::string& stage) {
  return make("ResourceNotFoundException",
              "Secrets Manager can't find the specified secret value for staging label: " + stage);
}
inline ce::AwsError value_not_found_for_version(const std::string& version_id) {
  return make("ResourceNotFoundException",
              "Secrets Manager can't find the specified secret value for VersionId: " + version_id);
}
inline ce::AwsError invalid_parameter(std::string message) {
  return make("InvalidParameterException", std::move(message));
}
inline ce::AwsError invalid_request(std::string message) {
  return make("InvalidRequestException", std::move(message));
}
/// What AWS answers for nearly every operation on a secret scheduled for deletion.
inline ce::AwsError marked_for_deletion() {
  return invalid_request(
      "You can't perform this operation on the secret because it was marked for deletion.");
}
inline ce::AwsError resource_exists(std::string message) {
  return make("ResourceExistsException", std::move(message));
}
inline ce::AwsError limit_exceeded(std::string message) {
  return make("LimitExceededException", std::move(message));
}
inline ce::AwsError encryption_failure(std::string message) {
  return make("EncryptionFailure", std::move(message));
}
inline ce::AwsError decryption_failure(std::string message) {
  return make("DecryptionFailure", std::move(message));
}
inline ce::AwsError malformed_policy(std::string message) {
  return make("MalformedPolicyDocumentException", std::move(message));
}
inline ce::AwsError public_policy() {
  return make("PublicPolicyException",
              "The BlockPublicPolicy parameter is set to true, and the resource policy did not "
              "prevent broad access to the secret.");
}
inline ce::AwsError invalid_next_token() {
  return make("InvalidNextTokenException", "The NextToken value is invalid.");
}
inline ce::AwsError missing_token() {
  return invalid_request(
      "You must provide a ClientRequestToken value. We recommend a UUID-type "
      "value.");
}
/// Secrets Manager's own 500 (its model names it InternalServiceError, not InternalFailure).
inline ce::AwsError internal() {
  return ce::AwsError::server(500, "InternalServiceError", "An error occurred on the server side.");
}

}  // namespace sm::err
