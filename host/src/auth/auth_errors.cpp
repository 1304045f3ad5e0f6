#include "auth_errors.hpp"

#include "amz_date.hpp"

namespace ce::host::auth::errors {
namespace {

constexpr std::string_view kCredentialShape =
    "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

AuthResult s3_query_error(std::string message) {
  return AuthResult::failure(400, "AuthorizationQueryParametersError", std::move(message));
}

// The common (non-S3) services answer every malformed presigned query with the same text.
AuthResult aws_query_error() {
  return AuthResult::failure(
      400, "IncompleteSignature",
      "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
      "'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string "
      "parameters.");
}

}  // namespace

AuthResult two_mechanisms(ErrorDialect) {
  return AuthResult::failure(400, "InvalidArgument",
                             "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                             "parameter, Signature query string parameter or the Authorization "
                             "header should be specified");
}

AuthResult unsupported_authorization_type(ErrorDialect d, std::string_view algorithm) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(400, "InvalidArgument", "Unsupported Authorization Type");
  }
  return AuthResult::failure(400, "IncompleteSignature",
                             "Unsupported AWS 'algorithm': '" + std::string(algorithm) + "'");
}

AuthResult missing_header_components(ErrorDialect d, std::string_view header, bool has_credential,
                                     bool has_signed_headers, bool has_signature) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(400, "AuthorizationHeaderMalformed",
                               "The authorization header is malformed; the authorization header "
                               "requires three components: Credential, SignedHeaders, and "
                               "Signature.");
  }
  std::string message;
  if (!has_credential) message += "Authorization header requires 'Credential' parameter. ";
  if (!has_signature) message += "Authorization header requires 'Signature' parameter. ";
  if (!has_signed_headers) message += "Authorization header requires 'SignedHeaders' parameter. ";
  message += "Authorization=";
  message += header;
  return AuthResult::failure(400, "IncompleteSignature", std::move(message));
}

AuthResult malformed_credential(ErrorDialect d, std::string_view credential, bool presigned) {
  if (d == ErrorDialect::s3) {
    if (presigned) {
      return s3_query_error("Error parsing the X-Amz-Credential parameter; " +
                            std::string(kCredentialShape));
    }
    return AuthResult::failure(
        400, "AuthorizationHeaderMalformed",
        "The authorization header is malformed; " + std::string(kCredentialShape));
  }
  if (presigned) return aws_query_error();
  return AuthResult::failure(400, "IncompleteSignature",
                             "Credential must have exactly 5 slash-delimited elements, e.g. "
                             "keyid/date/region/service/term, got '" +
                                 std::string(credential) + "'");
}

AuthResult missing_date(ErrorDialect d, std::string_view header) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(403, "AccessDenied",
                               "AWS authentication requires a valid Date or x-amz-date header");
  }
  return AuthResult::failure(400, "IncompleteSignature",
                             "Authorization header requires existence of either a 'X-Amz-Date' or "
                             "a 'Date' header. Authorization=" +
                                 std::string(header));
}

AuthResult scope_date_mismatch(ErrorDialect d, const ParsedAuth& auth, bool presigned) {
  if (d == ErrorDialect::s3) {
    const std::string what = "Invalid credential date. Date is not the same as X-Amz-Date.";
    if (presigned) return s3_query_error(what);
    return AuthResult::failure(400, "AuthorizationHeaderMalformed",
                               "The authorization header is malformed; " + what);
  }
  return AuthResult::failure(403, "SignatureDoesNotMatch",
                             "Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                             "version of date from HTTP: '" +
                                 auth.scope_date + "' != '" + auth.amz_date.substr(0, 8) +
                                 "', from '" + auth.amz_date + "'.");
}

AuthResult missing_query_parameters(ErrorDialect d) {
  if (d == ErrorDialect::s3) {
    return s3_query_error(
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
        "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
  }
  return aws_query_error();
}

AuthResult unsupported_query_algorithm(ErrorDialect d) {
  if (d == ErrorDialect::s3) {
    return s3_query_error("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
  }
  return aws_query_error();
}

AuthResult bad_query_date(ErrorDialect d) {
  if (d == ErrorDialect::s3) {
    return s3_query_error("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  return aws_query_error();
}

AuthResult expires_not_a_number(ErrorDialect) {
  return s3_query_error("X-Amz-Expires should be a number");
}

AuthResult expires_negative(ErrorDialect) {
  return s3_query_error("X-Amz-Expires must be non-negative");
}

AuthResult expires_too_large(ErrorDialect) {
  return s3_query_error("X-Amz-Expires must be less than a week (in seconds) that is 604800");
}

AuthResult malformed_v2_header() {
  return AuthResult::failure(400, "InvalidArgument",
                             "AWS authorization header is invalid.  Expected "
                             "AwsAccessKeyId:signature");
}

AuthResult unknown_access_key(ErrorDialect d) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(403, "InvalidAccessKeyId",
                               "The AWS Access Key Id you provided does not exist in our records.");
  }
  return AuthResult::failure(403, "UnrecognizedClientException",
                             "The security token included in the request is invalid.");
}

AuthResult invalid_security_token(ErrorDialect d) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(400, "InvalidToken",
                               "The provided token is malformed or otherwise invalid.");
  }
  return AuthResult::failure(403, "UnrecognizedClientException",
                             "The security token included in the request is invalid.");
}

AuthResult signature_mismatch(ErrorDialect d) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(403, "SignatureDoesNotMatch",
                               "The request signature we calculated does not match the signature "
                               "you provided. Check your key and signing method.");
  }
  return AuthResult::failure(403, "SignatureDoesNotMatch",
                             "The request signature we calculated does not match the signature "
                             "you provided. Check your AWS Secret Access Key and signing method. "
                             "Consult the service documentation for details.");
}

AuthResult request_time_skewed(ErrorDialect d, std::string_view amz_date,
                               std::chrono::sys_seconds now) {
  if (d == ErrorDialect::s3) {
    return AuthResult::failure(403, "RequestTimeTooSkewed",
                               "The difference between the request time and the current time is "
                               "too large.");
  }
  using std::chrono::minutes;
  const auto request_time = parse_amz_date(amz_date).value_or(now);
  const std::string now_text = format_amz_date(now);
  if (request_time < now) {
    return AuthResult::failure(403, "InvalidSignatureException",
                               "Signature expired: " + std::string(amz_date) +
                                   " is now earlier than " + format_amz_date(now - minutes(15)) +
                                   " (" + now_text + " - 15 min.)");
  }
  return AuthResult::failure(403, "InvalidSignatureException",
                             "Signature not yet current: " + std::string(amz_date) +
                                 " is still later than " + format_amz_date(now + minutes(15)) +
                                 " (" + now_text + " + 15 min.)");
}

AuthResult presigned_expired() {
  return AuthResult::failure(403, "AccessDenied", "Request has expired");
}

AuthResult missing_content_sha256() {
  return AuthResult::failure(400, "InvalidRequest",
                             "Missing required header for this request: x-amz-content-sha256");
}

AuthResult invalid_content_sha256() {
  return AuthResult::failure(
      400, "InvalidArgument",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
      "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
      "or a valid sha256 value.");
}

}  // namespace ce::host::auth::errors
