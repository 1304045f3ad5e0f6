// GenerateDataKey(+WithoutPlaintext), GenerateDataKeyPair(+WithoutPlaintext), GenerateRandom.
// A data key is random bytes (or a fresh key pair) returned with a copy encrypted under a
// symmetric KMS key: the envelope-encryption pattern.
#include <cloudemu/storage.hpp>

#include "kms_bytes.hpp"
#include "kms_crypto.hpp"
#include "kms_encryption.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

/// NumberOfBytes or KeySpec (AES_128 / AES_256), exactly one of them.
std::size_t data_key_bytes(const Json& in) {
  const auto bytes = opt_int(in, "NumberOfBytes", 1, 1024);
  const auto spec = opt_enum(in, "KeySpec", {"AES_256", "AES_128"});
  if (bytes.has_value() == spec.has_value())
    throw err::validation("Please specify either number of bytes or key spec.");
  if (bytes) return static_cast<std::size_t>(*bytes);
  return *spec == "AES_128" ? 16 : 32;
}

Json data_key(Call& call, bool with_plaintext) {
  const std::size_t n = data_key_bytes(call.input);
  const EncryptionContext context = encryption_context(call.input, "EncryptionContext");
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn);
  require_symmetric_encryption_key(key, call.operation);
  const std::string plaintext = random_bytes(n);
  Json out = {
      {"CiphertextBlob", base64_encode(encrypt_with(key, "SYMMETRIC_DEFAULT", context, plaintext))},
      {"KeyId", key.arn()}};
  if (with_plaintext) out["Plaintext"] = base64_encode(plaintext);
  return out;
}

Json generate_data_key(Call& call) {
  return data_key(call, true);
}
Json generate_data_key_without_plaintext(Call& call) {
  return data_key(call, false);
}

Json data_key_pair(Call& call, bool with_plaintext) {
  const auto pair_spec = opt_enum(call.input, "KeyPairSpec", [] {
    auto names = key_pair_spec_names();
    names.push_back("SM2");
    return names;
  }());
  if (!pair_spec) fail_constraint("KeyPairSpec", "null", "Member must not be null");
  if (*pair_spec == "SM2")
    throw err::unsupported("KeyPairSpec SM2 is available only in China Regions.");
  const EncryptionContext context = encryption_context(call.input, "EncryptionContext");
  const KeyRecord key = [&] {
    ce::ReadTxn txn(call.svc.ctx());
    return resolve_key_member(call, txn);
  }();
  require_symmetric_encryption_key(key, call.operation);
  const std::string private_der = generate_key_material(*find_key_spec(*pair_spec));
  Json out = {{"PrivateKeyCiphertextBlob",
               base64_encode(encrypt_with(key, "SYMMETRIC_DEFAULT", context, private_der))},
              {"PublicKey", base64_encode(public_key_der(private_der))},
              {"KeyId", key.arn()},
              {"KeyPairSpec", *pair_spec}};
  if (with_plaintext) out["PrivateKeyPlaintext"] = base64_encode(private_der);
  return out;
}

Json generate_data_key_pair(Call& call) {
  return data_key_pair(call, true);
}
Json generate_data_key_pair_without_plaintext(Call& call) {
  return data_key_pair(call, false);
}

Json generate_random(Call& call) {
  if (opt_string(call.input, "CustomKeyStoreId"))
    throw err::unsupported("Custom key stores are not supported by this emulator yet.");
  const auto n = opt_int(call.input, "NumberOfBytes", 1, 1024);
  if (!n) throw err::validation("NumberOfBytes is required.");
  return {{"Plaintext", base64_encode(random_bytes(static_cast<std::size_t>(*n)))}};
}

}  // namespace

void add_data_key_ops(OpRegistry& ops) {
  ops.add("GenerateDataKey", &generate_data_key);
  ops.add("GenerateDataKeyWithoutPlaintext", &generate_data_key_without_plaintext);
  ops.add("GenerateDataKeyPair", &generate_data_key_pair);
  ops.add("GenerateDataKeyPairWithoutPlaintext", &generate_data_key_pair_without_plaintext);
  ops.add("GenerateRandom", &generate_random);
}

}  // namespace kms
