// Every authentication error the host can send, as named factories (one place holds AWS's
// wording). S3 speaks its own dialect; the other services share the common codes.
#pragma once
#include <chrono>
#include <string_view>

#include "auth_types.hpp"

namespace ce::host::auth::errors {

// Parse-time (400 unless AWS says otherwise).
AuthResult two_mechanisms(ErrorDialect d);
AuthResult unsupported_authorization_type(ErrorDialect d, std::string_view algorithm);
AuthResult missing_header_components(ErrorDialect d, std::string_view header, bool has_credential,
                                     bool has_signed_headers, bool has_signature);
AuthResult malformed_credential(ErrorDialect d, std::string_view credential, bool presigned);
AuthResult missing_date(ErrorDialect d, std::string_view header);
AuthResult scope_date_mismatch(ErrorDialect d, const ParsedAuth& auth, bool presigned);
AuthResult missing_query_parameters(ErrorDialect d);
AuthResult unsupported_query_algorithm(ErrorDialect d);
AuthResult bad_query_date(ErrorDialect d);
AuthResult expires_not_a_number(ErrorDialect d);
AuthResult expires_negative(ErrorDialect d);
AuthResult expires_too_large(ErrorDialect d);
AuthResult malformed_v2_header();

// Verify-time (403 unless AWS says otherwise).
AuthResult unknown_access_key(ErrorDialect d);
AuthResult invalid_security_token(ErrorDialect d);
AuthResult signature_mismatch(ErrorDialect d);
AuthResult request_time_skewed(ErrorDialect d, std::string_view amz_date,
                               std::chrono::sys_seconds now);
AuthResult presigned_expired();
AuthResult missing_content_sha256();
AuthResult invalid_content_sha256();

}  // namespace ce::host::auth::errors
