// Encryption and decryption with a KMS key, shared by Encrypt, Decrypt, ReEncrypt and the data
// key operations: symmetric keys seal with AES-256-GCM into the blob of kms_ciphertext.hpp, RSA
// keys with RSA-OAEP (a raw RSA ciphertext, so Decrypt needs their KeyId).
#pragma once
#include <cloudemu/storage.hpp>
#include <optional>
#include <string>

#include "kms_ciphertext.hpp"
#include "kms_ops.hpp"
#include "kms_store.hpp"

namespace kms {

inline constexpr std::size_t k_max_plaintext = 4096;
inline constexpr std::size_t k_max_ciphertext = 6144;

/// The EncryptionAlgorithm member `member` (default SYMMETRIC_DEFAULT), validated against the enum.
std::string encryption_algorithm(const Json& in, std::string_view member);

/// Encrypts with an Enabled ENCRYPT_DECRYPT key whose spec offers `algorithm`.
std::string encrypt_with(const KeyRecord& key, const std::string& algorithm,
                         const EncryptionContext& context, std::string_view plaintext);

struct Decrypted {
  KeyRecord key;
  std::string plaintext;
};
/// Opens a ciphertext blob. `key_ref` (a KeyId member's value) is required for RSA algorithms
/// and, for symmetric blobs, must name the key the blob names (IncorrectKeyException).
/// InvalidCiphertextException when the blob is malformed, altered or the context differs.
Decrypted decrypt_with(Call& call, ce::Txn& txn, std::string_view blob,
                       const std::optional<std::string>& key_ref, const std::string& algorithm,
                       const EncryptionContext& context);

/// A symmetric key for data key operations: enabled, ENCRYPT_DECRYPT, SYMMETRIC_DEFAULT.
void require_symmetric_encryption_key(const KeyRecord& key, std::string_view operation);

}  // namespace kms
