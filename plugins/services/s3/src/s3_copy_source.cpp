#include "s3_copy_source.hpp"

#include <cloudemu/url.hpp>

#include "s3_conditions.hpp"
#include "s3_errors.hpp"
#include "s3_service.hpp"

namespace s3 {

namespace {
ce::AwsError invalid_copy_source() {
  return err::invalid_argument("Invalid copy source object key", "x-amz-copy-source", "");
}
}  // namespace

CopySource resolve_copy_source(Call& call) {
  std::string_view raw = call.req.header_or("x-amz-copy-source", "");
  CopySource src;
  if (const auto q = raw.find("?versionId="); q != std::string_view::npos) {
    src.version_id = std::string(raw.substr(q + 11));
    raw = raw.substr(0, q);
  }
  const auto decoded = ce::percent_decode(raw, false);
  if (!decoded) throw invalid_copy_source();
  std::string_view path = *decoded;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  const auto slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size())
    throw invalid_copy_source();
  src.bucket = std::string(path.substr(0, slash));
  src.key = std::string(path.substr(slash + 1));

  ce::ReadTxn txn(call.svc.ctx());
  const auto bucket = call.store().find_bucket(txn, src.bucket);
  if (!bucket) throw err::no_such_bucket(src.bucket);
  src.bucket_versioned = !bucket->versioning.empty();
  if (src.version_id) {
    auto v = call.store().find_version(txn, src.bucket, src.key, *src.version_id);
    if (!v) throw err::no_such_version(src.key, *src.version_id);
    if (v->delete_marker)
      throw err::invalid_request(
          "The source of a copy request may not specifically refer to a delete marker by version "
          "id.");
    src.version = std::move(*v);
  } else {
    auto v = call.store().latest(txn, src.bucket, src.key);
    if (!v || v->delete_marker) throw err::no_such_key(src.key);
    src.version = std::move(*v);
  }
  require_copy_source_conditions(call.req, src.version);
  return src;
}

}  // namespace s3
