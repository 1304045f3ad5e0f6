// Request -> AWS operation name: method, level and the subresource query parameter, as in the
// S3 API reference's request syntax of each operation. The first listed parameter present wins.
#include <array>

#include "s3_ops.hpp"

namespace s3 {

namespace {

struct Sub {
  std::string_view param;
  std::string_view operation;
};

// Bucket configuration subresources, shared by GET/PUT/DELETE with a method prefix.
struct ConfigSub {
  std::string_view param;
  std::string_view get, put, del;  // "" = that method is not an operation of the subresource
};
constexpr std::array k_bucket_configs = {
    ConfigSub{"cors", "GetBucketCors", "PutBucketCors", "DeleteBucketCors"},
    ConfigSub{"lifecycle", "GetBucketLifecycleConfiguration", "PutBucketLifecycleConfiguration",
              "DeleteBucketLifecycle"},
    ConfigSub{"policyStatus", "GetBucketPolicyStatus", "", ""},
    ConfigSub{"policy", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy"},
    ConfigSub{"encryption", "GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption"},
    ConfigSub{"tagging", "GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging"},
    ConfigSub{"acl", "GetBucketAcl", "PutBucketAcl", ""},
    ConfigSub{"ownershipControls", "GetBucketOwnershipControls", "PutBucketOwnershipControls",
              "DeleteBucketOwnershipControls"},
    ConfigSub{"publicAccessBlock", "GetPublicAccessBlock", "PutPublicAccessBlock",
              "DeletePublicAccessBlock"},
    ConfigSub{"object-lock", "GetObjectLockConfiguration", "PutObjectLockConfiguration", ""},
    ConfigSub{"website", "GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite"},
    ConfigSub{"logging", "GetBucketLogging", "PutBucketLogging", ""},
    ConfigSub{"accelerate", "GetBucketAccelerateConfiguration", "PutBucketAccelerateConfiguration",
              ""},
    ConfigSub{"requestPayment", "GetBucketRequestPayment", "PutBucketRequestPayment", ""},
    ConfigSub{"replication", "GetBucketReplication", "PutBucketReplication",
              "DeleteBucketReplication"},
    ConfigSub{"notification", "GetBucketNotificationConfiguration",
              "PutBucketNotificationConfiguration", ""},
    ConfigSub{"versioning", "GetBucketVersioning", "PutBucketVersioning", ""},
    ConfigSub{"location", "GetBucketLocation", "", ""},
    ConfigSub{"analytics", "GetBucketAnalyticsConfiguration", "PutBucketAnalyticsConfiguration",
              "DeleteBucketAnalyticsConfiguration"},
    ConfigSub{"metrics", "GetBucketMetricsConfiguration", "PutBucketMetricsConfiguration",
              "DeleteBucketMetricsConfiguration"},
    ConfigSub{"inventory", "GetBucketInventoryConfiguration", "PutBucketInventoryConfiguration",
              "DeleteBucketInventoryConfiguration"},
    ConfigSub{"intelligent-tiering", "GetBucketIntelligentTieringConfiguration",
              "PutBucketIntelligentTieringConfiguration",
              "DeleteBucketIntelligentTieringConfiguration"},
};

constexpr std::array k_object_get = {
    Sub{"uploadId", "ListParts"},
    Sub{"tagging", "GetObjectTagging"},
    Sub{"acl", "GetObjectAcl"},
    Sub{"attributes", "GetObjectAttributes"},
    Sub{"retention", "GetObjectRetention"},
    Sub{"legal-hold", "GetObjectLegalHold"},
    Sub{"torrent", "GetObjectTorrent"},
};
constexpr std::array k_object_put = {
    Sub{"tagging", "PutObjectTagging"},
    Sub{"acl", "PutObjectAcl"},
    Sub{"retention", "PutObjectRetention"},
    Sub{"legal-hold", "PutObjectLegalHold"},
};
constexpr std::array k_object_delete = {
    Sub{"uploadId", "AbortMultipartUpload"},
    Sub{"tagging", "DeleteObjectTagging"},
};
constexpr std::array k_object_post = {
    Sub{"uploads", "CreateMultipartUpload"},
    Sub{"uploadId", "CompleteMultipartUpload"},
    Sub{"restore", "RestoreObject"},
    Sub{"select", "SelectObjectContent"},
};

template <typename Table>
std::string_view first_present(const ce::Request& req, const Table& table) {
  for (const auto& s : table)
    if (req.has_query_param(s.param)) return s.operation;
  return {};
}

std::string bucket_operation(const ce::Request& req, std::string_view method) {
  if (method == "HEAD") return "HeadBucket";
  if (method == "POST") return req.has_query_param("delete") ? "DeleteObjects" : "PostObject";
  if (method == "GET") {
    if (req.has_query_param("uploads")) return "ListMultipartUploads";
    if (req.has_query_param("versions")) return "ListObjectVersions";
  }
  for (const auto& c : k_bucket_configs) {
    if (!req.has_query_param(c.param)) continue;
    const std::string_view op = method == "GET" ? c.get : method == "PUT" ? c.put : c.del;
    if (!op.empty()) return std::string(op);
  }
  if (method == "GET") return req.query_param("list-type") == "2" ? "ListObjectsV2" : "ListObjects";
  if (method == "PUT") return "CreateBucket";
  if (method == "DELETE") return "DeleteBucket";
  return {};
}

std::string object_operation(const ce::Request& req, std::string_view method) {
  const bool copy = req.header("x-amz-copy-source").has_value();
  if (method == "HEAD") return "HeadObject";
  if (method == "GET") {
    const auto op = first_present(req, k_object_get);
    return op.empty() ? "GetObject" : std::string(op);
  }
  if (method == "PUT") {
    if (req.has_query_param("uploadId") || req.has_query_param("partNumber"))
      return copy ? "UploadPartCopy" : "UploadPart";
    const auto op = first_present(req, k_object_put);
    if (!op.empty()) return std::string(op);
    return copy ? "CopyObject" : "PutObject";
  }
  if (method == "DELETE") {
    const auto op = first_present(req, k_object_delete);
    return op.empty() ? "DeleteObject" : std::string(op);
  }
  if (method == "POST") return std::string(first_present(req, k_object_post));
  return {};
}

}  // namespace

std::string operation_name(const ce::Request& req, bool has_bucket, bool has_key) {
  const std::string_view method = req.method();
  if (method == "OPTIONS") return "PreflightRequest";
  if (!has_bucket) return method == "GET" ? "ListBuckets" : "";
  return has_key ? object_operation(req, method) : bucket_operation(req, method);
}

}  // namespace s3
