// S3's client-visible errors as named factories: code, HTTP status, message and the extra
// elements S3 puts in its <Error> document (BucketName, Key, ...), all from the S3 API reference
// ("Error responses", and each operation's page).
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>
#include <string_view>

namespace s3::err {

using ce::AwsError;

inline AwsError no_such_bucket(std::string_view bucket) {
  return AwsError::not_found("NoSuchBucket", "The specified bucket does not exist")
      .with("BucketName", std::string(bucket));
}
inline AwsError no_such_key(std::string_view key) {
  return AwsError::not_found("NoSuchKey", "The specified key does not exist.")
      .with("Key", std::string(key));
}
inline AwsError no_such_version(std::string_view key, std::string_view version_id) {
  return AwsError::not_found("NoSuchVersion", "The specified version does not exist.")
      .with("Key", std::string(key))
      .with("VersionId", std::string(version_id));
}
inline AwsError no_such_upload(std::string_view upload_id) {
  return AwsError::not_found("NoSuchUpload",
                             "The specified upload does not exist. The upload ID may be invalid, "
                             "or the upload may have been aborted or completed.")
      .with("UploadId", std::string(upload_id));
}
inline AwsError bucket_not_empty(std::string_view bucket) {
  return AwsError::conflict("BucketNotEmpty", "The bucket you tried to delete is not empty")
      .with("BucketName", std::string(bucket));
}
inline AwsError bucket_already_owned_by_you(std::string_view bucket) {
  return AwsError::conflict("BucketAlreadyOwnedByYou",
                            "Your previous request to create the named bucket succeeded and you "
                            "already own it.")
      .with("BucketName", std::string(bucket));
}
inline AwsError bucket_already_exists(std::string_view bucket) {
  return AwsError::conflict("BucketAlreadyExists",
                            "The requested bucket name is not available. The bucket namespace is "
                            "shared by all users of the system. Please select a different name "
                            "and try again.")
      .with("BucketName", std::string(bucket));
}
inline AwsError invalid_bucket_name(std::string_view bucket) {
  return AwsError::client(400, "InvalidBucketName", "The specified bucket is not valid.")
      .with("BucketName", std::string(bucket));
}
inline AwsError invalid_argument(std::string message, std::string_view name = {},
                                 std::string_view value = {}) {
  AwsError e = AwsError::client(400, "InvalidArgument", std::move(message));
  if (!name.empty())
    e.with("ArgumentName", std::string(name)).with("ArgumentValue", std::string(value));
  return e;
}
inline AwsError invalid_request(std::string message) {
  return AwsError::client(400, "InvalidRequest", std::move(message));
}
inline AwsError malformed_xml() {
  return AwsError::client(400, "MalformedXML",
                          "The XML you provided was not well-formed or did not validate against "
                          "our published schema");
}
inline AwsError invalid_digest() {
  return AwsError::client(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
}
inline AwsError bad_digest() {
  return AwsError::client(400, "BadDigest",
                          "The Content-MD5 you specified did not match what we received.");
}
/// A checksum header or trailer that does not match the body.
inline AwsError bad_checksum(std::string_view algorithm) {
  return AwsError::client(
      400, "BadDigest",
      "The " + std::string(algorithm) + " you specified did not match the calculated checksum.");
}
inline AwsError precondition_failed(std::string_view condition) {
  return AwsError::client(412, "PreconditionFailed",
                          "At least one of the pre-conditions you specified did not hold")
      .with("Condition", std::string(condition));
}
inline AwsError invalid_range(std::string_view requested, uint64_t size) {
  return AwsError::client(416, "InvalidRange", "The requested range is not satisfiable")
      .with("RangeRequested", std::string(requested))
      .with("ActualObjectSize", std::to_string(size));
}
inline AwsError method_not_allowed(std::string_view method, std::string_view resource_type) {
  return AwsError::client(405, "MethodNotAllowed",
                          "The specified method is not allowed against this resource.")
      .with("Method", std::string(method))
      .with("ResourceType", std::string(resource_type));
}
inline AwsError key_too_long(std::size_t size) {
  return AwsError::client(400, "KeyTooLongError", "Your key is too long")
      .with("MaxSizeAllowed", "1024")
      .with("Size", std::to_string(size));
}
inline AwsError entity_too_large(uint64_t size, uint64_t max) {
  return AwsError::client(400, "EntityTooLarge",
                          "Your proposed upload exceeds the maximum allowed size")
      .with("ProposedSize", std::to_string(size))
      .with("MaxSizeAllowed", std::to_string(max));
}
inline AwsError incomplete_body() {
  return AwsError::client(400, "IncompleteBody",
                          "You did not provide the number of bytes specified by the "
                          "Content-Length HTTP header");
}
inline AwsError missing_content_length() {
  return AwsError::client(411, "MissingContentLength",
                          "You must provide the Content-Length HTTP header.");
}
inline AwsError not_implemented(std::string_view what) {
  return AwsError::not_implemented(
      "A header or query you provided implies functionality that is "
      "not implemented: " +
      std::string(what));
}
/// The "not configured" answers Terraform reads on every refresh (each has its own code).
inline AwsError not_configured(std::string code, std::string message, std::string_view bucket) {
  return AwsError::not_found(std::move(code), std::move(message))
      .with("BucketName", std::string(bucket));
}

}  // namespace s3::err

namespace s3::err {
inline ce::AwsError invalid_part_number(uint32_t requested, std::size_t parts) {
  return ce::AwsError::client(416, "InvalidPartNumber",
                              "The requested partnumber is not satisfiable")
      .with("PartNumberRequested", std::to_string(requested))
      .with("ActualPartCount", std::to_string(parts));
}
}  // namespace s3::err
