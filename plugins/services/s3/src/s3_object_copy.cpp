// CopyObject: metadata and tagging directives, copy onto itself. A source stored in blobs is
// shared by the copy (Store::share), not copied; small inline sources are copied with the record.
#include <cloudemu/blob.hpp>
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_body.hpp"
#include "s3_conditions.hpp"
#include "s3_copy_source.hpp"
#include "s3_errors.hpp"
#include "s3_notifications.hpp"
#include "s3_object_handlers.hpp"
#include "s3_object_io.hpp"
#include "s3_object_meta.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

std::string directive(const Call& call, const char* header) {
  const std::string d(call.req.header_or(header, "COPY"));
  if (d != "COPY" && d != "REPLACE")
    throw err::invalid_argument(
        std::string("Unknown ") +
            (std::string_view(header).find("tagging") != std::string_view::npos ? "tagging"
                                                                                : "metadata") +
            " directive.",
        header, d);
  return d;
}

/// The copy's bytes and digests. A source kept in blobs is shared: its segments are the copy's
/// too and nothing is written; its bytes are read only when a digest is not stored already (a
/// multipart source's ETag is not the MD5 of its bytes, a new checksum algorithm).
struct CopiedBytes {
  std::string etag;  // hex MD5 of the bytes
  std::string inline_body;
  std::vector<Segment> shared;  // the source's segments, when shared
  std::optional<std::string> checksum;
};

CopiedBytes copy_bytes(Call& call, const ObjectVersion& src,
                       std::optional<ChecksumAlgorithm> algorithm) {
  CopiedBytes out;
  const bool share = !src.segments.empty();
  if (share) out.shared = src.segments;
  const bool md5_known = src.etag.find('-') == std::string::npos;
  const bool checksum_known = algorithm && src.checksum.type == "FULL_OBJECT" &&
                              src.checksum.algorithm == checksum_name(*algorithm);
  if (share && md5_known && (!algorithm || checksum_known)) {
    out.etag = src.etag;
    if (algorithm) out.checksum = base64_decode(src.checksum.value);
    return out;
  }
  Md5 md5;
  std::optional<Hasher> hasher;
  if (algorithm) hasher.emplace(*algorithm);
  read_object_data(call.svc.ctx(), src, 0, src.size, [&](std::string_view piece) {
    md5.update(piece);
    if (hasher) hasher->update(piece);
    if (!share) out.inline_body.append(piece);
    return true;
  });
  out.etag = to_hex(md5.digest());
  if (hasher) out.checksum = hasher->digest();
  return out;
}

}  // namespace

void copy_object(Call& call) {
  const CopySource src = resolve_copy_source(call);
  if (src.version.size > k_max_object_size)
    throw err::invalid_request(
        "The specified copy source is larger than the maximum allowable size for a copy source: "
        "5368709120");
  const std::string metadata_directive = directive(call, "x-amz-metadata-directive");
  const std::string tagging_directive = directive(call, "x-amz-tagging-directive");
  const BucketRecord bucket = call.checked_bucket();
  const ObjectAttributes attrs = read_object_attributes(call.req, bucket, call.now_ms());

  const bool same_object = src.bucket == call.bucket && src.key == call.key;
  const bool changes_something = metadata_directive == "REPLACE" ||
                                 call.req.header("x-amz-storage-class") ||
                                 call.req.header("x-amz-server-side-encryption") ||
                                 call.req.header("x-amz-website-redirect-location");
  if (same_object && !changes_something && !src.version_id)
    throw err::invalid_request(
        "This copy request is illegal because it is trying to copy an object to itself without "
        "changing the object's metadata, storage class, website redirect location or encryption "
        "attributes.");

  ObjectVersion v;
  if (metadata_directive == "REPLACE") {
    attrs.apply_to(v);
  } else {
    v.metadata = src.version.metadata;
    v.headers = src.version.headers;
    v.storage_class =
        call.req.header("x-amz-storage-class") ? attrs.storage_class : std::string("STANDARD");
    for (const auto& [name, value] : attrs.headers)
      if (name.rfind("x-amz-server-side-encryption", 0) == 0 ||
          name == "x-amz-website-redirect-location")
        v.headers[name] = value;
    v.lock_mode = attrs.lock_mode;
    v.lock_until_ms = attrs.lock_until_ms;
    v.legal_hold = attrs.legal_hold;
  }
  v.tags = tagging_directive == "REPLACE" ? attrs.tags : src.version.tags;

  // The checksum: the one asked for, else the source's whole-object checksum carries over.
  std::optional<ChecksumAlgorithm> algorithm;
  if (const auto a = call.req.header("x-amz-checksum-algorithm")) {
    algorithm = parse_checksum_algorithm(*a);
    if (!algorithm) throw err::invalid_request("Checksum algorithm provided is unsupported.");
  } else if (!src.version.checksum.empty() && src.version.checksum.type == "FULL_OBJECT") {
    algorithm = parse_checksum_algorithm(src.version.checksum.algorithm);
  }
  {
    ce::ReadTxn txn(call.svc.ctx());
    check_write_conditions(call.req, call.key, call.store().latest(txn, call.bucket, call.key));
  }
  CopiedBytes bytes = copy_bytes(call, src.version, algorithm);
  v.size = src.version.size;
  v.etag = bytes.etag;
  v.inline_body = std::move(bytes.inline_body);
  v.segments = bytes.shared;
  if (algorithm)
    v.checksum = {std::string(checksum_name(*algorithm)), base64_encode(*bytes.checksum),
                  "FULL_OBJECT"};
  v.owner = std::string(call.account());
  v.last_modified_ms = call.now_ms();

  std::string versioning;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const BucketRecord current = call.store().require_bucket(txn, call.bucket);
    check_write_conditions(call.req, call.key, call.store().latest(txn, call.bucket, call.key));
    if (!v.segments.empty()) {
      // The source may have gone since it was read: share its blobs only if it is still there.
      const auto still =
          call.store().find_version(txn, src.bucket, src.key, src.version.version_id);
      if (!still || still->seq != src.version.seq) throw err::no_such_key(src.key);
      call.store().share(txn, v);
    }
    call.store().write_version(txn, current, call.key, v);
    versioning = current.versioning;
  });

  ce::Response& r = call.resp;
  if (!versioning.empty()) r.header("x-amz-version-id", v.version_id);
  if (src.bucket_versioned) r.header("x-amz-copy-source-version-id", src.version.version_id);
  for (const auto& [name, value] : v.headers)
    if (name.rfind("x-amz-server-side-encryption", 0) == 0) r.header(name, value);
  ce::XmlWriter w;
  w.declaration().open("CopyObjectResult", k_xmlns);
  w.element("ETag", quoted_etag(v.etag)).element("LastModified", iso8601(v.last_modified_ms));
  if (!v.checksum.empty()) {
    w.element("ChecksumType", v.checksum.type);
    w.element("Checksum" + v.checksum.algorithm, v.checksum.value);
  }
  send_xml(call, w.finish());
  notify(call, bucket, "ObjectCreated:Copy", call.key, v);
}

}  // namespace s3
