// Encrypt, Decrypt, ReEncrypt.
#include <cloudemu/storage.hpp>

#include "kms_bytes.hpp"
#include "kms_encryption.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

Json encrypt(Call& call) {
  const std::string plaintext = req_blob(call.input, "Plaintext", 1, k_max_plaintext);
  const EncryptionContext context = encryption_context(call.input, "EncryptionContext");
  const std::string algorithm = encryption_algorithm(call.input, "EncryptionAlgorithm");
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn);
  const std::string blob = encrypt_with(key, algorithm, context, plaintext);
  return {{"CiphertextBlob", base64_encode(blob)},
          {"KeyId", key.arn()},
          {"EncryptionAlgorithm", algorithm}};
}

Json decrypt(Call& call) {
  const std::string blob = req_blob(call.input, "CiphertextBlob", 1, k_max_ciphertext);
  const EncryptionContext context = encryption_context(call.input, "EncryptionContext");
  const std::string algorithm = encryption_algorithm(call.input, "EncryptionAlgorithm");
  const auto key_ref = opt_string(call.input, "KeyId", 1, 2048);
  ce::ReadTxn txn(call.svc.ctx());
  const Decrypted d = decrypt_with(call, txn, blob, key_ref, algorithm, context);
  return {{"KeyId", d.key.arn()},
          {"Plaintext", base64_encode(d.plaintext)},
          {"EncryptionAlgorithm", algorithm}};
}

Json re_encrypt(Call& call) {
  const std::string blob = req_blob(call.input, "CiphertextBlob", 1, k_max_ciphertext);
  const EncryptionContext source_context =
      encryption_context(call.input, "SourceEncryptionContext");
  const EncryptionContext destination_context =
      encryption_context(call.input, "DestinationEncryptionContext");
  const std::string source_algorithm =
      encryption_algorithm(call.input, "SourceEncryptionAlgorithm");
  const std::string destination_algorithm =
      encryption_algorithm(call.input, "DestinationEncryptionAlgorithm");
  const auto source_ref = opt_string(call.input, "SourceKeyId", 1, 2048);
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord destination = resolve_key_member(call, txn, "DestinationKeyId");
  const Decrypted d = decrypt_with(call, txn, blob, source_ref, source_algorithm, source_context);
  const std::string out =
      encrypt_with(destination, destination_algorithm, destination_context, d.plaintext);
  return {{"CiphertextBlob", base64_encode(out)},
          {"SourceKeyId", d.key.arn()},
          {"KeyId", destination.arn()},
          {"SourceEncryptionAlgorithm", source_algorithm},
          {"DestinationEncryptionAlgorithm", destination_algorithm}};
}

}  // namespace

void add_encrypt_ops(OpRegistry& ops) {
  ops.add("Encrypt", &encrypt);
  ops.add("Decrypt", &decrypt);
  ops.add("ReEncrypt", &re_encrypt);
}

}  // namespace kms
