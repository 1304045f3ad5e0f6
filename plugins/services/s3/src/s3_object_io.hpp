// Serving stored object bytes: the headers S3 sends for an object version and the body, streamed
// from inline bytes or blob segments, whole or a range.
#pragma once
#include <cstdint>
#include <functional>
#include <string_view>

#include "s3_ops.hpp"
#include "s3_records.hpp"

namespace s3 {

/// Calls sink with the bytes [offset, offset + length) of v, in pieces, opening each segment's
/// blob at the right place. sink returns false to stop early (client gone).
void read_object_data(const ce::ServiceContext& ctx, const ObjectVersion& v, uint64_t offset,
                      uint64_t length, const std::function<bool(std::string_view)>& sink);

/// ETag in quotes, as S3 sends it in headers and XML.
inline std::string quoted_etag(const std::string& etag) {
  return "\"" + etag + "\"";
}

/// Headers shared by GetObject and HeadObject: ETag, Last-Modified, the stored standard headers,
/// x-amz-meta-*, x-amz-version-id (when the bucket has ever been versioned), storage class,
/// checksum (when checksum mode is enabled), tag count, object lock fields, parts count.
void write_object_headers(Call& call, const ObjectVersion& v, bool checksum_mode,
                          bool versioned_bucket);

}  // namespace s3
