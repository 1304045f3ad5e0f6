// Multipart uploads (CreateMultipartUpload ... CompleteMultipartUpload): what the operation files
// s3_multipart_*.cpp share. The pure parts (request XML, part-list rules, ETag and checksum
// arithmetic, copy-source parsing) take no Call so that unit tests and the fuzz target reach them
// without a host.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3_checksum.hpp"
#include "s3_ops.hpp"
#include "s3_records.hpp"

namespace s3 {

inline constexpr uint32_t k_max_part_number = 10000;
/// Every part but the last must be at least this big (S3 API, CompleteMultipartUpload).
inline constexpr uint64_t k_min_part_size = 5ULL * 1024 * 1024;
inline constexpr std::size_t k_default_max_listed = 1000;

// ---- pure helpers (s3_multipart_xml.cpp, s3_multipart_math.cpp) ----

/// One <Part> of a CompleteMultipartUpload document.
struct CompletedPart {
  uint32_t number = 0;
  std::string etag;  // as sent, quotes stripped
  /// Checksum<ALGO> elements the client sent for this part: (algorithm name, base64 value).
  std::vector<std::pair<std::string, std::string>> checksums;
};

/// Parses a CompleteMultipartUpload document. MalformedXML for bad XML, a wrong root, a part
/// without a numeric PartNumber or ETag, or no parts at all. Order is not checked here.
std::vector<CompletedPart> parse_complete_parts(std::string_view xml);

/// InvalidPartOrder unless part numbers strictly ascend.
void check_part_order(const std::vector<CompletedPart>& parts);

/// "<hex(MD5(md5_1 || ... || md5_N))>-N" from the parts' hex ETags. nullopt when one of them is
/// not a 32-digit hex MD5 (a part can only have such an ETag, so that part cannot match).
std::optional<std::string> multipart_etag(const std::vector<std::string>& part_etags);

/// A part number from the query ("partNumber"): 1..10000, else InvalidArgument.
uint32_t parse_part_number(std::string_view text);

/// "a-b" style byte range of x-amz-copy-source-range: first and last inclusive.
struct CopyRange {
  uint64_t first = 0;
  uint64_t last = 0;
  uint64_t length() const { return last - first + 1; }
};
/// Parses "bytes=first-last" (InvalidArgument for any other shape) and checks it against the
/// source size (InvalidArgument "Range specified is not valid ...", as S3 answers).
CopyRange parse_copy_range(std::string_view header, uint64_t source_size);

/// Combines the CRC of A (crc1) with the CRC of B (crc2, len2 bytes) into the CRC of A||B, for the
/// reflected CRCs S3 uses (init and xorout all ones). Not defined for SHA algorithms.
uint64_t crc_combine(ChecksumAlgorithm a, uint64_t crc1, uint64_t crc2, uint64_t len2);

/// The object checksum of a completed upload from its parts' raw digests, base64 as S3 shows it:
/// COMPOSITE: base64(hash(d_1 || ... || d_N)) + "-N"; FULL_OBJECT (CRCs only): the CRC of the
/// whole object, combined from the part CRCs and sizes.
std::string combine_checksums(ChecksumAlgorithm a, bool full_object,
                              const std::vector<std::string>& raw_digests,
                              const std::vector<uint64_t>& sizes);

/// "Checksum" + name: ChecksumCRC32, ChecksumSHA256 ... (XML element names).
std::string checksum_element(std::string_view algorithm);

/// Long, opaque, URL-safe upload ids whose first 16 hex digits grow with initiation time, so the
/// uploads of one key list in initiation order as S3 lists them.
std::string new_upload_id(int64_t now_ms);

// ---- shared by the operation files (s3_multipart_upload.cpp) ----

/// The upload record, or NoSuchUpload.
UploadRecord require_upload(ce::Txn& txn, Call& call, std::string_view upload_id);
/// The uploadId query parameter, or NoSuchUpload for an empty one.
std::string upload_id_param(const Call& call);
/// What UploadPart and UploadPartCopy act on: the part number, the upload id and its record.
struct PartTarget {
  uint32_t number = 0;
  std::string upload_id;
  UploadRecord upload;
};
/// Validates partNumber and uploadId and loads the upload (NoSuchBucket, NoSuchUpload).
PartTarget part_target(Call& call);
/// Every part record of an upload, by part number.
std::vector<PartRecord> load_parts(ce::Txn& txn, Call& call, std::string_view upload_id);
/// Stores a new part in one short write transaction: NoSuchUpload if the upload went away
/// meanwhile, the replaced part's blob released, the new blob linked.
void store_part(Call& call, std::string_view upload_id, const PartRecord& part);
/// x-amz-checksum-* response header / XML value for a checksum ("" algorithm: none).
void add_checksum_header(Call& call, const Checksum& c);

// Handlers (one file per operation family).
void create_multipart_upload(Call& call);    // s3_multipart_upload.cpp
void upload_part(Call& call);                // s3_multipart_upload.cpp
void abort_multipart_upload(Call& call);     // s3_multipart_upload.cpp
void upload_part_copy(Call& call);           // s3_multipart_copy.cpp
void complete_multipart_upload(Call& call);  // s3_multipart_complete.cpp
void list_multipart_uploads(Call& call);     // s3_multipart_list.cpp
void list_parts(Call& call);                 // s3_multipart_list.cpp

}  // namespace s3
