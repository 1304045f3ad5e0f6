// OpenSSL 3 EVP calls behind kms_crypto.hpp. No deprecated RSA_* / EC_KEY_* function is used:
// keys are EVP_PKEYs generated with EVP_PKEY_Q_keygen and (de)serialised as PKCS#8 / SPKI DER.
#include "kms_crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>  // padding constants only
#include <openssl/x509.h>

#include <memory>

#include "kms_bytes.hpp"

namespace kms {

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes_of(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

Pkey load_private(std::string_view der) {
  const unsigned char* p = bytes_of(der);
  Pkey key(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
  if (!key) throw CryptoError("stored private key does not decode");
  return key;
}

std::string private_der_of(EVP_PKEY* key) {
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
  if (info == nullptr) throw CryptoError("EVP_PKEY2PKCS8 failed");
  unsigned char* out = nullptr;
  const int n = i2d_PKCS8_PRIV_KEY_INFO(info, &out);
  PKCS8_PRIV_KEY_INFO_free(info);
  if (n <= 0) throw CryptoError("i2d_PKCS8_PRIV_KEY_INFO failed");
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

const EVP_MD* md_of(std::string_view digest_name) {
  const EVP_MD* md = EVP_get_digestbyname(std::string(digest_name).c_str());
  if (md == nullptr) throw CryptoError("unknown digest " + std::string(digest_name));
  return md;
}

/// Prepares a sign or verify context for a SigningAlgorithm.
void set_signature_params(EVP_PKEY_CTX* ctx, std::string_view algorithm) {
  if (EVP_PKEY_CTX_set_signature_md(ctx, md_of(digest_name_of(algorithm))) <= 0)
    throw CryptoError("EVP_PKEY_CTX_set_signature_md failed");
  if (algorithm.starts_with("RSASSA_PSS_")) {
    if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) <= 0)
      throw CryptoError("PSS parameters refused");
  } else if (algorithm.starts_with("RSASSA_PKCS1_V1_5_")) {
    if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0)
      throw CryptoError("PKCS#1 v1.5 padding refused");
  }
}

void set_oaep_params(EVP_PKEY_CTX* ctx, std::string_view digest_name) {
  const EVP_MD* md = md_of(digest_name);
  if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) <= 0 || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) <= 0)
    throw CryptoError("OAEP parameters refused");
}

}  // namespace

std::string generate_key_material(const KeySpecInfo& spec) {
  switch (spec.family) {
    case KeyFamily::symmetric:
      return random_bytes(32);
    case KeyFamily::hmac:
      return random_bytes(static_cast<std::size_t>(spec.bits / 8));
    case KeyFamily::rsa: {
      Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(spec.bits)));
      if (!key) throw CryptoError("RSA key generation failed");
      return private_der_of(key.get());
    }
    case KeyFamily::ecc: {
      const std::string curve(spec.curve);
      Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str()));
      if (!key) throw CryptoError("EC key generation failed for " + curve);
      return private_der_of(key.get());
    }
  }
  throw CryptoError("unknown key family");
}

std::string public_key_der(std::string_view private_der) {
  const Pkey key = load_private(private_der);
  unsigned char* out = nullptr;
  const int n = i2d_PUBKEY(key.get(), &out);
  if (n <= 0) throw CryptoError("i2d_PUBKEY failed");
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return der;
}

std::string aes_gcm_encrypt(std::string_view key, std::string_view iv, std::string_view aad,
                            std::string_view plaintext, std::string& tag) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int n = 0;
  std::string out(plaintext.size(), '\0');
  tag.assign(k_gcm_tag_bytes, '\0');
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                          nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes_of(key), bytes_of(iv)) != 1 ||
      (!aad.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &n, bytes_of(aad),
                                         static_cast<int>(aad.size())) != 1) ||
      EVP_EncryptUpdate(ctx.get(), bytes_of(out), &n, bytes_of(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes_of(out) + n, &n) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(k_gcm_tag_bytes),
                          tag.data()) != 1)
    throw CryptoError("AES-GCM encryption failed");
  return out;
}

std::optional<std::string> aes_gcm_decrypt(std::string_view key, std::string_view iv,
                                           std::string_view aad, std::string_view ciphertext,
                                           std::string_view tag) {
  if (key.size() != 32 || tag.size() != k_gcm_tag_bytes) return std::nullopt;
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int n = 0;
  std::string out(ciphertext.size(), '\0');
  std::string tag_copy(tag);
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                          nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes_of(key), bytes_of(iv)) != 1 ||
      (!aad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &n, bytes_of(aad),
                                         static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(ctx.get(), bytes_of(out), &n, bytes_of(ciphertext),
                        static_cast<int>(ciphertext.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_copy.size()),
                          tag_copy.data()) != 1)
    return std::nullopt;
  int tail = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), bytes_of(out) + n, &tail) != 1) return std::nullopt;
  return out;
}

std::string digest_name_of(std::string_view algorithm) {
  if (algorithm.ends_with("SHA_1")) return "SHA1";
  if (algorithm.ends_with("SHA_224")) return "SHA224";
  if (algorithm.ends_with("SHA_256")) return "SHA256";
  if (algorithm.ends_with("SHA_384")) return "SHA384";
  if (algorithm.ends_with("SHA_512")) return "SHA512";
  throw CryptoError("no digest in algorithm " + std::string(algorithm));
}

std::size_t digest_size(std::string_view digest_name) {
  return static_cast<std::size_t>(EVP_MD_get_size(md_of(digest_name)));
}

std::string digest(std::string_view digest_name, std::string_view message) {
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int n = 0;
  if (EVP_Digest(message.data(), message.size(), bytes_of(out), &n, md_of(digest_name), nullptr) !=
      1)
    throw CryptoError("EVP_Digest failed");
  out.resize(n);
  return out;
}

std::string rsa_oaep_encrypt(std::string_view private_der, std::string_view digest_name,
                             std::string_view plaintext) {
  const Pkey key = load_private(private_der);
  PkeyCtx ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) <= 0) throw CryptoError("encrypt init failed");
  set_oaep_params(ctx.get(), digest_name);
  std::size_t n = 0;
  if (EVP_PKEY_encrypt(ctx.get(), nullptr, &n, bytes_of(plaintext), plaintext.size()) <= 0)
    throw CryptoError("RSA-OAEP size query failed");
  std::string out(n, '\0');
  if (EVP_PKEY_encrypt(ctx.get(), bytes_of(out), &n, bytes_of(plaintext), plaintext.size()) <= 0)
    throw CryptoError("RSA-OAEP encryption failed");
  out.resize(n);
  return out;
}

std::optional<std::string> rsa_oaep_decrypt(std::string_view private_der,
                                            std::string_view digest_name,
                                            std::string_view ciphertext) {
  const Pkey key = load_private(private_der);
  PkeyCtx ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0) throw CryptoError("decrypt init failed");
  set_oaep_params(ctx.get(), digest_name);
  std::size_t n = 0;
  if (EVP_PKEY_decrypt(ctx.get(), nullptr, &n, bytes_of(ciphertext), ciphertext.size()) <= 0)
    return std::nullopt;
  std::string out(n, '\0');
  if (EVP_PKEY_decrypt(ctx.get(), bytes_of(out), &n, bytes_of(ciphertext), ciphertext.size()) <= 0)
    return std::nullopt;
  out.resize(n);
  return out;
}

std::size_t rsa_oaep_max_plaintext(int modulus_bits, std::string_view digest_name) {
  return static_cast<std::size_t>(modulus_bits / 8) - 2 * digest_size(digest_name) - 2;
}

std::string sign_digest(std::string_view private_der, std::string_view algorithm,
                        std::string_view digest_bytes) {
  const Pkey key = load_private(private_der);
  PkeyCtx ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) <= 0) throw CryptoError("sign init failed");
  set_signature_params(ctx.get(), algorithm);
  std::size_t n = 0;
  if (EVP_PKEY_sign(ctx.get(), nullptr, &n, bytes_of(digest_bytes), digest_bytes.size()) <= 0)
    throw CryptoError("signature size query failed");
  std::string out(n, '\0');
  if (EVP_PKEY_sign(ctx.get(), bytes_of(out), &n, bytes_of(digest_bytes), digest_bytes.size()) <= 0)
    throw CryptoError("signing failed");
  out.resize(n);
  return out;
}

bool verify_digest(std::string_view private_der, std::string_view algorithm,
                   std::string_view digest_bytes, std::string_view signature) {
  const Pkey key = load_private(private_der);
  PkeyCtx ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) <= 0) throw CryptoError("verify init failed");
  set_signature_params(ctx.get(), algorithm);
  return EVP_PKEY_verify(ctx.get(), bytes_of(signature), signature.size(), bytes_of(digest_bytes),
                         digest_bytes.size()) == 1;
}

std::string hmac(std::string_view mac_algorithm, std::string_view key, std::string_view message) {
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int n = 0;
  if (HMAC(md_of(digest_name_of(mac_algorithm)), key.data(), static_cast<int>(key.size()),
           bytes_of(message), message.size(), bytes_of(out), &n) == nullptr)
    throw CryptoError("HMAC failed");
  out.resize(n);
  return out;
}

bool equal_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kms
