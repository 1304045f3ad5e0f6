// Checks the signature chain of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] body: each chunk
// is signed over the previous signature (the first over the request's own, the "seed"), and the
// trailer over the final chunk's. Plugs into ce::aws_chunked::Decoder as its SignatureCheck.
#pragma once
#include <cloudemu/aws_chunked.hpp>
#include <string>

#include "auth_types.hpp"
#include "crypto.hpp"

namespace ce::host::auth {

class ChunkSignatureVerifier final : public ce::aws_chunked::SignatureCheck {
 public:
  /// `key` is the request's signing key, `seed_signature` the signature verify() accepted.
  ChunkSignatureVerifier(const Digest& key, std::string amz_date, std::string scope,
                         std::string seed_signature);

  void chunk_data(std::string_view bytes) override;
  bool chunk_end(std::string_view signature) override;
  bool trailers_end(std::span<const ce::aws_chunked::Trailer> trailers,
                    std::string_view signature) override;

  /// How many chunk signatures matched so far (the tests pin the documented 3-chunk example).
  std::size_t chunks_verified() const { return chunks_verified_; }

 private:
  Digest key_;
  std::string amz_date_;
  std::string scope_;
  std::string previous_;  // the signature the next chunk must chain from
  Sha256Stream chunk_hash_;
  std::size_t chunks_verified_ = 0;
};

/// "name:value\n" per trailer, names sorted — the form the trailer signature covers.
std::string canonical_trailers(std::span<const ce::aws_chunked::Trailer> trailers);

}  // namespace ce::host::auth
