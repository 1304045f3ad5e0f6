// What the S3 plugin stores: bucket, object-version, multipart-upload and part records (msgpack
// maps behind a format-version byte, see ce::encode_record), and the storage keys that order them.
//
// Keyspaces (docs/s3.md has the full picture):
//   buckets   (bucket)                       -> BucketRecord       names are global, as in AWS
//   objects   (bucket, key, ~seq)            -> ObjectVersion      newest version of a key first
//   uploads   (bucket, key, upload id)       -> UploadRecord       upload ids sort by initiation
//   parts     (upload id, part number)       -> PartRecord
#pragma once
#include <cloudemu/blob.hpp>
#include <cloudemu/keycodec.hpp>
#include <cloudemu/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3 {

inline constexpr uint8_t k_record_version = 1;

using Tags = std::vector<std::pair<std::string, std::string>>;

struct BucketRecord {
  std::string name;
  std::string owner;   // account id
  std::string region;  // LocationConstraint ("" = us-east-1)
  int64_t created_ms = 0;
  std::string versioning;  // "" (never enabled), "Enabled", "Suspended"
  bool object_lock = false;
  std::string ownership = "BucketOwnerEnforced";
  /// Stored configuration documents by subresource ("cors", "lifecycle", "policy", ...), kept as
  /// the canonical body we answer with (XML, or JSON for "policy").
  std::map<std::string, std::string> configs;
  Tags tags;
  MSGPACK_DEFINE_MAP(name, owner, region, created_ms, versioning, object_lock, ownership, configs,
                     tags)
};

/// A piece of an object's bytes: a blob, or a range of one (parts of a completed multipart upload
/// keep their own blobs; completion writes this list instead of copying bytes).
struct Segment {
  std::string blob;  // CE_BLOB_ID_SIZE raw bytes
  uint64_t size = 0;
  MSGPACK_DEFINE(blob, size)
};

/// One checksum as S3 reports it: algorithm (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), base64
/// value, type (FULL_OBJECT or COMPOSITE).
struct Checksum {
  std::string algorithm;
  std::string value;
  std::string type;
  bool empty() const { return algorithm.empty(); }
  MSGPACK_DEFINE_MAP(algorithm, value, type)
};

struct ObjectVersion {
  std::string version_id;  // "null" or an id from version_id_for(seq)
  uint64_t seq = 0;
  bool delete_marker = false;
  int64_t last_modified_ms = 0;
  std::string owner;
  uint64_t size = 0;
  std::string etag;         // without quotes: hex MD5, or "<hex>-N" for multipart
  std::string inline_body;  // small objects live in the record itself
  std::vector<Segment> segments;
  std::vector<uint64_t> part_sizes;  // multipart: each part's size (PartsCount, ?partNumber=)
  std::vector<Checksum> part_checksums;
  std::map<std::string, std::string> metadata;  // x-amz-meta-* (names lowercased, no prefix)
  /// Content-Type, Cache-Control, Content-Disposition, Content-Encoding, Content-Language,
  /// Expires, x-amz-website-redirect-location, x-amz-server-side-encryption*, ...
  std::map<std::string, std::string> headers;
  std::string storage_class = "STANDARD";
  Checksum checksum;
  Tags tags;
  // Object lock
  std::string lock_mode;  // GOVERNANCE | COMPLIANCE
  int64_t lock_until_ms = 0;
  bool legal_hold = false;
  /// The rendered AccessControlPolicy from PutObjectAcl or x-amz-acl/x-amz-grant-*; "" = the
  /// default (owner FULL_CONTROL).
  std::string acl;
  bool legal_hold_set = false;  // a hold was ever put: until then GetObjectLegalHold finds none
  MSGPACK_DEFINE_MAP(version_id, seq, delete_marker, last_modified_ms, owner, size, etag,
                     inline_body, segments, part_sizes, part_checksums, metadata, headers,
                     storage_class, checksum, tags, lock_mode, lock_until_ms, legal_hold, acl,
                     legal_hold_set)
};

struct UploadRecord {
  std::string upload_id;
  std::string key;
  int64_t initiated_ms = 0;
  std::string owner;
  std::map<std::string, std::string> metadata;
  std::map<std::string, std::string> headers;
  std::string storage_class = "STANDARD";
  std::string checksum_algorithm;
  std::string checksum_type;  // COMPOSITE or FULL_OBJECT
  Tags tags;
  std::string lock_mode;
  int64_t lock_until_ms = 0;
  bool legal_hold = false;
  std::string acl;  // from CreateMultipartUpload's x-amz-acl / x-amz-grant-*, "" = default
  MSGPACK_DEFINE_MAP(upload_id, key, initiated_ms, owner, metadata, headers, storage_class,
                     checksum_algorithm, checksum_type, tags, lock_mode, lock_until_ms, legal_hold,
                     acl)
};

struct PartRecord {
  uint32_t number = 0;
  std::string etag;  // hex MD5, no quotes
  uint64_t size = 0;
  int64_t last_modified_ms = 0;
  std::string blob;
  Checksum checksum;
  MSGPACK_DEFINE_MAP(number, etag, size, last_modified_ms, blob, checksum)
};

/// What a write says about an object besides its bytes travels from the request
/// (ObjectAttributes) to an upload (UploadRecord) to the version (ObjectVersion): one copy of the
/// field list for every hop.
template <typename From, typename To>
void copy_object_attributes(const From& from, To& to) {
  to.metadata = from.metadata;
  to.headers = from.headers;
  to.storage_class = from.storage_class;
  to.tags = from.tags;
  to.lock_mode = from.lock_mode;
  to.lock_until_ms = from.lock_until_ms;
  to.legal_hold = from.legal_hold;
  to.acl = from.acl;
}

// ---- keys ----
inline std::string bucket_key(std::string_view bucket) {
  return ce::encode_key(bucket);
}
/// Every version of every key of a bucket starts with this.
inline std::string bucket_objects_prefix(std::string_view bucket) {
  return ce::encode_key(bucket);
}
/// Every version of exactly `key` starts with this (the string terminator makes it exact).
inline std::string object_prefix(std::string_view bucket, std::string_view key) {
  return ce::encode_key(bucket, key);
}
/// Newest first: the sequence is stored inverted.
inline std::string version_key(std::string_view bucket, std::string_view key, uint64_t seq) {
  return ce::KeyWriter().str(bucket).str(key).u64(~seq).take();
}
/// (key, seq) of an objects-keyspace storage key.
std::pair<std::string, uint64_t> decode_version_key(std::string_view storage_key);

inline std::string upload_key(std::string_view bucket, std::string_view key,
                              std::string_view upload_id) {
  return ce::encode_key(bucket, key, upload_id);
}
inline std::string part_key(std::string_view upload_id, uint32_t number) {
  return ce::KeyWriter().str(upload_id).u32(number).take();
}

inline ce::BlobId blob_id(std::string_view raw) {
  ce::BlobId id{};
  for (std::size_t i = 0; i < id.size() && i < raw.size(); ++i)
    id[i] = static_cast<uint8_t>(raw[i]);
  return id;
}
inline std::string blob_bytes(const ce::BlobId& id) {
  return std::string(reinterpret_cast<const char*>(id.data()), id.size());
}

/// Which fields decode_version_record fills.
enum class RecordScope {
  all,
  /// What a listing shows (version id, sequence, marker flag, time, owner, size, ETag, storage
  /// class, checksum): no body, metadata or parts are copied.
  listing,
};

/// Decodes a stored ObjectVersion in one pass over the msgpack map, strings referenced in place
/// until copied into their field. msgpack-c's MSGPACK_DEFINE_MAP conversion builds a map of every
/// key first, which dominated GET and listing CPU (docs/performance.md). A record of a newer
/// format version is refused with decode_record's message. See "one-pass decoding agrees with
/// msgpack" in test/primitives_test.cpp, which keeps the field list in step with the struct.
ObjectVersion decode_version_record(std::string_view record, RecordScope scope = RecordScope::all);

/// Version ids carry their sequence, so a lookup by id is one seek: 16 hex digits of seq, then
/// 16 more of a mix of it (S3's ids are opaque; clients only compare them).
std::string version_id_for(uint64_t seq);
/// The sequence inside a version id; nullopt when the id is not one we could have made.
std::optional<uint64_t> seq_of_version_id(std::string_view id);

}  // namespace s3
