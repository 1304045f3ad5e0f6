// Storage-key decoding and version ids (see s3_records.hpp).
#include "s3_records.hpp"

#include <cstdio>

namespace s3 {

std::pair<std::string, uint64_t> decode_version_key(std::string_view storage_key) {
  ce::KeyReader r(storage_key);
  r.str();  // bucket
  std::string key = r.str();
  const uint64_t seq = ~r.u64();
  return {std::move(key), seq};
}

namespace {
// splitmix64: spreads the sequence over the id's second half so ids do not look sequential
// (clients must treat them as opaque, as with S3's).
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

std::string version_id_for(uint64_t seq) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(seq),
                static_cast<unsigned long long>(mix(seq)));
  return buf;
}

std::optional<uint64_t> seq_of_version_id(std::string_view id) {
  if (id.size() != 32) return std::nullopt;
  uint64_t seq = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = id[i];
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (d < 0) return std::nullopt;
    seq = seq * 16 + static_cast<uint64_t>(d);
  }
  if (version_id_for(seq) != id) return std::nullopt;
  return seq;
}

}  // namespace s3
