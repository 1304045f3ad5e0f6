// Where the bucket and key of a request are: virtual-hosted style (bucket.s3.<domain>,
// bucket.localhost) or path style (/bucket/key). Keys are decoded names, never paths.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace s3 {

struct Address {
  std::string bucket;
  std::string key;
  bool has_key = false;
};

/// The bucket named by a Host header (port ignored), or nullopt for path-style hosts.
std::optional<std::string> bucket_from_host(std::string_view host);

/// Splits a request into bucket and key. `raw_path` is still percent-encoded. nullopt when the
/// path's escapes are malformed (InvalidURI).
std::optional<Address> parse_address(std::string_view host, std::string_view raw_path);

}  // namespace s3
