// The POST policy of a browser upload (S3 API "POST Policy", SigV4 user guide "Creating a POST
// policy"): a base64 JSON document with an expiration and conditions every form field must meet.
// Only the document is checked here; its signature cannot be (see s3_post_object.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3 {

/// The form fields that came before the file, names lowercased (S3 matches field names without
/// regard to case), in order; the first of a repeated name is the one used.
struct PostForm {
  std::vector<std::pair<std::string, std::string>> fields;

  const std::string* find(std::string_view lower_name) const {
    for (const auto& [k, v] : fields)
      if (k == lower_name) return &v;
    return nullptr;
  }
};

/// The object sizes a policy allows (content-length-range; several ranges intersect).
struct SizeRange {
  uint64_t min = 0;
  uint64_t max = UINT64_MAX;
};

/// Decodes and checks the policy against the form, in S3's order: InvalidPolicyDocument (400)
/// for a document that is not one, then AccessDenied (403) "Invalid according to Policy: ..."
/// for an expired policy, a failed condition, or a field no condition covers. `bucket` is the
/// bucket of the request (what a "bucket" condition compares). Returns the allowed sizes, which
/// only the file's length can be held against.
SizeRange check_post_policy(std::string_view policy_base64, const PostForm& form,
                            std::string_view bucket, int64_t now_ms);

}  // namespace s3
