// The Range header of GetObject: one byte range (S3 serves no multipart/byteranges).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace s3 {

struct ByteRange {
  uint64_t first = 0;
  uint64_t length = 0;
};

enum class RangeParse { none, ok, unsatisfiable };

/// Parses "bytes=a-b", "bytes=a-", "bytes=-n" against an object of `size` bytes. A header that
/// is not a single valid byte range is ignored (none: serve the whole object), as S3 does.
RangeParse parse_range(std::string_view header, uint64_t size, ByteRange& out);

}  // namespace s3
