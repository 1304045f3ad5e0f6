// PutObject: body in (outside any transaction), then one short transaction publishes the version.
#include "s3_body.hpp"
#include "s3_conditions.hpp"
#include "s3_errors.hpp"
#include "s3_notifications.hpp"
#include "s3_object_handlers.hpp"
#include "s3_object_io.hpp"
#include "s3_object_meta.hpp"
#include "s3_service.hpp"

namespace s3 {

void put_object(Call& call) {
  Store& store = call.store();
  const BucketRecord bucket = call.checked_bucket();
  const ObjectAttributes attrs = read_object_attributes(call.req, bucket, call.now_ms());
  // A failed precondition is answered before the body is read when it can be (the common case);
  // the check is repeated inside the transaction where it decides.
  {
    ce::ReadTxn txn(call.svc.ctx());
    check_write_conditions(call.req, call.key, store.latest(txn, call.bucket, call.key));
  }
  const IngestedBody body = ingest_body(call);

  ObjectVersion v;
  body.store_into(v);
  attrs.apply_to(v);
  v.owner = std::string(call.account());
  v.last_modified_ms = call.now_ms();
  std::string versioning;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const BucketRecord current_bucket = store.require_bucket(txn, call.bucket);
    check_write_conditions(call.req, call.key, store.latest(txn, call.bucket, call.key));
    if (body.blob) txn.link_blob(body.blob->id.data());
    store.write_version(txn, current_bucket, call.key, v);
    versioning = current_bucket.versioning;
  });

  ce::Response& r = call.resp;
  r.header("ETag", quoted_etag(v.etag));
  if (!versioning.empty()) r.header("x-amz-version-id", v.version_id);
  for (const auto& [name, value] : v.headers)
    if (name.rfind("x-amz-server-side-encryption", 0) == 0) r.header(name, value);
  if (!v.checksum.empty()) {
    r.header(checksum_header(*parse_checksum_algorithm(v.checksum.algorithm)), v.checksum.value);
    r.header("x-amz-checksum-type", v.checksum.type);
  }
  r.send_empty(200);
  notify(call, bucket, "ObjectCreated:Put", call.key, v);
}

}  // namespace s3
