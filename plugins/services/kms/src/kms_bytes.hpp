// Byte-string helpers: base64 (every blob of the JSON protocol), random ids.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kms {

std::string base64_encode(std::string_view bytes);
/// Standard alphabet with padding, as botocore sends blobs; nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text);
/// n bytes from OpenSSL's CSPRNG.
std::string random_bytes(std::size_t n);
/// A random version-4 UUID in lower case ("1234abcd-12ab-34cd-56ef-1234567890ab"): key ids.
std::string random_uuid();
std::string hex(std::string_view bytes);

}  // namespace kms
