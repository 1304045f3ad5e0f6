// Encryption with a KMS key (kms_encryption.hpp).
#include "kms_encryption.hpp"

#include "kms_crypto.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"

namespace kms {

namespace {

const std::vector<std::string_view> k_encryption_algorithms = {
    "SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"};

void require_algorithm(const KeyRecord& key, const std::string& algorithm) {
  const auto algs = encryption_algorithms(spec_of(key), key.key_usage);
  for (const auto a : algs)
    if (a == algorithm) return;
  throw err::invalid_key_usage("Algorithm " + algorithm + " is incompatible with key spec " +
                               key.key_spec + ".");
}

}  // namespace

std::string encryption_algorithm(const Json& in, std::string_view member) {
  return opt_enum(in, member, k_encryption_algorithms).value_or("SYMMETRIC_DEFAULT");
}

std::string encrypt_with(const KeyRecord& key, const std::string& algorithm,
                         const EncryptionContext& context, std::string_view plaintext) {
  require_enabled(key);
  require_usage(key, "ENCRYPT_DECRYPT", "Encrypt");
  require_algorithm(key, algorithm);
  const KeyMaterial& material = key.current_material();
  if (algorithm == "SYMMETRIC_DEFAULT")
    return encrypt_symmetric(key.key_id, material.version, material.secret, context, plaintext);
  if (!context.empty())
    throw err::validation("EncryptionContext is not supported with asymmetric KMS keys.");
  const std::string digest_name = digest_name_of(algorithm);
  const std::size_t max = rsa_oaep_max_plaintext(spec_of(key).bits, digest_name);
  if (plaintext.size() > max)
    throw err::validation("Plaintext of " + std::to_string(plaintext.size()) +
                          " bytes is too large for " + key.key_spec + " with " + algorithm +
                          ": at most " + std::to_string(max) + " bytes.");
  return rsa_oaep_encrypt(material.secret, digest_name, plaintext);
}

Decrypted decrypt_with(Call& call, ce::Txn& txn, std::string_view blob,
                       const std::optional<std::string>& key_ref, const std::string& algorithm,
                       const EncryptionContext& context) {
  if (algorithm != "SYMMETRIC_DEFAULT") {
    if (!key_ref)
      throw err::validation("KeyId is required when the EncryptionAlgorithm is " + algorithm + ".");
    KeyRecord key = resolve_key(call, txn, *key_ref);
    require_enabled(key);
    require_usage(key, "ENCRYPT_DECRYPT", "Decrypt");
    require_algorithm(key, algorithm);
    auto plaintext =
        rsa_oaep_decrypt(key.current_material().secret, digest_name_of(algorithm), blob);
    if (!plaintext) throw err::invalid_ciphertext();
    return {std::move(key), std::move(*plaintext)};
  }
  const auto parsed = parse_ciphertext(blob);
  if (!parsed) throw err::invalid_ciphertext();
  auto key = call.store().find_key(txn, call.account(), call.region(), parsed->key_id);
  if (!key || (key->state == "PendingDeletion" && key->deletion_ms <= call.now_ms()))
    throw err::invalid_ciphertext();
  if (key_ref) {
    const KeyRecord named = resolve_key(call, txn, *key_ref);
    if (named.key_id != key->key_id)
      throw err::make("IncorrectKeyException",
                      "The key ID in the request does not identify a CMK that can perform this "
                      "operation.");
  }
  require_enabled(*key);
  require_usage(*key, "ENCRYPT_DECRYPT", "Decrypt");
  if (key->key_spec != "SYMMETRIC_DEFAULT") throw err::invalid_ciphertext();
  const KeyMaterial* material = key->material(parsed->material_version);
  if (material == nullptr) throw err::invalid_ciphertext();
  auto plaintext = decrypt_symmetric(*parsed, material->secret, context);
  if (!plaintext) throw err::invalid_ciphertext();
  return {std::move(*key), std::move(*plaintext)};
}

void require_symmetric_encryption_key(const KeyRecord& key, std::string_view operation) {
  require_enabled(key);
  require_usage(key, "ENCRYPT_DECRYPT", operation);
  if (key.key_spec != "SYMMETRIC_DEFAULT")
    throw err::invalid_key_usage(std::string(operation) +
                                 " requires a symmetric encryption KMS "
                                 "key; " +
                                 key.arn() + " has KeySpec " + key.key_spec + ".");
}

}  // namespace kms
