// Presigned URL expiry, enforced by the plugin whether or not the host verifies signatures.
#pragma once
#include "s3_ops.hpp"

namespace s3 {

/// For SigV4 query authentication (X-Amz-Date + X-Amz-Expires) and SigV2 query authentication
/// (AWSAccessKeyId + Signature + Expires): AuthorizationQueryParametersError for an X-Amz-Expires
/// that is not a number of seconds up to a week (or a malformed X-Amz-Date), and 403 AccessDenied
/// "Request has expired" once the host clock is past the expiry. Other requests pass untouched.
void check_presigned_expiry(const Call& call);

}  // namespace s3
