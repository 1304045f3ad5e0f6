// Taking in an upload body (PutObject, UploadPart, POST uploads): aws-chunked decoding, MD5 for
// the ETag and Content-MD5, the requested checksum (header or trailer) validated, bytes stored
// inline when small or as a blob, all before any write transaction opens.
#pragma once
#include <cloudemu/blob.hpp>
#include <optional>
#include <string>
#include <vector>

#include "s3_checksum.hpp"
#include "s3_ops.hpp"
#include "s3_records.hpp"

namespace s3 {

/// Bodies up to this size live in the object record (one LMDB write instead of a blob file).
inline constexpr uint64_t k_inline_limit = 8 * 1024;
inline constexpr uint64_t k_max_object_size = 5ULL * 1024 * 1024 * 1024;  // PutObject, UploadPart

struct IngestedBody {
  uint64_t size = 0;
  std::string md5;    // 16 raw bytes
  Checksum checksum;  // the algorithm asked for (FULL_OBJECT), or empty
  std::string inline_body;
  std::optional<ce::CommittedBlob> blob;

  std::string etag() const { return to_hex(md5); }
  /// Moves the bytes into an object version (inline body or one segment).
  void store_into(ObjectVersion& v) const;
};

struct IngestOptions {
  bool allow_inline = true;
  uint64_t max_size = k_max_object_size;
};

/// Reads the request body per its headers (Content-Encoding / x-amz-content-sha256 aws-chunked
/// framing, x-amz-decoded-content-length, Content-MD5, x-amz-checksum-*, x-amz-sdk-checksum-
/// algorithm, x-amz-trailer). Throws the S3 error a bad body gets (BadDigest, InvalidDigest,
/// IncompleteBody, InvalidRequest...); a blob written for a refused body is aborted.
IngestedBody ingest_body(Call& call, const IngestOptions& opt = {});

/// The checksum algorithm a request asks for (x-amz-sdk-checksum-algorithm, x-amz-checksum-
/// algorithm, a present x-amz-checksum-* header, or a declared trailer); nullopt when none.
/// An unknown name is InvalidRequest.
std::optional<ChecksumAlgorithm> requested_checksum(const ce::Request& req);

}  // namespace s3
