// x-amz-copy-source of CopyObject and UploadPartCopy: "[/]bucket/key[?versionId=id]",
// URL-encoded. Resolving it checks the source bucket, version and x-amz-copy-source-if-*.
#pragma once
#include <optional>
#include <string>

#include "s3_ops.hpp"
#include "s3_records.hpp"

namespace s3 {

struct CopySource {
  std::string bucket;
  std::string key;
  std::optional<std::string> version_id;
  ObjectVersion version;          // the resolved source
  bool bucket_versioned = false;  // send x-amz-copy-source-version-id
};

/// Parses the header and resolves the source (NoSuchBucket, NoSuchKey, NoSuchVersion, the
/// delete-marker and precondition errors), all in one read transaction.
CopySource resolve_copy_source(Call& call);

}  // namespace s3
