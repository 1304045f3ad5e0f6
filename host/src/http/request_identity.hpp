// Who sent a request: SigV4 credential scope (service, region), access key and account, from the
// Authorization header or a presigned query (host/src/auth parses); and, with --enforce-sigv4,
// whether the signature verifies against the configured credentials.
#pragma once
#include <cloudemu/abi.h>

#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_types.hpp"

namespace ce::host {

class HostRuntime;
struct Incoming;

struct RequestIdentity {
  uint32_t auth_kind = CE_AUTH_NONE;
  std::string access_key_id, service, region, account_id = "000000000000";
  auth::ParsedAuth parsed;
  auth::AuthResult parse_error;  // ok unless the auth parts were malformed
};

struct AuthFailure {
  uint32_t http_status = 0;  // 0: verified
  std::string code, message;
};

RequestIdentity derive_identity(const std::vector<ce_header>& headers, std::string_view method,
                                std::string_view path, std::string_view query);

/// Verifies the request's signature against the configured credentials. May read a small body
/// to hash it (non-S3 requests sign the body's hash), replacing in.body with a replay.
AuthFailure verify_identity(HostRuntime& rt, Incoming& in, const RequestIdentity& id,
                            std::string_view service_id);

}  // namespace ce::host
