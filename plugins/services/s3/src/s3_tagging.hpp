// Bucket and object tagging: the Tagging document and S3's tag rules.
#pragma once
#include <string>
#include <string_view>

#include "s3_records.hpp"

namespace s3 {

enum class TagScope { bucket, object };

/// S3's rules: at most 50 tags on a bucket and 10 on an object, keys of 1..128 and values of at
/// most 256 characters (Unicode characters, not bytes), unique keys, no "aws:" prefix. Throws
/// InvalidTag (BadRequest for too many object tags, as S3 answers).
void validate_tags(const Tags& tags, TagScope scope);
/// A <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging> body, validated.
Tags parse_tagging(std::string_view body, TagScope scope);
/// The same document, for GET answers (with xmlns, without the XML declaration).
std::string render_tagging(const Tags& tags);

}  // namespace s3
