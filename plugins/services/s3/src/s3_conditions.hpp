// HTTP preconditions as S3 applies them (RFC 7232 with S3's precedence rules).
#pragma once
#include <cloudemu/request.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "s3_records.hpp"

namespace s3 {

enum class ReadCondition { proceed, not_modified, failed };

struct ReadConditionResult {
  ReadCondition outcome = ReadCondition::proceed;
  std::string failed_header;  // for 412: the header that did not hold
};

/// GET/HEAD: If-Match and If-Unmodified-Since (412), If-None-Match and If-Modified-Since (304).
/// `prefix` is "" for the object itself or "x-amz-copy-source-" for a copy source (where a failed
/// condition of either kind is 412).
ReadConditionResult check_read_conditions(const ce::Request& req, const ObjectVersion& v,
                                          std::string_view prefix = "");

/// Throws the S3 error for a failed read condition (412 PreconditionFailed; 304 is the caller's).
void require_copy_source_conditions(const ce::Request& req, const ObjectVersion& v);

/// PutObject / CompleteMultipartUpload / CopyObject conditional writes: If-None-Match: * fails
/// (412) when the key exists; If-Match: "etag" fails (412) on another ETag and 404 NoSuchKey when
/// there is no object. `current` is the key's newest version (delete markers count as absent).
void check_write_conditions(const ce::Request& req, std::string_view key,
                            const std::optional<ObjectVersion>& current);

/// Compares an If-Match style list ("a", W/"b", *) with an ETag (no quotes).
bool etag_matches(std::string_view header, std::string_view etag);

}  // namespace s3
