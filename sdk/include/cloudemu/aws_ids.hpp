// AWS identifiers that carry their account: access key ids (AKIA... long-term, ASIA... temporary)
// and the unique ids of IAM entities (AIDA users, AROA roles, ...). One codec for the host (the
// account of a request) and the STS and IAM plugins (the keys they issue), see docs/sts.md.
//
// Layout, as STS GetAccessKeyInfo decodes real keys: a 4-letter prefix, then base32 (alphabet
// A-Z2-7) of 10 bytes. Read the first 6 bytes as a 48-bit big-endian number: its top bit marks a
// key of the current generation, the next 40 bits are the account id, the rest is random. Keys of
// the old generation (top bit 0, AWS's documentation example AKIAIOSFODNN7EXAMPLE among them)
// carry no account.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace ce {

inline constexpr std::string_view k_base32_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/// The account of requests whose key id says nothing (LocalStack's default account).
inline constexpr std::string_view k_default_account = "000000000000";

namespace detail {

inline std::mt19937_64& id_random() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

inline int base32_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace detail

/// Random bytes for ids and secrets. Not a CSPRNG: these credentials guard nothing real.
inline std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(detail::id_random()() & 0xFF);
  return out;
}

/// `n` characters drawn from `alphabet`.
inline std::string random_text(std::size_t n, std::string_view alphabet) {
  std::string out(n, '\0');
  for (auto& c : out) c = alphabet[detail::id_random()() % alphabet.size()];
  return out;
}

/// A 12-digit account id as a number; nullopt when `account` is not exactly 12 digits.
inline std::optional<uint64_t> parse_account_id(std::string_view account) {
  if (account.size() != 12) return std::nullopt;
  uint64_t v = 0;
  for (const char c : account) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

/// "<prefix>" + 16 base32 characters encoding `account` (a 12-digit id; anything else encodes
/// 000000000000), then `extra_chars` random base32 characters (IAM unique ids have 21 characters
/// in all: pass 1).
inline std::string make_aws_id(std::string_view prefix, std::string_view account,
                               std::size_t extra_chars = 0) {
  const uint64_t number = parse_account_id(account).value_or(0);
  std::array<uint8_t, 10> bytes{};
  const std::string noise = random_bytes(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(noise[i]);
  const uint64_t head = (uint64_t{1} << 47) | (number << 7) | (bytes[5] & 0x7Fu);
  for (int i = 0; i < 6; ++i) bytes[static_cast<std::size_t>(i)] = (head >> (40 - 8 * i)) & 0xFF;
  std::string out(prefix);
  uint32_t buffer = 0;
  int bits = 0;
  for (const uint8_t b : bytes) {  // 80 bits: exactly 16 characters, no padding
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += k_base32_alphabet[(buffer >> (bits - 5)) & 0x1F];
      bits -= 5;
    }
  }
  out += random_text(extra_chars, k_base32_alphabet);
  return out;
}

/// The account an id made by make_aws_id (or by AWS, current generation) encodes: the 16
/// characters after the 4-letter prefix are decoded, trailing characters ignored. nullopt for ids
/// too short, not base32, of the old generation, or decoding past 999999999999.
inline std::optional<std::string> account_from_aws_id(std::string_view id) {
  if (id.size() < 20) return std::nullopt;
  uint64_t head = 0;  // the first 6 bytes = the first 48 bits = characters 4..13 (50 bits)
  for (std::size_t i = 4; i < 20; ++i) {
    if (detail::base32_value(id[i]) < 0) return std::nullopt;
  }
  for (std::size_t i = 4; i < 14; ++i)
    head = (head << 5) | static_cast<uint64_t>(detail::base32_value(id[i]));
  head >>= 2;  // 50 bits read, 48 wanted
  if ((head >> 47) == 0) return std::nullopt;
  const uint64_t number = (head >> 7) & ((uint64_t{1} << 40) - 1);
  if (number > 999'999'999'999ULL) return std::nullopt;
  std::string digits = std::to_string(number);
  return std::string(12 - digits.size(), '0') + digits;
}

/// The account a request acts in, from its access key id: a 12-digit id *is* that account
/// (LocalStack's convention, so tests can address several accounts); an AKIA/ASIA id of the
/// current generation carries its account (the keys IAM and STS issue here, and real AWS keys);
/// anything else is 000000000000.
inline std::string account_for_access_key(std::string_view id) {
  if (parse_account_id(id)) return std::string(id);
  if (id.size() == 20 && (id.starts_with("AKIA") || id.starts_with("ASIA"))) {
    if (auto account = account_from_aws_id(id)) return *account;
  }
  return std::string(k_default_account);
}

}  // namespace ce
