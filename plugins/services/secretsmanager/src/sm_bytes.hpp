// Byte-string helpers: base64 (SecretBinary and KMS blobs travel as base64 in JSON), random ids.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sm {

std::string base64_encode(std::string_view bytes);
/// Standard alphabet with padding, as the SDKs send blobs; nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text);
/// n bytes from OpenSSL's CSPRNG (passwords, data-key IVs, ARN suffixes).
std::string random_bytes(std::size_t n);
/// A uniformly drawn index below `bound` (> 0), by rejection sampling over RAND_bytes.
uint32_t random_below(uint32_t bound);
/// A random version-4 UUID in lower case: the VersionId when a request brings no token.
std::string random_uuid();

}  // namespace sm
