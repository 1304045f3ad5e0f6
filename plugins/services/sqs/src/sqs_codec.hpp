// Byte-level helpers SQS answers are built from: digests (MD5 of bodies and attributes, SHA-256
// for content-based deduplication), base64 (binary attribute values) and random identifiers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sqs {

/// Lowercase hex MD5 of `bytes` (MD5OfMessageBody and friends are hex, as SQS sends them).
std::string md5_hex(std::string_view bytes);
/// Lowercase hex SHA-256 (the MessageDeduplicationId of ContentBasedDeduplication).
std::string sha256_hex(std::string_view bytes);

std::string base64_encode(std::string_view bytes);
/// Standard alphabet, padding optional; nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text);

/// A random RFC 4122 version 4 UUID, lowercase ("5fea7756-0ea4-451a-a703-a558b933e274").
std::string random_uuid();
/// A random 64-bit value (receipt-handle nonces).
uint64_t random_u64();

}  // namespace sqs
