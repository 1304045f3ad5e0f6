// Storage access shared by every operation family: keyspaces, bucket records, object versions.
// Callers own the transactions (short, no body I/O inside a write txn).
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/storage.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3_records.hpp"

namespace s3 {

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  ce::Keyspace buckets() const noexcept { return buckets_; }
  ce::Keyspace objects() const noexcept { return objects_; }
  ce::Keyspace uploads() const noexcept { return uploads_; }
  ce::Keyspace parts() const noexcept { return parts_; }

  // ---- buckets ----
  std::optional<BucketRecord> find_bucket(ce::Txn& txn, std::string_view bucket) const;
  /// The bucket, or NoSuchBucket. Buckets of other accounts are visible (names are global);
  /// ownership checks are the caller's.
  BucketRecord require_bucket(ce::Txn& txn, std::string_view bucket) const;
  void put_bucket(ce::WriteTxn& txn, const BucketRecord& b) const;
  /// Reads the bucket in its own read transaction.
  BucketRecord load_bucket(std::string_view bucket) const;
  /// Read-modify-write of a bucket record in one short transaction.
  void update_bucket(std::string_view bucket, const std::function<void(BucketRecord&)>& fn) const;

  // ---- object versions ----
  /// The newest version of key (possibly a delete marker), or nullopt.
  std::optional<ObjectVersion> latest(ce::Txn& txn, std::string_view bucket,
                                      std::string_view key) const;
  /// A version by id ("null" included), or nullopt. A malformed id throws InvalidArgument.
  std::optional<ObjectVersion> find_version(ce::Txn& txn, std::string_view bucket,
                                            std::string_view key,
                                            std::string_view version_id) const;
  /// Every version of key, newest first.
  std::vector<ObjectVersion> versions(ce::Txn& txn, std::string_view bucket,
                                      std::string_view key) const;
  /// Resolves ?versionId= (or the latest) for reads: NoSuchKey / NoSuchVersion / a delete
  /// marker answer as S3 gives them (405 for a marker by id, 404 + x-amz-delete-marker else).
  ObjectVersion resolve_for_read(ce::Txn& txn, std::string_view bucket, std::string_view key,
                                 const std::optional<std::string>& version_id,
                                 ce::Response* resp = nullptr) const;

  /// Adds v as the newest version of key, as the bucket's versioning state says: "Enabled"
  /// gives it a fresh id; otherwise it becomes the "null" version, replacing (and releasing) the
  /// previous null version. Sets v.seq and v.version_id.
  void write_version(ce::WriteTxn& txn, const BucketRecord& bucket, std::string_view key,
                     ObjectVersion& v) const;
  /// Removes one stored version and releases its bytes.
  void remove_version(ce::WriteTxn& txn, std::string_view bucket, std::string_view key,
                      const ObjectVersion& v) const;
  /// Unlinks the blobs an object version owns (bytes go when the transaction commits).
  void release(ce::WriteTxn& txn, const ObjectVersion& v) const;
  /// Makes v hold the blobs of its segments too (a copy that shares its source's bytes): each
  /// blob is unlinked only when release() has dropped its last holder.
  void share(ce::WriteTxn& txn, const ObjectVersion& v) const;
  /// Deletes an upload record, its part records, and releases the parts' bytes (abort, lifecycle,
  /// bucket deletion).
  void drop_upload(ce::WriteTxn& txn, std::string_view bucket, const UploadRecord& upload) const;
  /// True when the bucket holds any version or delete marker.
  bool bucket_has_objects(ce::Txn& txn, std::string_view bucket) const;

 private:
  uint64_t next_seq(ce::Txn& txn, std::string_view bucket, std::string_view key) const;

  ce::ServiceContext ctx_;
  ce::Keyspace buckets_, objects_, uploads_, parts_;
  // Blobs shared by more than one version (CopyObject): raw blob id -> how many versions beyond
  // the first hold it, as decimal text. The storage links a blob once; this counts the rest.
  ce::Keyspace shared_blobs_;
};

}  // namespace s3
