// Sealing and unsealing values: the data key from KMS, AES-256-GCM here (design: sm_seal.hpp).
#include "sm_seal.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "sm_bytes.hpp"
#include "sm_errors.hpp"
#include "sm_kms.hpp"

namespace sm {

namespace {

constexpr std::size_t k_iv_bytes = 12;
constexpr std::size_t k_tag_bytes = 16;
constexpr std::size_t k_data_key_bytes = 32;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

/// A data key in memory for as long as one seal or open takes, wiped afterwards.
struct DataKey {
  std::string bytes;
  explicit DataKey(std::optional<std::string> k) : bytes(k.value_or("")) {
    if (k) OPENSSL_cleanse(k->data(), k->size());
  }
  DataKey(const DataKey&) = delete;
  DataKey& operator=(const DataKey&) = delete;
  ~DataKey() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

nlohmann::json encryption_context(const ValueScope& scope) {
  return {{"SecretARN", scope.secret_arn}, {"SecretVersionId", scope.version_id}};
}

const unsigned char* bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

/// AES-256-GCM of `plaintext` under `key`; the version id is the additional data, so a value
/// cannot be moved to another version's record unnoticed.
void aes_gcm_seal(const std::string& key, const std::string& aad, const std::string& plaintext,
                  SealedValue& out) {
  CipherCtx c(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  out.iv = random_bytes(k_iv_bytes);
  out.tag.assign(k_tag_bytes, '\0');
  out.data.assign(plaintext.size(), '\0');
  int len = 0;
  if (!c || EVP_EncryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_IVLEN, k_iv_bytes, nullptr) != 1 ||
      EVP_EncryptInit_ex(c.get(), nullptr, nullptr, bytes(key), bytes(out.iv)) != 1 ||
      EVP_EncryptUpdate(c.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(c.get(), reinterpret_cast<unsigned char*>(out.data.data()), &len,
                        bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(c.get(), nullptr, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_GET_TAG, k_tag_bytes, out.tag.data()) != 1)
    throw std::runtime_error("AES-256-GCM encryption failed");
}

/// nullopt when authentication fails (a wrong key or an altered record).
std::optional<std::string> aes_gcm_open(const std::string& key, const std::string& aad,
                                        const SealedValue& in) {
  CipherCtx c(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  std::string out(in.data.size(), '\0');
  std::string tag = in.tag;
  int len = 0;
  if (!c || in.iv.size() != k_iv_bytes || tag.size() != k_tag_bytes ||
      key.size() != k_data_key_bytes)
    return std::nullopt;
  if (EVP_DecryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_IVLEN, k_iv_bytes, nullptr) != 1 ||
      EVP_DecryptInit_ex(c.get(), nullptr, nullptr, bytes(key), bytes(in.iv)) != 1 ||
      EVP_DecryptUpdate(c.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(c.get(), reinterpret_cast<unsigned char*>(out.data()), &len, bytes(in.data),
                        static_cast<int>(in.data.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_TAG, k_tag_bytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(c.get(), nullptr, &len) != 1)
    return std::nullopt;
  return out;
}

/// What a KMS failure means to a Secrets Manager client. A key that does not exist is the
/// ResourceNotFoundException CreateSecret and PutSecretValue declare; a key that exists but
/// cannot be used is EncryptionFailure / DecryptionFailure ("Check that the KMS key is
/// available, enabled, and not in an invalid state").
ce::AwsError kms_failure(const KmsAnswer& a, const std::string& key_ref, bool encrypting) {
  const auto failure = encrypting ? &err::encryption_failure : &err::decryption_failure;
  if (!a.reached)
    return failure("KMS is not available to Secrets Manager here: " + a.failure +
                   " (CloudEmu needs the kms plugin for secrets with a KmsKeyId).");
  if (a.error_type == "NotFoundException" && encrypting)
    return err::make(
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified KMS key " + key_ref + ": " + a.message);
  if (a.http_status >= 500) return err::internal();
  return failure(std::string("Secrets Manager can't ") + (encrypting ? "encrypt" : "decrypt") +
                 " the protected secret text using the KMS key " + key_ref + ": " + a.error_type +
                 (a.message.empty() ? "" : ": " + a.message));
}

}  // namespace

bool is_default_key(const std::string& key_ref) {
  return key_ref.empty() || key_ref == "alias/aws/secretsmanager" ||
         (key_ref.starts_with("arn:") && key_ref.ends_with(":alias/aws/secretsmanager"));
}

void seal(const ce::ServiceContext& ctx, const ValueScope& scope, const std::string& key_ref,
          Plaintext plaintext, std::function<void(Outcome<SealedValue>)> done) {
  if (is_default_key(key_ref)) {
    SealedValue v;
    v.binary = plaintext.binary;
    v.data = std::move(plaintext.bytes);
    done({std::move(v), std::nullopt});
    return;
  }
  const nlohmann::json request = {
      {"KeyId", key_ref}, {"KeySpec", "AES_256"}, {"EncryptionContext", encryption_context(scope)}};
  call_kms(ctx, scope.account, scope.region, "GenerateDataKey", request,
           [scope, key_ref, plaintext = std::move(plaintext), done = std::move(done)](KmsAnswer a) {
             Outcome<SealedValue> out;
             try {
               if (!a.ok()) throw kms_failure(a, key_ref, true);
               const DataKey key(base64_decode(a.doc.value("Plaintext", std::string())));
               const auto wrapped = base64_decode(a.doc.value("CiphertextBlob", std::string()));
               if (key.bytes.size() != k_data_key_bytes || !wrapped || wrapped->empty())
                 throw err::encryption_failure("KMS answered GenerateDataKey without a data key.");
               SealedValue v;
               v.binary = plaintext.binary;
               v.sealed = true;
               v.kms_key_arn = a.doc.value("KeyId", key_ref);
               v.wrapped_key = *wrapped;
               aes_gcm_seal(key.bytes, scope.version_id, plaintext.bytes, v);
               out.value = std::move(v);
             } catch (const ce::AwsError& e) {
               out.error = e;
             } catch (const std::exception&) {
               out.error = err::internal();
             }
             done(std::move(out));
           });
}

void unseal(const ce::ServiceContext& ctx, const ValueScope& scope, const SealedValue& value,
            std::function<void(Outcome<Plaintext>)> done) {
  if (!value.sealed) {
    done({Plaintext{value.binary, value.data}, std::nullopt});
    return;
  }
  const nlohmann::json request = {{"KeyId", value.kms_key_arn},
                                  {"CiphertextBlob", base64_encode(value.wrapped_key)},
                                  {"EncryptionContext", encryption_context(scope)}};
  call_kms(ctx, scope.account, scope.region, "Decrypt", request,
           [scope, value, done = std::move(done)](KmsAnswer a) {
             Outcome<Plaintext> out;
             try {
               if (!a.ok()) throw kms_failure(a, value.kms_key_arn, false);
               const auto key = base64_decode(a.doc.value("Plaintext", std::string()));
               const auto opened = key ? aes_gcm_open(*key, scope.version_id, value) : std::nullopt;
               if (!opened)
                 throw err::decryption_failure(
                     "Secrets Manager can't decrypt the protected secret text using the provided "
                     "KMS key.");
               out.value = Plaintext{value.binary, *opened};
             } catch (const ce::AwsError& e) {
               out.error = e;
             } catch (const std::exception&) {
               out.error = err::internal();
             }
             done(std::move(out));
           });
}

}  // namespace sm
