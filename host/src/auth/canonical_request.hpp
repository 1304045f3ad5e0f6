// SigV4 step 1: the canonical request, built from the request exactly as the client sent it.
// Spec: "Create a canonical request for Signature Version 4" (AWS General Reference, IAM user
// guide).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth_types.hpp"

namespace ce::host::auth {

/// RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) stay, everything else becomes %XX with
/// uppercase hex; '/' stays too when keep_slash (paths).
std::string uri_encode(std::string_view text, bool keep_slash);

/// %XX -> byte. A '%' not followed by two hex digits is kept literally; '+' is not a space (SigV4
/// clients encode spaces as %20).
std::string percent_decode(std::string_view text);

/// The raw query split into decoded (name, value) pairs in the order sent; "a" gives ("a", "").
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view raw_query);

/// First value of a header, case-insensitive name match.
std::optional<std::string_view> find_header(std::span<const HeaderView> headers,
                                            std::string_view name);

/// S3: the path as sent (already encoded once by the client; not normalised, not re-encoded).
/// Others: dot segments and empty segments removed, then every segment encoded again.
std::string canonical_uri(std::string_view raw_path, std::string_view service);

/// Pairs decoded, re-encoded, sorted by name then value, joined with '&'. X-Amz-Signature is left
/// out when `presigned` (it cannot sign itself).
std::string canonical_query(std::string_view raw_query, bool presigned);

/// "name:trimmed value\n" for each signed header in sorted order; repeated headers are joined with
/// ',' in the order received, and runs of whitespace inside a value fold to one space.
std::string canonical_headers(std::span<const HeaderView> headers,
                              const std::vector<std::string>& signed_headers);

/// The six lines, joined with '\n'.
std::string canonical_request(const RequestView& request, const ParsedAuth& auth,
                              std::string_view payload_hash);

}  // namespace ce::host::auth
