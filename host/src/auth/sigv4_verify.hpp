// Deciding whether a parsed request was really signed by a key we know, at a time we accept.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "auth_types.hpp"
#include "chunk_signature.hpp"
#include "credentials.hpp"
#include "crypto.hpp"

namespace ce::host::auth {

struct VerifyOptions {
  // AWS allows 15 minutes of clock difference either way for header-signed requests.
  std::chrono::seconds max_skew = std::chrono::minutes(15);
  // S3 refuses SigV4 header requests without x-amz-content-sha256 (every SDK sends it).
  bool s3_requires_content_sha256 = true;
};

struct VerifyOutcome {
  AuthResult result;
  std::string account_id;          // when ok
  bool signature_checked = false;  // false for SigV2/SigV4a: recognised, accepted, not verified
  Digest signing_key{};            // when a V4 signature was checked: seeds chunk verification
  bool ok() const { return result.ok; }
};

/// The payload hash the canonical request ends with: the x-amz-content-sha256 value when sent,
/// "UNSIGNED-PAYLOAD" for a presigned S3 URL, else the caller's hex SHA-256 of the body (the hash
/// of an empty body when the caller passes none).
std::string payload_hash_for(const ParsedAuth& auth, std::string_view body_sha256_hex);

/// Checks a request parse_auth() accepted. `now` comes from the host's clock (tests move it).
/// `body_sha256_hex` is needed only for non-S3 requests without x-amz-content-sha256 (their
/// bodies are small JSON/query documents the host reads whole before dispatch).
VerifyOutcome verify_request(const RequestView& request, const ParsedAuth& auth,
                             const Credentials& credentials,
                             std::chrono::system_clock::time_point now,
                             std::string_view body_sha256_hex = {},
                             const VerifyOptions& options = {});

/// For STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] bodies: the decoder's SignatureCheck, seeded
/// with the request signature verify_request() accepted.
ChunkSignatureVerifier make_chunk_verifier(const ParsedAuth& auth, const VerifyOutcome& verified);

}  // namespace ce::host::auth
