// The per-request context handed to every operation, and the registry from AWS operation name
// (PutObject, ListObjectsV2, ...) to handler. Each operation family registers its handlers in
// its own add_*_ops function; an operation nobody registered answers NotImplemented (501).
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "s3_records.hpp"

namespace s3 {

class S3Service;
class Store;

struct Call {
  S3Service& svc;
  ce::Request& req;
  ce::Response& resp;
  std::string bucket;  // "" for service-level requests (ListBuckets)
  std::string key;     // decoded object key; "" for bucket-level requests
  bool has_key = false;
  std::string operation;  // AWS operation name
  /// The bucket as the dispatcher checked it (exists, caller owns it), for operations that only
  /// read: writers re-read it inside their transaction.
  std::optional<BucketRecord> bucket_record;

  std::string_view account() const { return req.account_id(); }
  Store& store() const;
  /// The request's bucket: the record the dispatcher read when it checked existence and
  /// ownership, or read now (NoSuchBucket) for the operations it does not check. Readers use it
  /// instead of reading the bucket again; writers re-read it inside their transaction.
  const BucketRecord& checked_bucket();
  const ce::ServiceContext& ctx() const;
  int64_t now_ms() const;
};

using Handler = void (*)(Call&);

class OpRegistry {
 public:
  void add(std::string_view name, Handler h) { handlers_.emplace(std::string(name), h); }
  Handler find(std::string_view name) const {
    auto it = handlers_.find(std::string(name));
    return it == handlers_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string, Handler> handlers_;
};

// One per operation family (one file each).
void add_bucket_ops(OpRegistry& ops);     // s3_bucket_ops.cpp
void add_object_ops(OpRegistry& ops);     // s3_object_put.cpp, s3_object_get.cpp, ...
void add_listing_ops(OpRegistry& ops);    // s3_list_objects.cpp
void add_multipart_ops(OpRegistry& ops);  // s3_multipart*.cpp
void add_config_ops(OpRegistry& ops);     // s3_bucket_config.cpp
void add_tagging_ops(OpRegistry& ops);    // s3_tagging.cpp

/// The AWS operation a request names: method, level (service, bucket, object), subresource
/// query parameters and a few headers (x-amz-copy-source). "" when nothing matches.
std::string operation_name(const ce::Request& req, bool has_bucket, bool has_key);

}  // namespace s3
