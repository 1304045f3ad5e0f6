// ListObjects (v1), ListObjectsV2 and ListObjectVersions over the shared scan.
#include <charconv>
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/url.hpp>

#include "s3_checksum.hpp"
#include "s3_errors.hpp"
#include "s3_list_scan.hpp"
#include "s3_object_io.hpp"
#include "s3_owner.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

constexpr std::size_t k_max_keys = 1000;

std::size_t max_keys(const Call& call, const char* param) {
  const auto text = call.req.query_param(param);
  if (!text) return k_max_keys;
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || end != text->data() + text->size() || n < 0)
    throw err::invalid_argument("Provided max-keys not an integer or within integer range", param,
                                *text);
  return n > static_cast<int64_t>(k_max_keys) ? k_max_keys : static_cast<std::size_t>(n);
}

/// encoding-type=url: names in the answer are percent-encoded (with '/' kept), so keys holding
/// characters XML 1.0 cannot carry survive.
struct Encoder {
  bool url = false;
  std::string operator()(std::string_view s) const {
    return url ? ce::percent_encode(s, true) : std::string(s);
  }
};

Encoder encoder(const Call& call) {
  const auto e = call.req.query_param("encoding-type");
  if (e && *e != "url")
    throw err::invalid_argument("Invalid Encoding Method specified in Request", "encoding-type",
                                *e);
  return Encoder{e.has_value()};
}

ScanRequest base_request(const Call& call, const char* max_param = "max-keys") {
  ScanRequest s;
  s.bucket = call.bucket;
  s.prefix = call.req.query_param("prefix").value_or("");
  s.delimiter = call.req.query_param("delimiter").value_or("");
  s.max = max_keys(call, max_param);
  return s;
}

ScanResult run(Call& call, const ScanRequest& s) {
  ce::ReadTxn txn(call.svc.ctx());
  call.store().require_bucket(txn, call.bucket);
  return scan_objects(txn, call.store().objects(), s);
}

void write_checksum_algorithm(ce::XmlWriter& w, const ObjectVersion& v) {
  if (v.checksum.empty()) return;
  w.element("ChecksumAlgorithm", v.checksum.algorithm);
  w.element("ChecksumType", v.checksum.type);
}

void write_contents(ce::XmlWriter& w, const Encoder& enc, const ListEntry& e, bool owner) {
  w.open("Contents");
  w.element("Key", enc(e.key));
  w.element("LastModified", iso8601(e.version.last_modified_ms));
  w.element("ETag", quoted_etag(e.version.etag));
  write_checksum_algorithm(w, e.version);
  w.element("Size", std::to_string(e.version.size));
  if (owner) write_owner(w, e.version.owner);
  w.element("StorageClass", e.version.storage_class);
  w.close();
}

void write_common_prefixes(ce::XmlWriter& w, const Encoder& enc, const ScanResult& r) {
  for (const auto& p : r.common_prefixes)
    w.open("CommonPrefixes").element("Prefix", enc(p)).close();
}

void list_objects_v1(Call& call) {
  const Encoder enc = encoder(call);
  ScanRequest s = base_request(call);
  s.after_key = call.req.query_param("marker").value_or("");
  const ScanResult r = run(call, s);
  ce::XmlWriter w;
  w.declaration().open("ListBucketResult", k_xmlns);
  w.element("Name", call.bucket)
      .element("Prefix", enc(s.prefix))
      .element("Marker", enc(s.after_key));
  w.element("MaxKeys", std::to_string(s.max));
  if (!s.delimiter.empty()) w.element("Delimiter", enc(s.delimiter));
  w.element("IsTruncated", r.truncated ? "true" : "false");
  // NextMarker is only sent with a delimiter; without one clients use the last key.
  if (r.truncated && !s.delimiter.empty()) w.element("NextMarker", enc(r.last_key));
  if (enc.url) w.element("EncodingType", "url");
  for (const auto& e : r.entries) write_contents(w, enc, e, true);
  write_common_prefixes(w, enc, r);
  send_xml(call, w.finish());
}

void list_objects_v2(Call& call) {
  const Encoder enc = encoder(call);
  ScanRequest s = base_request(call);
  const auto token = call.req.query_param("continuation-token");
  const auto start_after = call.req.query_param("start-after");
  if (token) {
    const auto decoded = base64_decode(*token);
    if (!decoded || decoded->empty() || decoded->front() != 'k')
      throw err::invalid_argument("The continuation token provided is incorrect",
                                  "continuation-token", *token);
    s.after_key = decoded->substr(1);
  } else if (start_after) {
    s.after_key = *start_after;
  }
  const bool fetch_owner = call.req.query_param("fetch-owner") == "true";
  const ScanResult r = run(call, s);
  ce::XmlWriter w;
  w.declaration().open("ListBucketResult", k_xmlns);
  w.element("Name", call.bucket).element("Prefix", enc(s.prefix));
  if (token) w.element("ContinuationToken", *token);
  if (r.truncated) w.element("NextContinuationToken", base64_encode("k" + r.last_key));
  w.element("KeyCount", std::to_string(r.entries.size() + r.common_prefixes.size()));
  w.element("MaxKeys", std::to_string(s.max));
  if (!s.delimiter.empty()) w.element("Delimiter", enc(s.delimiter));
  w.element("IsTruncated", r.truncated ? "true" : "false");
  if (start_after) w.element("StartAfter", enc(*start_after));
  if (enc.url) w.element("EncodingType", "url");
  for (const auto& e : r.entries) write_contents(w, enc, e, fetch_owner);
  write_common_prefixes(w, enc, r);
  send_xml(call, w.finish());
}

void list_object_versions(Call& call) {
  const Encoder enc = encoder(call);
  ScanRequest s = base_request(call);
  s.all_versions = true;
  s.after_key = call.req.query_param("key-marker").value_or("");
  const auto version_marker = call.req.query_param("version-id-marker");
  if (version_marker && !version_marker->empty()) {
    if (s.after_key.empty())
      throw err::invalid_argument("A version-id marker cannot be specified without a key marker.",
                                  "version-id-marker", *version_marker);
    ce::ReadTxn txn(call.svc.ctx());
    const auto v = call.store().find_version(txn, call.bucket, s.after_key, *version_marker);
    if (!v)
      throw err::invalid_argument("Invalid version id specified", "version-id-marker",
                                  *version_marker);
    s.after_seq = v->seq;
  }
  const ScanResult r = run(call, s);
  ce::XmlWriter w;
  w.declaration().open("ListVersionsResult", k_xmlns);
  w.element("Name", call.bucket).element("Prefix", enc(s.prefix));
  w.element("KeyMarker", enc(s.after_key)).element("VersionIdMarker", version_marker.value_or(""));
  w.element("MaxKeys", std::to_string(s.max));
  if (!s.delimiter.empty()) w.element("Delimiter", enc(s.delimiter));
  w.element("IsTruncated", r.truncated ? "true" : "false");
  if (r.truncated) {
    w.element("NextKeyMarker", enc(r.last_key));
    if (!r.last_was_prefix && !r.entries.empty())
      w.element("NextVersionIdMarker", r.entries.back().version.version_id);
  }
  if (enc.url) w.element("EncodingType", "url");
  for (const auto& e : r.entries) {
    const ObjectVersion& v = e.version;
    w.open(v.delete_marker ? "DeleteMarker" : "Version");
    w.element("Key", enc(e.key)).element("VersionId", v.version_id);
    w.element("IsLatest", e.is_latest ? "true" : "false");
    w.element("LastModified", iso8601(v.last_modified_ms));
    if (!v.delete_marker) {
      w.element("ETag", quoted_etag(v.etag));
      write_checksum_algorithm(w, v);
      w.element("Size", std::to_string(v.size));
      w.element("StorageClass", v.storage_class);
    }
    write_owner(w, v.owner);
    w.close();
  }
  write_common_prefixes(w, enc, r);
  send_xml(call, w.finish());
}

}  // namespace

void add_listing_ops(OpRegistry& ops) {
  ops.add("ListObjects", &list_objects_v1);
  ops.add("ListObjectsV2", &list_objects_v2);
  ops.add("ListObjectVersions", &list_object_versions);
}

}  // namespace s3
