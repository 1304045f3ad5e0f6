// Timestamps as S3 writes them: ISO 8601 with milliseconds in XML, RFC 1123 in headers.
#pragma once
#include <cloudemu/timestamp.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s3 {

using ce::http_date;  // "Wed, 02 Dec 2026 01:02:03 GMT"
using ce::iso8601;    // "2026-12-02T01:02:03.000Z"
/// Parses an HTTP date (RFC 1123, RFC 850 or asctime) or ISO 8601; nullopt when invalid.
std::optional<int64_t> parse_http_date(std::string_view text);

}  // namespace s3
