// The key spec table (AWS KMS developer guide, "Key spec reference").
#include "kms_key_spec.hpp"

#include <algorithm>
#include <array>

namespace kms {

namespace {

constexpr std::string_view k_encrypt = "ENCRYPT_DECRYPT";
constexpr std::string_view k_sign = "SIGN_VERIFY";
constexpr std::string_view k_mac = "GENERATE_VERIFY_MAC";

const std::vector<KeySpecInfo>& specs() {
  static const std::vector<KeySpecInfo> table = {
      {"RSA_2048", KeyFamily::rsa, 2048, "", {k_encrypt, k_sign}},
      {"RSA_3072", KeyFamily::rsa, 3072, "", {k_encrypt, k_sign}},
      {"RSA_4096", KeyFamily::rsa, 4096, "", {k_encrypt, k_sign}},
      {"ECC_NIST_P256", KeyFamily::ecc, 256, "P-256", {k_sign}},
      {"ECC_NIST_P384", KeyFamily::ecc, 384, "P-384", {k_sign}},
      {"ECC_NIST_P521", KeyFamily::ecc, 521, "P-521", {k_sign}},
      {"ECC_SECG_P256K1", KeyFamily::ecc, 256, "secp256k1", {k_sign}},
      {"SYMMETRIC_DEFAULT", KeyFamily::symmetric, 256, "", {k_encrypt}},
      {"HMAC_224", KeyFamily::hmac, 224, "", {k_mac}},
      {"HMAC_256", KeyFamily::hmac, 256, "", {k_mac}},
      {"HMAC_384", KeyFamily::hmac, 384, "", {k_mac}},
      {"HMAC_512", KeyFamily::hmac, 512, "", {k_mac}},
  };
  return table;
}

}  // namespace

const KeySpecInfo* find_key_spec(std::string_view name) {
  for (const auto& s : specs())
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string_view> key_spec_names() {
  std::vector<std::string_view> out;
  for (const auto& s : specs()) out.push_back(s.name);
  return out;
}

std::vector<std::string_view> key_pair_spec_names() {
  std::vector<std::string_view> out;
  for (const auto& s : specs())
    if (s.family == KeyFamily::rsa || s.family == KeyFamily::ecc) out.push_back(s.name);
  return out;
}

bool allows_usage(const KeySpecInfo& spec, std::string_view usage) {
  return std::find(spec.usages.begin(), spec.usages.end(), usage) != spec.usages.end();
}

std::vector<std::string_view> encryption_algorithms(const KeySpecInfo& spec,
                                                    std::string_view usage) {
  if (usage != k_encrypt) return {};
  if (spec.family == KeyFamily::symmetric) return {"SYMMETRIC_DEFAULT"};
  if (spec.family == KeyFamily::rsa) return {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"};
  return {};
}

std::vector<std::string_view> signing_algorithms(const KeySpecInfo& spec, std::string_view usage) {
  if (usage != k_sign) return {};
  if (spec.family == KeyFamily::rsa)
    return {"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
            "RSASSA_PSS_SHA_256",        "RSASSA_PSS_SHA_384",        "RSASSA_PSS_SHA_512"};
  if (spec.family == KeyFamily::ecc) {
    if (spec.name == "ECC_NIST_P384") return {"ECDSA_SHA_384"};
    if (spec.name == "ECC_NIST_P521") return {"ECDSA_SHA_512"};
    return {"ECDSA_SHA_256"};  // P-256 and secp256k1
  }
  return {};
}

std::vector<std::string_view> mac_algorithms(const KeySpecInfo& spec, std::string_view usage) {
  if (usage != k_mac || spec.family != KeyFamily::hmac) return {};
  switch (spec.bits) {
    case 224:
      return {"HMAC_SHA_224"};
    case 256:
      return {"HMAC_SHA_256"};
    case 384:
      return {"HMAC_SHA_384"};
    default:
      return {"HMAC_SHA_512"};
  }
}

}  // namespace kms
