// Reading and rewriting one object version's record for the object subresources (?tagging, ?acl,
// ?retention, ?legal-hold): these change a version in place, keeping its id and bytes.
#include <cloudemu/storage.hpp>
#include <cloudemu/value.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_service.hpp"
#include "s3_store.hpp"

namespace s3::config {

std::pair<BucketRecord, ObjectVersion> read_version(Call& call) {
  const Store& store = call.store();
  const auto version_id = call.req.query_param("versionId");
  ce::ReadTxn txn(store.ctx());
  BucketRecord b = store.require_bucket(txn, call.bucket);
  ObjectVersion v = store.resolve_for_read(txn, call.bucket, call.key, version_id, &call.resp);
  return {std::move(b), std::move(v)};
}

std::pair<BucketRecord, ObjectVersion> update_version(
    Call& call, const std::function<void(const BucketRecord&, ObjectVersion&)>& fn) {
  // Resolve first (delete markers, NoSuchVersion, response headers) outside the write txn; then
  // re-read by id inside it, since a concurrent delete may have removed the version meanwhile.
  const auto [bucket, resolved_version] = read_version(call);
  const std::string resolved_id = resolved_version.version_id;
  const BucketRecord& bucket_ref = bucket;  // lambdas may not capture structured bindings (C++17)
  const Store& store = call.store();
  ObjectVersion written;
  ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    auto v = store.find_version(txn, call.bucket, call.key, resolved_id);
    if (!v) {
      if (call.req.has_query_param("versionId")) throw err::no_such_version(call.key, resolved_id);
      throw err::no_such_key(call.key);
    }
    fn(bucket_ref, *v);
    txn.put(store.objects(), version_key(call.bucket, call.key, v->seq),
            ce::encode_record(k_record_version, *v));
    written = std::move(*v);
  });
  return {bucket, std::move(written)};
}

void set_version_header(Call& call, const BucketRecord& b, const ObjectVersion& v) {
  if (!b.versioning.empty()) call.resp.header("x-amz-version-id", v.version_id);
}

}  // namespace s3::config
