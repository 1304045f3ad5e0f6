// Bucket lifecycle: CreateBucket, DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation,
// Get/PutBucketVersioning.
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_bucket_name.hpp"
#include "s3_errors.hpp"
#include "s3_owner.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

// Regions S3 accepts as a LocationConstraint (S3 API, CreateBucketConfiguration; "EU" is the
// legacy name of eu-west-1).
bool known_region(std::string_view r) {
  static constexpr std::string_view k_regions[] = {"af-south-1",
                                                   "ap-east-1",
                                                   "ap-northeast-1",
                                                   "ap-northeast-2",
                                                   "ap-northeast-3",
                                                   "ap-south-1",
                                                   "ap-south-2",
                                                   "ap-southeast-1",
                                                   "ap-southeast-2",
                                                   "ap-southeast-3",
                                                   "ap-southeast-4",
                                                   "ap-southeast-5",
                                                   "ca-central-1",
                                                   "ca-west-1",
                                                   "cn-north-1",
                                                   "cn-northwest-1",
                                                   "EU",
                                                   "eu-central-1",
                                                   "eu-central-2",
                                                   "eu-north-1",
                                                   "eu-south-1",
                                                   "eu-south-2",
                                                   "eu-west-1",
                                                   "eu-west-2",
                                                   "eu-west-3",
                                                   "il-central-1",
                                                   "me-central-1",
                                                   "me-south-1",
                                                   "sa-east-1",
                                                   "us-east-2",
                                                   "us-gov-east-1",
                                                   "us-gov-west-1",
                                                   "us-west-1",
                                                   "us-west-2"};
  for (const auto k : k_regions)
    if (k == r) return true;
  return false;
}

std::string location_constraint(Call& call) {
  const std::string body = call.req.read_all(k_max_xml_body);
  const std::string_view region = call.req.region();
  std::optional<std::string> constraint;
  if (!body.empty()) {
    const auto doc = parse_xml(body);
    const auto root = require_root(doc, "CreateBucketConfiguration");
    constraint = child_text(root, "LocationConstraint");
  }
  if (!constraint || constraint->empty()) {
    // Without a constraint the bucket goes to us-east-1, which only that endpoint may create.
    if (region != "us-east-1" && !region.empty())
      throw ce::AwsError::client(400, "IllegalLocationConstraintException",
                                 "The unspecified location constraint is incompatible for the "
                                 "region specific endpoint this request was sent to.");
    return "";
  }
  if (!known_region(*constraint))
    throw ce::AwsError::client(400, "InvalidLocationConstraint",
                               "The specified location-constraint is not valid")
        .with("LocationConstraint", *constraint);
  if (region != "us-east-1" && *constraint != region)
    throw ce::AwsError::client(400, "IllegalLocationConstraintException",
                               "The " + *constraint +
                                   " location constraint is incompatible for the region specific "
                                   "endpoint this request was sent to.");
  return *constraint;
}

void create_bucket(Call& call) {
  if (!valid_bucket_name(call.bucket)) throw err::invalid_bucket_name(call.bucket);
  const std::string region = location_constraint(call);
  const std::string ownership(call.req.header_or("x-amz-object-ownership", "BucketOwnerEnforced"));
  if (ownership != "BucketOwnerEnforced" && ownership != "BucketOwnerPreferred" &&
      ownership != "ObjectWriter")
    throw err::invalid_argument("Invalid x-amz-object-ownership header: " + ownership,
                                "x-amz-object-ownership", ownership);
  const bool lock = call.req.header_or("x-amz-bucket-object-lock-enabled", "") == "true";
  const bool existed = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (const auto b = call.store().find_bucket(txn, call.bucket)) {
      if (b->owner != call.account()) throw err::bucket_already_exists(call.bucket);
      // us-east-1 answers 200 to its owner re-creating a bucket there (legacy behaviour).
      if (b->region.empty() && region.empty()) return true;
      throw err::bucket_already_owned_by_you(call.bucket);
    }
    BucketRecord b;
    b.name = call.bucket;
    b.owner = std::string(call.account());
    b.region = region;
    b.created_ms = call.now_ms();
    b.ownership = ownership;
    b.object_lock = lock;
    if (lock) b.versioning = "Enabled";  // object lock needs versioning, and turns it on
    call.store().put_bucket(txn, b);
    return false;
  });
  (void)existed;
  call.resp.header("Location", region.empty() ? "/" + call.bucket
                                              : "http://" + call.bucket + ".s3.amazonaws.com/");
  call.resp.send_empty(200);
}

void delete_bucket(Call& call) {
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    Store& store = call.store();
    store.require_bucket(txn, call.bucket);
    if (store.bucket_has_objects(txn, call.bucket)) throw err::bucket_not_empty(call.bucket);
    // Incomplete multipart uploads go with the bucket, and their parts' bytes with them.
    const std::string prefix = bucket_objects_prefix(call.bucket);
    std::vector<std::string> uploads;
    {
      auto cur = txn.cursor(store.uploads());
      for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
           kv = cur.next())
        uploads.emplace_back(kv->first);
    }
    for (const auto& k : uploads)
      store.drop_upload(
          txn, call.bucket,
          ce::decode_record<UploadRecord>(*txn.get(store.uploads(), k), k_record_version));
    txn.del(store.buckets(), bucket_key(call.bucket));
  });
  call.resp.send_empty(204);
}

void head_bucket(Call& call) {
  const BucketRecord b = call.checked_bucket();
  call.resp.header("x-amz-bucket-region", b.region.empty() ? "us-east-1" : b.region);
  call.resp.header("x-amz-access-point-alias", "false");
  call.resp.send_empty(200);
}

void list_buckets(Call& call) {
  const std::string prefix = call.req.query_param("prefix").value_or("");
  const std::string token = call.req.query_param("continuation-token").value_or("");
  std::size_t max = 10000;
  if (const auto m = call.req.query_param("max-buckets")) {
    try {
      max = std::stoul(*m);
    } catch (...) {
      max = 0;
    }
    if (max < 1 || max > 10000)
      throw err::invalid_argument("Argument max-buckets must be an integer between 1 and 10000",
                                  "max-buckets", *m);
  }
  std::vector<BucketRecord> found;
  std::string next_token;
  {
    ce::ReadTxn txn(call.svc.ctx());
    auto cur = txn.cursor(call.store().buckets());
    for (auto kv = cur.seek(token.empty() ? std::string() : bucket_key(token) + '\0'); kv;
         kv = cur.next()) {
      auto b = ce::decode_record<BucketRecord>(kv->second, k_record_version);
      if (b.owner != call.account() || b.name.compare(0, prefix.size(), prefix) != 0) continue;
      if (found.size() == max) {
        next_token = found.back().name;
        break;
      }
      found.push_back(std::move(b));
    }
  }
  ce::XmlWriter w;
  w.declaration().open("ListAllMyBucketsResult", k_xmlns);
  write_owner(w, call.account());
  w.open("Buckets");
  for (const auto& b : found) {
    w.open("Bucket");
    w.element("Name", b.name).element("CreationDate", iso8601(b.created_ms));
    w.element("BucketRegion", b.region.empty() ? "us-east-1" : b.region);
    w.close();
  }
  w.close();
  if (!prefix.empty()) w.element("Prefix", prefix);
  if (!next_token.empty()) w.element("ContinuationToken", next_token);
  send_xml(call, w.finish());
}

void get_bucket_location(Call& call) {
  const BucketRecord b = call.checked_bucket();
  ce::XmlWriter w;
  w.declaration();
  if (b.region.empty()) {
    w.open("LocationConstraint", k_xmlns).close();
  } else {
    w.open("LocationConstraint", k_xmlns).text(b.region).close();
  }
  send_xml(call, w.finish());
}

void get_bucket_versioning(Call& call) {
  const BucketRecord b = call.checked_bucket();
  ce::XmlWriter w;
  w.declaration().open("VersioningConfiguration", k_xmlns);
  if (!b.versioning.empty()) w.element("Status", b.versioning);
  send_xml(call, w.finish());
}

void put_bucket_versioning(Call& call) {
  const auto doc = read_xml(call);
  const auto root = require_root(doc, "VersioningConfiguration");
  const auto status = child_text(root, "Status");
  if (status && *status != "Enabled" && *status != "Suspended") throw err::malformed_xml();
  if (const auto mfa = child_text(root, "MfaDelete"); mfa && *mfa == "Enabled")
    throw err::invalid_request("DevPay and MFA Delete are not supported by this emulator");
  if (!status) return call.resp.send_empty(200);
  call.store().update_bucket(call.bucket, [&](BucketRecord& b) {
    if (b.object_lock && *status == "Suspended")
      throw ce::AwsError::conflict("InvalidBucketState",
                                   "An Object Lock configuration is present on this bucket, so "
                                   "the versioning state cannot be changed.");
    b.versioning = *status;
  });
  call.resp.send_empty(200);
}

}  // namespace

void add_bucket_ops(OpRegistry& ops) {
  ops.add("CreateBucket", &create_bucket);
  ops.add("DeleteBucket", &delete_bucket);
  ops.add("HeadBucket", &head_bucket);
  ops.add("ListBuckets", &list_buckets);
  ops.add("GetBucketLocation", &get_bucket_location);
  ops.add("GetBucketVersioning", &get_bucket_versioning);
  ops.add("PutBucketVersioning", &put_bucket_versioning);
}

}  // namespace s3
