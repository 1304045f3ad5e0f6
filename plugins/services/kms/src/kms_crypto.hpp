// The cryptography, on OpenSSL 3's EVP layer only: key generation, AES-256-GCM, RSA-OAEP,
// RSA/ECDSA signatures over a digest, HMAC. Private keys travel as PKCS#8 DER, public keys as
// X.509 SubjectPublicKeyInfo DER, exactly what GetPublicKey and GenerateDataKeyPair answer.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kms_key_spec.hpp"

namespace kms {

/// Thrown when OpenSSL fails where it should not (a handler turns it into a 500).
struct CryptoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// New secret material for a key of this spec: 32 random bytes (AES-256) for SYMMETRIC_DEFAULT,
/// bits/8 random bytes for HMAC, a PKCS#8 DER private key for RSA and ECC.
std::string generate_key_material(const KeySpecInfo& spec);
/// The SubjectPublicKeyInfo DER of a PKCS#8 DER private key.
std::string public_key_der(std::string_view private_der);

inline constexpr std::size_t k_gcm_iv_bytes = 12;
inline constexpr std::size_t k_gcm_tag_bytes = 16;
/// AES-256-GCM: ciphertext (same length as plaintext); the tag goes to `tag`.
std::string aes_gcm_encrypt(std::string_view key, std::string_view iv, std::string_view aad,
                            std::string_view plaintext, std::string& tag);
/// nullopt when the tag does not authenticate (wrong key, AAD or altered bytes).
std::optional<std::string> aes_gcm_decrypt(std::string_view key, std::string_view iv,
                                           std::string_view aad, std::string_view ciphertext,
                                           std::string_view tag);

/// "SHA1", "SHA256", ... for an algorithm name's suffix: RSAES_OAEP_SHA_256 -> "SHA256".
std::string digest_name_of(std::string_view algorithm);
/// The digest's length in bytes.
std::size_t digest_size(std::string_view digest_name);
std::string digest(std::string_view digest_name, std::string_view message);

/// RSA-OAEP with the same hash for OAEP and MGF1, as KMS uses.
std::string rsa_oaep_encrypt(std::string_view private_der, std::string_view digest_name,
                             std::string_view plaintext);
std::optional<std::string> rsa_oaep_decrypt(std::string_view private_der,
                                            std::string_view digest_name,
                                            std::string_view ciphertext);
/// The largest plaintext RSA-OAEP takes for this modulus and hash: k - 2*hLen - 2.
std::size_t rsa_oaep_max_plaintext(int modulus_bits, std::string_view digest_name);

/// Signs a digest with a SigningAlgorithm (RSASSA_PSS_* with salt = digest length,
/// RSASSA_PKCS1_V1_5_*, ECDSA_* giving a DER ECDSA-Sig-Value).
std::string sign_digest(std::string_view private_der, std::string_view algorithm,
                        std::string_view digest_bytes);
bool verify_digest(std::string_view private_der, std::string_view algorithm,
                   std::string_view digest_bytes, std::string_view signature);

/// HMAC with the digest of a MacAlgorithm (HMAC_SHA_256 -> SHA256).
std::string hmac(std::string_view mac_algorithm, std::string_view key, std::string_view message);
/// Constant-time comparison.
bool equal_secret(std::string_view a, std::string_view b);

}  // namespace kms
