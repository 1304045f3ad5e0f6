#include "s3_object_meta.hpp"

#include <array>
#include <cloudemu/clock.hpp>
#include <set>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_tagging.hpp"
#include "s3_text.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

// Request headers S3 stores with the object and returns on GET/HEAD, by canonical name.
constexpr std::array<std::string_view, 7> k_stored_headers = {"Content-Type",
                                                              "Cache-Control",
                                                              "Content-Disposition",
                                                              "Content-Encoding",
                                                              "Content-Language",
                                                              "Expires",
                                                              "x-amz-website-redirect-location"};

constexpr std::array<std::string_view, 9> k_storage_classes = {
    "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",     "INTELLIGENT_TIERING",
    "GLACIER",  "DEEP_ARCHIVE",       "GLACIER_IR",  "EXPRESS_ONEZONE"};

constexpr std::size_t k_max_user_metadata = 2048;

/// The bucket's default retention (ObjectLockConfiguration Rule) for objects written without
/// their own lock mode: retained from now for the configured days or years.
void apply_default_retention(const BucketRecord& bucket, int64_t now_ms, ObjectAttributes& a) {
  if (!bucket.object_lock) return;
  const auto it = bucket.configs.find("object-lock");
  if (it == bucket.configs.end() || it->second.empty()) return;
  const auto doc = parse_xml(it->second);
  const auto retention = child(child(doc.document_element(), "Rule"), "DefaultRetention");
  if (!retention) return;
  const auto mode = child_text(retention, "Mode");
  const int64_t days = std::stoll(child_text(retention, "Days").value_or("0")) +
                       365 * std::stoll(child_text(retention, "Years").value_or("0"));
  if (!mode || days <= 0) return;
  a.lock_mode = *mode;
  a.lock_until_ms = now_ms + days * ce::k_day_ms;
}

}  // namespace

void ObjectAttributes::apply_to(ObjectVersion& v) const {
  copy_object_attributes(*this, v);
  v.legal_hold_set = legal_hold_set;
}

Tags parse_tagging_header(std::string_view text) {
  const auto params = ce::parse_form(text);
  if (!params)
    throw ce::AwsError::client(400, "InvalidArgument",
                               "The header 'x-amz-tagging' shall be encoded as UTF-8 then "
                               "URLEncoded URL query parameters without tag name duplicates.");
  Tags tags(params->begin(), params->end());
  validate_tags(tags, TagScope::object);
  return tags;
}

ObjectAttributes read_object_attributes(const ce::Request& req, const BucketRecord& bucket,
                                        int64_t now_ms) {
  ObjectAttributes a;
  a.acl = config::acl_from_headers(req, bucket, bucket.owner).value_or("");
  const ce_request& raw = req.raw();
  std::size_t metadata_bytes = 0;
  for (std::size_t i = 0; i < raw.header_count; ++i) {
    const std::string name = ascii_lower(ce::to_view(raw.headers[i].name));
    const std::string_view value = ce::to_view(raw.headers[i].value);
    if (name.rfind("x-amz-meta-", 0) == 0) {
      std::string key = name.substr(11);
      metadata_bytes += key.size() + value.size();
      // Repeated x-amz-meta headers are joined with commas, as HTTP header folding would.
      auto [it, fresh] = a.metadata.emplace(std::move(key), std::string(value));
      if (!fresh) it->second += "," + std::string(value);
    }
  }
  if (metadata_bytes > k_max_user_metadata)
    throw ce::AwsError::client(400, "MetadataTooLarge",
                               "Your metadata headers exceed the maximum allowed metadata size.")
        .with("Size", std::to_string(metadata_bytes))
        .with("MaxSizeAllowed", std::to_string(k_max_user_metadata));
  for (const auto name : k_stored_headers)
    if (const auto v = req.header(name)) a.headers.emplace(std::string(name), std::string(*v));
  // aws-chunked names the upload's framing, not the object's encoding: S3 drops it and keeps
  // the rest of the list ("aws-chunked,gzip" stores "gzip").
  if (auto it = a.headers.find("Content-Encoding"); it != a.headers.end()) {
    std::string kept;
    for (const auto& item : split_list(it->second))
      if (item != "aws-chunked") kept += (kept.empty() ? "" : ",") + item;
    if (kept.empty()) {
      a.headers.erase(it);
    } else {
      it->second = kept;
    }
  }

  if (const auto sc = req.header("x-amz-storage-class")) {
    bool ok = false;
    for (const auto k : k_storage_classes) ok = ok || k == *sc;
    if (!ok)
      throw ce::AwsError::client(400, "InvalidStorageClass",
                                 "The storage class you specified is not valid")
          .with("StorageClassRequested", std::string(*sc));
    a.storage_class = std::string(*sc);
  }

  // Server-side encryption: SSE-S3 is the default for every bucket (S3 since January 2023); an
  // explicit aws:kms keeps its key id and context so they can be echoed back.
  const std::string sse(req.header_or("x-amz-server-side-encryption", "AES256"));
  if (sse != "AES256" && sse != "aws:kms" && sse != "aws:kms:dsse")
    throw err::invalid_argument("The encryption method specified is not supported",
                                "x-amz-server-side-encryption", sse);
  a.headers["x-amz-server-side-encryption"] = sse;
  for (const char* h :
       {"x-amz-server-side-encryption-aws-kms-key-id", "x-amz-server-side-encryption-context",
        "x-amz-server-side-encryption-bucket-key-enabled"}) {
    if (const auto v = req.header(h)) {
      if (sse == "AES256")
        throw err::invalid_argument(
            "Server Side Encryption with AWS KMS managed key requires HTTP header "
            "x-amz-server-side-encryption : aws:kms",
            h, *v);
      a.headers[h] = std::string(*v);
    }
  }

  if (const auto t = req.header("x-amz-tagging")) {
    a.tags = parse_tagging_header(*t);
    a.tags_given = true;
  }

  const auto mode = req.header("x-amz-object-lock-mode");
  const auto until = req.header("x-amz-object-lock-retain-until-date");
  const auto hold = req.header("x-amz-object-lock-legal-hold");
  if ((mode || until || hold) && !bucket.object_lock)
    throw err::invalid_request("Bucket is missing Object Lock Configuration");
  if (mode.has_value() != until.has_value())
    throw err::invalid_argument(
        "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
  if (mode) {
    if (*mode != "GOVERNANCE" && *mode != "COMPLIANCE")
      throw err::invalid_argument("Unknown wormMode directive.", "x-amz-object-lock-mode", *mode);
    const auto ms = parse_http_date(*until);
    if (!ms)
      throw err::invalid_argument("The retain until date must be provided in ISO 8601 format",
                                  "x-amz-object-lock-retain-until-date", *until);
    a.lock_mode = std::string(*mode);
    a.lock_until_ms = *ms;
  }
  if (!mode) apply_default_retention(bucket, now_ms, a);
  if (hold) {
    if (*hold != "ON" && *hold != "OFF")
      throw err::invalid_argument("Legal Hold must be either of 'ON' or 'OFF'",
                                  "x-amz-object-lock-legal-hold", *hold);
    a.legal_hold = *hold == "ON";
    a.legal_hold_set = true;
  }
  return a;
}

}  // namespace s3
