// The digests S3 computes over object bytes: MD5 (the ETag, Content-MD5) and the five additional
// checksum algorithms (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), streamed as the body arrives.
// CRC32 and CRC32C come from Intel's ISA-L (hardware accelerated); CRC64/NVME has no Debian
// library, so it is a table-driven loop here (docs/s3.md says why).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace s3 {

enum class ChecksumAlgorithm : uint8_t { crc32, crc32c, crc64nvme, sha1, sha256 };

/// "CRC32" -> crc32 ... (case-insensitive); nullopt for anything else.
std::optional<ChecksumAlgorithm> parse_checksum_algorithm(std::string_view name);
/// "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256".
std::string_view checksum_name(ChecksumAlgorithm a);
/// "x-amz-checksum-crc32" ...
std::string checksum_header(ChecksumAlgorithm a);
/// Raw digest length in bytes (4, 4, 8, 20, 32).
std::size_t checksum_size(ChecksumAlgorithm a);

class Hasher {
 public:
  explicit Hasher(ChecksumAlgorithm a);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  void update(std::string_view data);
  /// The raw digest (big-endian for CRCs, as S3 base64-encodes them). Call once.
  std::string digest();
  ChecksumAlgorithm algorithm() const noexcept { return algo_; }

 private:
  ChecksumAlgorithm algo_;
  uint64_t crc_ = 0;
  struct Evp;
  std::unique_ptr<Evp> evp_;
};

/// Streaming MD5 (ETags, Content-MD5).
class Md5 {
 public:
  Md5();
  ~Md5();
  void update(std::string_view data);
  std::string digest();  // 16 raw bytes; call once
 private:
  struct Evp;
  std::unique_ptr<Evp> evp_;
};

std::string md5_raw(std::string_view data);
std::string to_hex(std::string_view raw);
std::string base64_encode(std::string_view raw);
/// nullopt when `text` is not canonical base64.
std::optional<std::string> base64_decode(std::string_view text);

// Pure CRC primitives (exposed for tests and for composite arithmetic).
uint32_t crc32(uint32_t crc, std::string_view data);
uint32_t crc32c(uint32_t crc, std::string_view data);
uint64_t crc64nvme(uint64_t crc, std::string_view data);

}  // namespace s3
