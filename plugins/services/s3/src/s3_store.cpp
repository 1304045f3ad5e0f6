// Bucket records and object versions in the service's keyspaces.
#include "s3_store.hpp"

#include <algorithm>
#include <atomic>

#include "s3_errors.hpp"

namespace s3 {

Store::Store(const ce::ServiceContext& ctx)
    : ctx_(ctx),
      buckets_(ce::open_keyspace(ctx, "buckets")),
      objects_(ce::open_keyspace(ctx, "objects")),
      uploads_(ce::open_keyspace(ctx, "uploads")),
      parts_(ce::open_keyspace(ctx, "parts")),
      shared_blobs_(ce::open_keyspace(ctx, "shared_blobs")) {}

std::optional<BucketRecord> Store::find_bucket(ce::Txn& txn, std::string_view bucket) const {
  const auto v = txn.get(buckets_, bucket_key(bucket));
  if (!v) return std::nullopt;
  return ce::decode_record<BucketRecord>(*v, k_record_version);
}

BucketRecord Store::require_bucket(ce::Txn& txn, std::string_view bucket) const {
  auto b = find_bucket(txn, bucket);
  if (!b) throw err::no_such_bucket(bucket);
  return std::move(*b);
}

void Store::put_bucket(ce::WriteTxn& txn, const BucketRecord& b) const {
  txn.put(buckets_, bucket_key(b.name), ce::encode_record(k_record_version, b));
}

BucketRecord Store::load_bucket(std::string_view bucket) const {
  ce::ReadTxn txn(ctx_);
  return require_bucket(txn, bucket);
}

void Store::update_bucket(std::string_view bucket,
                          const std::function<void(BucketRecord&)>& fn) const {
  ce::with_write_txn(ctx_, [&](ce::WriteTxn& txn) {
    BucketRecord b = require_bucket(txn, bucket);
    fn(b);
    put_bucket(txn, b);
  });
}

std::optional<ObjectVersion> Store::latest(ce::Txn& txn, std::string_view bucket,
                                           std::string_view key) const {
  const std::string prefix = object_prefix(bucket, key);
  auto cur = txn.cursor(objects_);
  const auto kv = cur.seek(prefix);
  if (!kv || kv->first.substr(0, prefix.size()) != prefix) return std::nullopt;
  return decode_version_record(kv->second);
}

std::vector<ObjectVersion> Store::versions(ce::Txn& txn, std::string_view bucket,
                                           std::string_view key) const {
  std::vector<ObjectVersion> out;
  const std::string prefix = object_prefix(bucket, key);
  auto cur = txn.cursor(objects_);
  for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
       kv = cur.next())
    out.push_back(decode_version_record(kv->second));
  return out;
}

std::optional<ObjectVersion> Store::find_version(ce::Txn& txn, std::string_view bucket,
                                                 std::string_view key,
                                                 std::string_view version_id) const {
  if (version_id == "null") {
    for (auto& v : versions(txn, bucket, key))
      if (v.version_id == "null") return std::move(v);
    return std::nullopt;
  }
  const auto seq = seq_of_version_id(version_id);
  if (!seq) throw err::invalid_argument("Invalid version id specified", "versionId", version_id);
  const auto v = txn.get(objects_, version_key(bucket, key, *seq));
  if (!v) return std::nullopt;
  return decode_version_record(*v);
}

ObjectVersion Store::resolve_for_read(ce::Txn& txn, std::string_view bucket, std::string_view key,
                                      const std::optional<std::string>& version_id,
                                      ce::Response* resp) const {
  if (version_id) {
    auto v = find_version(txn, bucket, key, *version_id);
    if (!v) throw err::no_such_version(key, *version_id);
    if (v->delete_marker) {
      // A delete marker named by id: 405, with the marker's headers (S3 API, GetObject).
      if (resp) {
        resp->header("x-amz-delete-marker", "true");
        resp->header("x-amz-version-id", v->version_id);
      }
      throw err::method_not_allowed("GET", "DeleteMarker");
    }
    return std::move(*v);
  }
  auto v = latest(txn, bucket, key);
  if (!v) throw err::no_such_key(key);
  if (v->delete_marker) {
    if (resp) {
      resp->header("x-amz-delete-marker", "true");
      resp->header("x-amz-version-id", v->version_id);
    }
    throw err::no_such_key(key);
  }
  return std::move(*v);
}

uint64_t Store::next_seq(ce::Txn& txn, std::string_view bucket, std::string_view key) const {
  // Microseconds of the host clock, kept strictly increasing in this process and above the
  // key's newest version (the clock may have been moved back across a restart).
  static std::atomic<uint64_t> last{0};
  uint64_t seq = static_cast<uint64_t>(std::max<int64_t>(ctx_.now_ms(), 0)) * 1000;
  if (const auto newest = latest(txn, bucket, key)) seq = std::max(seq, newest->seq + 1);
  uint64_t prev = last.load();
  for (;;) {
    const uint64_t want = std::max(seq, prev + 1);
    if (last.compare_exchange_weak(prev, want)) return want;
  }
}

void Store::write_version(ce::WriteTxn& txn, const BucketRecord& bucket, std::string_view key,
                          ObjectVersion& v) const {
  v.seq = next_seq(txn, bucket.name, key);
  if (bucket.versioning == "Enabled") {
    v.version_id = version_id_for(v.seq);
  } else {
    v.version_id = "null";
    // Unversioned and suspended buckets keep one null version per key: the new one replaces it.
    for (const auto& old : versions(txn, bucket.name, key)) {
      if (old.version_id == "null") remove_version(txn, bucket.name, key, old);
    }
  }
  txn.put(objects_, version_key(bucket.name, key, v.seq), ce::encode_record(k_record_version, v));
}

void Store::remove_version(ce::WriteTxn& txn, std::string_view bucket, std::string_view key,
                           const ObjectVersion& v) const {
  txn.del(objects_, version_key(bucket, key, v.seq));
  release(txn, v);
}

void Store::release(ce::WriteTxn& txn, const ObjectVersion& v) const {
  for (const auto& s : v.segments) {
    if (const auto extra = txn.get(shared_blobs_, s.blob)) {
      const uint64_t others = std::stoull(std::string(*extra)) - 1;
      if (others == 0) {
        txn.del(shared_blobs_, s.blob);
      } else {
        txn.put(shared_blobs_, s.blob, std::to_string(others));
      }
      continue;  // another version still holds the bytes
    }
    const ce::BlobId id = blob_id(s.blob);
    txn.unlink_blob(id.data());
  }
}

void Store::share(ce::WriteTxn& txn, const ObjectVersion& v) const {
  for (const auto& s : v.segments) {
    const auto extra = txn.get(shared_blobs_, s.blob);
    const uint64_t others = extra ? std::stoull(std::string(*extra)) + 1 : 1;
    txn.put(shared_blobs_, s.blob, std::to_string(others));
  }
}

void Store::drop_upload(ce::WriteTxn& txn, std::string_view bucket,
                        const UploadRecord& upload) const {
  const std::string prefix = ce::encode_key(upload.upload_id);
  std::vector<std::string> keys;
  {
    auto cur = txn.cursor(parts_);
    for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
         kv = cur.next()) {
      // Copy first: views die at the next write in the transaction.
      keys.emplace_back(kv->first);
      const auto part = ce::decode_record<PartRecord>(kv->second, k_record_version);
      if (!part.blob.empty()) txn.unlink_blob(blob_id(part.blob).data());
    }
  }
  for (const auto& k : keys) txn.del(parts_, k);
  txn.del(uploads_, upload_key(bucket, upload.key, upload.upload_id));
}

bool Store::bucket_has_objects(ce::Txn& txn, std::string_view bucket) const {
  const std::string prefix = bucket_objects_prefix(bucket);
  auto cur = txn.cursor(objects_);
  const auto kv = cur.seek(prefix);
  return kv && kv->first.substr(0, prefix.size()) == prefix;
}

}  // namespace s3
