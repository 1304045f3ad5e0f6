// General-purpose bucket naming rules (S3 user guide, "Bucket naming rules").
#pragma once
#include <string_view>

namespace s3 {

/// 3-63 characters of a-z, 0-9, '.', '-'; starts and ends with a letter or digit; no "..",
/// not an IPv4 address; none of the reserved prefixes and suffixes.
bool valid_bucket_name(std::string_view name);

}  // namespace s3
