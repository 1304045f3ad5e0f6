#include "sigv4_verify.hpp"

#include "amz_date.hpp"
#include "auth_errors.hpp"
#include "canonical_request.hpp"
#include "signing.hpp"

namespace ce::host::auth {
namespace {

AuthResult missing_authentication(ErrorDialect d) {
  if (d == ErrorDialect::s3) return AuthResult::failure(403, "AccessDenied", "Access Denied");
  return AuthResult::failure(403, "MissingAuthenticationToken", "Missing Authentication Token");
}

// Header-signed requests must be within the skew window; a presigned URL lives from its
// X-Amz-Date for X-Amz-Expires seconds instead.
AuthResult check_time(const ParsedAuth& auth, std::chrono::sys_seconds now,
                      const VerifyOptions& options) {
  const auto signed_at = parse_amz_date(auth.amz_date);
  if (!signed_at) return errors::bad_query_date(auth.dialect());  // parse_auth rules this out
  if (auth.kind == AuthKind::presigned_v4 && auth.expires) {
    if (now > *signed_at + std::chrono::seconds(*auth.expires)) return errors::presigned_expired();
    return AuthResult::success();
  }
  const auto skew = now > *signed_at ? now - *signed_at : *signed_at - now;
  if (skew > options.max_skew)
    return errors::request_time_skewed(auth.dialect(), auth.amz_date, now);
  return AuthResult::success();
}

}  // namespace

std::string payload_hash_for(const ParsedAuth& auth, std::string_view body_sha256_hex) {
  if (auth.payload_mode != PayloadMode::absent) return auth.content_sha256;
  if (auth.kind == AuthKind::presigned_v4 && auth.dialect() == ErrorDialect::s3) {
    return "UNSIGNED-PAYLOAD";
  }
  return body_sha256_hex.empty() ? std::string(kEmptySha256Hex) : std::string(body_sha256_hex);
}

VerifyOutcome verify_request(const RequestView& request, const ParsedAuth& auth,
                             const Credentials& credentials,
                             std::chrono::system_clock::time_point now,
                             std::string_view body_sha256_hex, const VerifyOptions& options) {
  VerifyOutcome out;
  const ErrorDialect dialect = auth.dialect();
  if (auth.kind == AuthKind::none) {
    out.result = missing_authentication(dialect);
    return out;
  }
  if (dialect == ErrorDialect::s3 && auth.kind == AuthKind::header_v4) {
    if (auth.payload_mode == PayloadMode::absent && options.s3_requires_content_sha256) {
      out.result = errors::missing_content_sha256();
      return out;
    }
    if (auth.payload_mode == PayloadMode::invalid) {
      out.result = errors::invalid_content_sha256();
      return out;
    }
  }
  const CredentialEntry* entry = credentials.find(auth.access_key_id);
  if (entry == nullptr) {
    out.result = errors::unknown_access_key(dialect);
    return out;
  }
  if (!entry->session_token.empty() &&
      !constant_time_equal(entry->session_token, auth.security_token)) {
    out.result = errors::invalid_security_token(dialect);
    return out;
  }
  out.account_id = entry->account_id;
  if (auth.kind != AuthKind::header_v4 && auth.kind != AuthKind::presigned_v4) {
    return out;  // SigV2 / SigV4a: the key is known, the signature is not checked (docs/sigv4.md)
  }

  const auto now_s = std::chrono::floor<std::chrono::seconds>(now);
  if (AuthResult t = check_time(auth, now_s, options); !t.ok) {
    out.result = std::move(t);
    return out;
  }
  const std::string canonical =
      canonical_request(request, auth, payload_hash_for(auth, body_sha256_hex));
  out.signing_key = signing_key(entry->secret, auth.scope_date, auth.region, auth.service);
  const std::string expected =
      sign(out.signing_key, string_to_sign(auth.amz_date, auth.credential_scope(), canonical));
  out.signature_checked = true;
  if (!constant_time_equal(expected, auth.signature)) {
    out.result = errors::signature_mismatch(dialect);
    out.signing_key = {};
  }
  return out;
}

ChunkSignatureVerifier make_chunk_verifier(const ParsedAuth& auth, const VerifyOutcome& verified) {
  return ChunkSignatureVerifier(verified.signing_key, auth.amz_date, auth.credential_scope(),
                                auth.signature);
}

}  // namespace ce::host::auth
