// The arithmetic of a completed upload: its ETag (MD5 of the parts' MD5s, then "-N"), composite
// and full-object checksums, and upload ids that sort by initiation.
#include <algorithm>
#include <atomic>
#include <random>

#include "s3_multipart.hpp"

namespace s3 {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> hex_to_raw(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]);
    const int lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

// ---- CRC combination ----
// CRCs are polynomials over GF(2) in the reflected bit order: the top bit of a `width`-bit word is
// x^0. Appending len2 bytes to A multiplies A's register by x^(8*len2) mod P; because init and
// xorout are both all ones, the conditioning cancels and crc(A||B) = crc(A)*x^(8*len2) ^ crc(B)
// (the identity zlib's crc32_combine uses).
struct CrcParams {
  uint64_t poly;  // reflected
  unsigned width;
};

CrcParams crc_params(ChecksumAlgorithm a) {
  switch (a) {
    case ChecksumAlgorithm::crc32:
      return {0xEDB88320ULL, 32};
    case ChecksumAlgorithm::crc32c:
      return {0x82F63B78ULL, 32};
    case ChecksumAlgorithm::crc64nvme:
      return {0x9A6C9329AC4BC9B5ULL, 64};
    default:
      return {0, 0};
  }
}

/// a * b mod P, reflected.
uint64_t mult_mod(uint64_t a, uint64_t b, const CrcParams& p) {
  const uint64_t top = 1ULL << (p.width - 1);
  uint64_t product = 0;
  for (uint64_t m = top; m != 0 && a != 0; m >>= 1) {
    if (a & m) {
      product ^= b;
      a &= ~m;
    }
    b = (b & 1) ? (b >> 1) ^ p.poly : b >> 1;
  }
  return product;
}

/// x^(8 * len) mod P: square-and-multiply over the bits of len, starting from x^8.
uint64_t x_pow_bytes(uint64_t len, const CrcParams& p) {
  const uint64_t top = 1ULL << (p.width - 1);
  uint64_t result = top;                                          // x^0
  uint64_t power = top >> 1;                                      // x^1
  for (int i = 0; i < 3; ++i) power = mult_mod(power, power, p);  // x^8
  for (; len != 0; len >>= 1) {
    if (len & 1) result = mult_mod(power, result, p);
    power = mult_mod(power, power, p);
  }
  return result;
}

uint64_t from_big_endian(std::string_view raw) {
  uint64_t v = 0;
  for (const char c : raw) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

std::string to_big_endian(uint64_t v, std::size_t bytes) {
  std::string out(bytes, '\0');
  for (std::size_t i = 0; i < bytes; ++i)
    out[bytes - 1 - i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

}  // namespace

std::optional<std::string> multipart_etag(const std::vector<std::string>& part_etags) {
  std::string concat;
  concat.reserve(part_etags.size() * 16);
  for (const auto& etag : part_etags) {
    if (etag.size() != 32) return std::nullopt;
    const auto raw = hex_to_raw(etag);
    if (!raw) return std::nullopt;
    concat += *raw;
  }
  return to_hex(md5_raw(concat)) + "-" + std::to_string(part_etags.size());
}

uint64_t crc_combine(ChecksumAlgorithm a, uint64_t crc1, uint64_t crc2, uint64_t len2) {
  const CrcParams p = crc_params(a);
  if (p.width == 0) return 0;
  return mult_mod(x_pow_bytes(len2, p), crc1, p) ^ crc2;
}

std::string combine_checksums(ChecksumAlgorithm a, bool full_object,
                              const std::vector<std::string>& raw_digests,
                              const std::vector<uint64_t>& sizes) {
  if (!full_object) {
    Hasher h(a);
    for (const auto& d : raw_digests) h.update(d);
    return base64_encode(h.digest()) + "-" + std::to_string(raw_digests.size());
  }
  uint64_t crc = 0;
  for (std::size_t i = 0; i < raw_digests.size(); ++i) {
    const uint64_t part = from_big_endian(raw_digests[i]);
    crc = i == 0 ? part : crc_combine(a, crc, part, sizes[i]);
  }
  return base64_encode(to_big_endian(crc, checksum_size(a)));
}

std::string checksum_element(std::string_view algorithm) {
  return "Checksum" + std::string(algorithm);
}

std::string new_upload_id(int64_t now_ms) {
  // 48 bits of milliseconds and a 16-bit counter, kept strictly increasing in this process.
  static std::atomic<uint64_t> last{0};
  const uint64_t base = static_cast<uint64_t>(std::max<int64_t>(now_ms, 0)) << 16;
  uint64_t prev = last.load();
  uint64_t seq = 0;
  do {
    seq = std::max(base, prev + 1);
  } while (!last.compare_exchange_weak(prev, seq));

  static constexpr char k_hex[] = "0123456789abcdef";
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string id;
  id.reserve(16 + 64);
  for (int shift = 60; shift >= 0; shift -= 4) id.push_back(k_hex[(seq >> shift) & 0xF]);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof k_alphabet - 2);
  for (int i = 0; i < 64; ++i) id.push_back(k_alphabet[pick(rng)]);
  return id;
}

}  // namespace s3
