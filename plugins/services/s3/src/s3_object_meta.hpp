// What a write request says about the object besides its bytes: system headers to store and
// return (Content-Type, Cache-Control, ...), x-amz-meta-*, storage class, tags, SSE, object lock.
// Shared by PutObject, CopyObject (REPLACE), CreateMultipartUpload and POST uploads.
#pragma once
#include <cloudemu/request.hpp>
#include <map>
#include <string>

#include "s3_records.hpp"

namespace s3 {

struct ObjectAttributes {
  std::map<std::string, std::string> metadata;
  std::map<std::string, std::string> headers;
  std::string storage_class = "STANDARD";
  Tags tags;
  bool tags_given = false;
  std::string lock_mode;
  int64_t lock_until_ms = 0;
  bool legal_hold = false;
  bool legal_hold_set = false;  // x-amz-object-lock-legal-hold was sent
  std::string acl;  // rendered AccessControlPolicy from x-amz-acl / x-amz-grant-*, "" = default

  /// Copies the attributes into a version (headers, metadata, class, tags, lock fields).
  void apply_to(ObjectVersion& v) const;
};

/// Reads and validates the attributes a PutObject-style request carries (MetadataTooLarge,
/// InvalidStorageClass, InvalidTag, InvalidArgument for lock headers, ACL headers...). `bucket`
/// decides whether ACLs and object lock headers are allowed and the default retention, which
/// runs from `now_ms`.
ObjectAttributes read_object_attributes(const ce::Request& req, const BucketRecord& bucket,
                                        int64_t now_ms);

/// Parses an x-amz-tagging header or a form-encoded tag set ("k1=v1&k2=v2") and validates it
/// as S3 does for object tags (at most 10, key <= 128, value <= 256, unique keys).
Tags parse_tagging_header(std::string_view text);

}  // namespace s3
