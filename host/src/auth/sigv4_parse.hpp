// Reading what a request claims about its authentication, before any secret is involved: which
// scheme (none, SigV4 header or query, SigV4a, SigV2), the key, the credential scope, the signed
// headers and the x-amz-content-sha256 mode. The router uses the scope's service and region
// even when signatures are not enforced.
#pragma once
#include <string_view>

#include "auth_types.hpp"

namespace ce::host::auth {

/// Parses the Authorization header or the presigned query parameters. A malformed request yields
/// the error AWS gives for it; `fallback` picks S3 or common wording while the service is not yet
/// known (the credential scope itself is unreadable).
ParseOutcome parse_auth(const RequestView& request, ErrorDialect fallback = ErrorDialect::s3);

/// Classifies an x-amz-content-sha256 value.
PayloadMode payload_mode_of(std::string_view x_amz_content_sha256);

}  // namespace ce::host::auth
