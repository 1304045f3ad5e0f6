// DeleteObject and DeleteObjects: permanent version deletes, delete markers, object lock.
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_body.hpp"
#include "s3_checksum.hpp"
#include "s3_errors.hpp"
#include "s3_notifications.hpp"
#include "s3_object_handlers.hpp"
#include "s3_service.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

constexpr std::size_t k_max_delete_keys = 1000;

struct DeleteOutcome {
  bool removed = false;    // a version went or a marker was written: an event is due
  std::string version_id;  // the version removed or the marker created ("" = nothing versioned)
  bool delete_marker = false;
};

/// Retention and legal hold protect a version from permanent deletion (S3 Object Lock).
void check_lock(const Call& call, const ObjectVersion& v) {
  if (v.legal_hold)
    throw ce::AwsError::access_denied("Access Denied because object protected by object lock.");
  if (!v.lock_mode.empty() && v.lock_until_ms > call.now_ms()) {
    const bool bypass = v.lock_mode == "GOVERNANCE" &&
                        call.req.header_or("x-amz-bypass-governance-retention", "") == "true";
    if (!bypass)
      throw ce::AwsError::access_denied("Access Denied because object protected by object lock.");
  }
}

/// ObjectRemoved:Delete or ObjectRemoved:DeleteMarkerCreated for what delete_one did.
void notify_removed(Call& call, const BucketRecord& bucket, const std::string& key,
                    const DeleteOutcome& out, bool by_version) {
  if (!out.removed) return;
  ObjectVersion v;
  v.version_id = out.version_id.empty() ? "null" : out.version_id;
  v.seq = seq_of_version_id(v.version_id).value_or(0);
  v.owner = std::string(call.account());
  const bool marker_created = out.delete_marker && !by_version;
  notify(call, bucket,
         marker_created ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete", key, v);
}

DeleteOutcome delete_one(Call& call, ce::WriteTxn& txn, const BucketRecord& bucket,
                         const std::string& key, const std::optional<std::string>& version_id) {
  Store& store = call.store();
  DeleteOutcome out;
  if (version_id) {
    const auto v = store.find_version(txn, bucket.name, key, *version_id);
    out.version_id = *version_id;
    if (!v) return out;  // deleting a version that is not there succeeds (204)
    check_lock(call, *v);
    out.removed = true;
    out.delete_marker = v->delete_marker;
    store.remove_version(txn, bucket.name, key, *v);
    return out;
  }
  if (bucket.versioning.empty()) {
    if (const auto v = store.latest(txn, bucket.name, key)) {
      store.remove_version(txn, bucket.name, key, *v);
      out.removed = true;
    }
    return out;
  }
  // Versioned (or suspended): a delete marker becomes the newest version; suspended buckets give
  // it the null id, replacing the previous null version (write_version does that).
  ObjectVersion marker;
  marker.delete_marker = true;
  marker.owner = std::string(call.account());
  marker.last_modified_ms = call.now_ms();
  store.write_version(txn, bucket, key, marker);
  out.version_id = marker.version_id;
  out.delete_marker = true;
  out.removed = true;
  return out;
}

}  // namespace

void delete_object(Call& call) {
  const auto version_id = call.req.query_param("versionId");
  DeleteOutcome out;
  BucketRecord bucket;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    bucket = call.store().require_bucket(txn, call.bucket);
    out = delete_one(call, txn, bucket, call.key, version_id);
  });
  if (out.delete_marker) call.resp.header("x-amz-delete-marker", "true");
  if (!out.version_id.empty()) call.resp.header("x-amz-version-id", out.version_id);
  call.resp.send_empty(204);
  notify_removed(call, bucket, call.key, out, version_id.has_value());
}

void delete_objects(Call& call) {
  const std::string body = call.req.read_all(k_max_xml_body);
  if (const auto h = call.req.header("content-md5")) {
    const auto md5 = base64_decode(*h);
    if (!md5 || md5->size() != 16) throw err::invalid_digest();
    if (*md5 != md5_raw(body)) throw err::bad_digest();
  }
  const auto doc = parse_xml(body);
  const auto root = require_root(doc, "Delete");
  const bool quiet = child_text(root, "Quiet").value_or("false") == "true";
  const auto objects = children(root, "Object");
  if (objects.empty() || objects.size() > k_max_delete_keys) throw err::malformed_xml();

  struct Entry {
    std::string key;
    std::optional<std::string> version_id;
    DeleteOutcome outcome;
    std::optional<ce::AwsError> error;
  };
  std::vector<Entry> entries;
  for (const auto& o : objects) {
    const auto key = child_text(o, "Key");
    if (!key) throw err::malformed_xml();
    entries.push_back({*key, child_text(o, "VersionId"), {}, std::nullopt});
  }
  BucketRecord bucket;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    bucket = call.store().require_bucket(txn, call.bucket);
    for (auto& e : entries) {
      e.error.reset();
      try {
        e.outcome = delete_one(call, txn, bucket, e.key, e.version_id);
      } catch (const ce::AwsError& error) {
        e.error = error;
      }
    }
  });

  ce::XmlWriter w;
  w.declaration().open("DeleteResult", k_xmlns);
  for (const auto& e : entries) {
    if (e.error) {
      w.open("Error").element("Key", e.key);
      if (e.version_id) w.element("VersionId", *e.version_id);
      w.element("Code", e.error->code).element("Message", e.error->message).close();
      continue;
    }
    if (quiet) continue;
    w.open("Deleted").element("Key", e.key);
    if (e.version_id) w.element("VersionId", *e.version_id);
    if (e.outcome.delete_marker) {
      w.element("DeleteMarker", "true");
      w.element("DeleteMarkerVersionId", e.outcome.version_id);
    }
    w.close();
  }
  send_xml(call, w.finish());
  for (const auto& e : entries)
    if (!e.error) notify_removed(call, bucket, e.key, e.outcome, e.version_id.has_value());
}

}  // namespace s3
