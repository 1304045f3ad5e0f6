// Sign, Verify, GetPublicKey. Signatures are over a digest: RAW messages (up to 4096 bytes) are
// hashed here with the algorithm's hash, DIGEST messages must already have its length. ECDSA
// signatures are DER ECDSA-Sig-Value, PSS uses a salt as long as the digest, as AWS does.
#include <cloudemu/storage.hpp>

#include "kms_bytes.hpp"
#include "kms_crypto.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

const std::vector<std::string_view> k_signing_algorithms = {"RSASSA_PSS_SHA_256",
                                                            "RSASSA_PSS_SHA_384",
                                                            "RSASSA_PSS_SHA_512",
                                                            "RSASSA_PKCS1_V1_5_SHA_256",
                                                            "RSASSA_PKCS1_V1_5_SHA_384",
                                                            "RSASSA_PKCS1_V1_5_SHA_512",
                                                            "ECDSA_SHA_256",
                                                            "ECDSA_SHA_384",
                                                            "ECDSA_SHA_512",
                                                            "SM2DSA"};

struct SignRequest {
  KeyRecord key;
  std::string algorithm;
  std::string digest;  // what is signed
};

/// What Sign and Verify share: the key (enabled, SIGN_VERIFY, offering the algorithm) and the
/// digest of the message.
SignRequest read_sign_request(Call& call) {
  const std::string message = req_blob(call.input, "Message", 1, 4096);
  const auto type = opt_enum(call.input, "MessageType", {"RAW", "DIGEST"}).value_or("RAW");
  const auto algorithm = opt_enum(call.input, "SigningAlgorithm", k_signing_algorithms);
  if (!algorithm) fail_constraint("SigningAlgorithm", "null", "Member must not be null");
  ce::ReadTxn txn(call.svc.ctx());
  KeyRecord key = resolve_key_member(call, txn);
  require_enabled(key);
  require_usage(key, "SIGN_VERIFY", call.operation);
  bool offered = false;
  for (const auto a : signing_algorithms(spec_of(key), key.key_usage)) offered |= a == *algorithm;
  if (!offered)
    throw err::invalid_key_usage("Algorithm " + *algorithm + " is incompatible with key spec " +
                                 key.key_spec + ".");
  const std::string digest_name = digest_name_of(*algorithm);
  std::string digest_bytes;
  if (type == "DIGEST") {
    if (message.size() != digest_size(digest_name))
      throw err::validation("Digest is invalid length for algorithm " + *algorithm + ".");
    digest_bytes = message;
  } else {
    digest_bytes = digest(digest_name, message);
  }
  return {std::move(key), *algorithm, std::move(digest_bytes)};
}

Json sign(Call& call) {
  const SignRequest r = read_sign_request(call);
  const std::string signature = sign_digest(r.key.current_material().secret, r.algorithm, r.digest);
  return {{"KeyId", r.key.arn()},
          {"Signature", base64_encode(signature)},
          {"SigningAlgorithm", r.algorithm}};
}

Json verify(Call& call) {
  const std::string signature = req_blob(call.input, "Signature", 1, 6144);
  const SignRequest r = read_sign_request(call);
  if (!verify_digest(r.key.current_material().secret, r.algorithm, r.digest, signature))
    throw err::invalid_signature();
  return {{"KeyId", r.key.arn()}, {"SignatureValid", true}, {"SigningAlgorithm", r.algorithm}};
}

Json get_public_key(Call& call) {
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn);
  require_enabled(key);
  const KeySpecInfo& spec = spec_of(key);
  if (spec.family != KeyFamily::rsa && spec.family != KeyFamily::ecc)
    throw err::unsupported(key.arn() + " key usage is " + key.key_usage + " and key spec is " +
                           key.key_spec + ": GetPublicKey needs an asymmetric KMS key.");
  Json out = {{"KeyId", key.arn()},
              {"PublicKey", base64_encode(public_key_der(key.current_material().secret))},
              {"CustomerMasterKeySpec", key.key_spec},
              {"KeySpec", key.key_spec},
              {"KeyUsage", key.key_usage}};
  if (const auto algs = encryption_algorithms(spec, key.key_usage); !algs.empty())
    out["EncryptionAlgorithms"] = algs;
  if (const auto algs = signing_algorithms(spec, key.key_usage); !algs.empty())
    out["SigningAlgorithms"] = algs;
  return out;
}

}  // namespace

void add_sign_ops(OpRegistry& ops) {
  ops.add("Sign", &sign);
  ops.add("Verify", &verify);
  ops.add("GetPublicKey", &get_public_key);
}

}  // namespace kms
