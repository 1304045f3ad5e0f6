// The plain values SigV4 parsing and verification exchange with the HTTP layer. No Beast here:
// the adapter fills a RequestView from whatever it parsed off the wire.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ce::host::auth {

using HeaderView = std::pair<std::string_view, std::string_view>;  // (name, value) as received

/// One request as the client sent it. Views are borrowed for the duration of the call.
struct RequestView {
  std::string_view method;     // "GET"
  std::string_view raw_path;   // "/bucket/a%20b" — as on the request line, still percent-encoded
  std::string_view raw_query;  // "list-type=2&prefix=a" — after '?', no '?', still encoded
  std::span<const HeaderView> headers;
};

/// Which authentication the request carries. SigV2 and SigV4a are recognised (so the router and
/// the account derivation work) but not verified; see docs/sigv4.md.
enum class AuthKind : std::uint8_t {
  none,
  header_v4,     // Authorization: AWS4-HMAC-SHA256 Credential=...
  presigned_v4,  // ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...
  header_v4a,    // Authorization: AWS4-ECDSA-P256-SHA256 ...
  header_v2,     // Authorization: AWS AKID:signature
  presigned_v2,  // ?AWSAccessKeyId=...&Signature=...&Expires=...
};

/// The x-amz-content-sha256 header: how the body is (or is not) covered by the signature.
enum class PayloadMode : std::uint8_t {
  absent,                      // header not sent
  sha256_hex,                  // 64 hex digits: the body's hash, signed
  unsigned_payload,            // UNSIGNED-PAYLOAD
  streaming_signed,            // STREAMING-AWS4-HMAC-SHA256-PAYLOAD (aws-chunked, chunk sigs)
  streaming_signed_trailer,    // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
  streaming_unsigned_trailer,  // STREAMING-UNSIGNED-PAYLOAD-TRAILER
  streaming_ecdsa,             // STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD (SigV4a; not verified)
  streaming_ecdsa_trailer,     // STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER
  invalid,                     // anything else
};

/// True for the modes whose body is Content-Encoding: aws-chunked.
constexpr bool is_streaming(PayloadMode m) {
  return m == PayloadMode::streaming_signed || m == PayloadMode::streaming_signed_trailer ||
         m == PayloadMode::streaming_unsigned_trailer || m == PayloadMode::streaming_ecdsa ||
         m == PayloadMode::streaming_ecdsa_trailer;
}

/// Errors are worded per service family: S3 has its own codes (rest-xml), the others share the
/// common AWS ones. Which applies is known once the credential scope names the service.
enum class ErrorDialect : std::uint8_t { s3, aws };

constexpr ErrorDialect dialect_for_service(std::string_view service) {
  return service == "s3" ? ErrorDialect::s3 : ErrorDialect::aws;
}

/// What the request claims about itself. Nothing in here is trusted until verify() says so.
struct ParsedAuth {
  AuthKind kind = AuthKind::none;
  std::string access_key_id;
  std::string amz_date;    // "20130524T000000Z": X-Amz-Date, or the Date header converted
  std::string scope_date;  // "20130524" from the credential scope
  std::string region;
  std::string service;
  std::vector<std::string> signed_headers;  // lowercase, in the order sent
  std::string signature;                    // lowercase hex for V4
  std::optional<std::int64_t> expires;      // X-Amz-Expires (presigned), seconds
  std::string security_token;               // X-Amz-Security-Token / header, if any
  PayloadMode payload_mode = PayloadMode::absent;
  std::string content_sha256;  // the raw x-amz-content-sha256 value, when sent

  /// "20130524/us-east-1/s3/aws4_request"
  std::string credential_scope() const {
    return scope_date + '/' + region + '/' + service + "/aws4_request";
  }
  ErrorDialect dialect() const { return dialect_for_service(service); }
};

/// The outcome of a parse or verify step: ok, or the error AWS would send.
struct AuthResult {
  bool ok = true;
  int http_status = 200;
  std::string code;
  std::string message;

  static AuthResult success() { return {}; }
  static AuthResult failure(int status, std::string code, std::string message) {
    return {false, status, std::move(code), std::move(message)};
  }
};

/// parse() result: `error.ok` false means the request is malformed and must be refused with it.
struct ParseOutcome {
  ParsedAuth auth;
  AuthResult error;
  bool ok() const { return error.ok; }
};

}  // namespace ce::host::auth
