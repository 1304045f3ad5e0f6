// ce::AwsError: a client-visible AWS error as a value, rendered once per protocol (render.hpp).
#pragma once
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace ce {

/// An AWS error response. Services either render it (ce::render_error) or throw it from a handler;
/// the service adapter renders a thrown AwsError with the service's protocol (see service.hpp).
/// Factories carry the HTTP status AWS documents for each code ("Common Errors" of each API
/// reference); use the constructor for service-specific codes.
struct AwsError : std::exception {
  uint32_t http_status = 400;
  std::string code;          // "NoSuchBucket", "ValidationException"
  std::string message;       // human text; may be empty (S3 sends it anyway)
  bool sender_fault = true;  // query <Type>Sender|Receiver</Type> and x-amzn-query-error suffix
  /// Extra top-level fields in rest-xml <Error> (BucketName, Key, Resource) and rest-json bodies.
  std::vector<std::pair<std::string, std::string>> fields;
  /// Extra fields of JSON-protocol errors whose value is a JSON document, kept as its text
  /// (DynamoDB's CancellationReasons, the Item of ConditionalCheckFailedException). Other
  /// protocols ignore them.
  std::vector<std::pair<std::string, std::string>> json_fields;
  /// awsQueryCompatible services (SQS over JSON): the legacy query code for x-amzn-query-error,
  /// "AWS.SimpleQueueService.NonExistentQueue". Empty: the header is not sent.
  std::string query_code;

  AwsError() = default;
  AwsError(uint32_t status, std::string c, std::string m, bool sender = true)
      : http_status(status), code(std::move(c)), message(std::move(m)), sender_fault(sender) {}

  const char* what() const noexcept override {
    return message.empty() ? code.c_str() : message.c_str();
  }

  /// Adds an extra field: AwsError::not_found("NoSuchKey", "...").with("Key", key).
  AwsError& with(std::string name, std::string value) & {
    fields.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  AwsError&& with(std::string name, std::string value) && {
    fields.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }
  /// Adds a JSON-valued field (json_fields): `json_text` must be a valid JSON document.
  AwsError&& with_json(std::string name, std::string json_text) && {
    json_fields.emplace_back(std::move(name), std::move(json_text));
    return std::move(*this);
  }
  AwsError&& with_query_code(std::string c) && {
    query_code = std::move(c);
    return std::move(*this);
  }

  // ---- generic ----
  static AwsError client(uint32_t status, std::string c, std::string m) {
    return {status, std::move(c), std::move(m), true};
  }
  static AwsError server(uint32_t status, std::string c, std::string m) {
    return {status, std::move(c), std::move(m), false};
  }
  static AwsError not_found(std::string c, std::string m) {
    return client(404, std::move(c), std::move(m));
  }
  static AwsError conflict(std::string c, std::string m) {
    return client(409, std::move(c), std::move(m));
  }

  // ---- server faults ----
  /// S3 and rest-xml services: "We encountered an internal error. Please try again."
  static AwsError internal_error(
      std::string m = "We encountered an internal error. Please try again.") {
    return server(500, "InternalError", std::move(m));
  }
  /// JSON and query services (Common Errors: InternalFailure, 500).
  static AwsError internal_failure(
      std::string m =
          "The request processing has failed because of an unknown error, exception or failure.") {
    return server(500, "InternalFailure", std::move(m));
  }
  /// S3: "A header you provided implies functionality that is not implemented." (501).
  static AwsError not_implemented(
      std::string m = "The requested functionality is not implemented.") {
    return server(501, "NotImplemented", std::move(m));
  }
  static AwsError service_unavailable(
      std::string m = "The request has failed due to a temporary failure of the server.") {
    return server(503, "ServiceUnavailable", std::move(m));
  }

  // ---- client faults ----
  /// JSON protocols: an X-Amz-Target naming no operation.
  static AwsError unknown_operation(std::string m = "") {
    return client(400, "UnknownOperationException", std::move(m));
  }
  /// Query protocol: an Action naming no operation.
  static AwsError invalid_action(std::string action) {
    return client(400, "InvalidAction",
                  "The action " + action + " is not valid for this endpoint.");
  }
  static AwsError missing_action(
      std::string m = "The request is missing an action or a required parameter.") {
    return client(400, "MissingAction", std::move(m));
  }
  static AwsError validation(std::string m) {
    return client(400, "ValidationException", std::move(m));
  }
  /// Query services spell it ValidationError.
  static AwsError validation_error(std::string m) {
    return client(400, "ValidationError", std::move(m));
  }
  static AwsError invalid_parameter_value(std::string m) {
    return client(400, "InvalidParameterValue", std::move(m));
  }
  static AwsError serialization(std::string m) {
    return client(400, "SerializationException", std::move(m));
  }
  /// Common Errors: MalformedQueryString is a 404, surprisingly but documented.
  static AwsError malformed_query_string(
      std::string m = "The query string contains a syntax error.") {
    return client(404, "MalformedQueryString", std::move(m));
  }
  /// S3 spelling (403).
  static AwsError access_denied(std::string m = "Access Denied") {
    return client(403, "AccessDenied", std::move(m));
  }
  /// JSON/query spelling (Common Errors: AccessDeniedException, 400).
  static AwsError access_denied_exception(
      std::string m = "You do not have sufficient access to perform this action.") {
    return client(400, "AccessDeniedException", std::move(m));
  }
  static AwsError throttling(std::string m = "Rate exceeded") {
    return client(400, "ThrottlingException", std::move(m));
  }
};

}  // namespace ce
