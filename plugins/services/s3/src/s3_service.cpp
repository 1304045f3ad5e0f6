// Request entry: addressing, operation name, bucket checks every operation shares, dispatch.
#include "s3_service.hpp"

#include <cloudemu/protocol/render.hpp>

#include "s3_addressing.hpp"
#include "s3_cors.hpp"
#include "s3_errors.hpp"
#include "s3_post_object.hpp"
#include "s3_presigned.hpp"
#include "s3_website.hpp"

namespace s3 {

Store& Call::store() const {
  return svc.store();
}
int64_t Call::now_ms() const {
  return svc.now_ms();
}
const ce::ServiceContext& Call::ctx() const {
  return svc.ctx();
}
const BucketRecord& Call::checked_bucket() {
  if (!bucket_record) bucket_record = store().load_bucket(bucket);
  return *bucket_record;
}

namespace {
constexpr std::size_t k_max_key_bytes = 1024;

// Operations that run before (or without) a bucket of the caller's: the rest get NoSuchBucket
// or AccessDenied here, before any of their own validation, as S3 orders its checks.
bool needs_existing_bucket(std::string_view op) {
  return op != "ListBuckets" && op != "CreateBucket" && op != "PreflightRequest" &&
         op != "PostObject";
}
}  // namespace

S3Service::S3Service(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_bucket_ops(ops_);
  add_object_ops(ops_);
  add_listing_ops(ops_);
  add_multipart_ops(ops_);
  add_config_ops(ops_);
  add_tagging_ops(ops_);
  add_post_object_ops(ops_);
  add_cors_ops(ops_);
}

void S3Service::handle(ce::Request& req, ce::Response& resp) {
  try {
    const auto address = parse_address(req.host(), req.path());
    if (!address)
      throw ce::AwsError::client(400, "InvalidURI", "Couldn't parse the specified URI.");
    Call call{*this, req, resp, address->bucket, address->key, address->has_key, {}, {}};
    if (is_website_host(req.host())) {
      resp.operation("WebsiteGet");
      return serve_website(call, ops_.find(req.is_head() ? "HeadObject" : "GetObject"));
    }
    call.operation = operation_name(req, !call.bucket.empty(), call.has_key);
    if (call.operation.empty())
      throw err::method_not_allowed(req.method(), call.has_key ? "OBJECT" : "BUCKET");
    resp.operation(call.operation);
    if (call.key.size() > k_max_key_bytes) throw err::key_too_long(call.key.size());
    add_cors_headers(call);
    dispatch(call);
  } catch (const ce::AwsError& e) {
    if (resp.started()) throw;
    ce::ErrorRenderOptions opts;
    opts.host_id = req.request_id();
    ce::render_error(k_protocol, e, req.request_id(), resp, opts);
  }
}

bool S3Service::answers_inline(const ce::Request& req) const {
  const auto address = parse_address(req.host(), req.path());
  if (!address) return true;  // an InvalidURI error is quick too
  const std::string op = operation_name(req, !address->bucket.empty(), address->has_key);
  // Listings scan; everything named Get*/Head* reads one record (a large GetObject body makes
  // the host run it again on a worker, see ce_service_v1.answers_inline).
  return op.starts_with("Get") || op.starts_with("Head");
}

void S3Service::dispatch(Call& call) {
  check_presigned_expiry(call);
  const Handler handler = ops_.find(call.operation);
  if (needs_existing_bucket(call.operation)) {
    ce::ReadTxn txn(ctx_);
    call.bucket_record = store_.require_bucket(txn, call.bucket);
    if (call.bucket_record->owner != call.account()) throw ce::AwsError::access_denied();
  }
  if (handler == nullptr) throw err::not_implemented(call.operation);
  handler(call);
}

}  // namespace s3
