// Digest implementations: OpenSSL EVP for MD5/SHA, ISA-L for CRC32/CRC32C, a table for CRC64NVME.
#include "s3_checksum.hpp"

#include <isa-l/crc.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <climits>
#include <stdexcept>

namespace s3 {

namespace {

// CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones.
constexpr std::array<uint64_t, 256> make_crc64nvme_table() {
  std::array<uint64_t, 256> t{};
  for (uint64_t i = 0; i < 256; ++i) {
    uint64_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x9A6C9329AC4BC9B5ULL : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr auto k_crc64nvme_table = make_crc64nvme_table();

// ISA-L takes an int length: feed big inputs in slices.
template <typename Fn>
void in_slices(std::string_view data, Fn&& fn) {
  constexpr std::size_t k_slice = 1u << 30;
  while (!data.empty()) {
    const std::size_t n = std::min(data.size(), k_slice);
    fn(reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(n));
    data.remove_prefix(n);
  }
}

std::string big_endian(uint64_t v, std::size_t bytes) {
  std::string out(bytes, '\0');
  for (std::size_t i = 0; i < bytes; ++i)
    out[bytes - 1 - i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
}

}  // namespace

uint32_t crc32(uint32_t crc, std::string_view data) {
  in_slices(data, [&](const unsigned char* p, int n) {
    crc = crc32_gzip_refl(crc, const_cast<unsigned char*>(p), static_cast<uint64_t>(n));
  });
  return crc;
}

uint32_t crc32c(uint32_t crc, std::string_view data) {
  // crc32_iscsi neither pre- nor post-inverts: do both here so the function chains like crc32.
  uint32_t c = ~crc;
  in_slices(data, [&](const unsigned char* p, int n) {
    c = crc32_iscsi(const_cast<unsigned char*>(p), n, c);
  });
  return ~c;
}

uint64_t crc64nvme(uint64_t crc, std::string_view data) {
  uint64_t c = ~crc;
  for (const char ch : data)
    c = k_crc64nvme_table[(c ^ static_cast<uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return ~c;
}

std::optional<ChecksumAlgorithm> parse_checksum_algorithm(std::string_view name) {
  std::string u;
  for (char c : name) u += upper(c);
  if (u == "CRC32") return ChecksumAlgorithm::crc32;
  if (u == "CRC32C") return ChecksumAlgorithm::crc32c;
  if (u == "CRC64NVME") return ChecksumAlgorithm::crc64nvme;
  if (u == "SHA1") return ChecksumAlgorithm::sha1;
  if (u == "SHA256") return ChecksumAlgorithm::sha256;
  return std::nullopt;
}

std::string_view checksum_name(ChecksumAlgorithm a) {
  switch (a) {
    case ChecksumAlgorithm::crc32:
      return "CRC32";
    case ChecksumAlgorithm::crc32c:
      return "CRC32C";
    case ChecksumAlgorithm::crc64nvme:
      return "CRC64NVME";
    case ChecksumAlgorithm::sha1:
      return "SHA1";
    case ChecksumAlgorithm::sha256:
      return "SHA256";
  }
  return "CRC32";
}

std::string checksum_header(ChecksumAlgorithm a) {
  std::string h = "x-amz-checksum-";
  for (char c : checksum_name(a)) h += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return h;
}

std::size_t checksum_size(ChecksumAlgorithm a) {
  switch (a) {
    case ChecksumAlgorithm::crc32:
    case ChecksumAlgorithm::crc32c:
      return 4;
    case ChecksumAlgorithm::crc64nvme:
      return 8;
    case ChecksumAlgorithm::sha1:
      return 20;
    case ChecksumAlgorithm::sha256:
      return 32;
  }
  return 0;
}

namespace detail {  // named, not anonymous: Hasher::Evp and Md5::Evp derive from it
struct EvpDigest {
  EVP_MD_CTX* ctx = nullptr;
  explicit EvpDigest(const EVP_MD* md) : ctx(EVP_MD_CTX_new()) {
    if (ctx == nullptr || EVP_DigestInit_ex(ctx, md, nullptr) != 1)
      throw std::runtime_error("digest init failed");
  }
  ~EvpDigest() { EVP_MD_CTX_free(ctx); }
  EvpDigest(const EvpDigest&) = delete;
  EvpDigest& operator=(const EvpDigest&) = delete;
  std::string final() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(ctx, out, &n) != 1) throw std::runtime_error("digest final failed");
    return std::string(reinterpret_cast<const char*>(out), n);
  }
};
}  // namespace detail

struct Hasher::Evp : detail::EvpDigest {
  using EvpDigest::EvpDigest;
};

Hasher::Hasher(ChecksumAlgorithm a) : algo_(a) {
  if (a == ChecksumAlgorithm::sha1) evp_ = std::make_unique<Evp>(EVP_sha1());
  if (a == ChecksumAlgorithm::sha256) evp_ = std::make_unique<Evp>(EVP_sha256());
}
Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::update(std::string_view data) {
  switch (algo_) {
    case ChecksumAlgorithm::crc32:
      crc_ = crc32(static_cast<uint32_t>(crc_), data);
      break;
    case ChecksumAlgorithm::crc32c:
      crc_ = crc32c(static_cast<uint32_t>(crc_), data);
      break;
    case ChecksumAlgorithm::crc64nvme:
      crc_ = crc64nvme(crc_, data);
      break;
    case ChecksumAlgorithm::sha1:
    case ChecksumAlgorithm::sha256:
      if (EVP_DigestUpdate(evp_->ctx, data.data(), data.size()) != 1)
        throw std::runtime_error("digest update failed");
      break;
  }
}

std::string Hasher::digest() {
  if (evp_) return evp_->final();
  return big_endian(crc_, checksum_size(algo_));
}

struct Md5::Evp : detail::EvpDigest {
  Evp() : EvpDigest(EVP_md5()) {}
};
Md5::Md5() : evp_(std::make_unique<Evp>()) {}
Md5::~Md5() = default;
void Md5::update(std::string_view data) {
  if (EVP_DigestUpdate(evp_->ctx, data.data(), data.size()) != 1)
    throw std::runtime_error("md5 update failed");
}
std::string Md5::digest() {
  return evp_->final();
}

std::string md5_raw(std::string_view data) {
  Md5 m;
  m.update(data);
  return m.digest();
}

std::string to_hex(std::string_view raw) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (const char c : raw) {
    const auto b = static_cast<uint8_t>(c);
    out += k_hex[b >> 4];
    out += k_hex[b & 0xF];
  }
  return out;
}

std::string base64_encode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(raw.data()),
                                static_cast<int>(raw.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > INT_MAX) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t len = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts padding as zero bytes: drop them.
  if (text.back() == '=') --len;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --len;
  out.resize(len);
  // Canonical form only: re-encoding must give the same text.
  if (base64_encode(out) != text) return std::nullopt;
  return out;
}

}  // namespace s3
