// ListMultipartUploads and ListParts: range scans of the uploads keyspace (bucket, key, upload id)
// and the parts keyspace (upload id, part number), whose key order is the order S3 lists in.
#include <cloudemu/keycodec.hpp>
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/storage.hpp>
#include <cloudemu/url.hpp>
#include <limits>

#include "s3_errors.hpp"
#include "s3_multipart.hpp"
#include "s3_object_io.hpp"
#include "s3_owner.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

/// A non-negative integer query parameter: `fallback` when absent, InvalidArgument when not an
/// integer, capped at `cap` (S3 never returns more than 1000 entries a page).
std::size_t int_param(const Call& call, std::string_view name, std::size_t fallback,
                      std::size_t cap) {
  const auto text = call.req.query_param(name);
  if (!text) return fallback;
  uint64_t v = 0;
  bool ok = !text->empty() && text->size() <= 10;
  for (const char c : *text) ok = ok && c >= '0' && c <= '9';
  if (ok) {
    for (const char c : *text) v = v * 10 + static_cast<uint64_t>(c - '0');
    ok = v <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  }
  if (!ok) {
    throw err::invalid_argument(
        "Provided " + std::string(name) + " not an integer or within integer range", name, *text);
  }
  return std::min<std::size_t>(static_cast<std::size_t>(v), cap);
}

void owner_elements(ce::XmlWriter& xml, const std::string& owner) {
  write_owner(xml, owner, "Initiator");
  write_owner(xml, owner, "Owner");
}

struct ListedUpload {
  std::string key;
  UploadRecord record;
};

}  // namespace

// ---- ListMultipartUploads ----

void list_multipart_uploads(Call& call) {
  const std::string prefix = call.req.query_param("prefix").value_or("");
  const std::string delimiter = call.req.query_param("delimiter").value_or("");
  const std::string key_marker = call.req.query_param("key-marker").value_or("");
  // Without a key marker S3 ignores the upload id marker.
  const std::string id_marker =
      key_marker.empty() ? "" : call.req.query_param("upload-id-marker").value_or("");
  const std::size_t max = int_param(call, "max-uploads", k_default_max_listed, 1000);
  const auto encoding = call.req.query_param("encoding-type");
  if (encoding && *encoding != "url") {
    throw err::invalid_argument("Invalid Encoding Method specified in Request", "encoding-type",
                                *encoding);
  }
  const auto enc = [&](const std::string& s) { return encoding ? ce::percent_encode(s, true) : s; };

  Store& store = call.store();
  std::vector<ListedUpload> uploads;
  std::vector<std::string> common_prefixes;
  std::string next_key, next_id;  // the last entry listed
  bool truncated = false;
  {
    ce::ReadTxn txn(store.ctx());
    store.require_bucket(txn, call.bucket);
    const std::string scope = ce::KeyWriter().str(call.bucket).str_prefix(prefix).take();
    std::string start = scope;
    if (!key_marker.empty()) {
      // Past the marker: after (key marker, id marker), or after every upload of the marker key.
      std::string after =
          id_marker.empty() ? ce::prefix_successor(ce::encode_key(call.bucket, key_marker)).value()
                            : upload_key(call.bucket, key_marker, id_marker) + '\0';
      start = std::max(start, after);
    }
    auto cur = txn.cursor(store.uploads());
    std::size_t count = 0;
    for (auto kv = cur.seek(start); kv && kv->first.substr(0, scope.size()) == scope;) {
      ce::KeyReader r(kv->first);
      r.str();  // bucket
      std::string key = r.str();
      if (!delimiter.empty()) {
        const auto pos = key.find(delimiter, prefix.size());
        if (pos != std::string::npos) {
          std::string cp = key.substr(0, pos + delimiter.size());
          const auto past =
              ce::prefix_successor(ce::KeyWriter().str(call.bucket).str_prefix(cp).take());
          // A prefix the marker lies in was listed on an earlier page.
          const bool listed_before = key_marker.compare(0, cp.size(), cp) == 0;
          if (!listed_before) {
            if (count == max) {
              truncated = true;
              break;
            }
            ++count;
            next_key = cp;
            next_id.clear();
            common_prefixes.push_back(std::move(cp));
          }
          if (!past) break;
          kv = cur.seek(*past);
          continue;
        }
      }
      if (count == max) {
        truncated = true;
        break;
      }
      ++count;
      ListedUpload u{std::move(key), ce::decode_record<UploadRecord>(kv->second, k_record_version)};
      next_key = u.key;
      next_id = u.record.upload_id;
      uploads.push_back(std::move(u));
      kv = cur.next();
    }
  }

  ce::XmlWriter xml;
  xml.declaration()
      .open("ListMultipartUploadsResult", k_xmlns)
      .element("Bucket", call.bucket)
      .element("KeyMarker", enc(key_marker))
      .element("UploadIdMarker", id_marker)
      .element("NextKeyMarker", enc(next_key))
      .element("NextUploadIdMarker", next_id);
  if (!delimiter.empty()) xml.element("Delimiter", enc(delimiter));
  xml.element("Prefix", enc(prefix))
      .element("MaxUploads", std::to_string(max))
      .element("IsTruncated", truncated ? "true" : "false");
  for (const auto& u : uploads) {
    xml.open("Upload").element("Key", enc(u.key)).element("UploadId", u.record.upload_id);
    owner_elements(xml, u.record.owner);
    xml.element("StorageClass", u.record.storage_class)
        .element("Initiated", iso8601(u.record.initiated_ms));
    if (!u.record.checksum_algorithm.empty()) {
      xml.element("ChecksumAlgorithm", u.record.checksum_algorithm)
          .element("ChecksumType", u.record.checksum_type);
    }
    xml.close();
  }
  for (const auto& cp : common_prefixes)
    xml.open("CommonPrefixes").element("Prefix", enc(cp)).close();
  if (encoding) xml.element("EncodingType", *encoding);
  send_xml(call, xml.finish());
}

// ---- ListParts ----

void list_parts(Call& call) {
  const std::string upload_id = upload_id_param(call);
  const auto marker = static_cast<uint32_t>(
      int_param(call, "part-number-marker", 0, std::numeric_limits<int32_t>::max()));
  const std::size_t max = int_param(call, "max-parts", k_default_max_listed, 1000);

  Store& store = call.store();
  UploadRecord up;
  std::vector<PartRecord> parts;
  bool truncated = false;
  {
    ce::ReadTxn txn(store.ctx());
    store.require_bucket(txn, call.bucket);
    up = require_upload(txn, call, upload_id);
    const std::string scope = ce::encode_key(upload_id);
    auto cur = txn.cursor(store.parts());
    for (auto kv = cur.seek(part_key(upload_id, marker + 1));
         kv && kv->first.substr(0, scope.size()) == scope; kv = cur.next()) {
      if (parts.size() == max) {
        truncated = true;
        break;
      }
      parts.push_back(ce::decode_record<PartRecord>(kv->second, k_record_version));
    }
  }

  ce::XmlWriter xml;
  xml.declaration()
      .open("ListPartsResult", k_xmlns)
      .element("Bucket", call.bucket)
      .element("Key", call.key)
      .element("UploadId", upload_id);
  owner_elements(xml, up.owner);
  xml.element("StorageClass", up.storage_class)
      .element("PartNumberMarker", std::to_string(marker))
      .element("NextPartNumberMarker", std::to_string(parts.empty() ? 0 : parts.back().number))
      .element("MaxParts", std::to_string(max))
      .element("IsTruncated", truncated ? "true" : "false");
  for (const auto& p : parts) {
    xml.open("Part")
        .element("PartNumber", std::to_string(p.number))
        .element("LastModified", iso8601(p.last_modified_ms))
        .element("ETag", quoted_etag(p.etag))
        .element("Size", std::to_string(p.size));
    if (!p.checksum.empty()) xml.element(checksum_element(p.checksum.algorithm), p.checksum.value);
    xml.close();
  }
  if (!up.checksum_algorithm.empty()) {
    xml.element("ChecksumAlgorithm", up.checksum_algorithm)
        .element("ChecksumType", up.checksum_type);
  }
  send_xml(call, xml.finish());
}

}  // namespace s3
