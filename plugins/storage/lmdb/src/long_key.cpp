#include "long_key.hpp"

#include <openssl/sha.h>

#include <cstring>

namespace ce::lmdb {

std::string stored_key(std::string_view key) {
  if (!is_long_key(key)) return std::string(key);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  std::string out(key.substr(0, kInlineKeyMax));
  out.append(reinterpret_cast<const char*>(digest), kKeyHashSize);
  return out;
}

std::string encode_record(std::string_view key, std::string_view value) {
  std::string out;
  if (!is_long_key(key)) {
    out.reserve(1 + value.size());
    out.push_back(static_cast<char>(kPlainRecord));
  } else {
    out.reserve(5 + key.size() + value.size());
    out.push_back(static_cast<char>(kLongKeyRecord));
    const auto n = static_cast<std::uint32_t>(key.size());
    for (int shift = 0; shift < 32; shift += 8)
      out.push_back(static_cast<char>((n >> shift) & 0xff));
    out.append(key);
  }
  out.append(value);
  return out;
}

bool decode_record(std::string_view stored, std::string_view raw, Record* out) noexcept {
  if (raw.empty()) return false;
  const auto header = static_cast<std::uint8_t>(raw[0]);
  if (header == kPlainRecord) {
    *out = {stored, raw.substr(1)};
    return true;
  }
  if (header != kLongKeyRecord || raw.size() < 5) return false;
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n |= std::uint32_t{static_cast<std::uint8_t>(raw[1 + i])} << (8 * i);
  if (raw.size() - 5 < n) return false;
  *out = {raw.substr(5, n), raw.substr(5 + n)};
  return true;
}

}  // namespace ce::lmdb
