// KMS's client-visible errors as named factories (ce::AwsError values rendered once as JSON 1.1).
// KMS answers every client fault with HTTP 400; the messages follow AWS's wording where it is
// known ("<key arn> is disabled.", "Key '<arn>' does not exist").
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>

namespace kms::err {

inline ce::AwsError make(const std::string& code, std::string message) {
  return ce::AwsError::client(400, code, std::move(message));
}
inline ce::AwsError not_found(std::string message) {
  return make("NotFoundException", std::move(message));
}
inline ce::AwsError key_not_found(const std::string& key_arn) {
  return not_found("Key '" + key_arn + "' does not exist");
}
inline ce::AwsError alias_not_found(const std::string& alias_arn) {
  return not_found("Alias '" + alias_arn + "' is not found.");
}
inline ce::AwsError disabled(const std::string& key_arn) {
  return make("DisabledException", key_arn + " is disabled.");
}
inline ce::AwsError invalid_state(std::string message) {
  return make("KMSInvalidStateException", std::move(message));
}
inline ce::AwsError pending_deletion(const std::string& key_arn) {
  return invalid_state(key_arn + " is pending deletion.");
}
inline ce::AwsError invalid_key_usage(std::string message) {
  return make("InvalidKeyUsageException", std::move(message));
}
inline ce::AwsError unsupported(std::string message) {
  return make("UnsupportedOperationException", std::move(message));
}
inline ce::AwsError already_exists(std::string message) {
  return make("AlreadyExistsException", std::move(message));
}
inline ce::AwsError validation(std::string message) {
  return ce::AwsError::validation(std::move(message));
}
/// AWS sends these three without a message: nothing about why a check failed leaks.
inline ce::AwsError invalid_ciphertext() {
  return make("InvalidCiphertextException", "");
}
inline ce::AwsError invalid_signature() {
  return make("KMSInvalidSignatureException", "");
}
inline ce::AwsError invalid_mac() {
  return make("KMSInvalidMacException", "");
}
inline ce::AwsError invalid_marker() {
  return make("InvalidMarkerException", "Could not parse the marker");
}
inline ce::AwsError invalid_arn(std::string message) {
  return make("InvalidArnException", std::move(message));
}
inline ce::AwsError invalid_grant_token() {
  return make("InvalidGrantTokenException", "Invalid grant token");
}
inline ce::AwsError invalid_grant_id(std::string message) {
  return make("InvalidGrantIdException", std::move(message));
}
inline ce::AwsError malformed_policy(std::string message) {
  return make("MalformedPolicyDocumentException", std::move(message));
}
inline ce::AwsError tag_error(std::string message) {
  return make("TagException", std::move(message));
}

}  // namespace kms::err
