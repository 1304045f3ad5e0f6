// What each KeySpec is: its family, size, the key usages it allows and the algorithms each usage
// offers (AWS "Key spec reference"). One table answers CreateKey's validation, KeyMetadata's
// algorithm lists, GetPublicKey and the Sign/Encrypt/GenerateMac algorithm checks.
#pragma once
#include <cloudemu/protocol/json_input.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kms {

enum class KeyFamily { symmetric, rsa, ecc, hmac };

struct KeySpecInfo {
  std::string_view name;  // "RSA_2048"
  KeyFamily family;
  int bits;                // RSA modulus bits; HMAC and AES key bits; ECC field bits
  std::string_view curve;  // OpenSSL group name for ECC keys ("P-256"), else ""
  std::vector<std::string_view> usages;
};

const KeySpecInfo* find_key_spec(std::string_view name);
/// Every key spec this plugin creates, in the model's order (for enum validation messages).
std::vector<std::string_view> key_spec_names();
/// The key pair specs of GenerateDataKeyPair (the asymmetric key specs).
std::vector<std::string_view> key_pair_spec_names();

bool allows_usage(const KeySpecInfo& spec, std::string_view usage);
/// EncryptionAlgorithms of an ENCRYPT_DECRYPT key of this spec (empty for other usages).
std::vector<std::string_view> encryption_algorithms(const KeySpecInfo& spec,
                                                    std::string_view usage);
/// SigningAlgorithms of a SIGN_VERIFY key of this spec.
std::vector<std::string_view> signing_algorithms(const KeySpecInfo& spec, std::string_view usage);
/// MacAlgorithms of a GENERATE_VERIFY_MAC key of this spec.
std::vector<std::string_view> mac_algorithms(const KeySpecInfo& spec, std::string_view usage);

using ce::json_input::bracket_list;

}  // namespace kms
