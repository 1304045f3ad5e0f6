// SHA-256 and HMAC-SHA256 over OpenSSL, hex encoding and a constant-time compare: the primitives
// every SigV4 step is built from. Kept apart so the canonicalisation code stays OpenSSL-free.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace ce::host::auth {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
Digest hmac_sha256(std::string_view key, std::string_view data);
std::string to_hex(const Digest& digest);

/// Lowercase hex of SHA-256("") — the hash AWS uses for an empty payload and in chunk strings.
inline constexpr std::string_view kEmptySha256Hex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// True when both strings are equal, in time independent of where they differ (CRYPTO_memcmp), so
/// a client cannot learn a signature byte by byte from response timing.
bool constant_time_equal(std::string_view a, std::string_view b);

/// Incremental SHA-256, for chunk payloads that arrive in pieces.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  // Movable so a chunk verifier can live in an optional or a request's state.
  Sha256Stream(Sha256Stream&& other) noexcept : ctx_(other.ctx_) { other.ctx_ = nullptr; }
  Sha256Stream& operator=(Sha256Stream&& other) noexcept {
    std::swap(ctx_, other.ctx_);
    return *this;
  }
  void update(std::string_view data);
  /// Returns the hex digest and resets, ready for the next chunk.
  std::string finish_hex();

 private:
  void* ctx_;  // EVP_MD_CTX*, opaque here so the header does not pull in OpenSSL
};

}  // namespace ce::host::auth
