#include "chunk_signature.hpp"

#include <algorithm>
#include <vector>

#include "signing.hpp"

namespace ce::host::auth {

ChunkSignatureVerifier::ChunkSignatureVerifier(const Digest& key, std::string amz_date,
                                               std::string scope, std::string seed_signature)
    : key_(key),
      amz_date_(std::move(amz_date)),
      scope_(std::move(scope)),
      previous_(std::move(seed_signature)) {}

void ChunkSignatureVerifier::chunk_data(std::string_view bytes) {
  chunk_hash_.update(bytes);
}

bool ChunkSignatureVerifier::chunk_end(std::string_view signature) {
  const std::string expected =
      sign(key_, chunk_string_to_sign(amz_date_, scope_, previous_, chunk_hash_.finish_hex()));
  if (!constant_time_equal(expected, signature)) return false;
  previous_ = expected;
  ++chunks_verified_;
  return true;
}

bool ChunkSignatureVerifier::trailers_end(std::span<const ce::aws_chunked::Trailer> trailers,
                                          std::string_view signature) {
  const std::string expected = sign(
      key_, trailer_string_to_sign(amz_date_, scope_, previous_, canonical_trailers(trailers)));
  return constant_time_equal(expected, signature);
}

std::string canonical_trailers(std::span<const ce::aws_chunked::Trailer> trailers) {
  std::vector<const ce::aws_chunked::Trailer*> sorted;
  for (const auto& t : trailers) sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  for (const auto* t : sorted) {
    out += t->first;
    out += ':';
    out += t->second;
    out += '\n';
  }
  return out;
}

}  // namespace ce::host::auth
