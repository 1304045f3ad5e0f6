// The symmetric ciphertext blob (layout in kms_ciphertext.hpp).
#include "kms_ciphertext.hpp"

#include "kms_bytes.hpp"
#include "kms_crypto.hpp"

namespace kms {

namespace {

constexpr std::string_view k_magic = "CEK";
constexpr uint8_t k_format_version = 1;

void put_u32(std::string& out, uint32_t v) {
  out += char((v >> 24) & 0xff);
  out += char((v >> 16) & 0xff);
  out += char((v >> 8) & 0xff);
  out += char(v & 0xff);
}

uint32_t get_u32(std::string_view in) {
  return (uint32_t(uint8_t(in[0])) << 24) | (uint32_t(uint8_t(in[1])) << 16) |
         (uint32_t(uint8_t(in[2])) << 8) | uint32_t(uint8_t(in[3]));
}

}  // namespace

std::string ciphertext_header(std::string_view key_id, uint32_t material_version) {
  std::string out(k_magic);
  out += char(k_format_version);
  out += char(key_id.size());
  out += key_id;
  put_u32(out, material_version);
  return out;
}

std::string encode_ciphertext(const SymmetricCiphertext& c) {
  std::string out = ciphertext_header(c.key_id, c.material_version);
  out += c.iv;
  out += c.tag;
  out += c.body;
  return out;
}

std::optional<SymmetricCiphertext> parse_ciphertext(std::string_view blob) {
  if (blob.size() < 5 || blob.substr(0, 3) != k_magic || uint8_t(blob[3]) != k_format_version)
    return std::nullopt;
  const std::size_t id_len = uint8_t(blob[4]);
  if (id_len == 0 || id_len > k_max_key_id_bytes) return std::nullopt;
  const std::size_t fixed = 5 + id_len + 4 + k_gcm_iv_bytes + k_gcm_tag_bytes;
  if (blob.size() < fixed) return std::nullopt;
  SymmetricCiphertext c;
  c.key_id = std::string(blob.substr(5, id_len));
  for (const char ch : c.key_id)
    if (ch < 0x21 || ch > 0x7e) return std::nullopt;
  std::size_t at = 5 + id_len;
  c.material_version = get_u32(blob.substr(at, 4));
  at += 4;
  c.iv = std::string(blob.substr(at, k_gcm_iv_bytes));
  at += k_gcm_iv_bytes;
  c.tag = std::string(blob.substr(at, k_gcm_tag_bytes));
  at += k_gcm_tag_bytes;
  c.body = std::string(blob.substr(at));
  return c;
}

std::string canonical_context(const EncryptionContext& context) {
  std::string out;
  for (const auto& [k, v] : context) {
    put_u32(out, static_cast<uint32_t>(k.size()));
    out += k;
    put_u32(out, static_cast<uint32_t>(v.size()));
    out += v;
  }
  return out;
}

std::string encrypt_symmetric(std::string_view key_id, uint32_t material_version,
                              std::string_view aes_key, const EncryptionContext& context,
                              std::string_view plaintext) {
  SymmetricCiphertext c;
  c.key_id = std::string(key_id);
  c.material_version = material_version;
  c.iv = random_bytes(k_gcm_iv_bytes);
  const std::string aad = ciphertext_header(key_id, material_version) + canonical_context(context);
  c.body = aes_gcm_encrypt(aes_key, c.iv, aad, plaintext, c.tag);
  return encode_ciphertext(c);
}

std::optional<std::string> decrypt_symmetric(const SymmetricCiphertext& c, std::string_view aes_key,
                                             const EncryptionContext& context) {
  const std::string aad =
      ciphertext_header(c.key_id, c.material_version) + canonical_context(context);
  return aes_gcm_decrypt(aes_key, c.iv, aad, c.body, c.tag);
}

}  // namespace kms
