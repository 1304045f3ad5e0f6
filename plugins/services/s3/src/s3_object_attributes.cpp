// GetObjectAttributes: the attributes named in x-amz-object-attributes, without the bytes.
#include <cloudemu/protocol/xml_writer.hpp>
#include <set>

#include "s3_errors.hpp"
#include "s3_object_handlers.hpp"
#include "s3_object_io.hpp"
#include "s3_service.hpp"
#include "s3_text.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {
std::set<std::string> requested_attributes(const ce::Request& req) {
  static const std::set<std::string> k_valid = {"ETag", "Checksum", "ObjectParts", "StorageClass",
                                                "ObjectSize"};
  std::set<std::string> out;
  for (const auto& item : split_list(req.header_or("x-amz-object-attributes", ""))) {
    if (!k_valid.count(item))
      throw err::invalid_argument("Invalid attribute name specified.", "x-amz-object-attributes",
                                  item);
    out.insert(item);
  }
  if (out.empty())
    throw err::invalid_argument("Missing required header for this request: x-amz-object-attributes",
                                "x-amz-object-attributes", "");
  return out;
}
}  // namespace

void get_object_attributes(Call& call) {
  const auto wanted = requested_attributes(call.req);
  ObjectVersion v;
  const bool versioned = !call.checked_bucket().versioning.empty();
  {
    ce::ReadTxn txn(call.ctx());
    v = call.store().resolve_for_read(txn, call.bucket, call.key, call.req.query_param("versionId"),
                                      &call.resp);
  }
  ce::Response& r = call.resp;
  r.header("Last-Modified", http_date(v.last_modified_ms));
  if (versioned) r.header("x-amz-version-id", v.version_id);
  ce::XmlWriter w;
  w.declaration().open("GetObjectAttributesResponse", k_xmlns);
  if (wanted.count("ETag")) w.element("ETag", v.etag);
  if (wanted.count("Checksum") && !v.checksum.empty()) {
    w.open("Checksum");
    w.element("Checksum" + v.checksum.algorithm, v.checksum.value);
    w.element("ChecksumType", v.checksum.type);
    w.close();
  }
  if (wanted.count("ObjectParts") && !v.part_sizes.empty()) {
    w.open("ObjectParts");
    w.element("TotalPartsCount", std::to_string(v.part_sizes.size()));
    w.element("PartNumberMarker", "0");
    w.element("NextPartNumberMarker", std::to_string(v.part_sizes.size()));
    w.element("MaxParts", "1000");
    w.element("IsTruncated", "false");
    for (std::size_t i = 0; i < v.part_sizes.size(); ++i) {
      w.open("Part");
      w.element("PartNumber", std::to_string(i + 1));
      w.element("Size", std::to_string(v.part_sizes[i]));
      if (i < v.part_checksums.size() && !v.part_checksums[i].empty())
        w.element("Checksum" + v.part_checksums[i].algorithm, v.part_checksums[i].value);
      w.close();
    }
    w.close();
  }
  if (wanted.count("StorageClass")) w.element("StorageClass", v.storage_class);
  if (wanted.count("ObjectSize")) w.element("ObjectSize", std::to_string(v.size));
  send_xml(call, w.finish());
}

}  // namespace s3
