// Object bytes out (inline or blob segments, any range) and the object headers S3 sends.
#include "s3_object_io.hpp"

#include <algorithm>
#include <cloudemu/blob.hpp>

#include "s3_time.hpp"

namespace s3 {

void read_object_data(const ce::ServiceContext& ctx, const ObjectVersion& v, uint64_t offset,
                      uint64_t length, const std::function<bool(std::string_view)>& sink) {
  if (length == 0) return;
  if (v.segments.empty()) {
    if (offset < v.inline_body.size()) sink(std::string_view(v.inline_body).substr(offset, length));
    return;
  }
  std::string buf(256 * 1024, '\0');
  uint64_t seg_start = 0;
  for (const Segment& s : v.segments) {
    const uint64_t seg_end = seg_start + s.size;
    if (seg_end > offset && seg_start < offset + length) {
      const uint64_t from = std::max(offset, seg_start) - seg_start;
      const uint64_t to = std::min(offset + length, seg_end) - seg_start;
      ce::BlobReader reader(ctx, blob_id(s.blob), from, to - from);
      while (const std::size_t n = reader.read(buf.data(), buf.size())) {
        if (!sink(std::string_view(buf.data(), n))) return;
      }
    }
    seg_start = seg_end;
    if (seg_start >= offset + length) break;
  }
}

void write_object_headers(Call& call, const ObjectVersion& v, bool checksum_mode,
                          bool versioned_bucket) {
  ce::Response& r = call.resp;
  r.header("ETag", quoted_etag(v.etag));
  r.header("Last-Modified", http_date(v.last_modified_ms));
  r.header("Accept-Ranges", "bytes");
  for (const auto& [name, value] : v.headers) r.header(name, value);
  if (v.headers.find("Content-Type") == v.headers.end())
    r.header("Content-Type", "binary/octet-stream");
  for (const auto& [name, value] : v.metadata) r.header("x-amz-meta-" + name, value);
  if (versioned_bucket) r.header("x-amz-version-id", v.version_id);
  if (v.storage_class != "STANDARD") r.header("x-amz-storage-class", v.storage_class);
  if (checksum_mode && !v.checksum.empty()) {
    std::string name = "x-amz-checksum-";
    for (char c : v.checksum.algorithm)
      name += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
    r.header(name, v.checksum.value);
    r.header("x-amz-checksum-type", v.checksum.type);
  }
  if (!v.tags.empty()) r.header("x-amz-tagging-count", std::to_string(v.tags.size()));
  if (!v.part_sizes.empty()) r.header("x-amz-mp-parts-count", std::to_string(v.part_sizes.size()));
  if (!v.lock_mode.empty()) {
    r.header("x-amz-object-lock-mode", v.lock_mode);
    r.header("x-amz-object-lock-retain-until-date", iso8601(v.lock_until_ms));
  }
  if (v.legal_hold) r.header("x-amz-object-lock-legal-hold", "ON");
}

}  // namespace s3
