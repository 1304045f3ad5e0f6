// UploadPartCopy: a part made of (a range of) an existing object's bytes. The bytes are copied
// into a new blob rather than shared, because the source version may be deleted or overwritten
// before the upload completes.
#include <cloudemu/blob.hpp>
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/storage.hpp>

#include "s3_copy_source.hpp"
#include "s3_errors.hpp"
#include "s3_multipart.hpp"
#include "s3_object_io.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

inline constexpr uint64_t k_max_copy_source = 5ULL * 1024 * 1024 * 1024;

}  // namespace

void upload_part_copy(Call& call) {
  const auto [number, upload_id, up] = part_target(call);
  // Parsed, resolved (bucket, version, delete marker) and x-amz-copy-source-if-* checked.
  const CopySource src = resolve_copy_source(call);
  const ObjectVersion& source = src.version;

  CopyRange range{0, source.size == 0 ? 0 : source.size - 1};
  uint64_t length = source.size;
  if (const auto h = call.req.header("x-amz-copy-source-range")) {
    range = parse_copy_range(*h, source.size);
    length = range.length();
  }
  if (length > k_max_copy_source) {
    throw err::invalid_request(
        "The specified copy source is larger than the maximum allowable size for a copy source: " +
        std::to_string(k_max_copy_source));
  }

  // Stream the bytes into the part's own blob, hashing as they pass.
  const auto algo = parse_checksum_algorithm(up.checksum_algorithm);
  std::optional<Hasher> hasher;
  if (algo) hasher.emplace(*algo);
  Md5 md5;
  ce::BlobWriter writer(call.ctx());
  if (length > 0) {
    read_object_data(call.ctx(), source, range.first, length, [&](std::string_view chunk) {
      md5.update(chunk);
      if (hasher) hasher->update(chunk);
      writer.write(chunk);
      return true;
    });
  }
  const ce::CommittedBlob blob = writer.commit();

  PartRecord part;
  part.number = number;
  part.etag = to_hex(md5.digest());
  part.size = blob.size;
  part.last_modified_ms = call.now_ms();
  part.blob = blob_bytes(blob.id);
  if (hasher) {
    part.checksum = {std::string(checksum_name(*algo)), base64_encode(hasher->digest()),
                     "FULL_OBJECT"};
  }
  store_part(call, upload_id, part);

  if (src.bucket_versioned) call.resp.header("x-amz-copy-source-version-id", source.version_id);
  ce::XmlWriter xml;
  xml.declaration()
      .open("CopyPartResult", k_xmlns)
      .element("LastModified", iso8601(part.last_modified_ms))
      .element("ETag", quoted_etag(part.etag));
  if (!part.checksum.empty())
    xml.element(checksum_element(part.checksum.algorithm), part.checksum.value);
  send_xml(call, xml.finish());
}

}  // namespace s3
