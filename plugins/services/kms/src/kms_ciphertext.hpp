// The ciphertext blob of a symmetric KMS key (docs/kms.md, "Ciphertext format"). It names its
// key and key-material version, so Decrypt needs no KeyId and a rotated key still opens what
// older material sealed:
//
//   offset        size  field
//   0             3     magic "CEK"
//   3             1     format version (1)
//   4             1     L: length of the key id (1..64)
//   5             L     key id (ASCII UUID)
//   5+L           4     key material version, big endian
//   9+L           12    AES-GCM IV (random)
//   21+L          16    AES-GCM tag
//   37+L          n     AES-256-GCM ciphertext of the plaintext
//
// The AAD is the header (offsets 0 .. 9+L) followed by the canonical encryption context, so a
// changed header or context fails authentication (InvalidCiphertextException).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kms {

using EncryptionContext = std::map<std::string, std::string>;

struct SymmetricCiphertext {
  std::string key_id;
  uint32_t material_version = 0;
  std::string iv;
  std::string tag;
  std::string body;
};

inline constexpr std::size_t k_max_key_id_bytes = 64;

/// The blob; `aad_prefix` receives the header bytes that are part of the AAD.
std::string encode_ciphertext(const SymmetricCiphertext& c);
/// nullopt for anything that is not a well-formed version-1 blob.
std::optional<SymmetricCiphertext> parse_ciphertext(std::string_view blob);
/// The header (magic .. material version) of a ciphertext: the first part of its AAD.
std::string ciphertext_header(std::string_view key_id, uint32_t material_version);
/// Sorted (std::map) key/value pairs, each as 4-byte big-endian length + bytes: one encoding per
/// context whatever order the JSON object had.
std::string canonical_context(const EncryptionContext& context);

/// Seals plaintext under a 32-byte AES key (encrypt_symmetric) and opens it (decrypt_symmetric,
/// nullopt when it does not authenticate).
std::string encrypt_symmetric(std::string_view key_id, uint32_t material_version,
                              std::string_view aes_key, const EncryptionContext& context,
                              std::string_view plaintext);
std::optional<std::string> decrypt_symmetric(const SymmetricCiphertext& c, std::string_view aes_key,
                                             const EncryptionContext& context);

}  // namespace kms
