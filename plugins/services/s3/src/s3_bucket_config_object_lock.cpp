// Object Lock: the bucket's ObjectLockConfiguration (a table kind) and the per-version retention
// and legal hold (PutObjectRetention / GetObjectRetention / PutObjectLegalHold /
// GetObjectLegalHold). Whether a lock stops a delete or overwrite is the object operations'
// business; here we only keep the settings and S3's rules for changing them.
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

std::string normalize_object_lock(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "ObjectLockConfiguration");
  require_enum(root, "ObjectLockEnabled", {"Enabled"});
  if (const pugi::xml_node rule = child(root, "Rule")) {
    const pugi::xml_node retention = child(rule, "DefaultRetention");
    if (!retention) throw err::malformed_xml();
    require_enum(retention, "Mode", {"GOVERNANCE", "COMPLIANCE"});
    const auto days = optional_int(retention, "Days", INT32_MIN, INT32_MAX);
    const auto years = optional_int(retention, "Years", INT32_MIN, INT32_MAX);
    if (days.has_value() == years.has_value()) throw err::malformed_xml();
    const int64_t period = days.value_or(years.value_or(0));
    if (period <= 0)
      throw err::invalid_argument("Default retention period must be a positive integer value");
    if ((days && *days > 36500) || (years && *years > 100))
      throw err::invalid_argument("Default retention period is too large.");
  }
  return canonical_xml(root);
}

// Object Lock can be turned on for an existing bucket only once its versioning is Enabled (S3
// allows this since November 2023); it can never be turned off.
void put_object_lock(BucketRecord& b, const std::string&) {
  if (b.object_lock) return;
  if (b.versioning != "Enabled") {
    throw ce::AwsError::conflict("InvalidBucketState",
                                 "Object Lock configuration cannot be enabled on existing buckets");
  }
  b.object_lock = true;
}

std::optional<std::string> enabled_without_rule(const BucketRecord& b) {
  if (!b.object_lock) return std::nullopt;
  ce::XmlWriter w;
  w.open("ObjectLockConfiguration", k_xmlns).element("ObjectLockEnabled", "Enabled");
  return w.finish();
}

void require_object_lock(const BucketRecord& b) {
  if (!b.object_lock) throw err::invalid_request("Bucket is missing Object Lock Configuration");
}

ce::AwsError protected_by_lock() {
  return ce::AwsError::access_denied("Access Denied because object protected by object lock.");
}

struct Retention {
  std::string mode;  // "" = remove
  int64_t until_ms = 0;
};

Retention parse_retention(std::string_view body, int64_t now_ms) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "Retention");
  Retention r;
  const auto mode = child_text(root, "Mode");
  const auto until = child_text(root, "RetainUntilDate");
  if (mode.has_value() != until.has_value()) throw err::malformed_xml();
  if (!mode) return r;
  r.mode = require_enum(root, "Mode", {"GOVERNANCE", "COMPLIANCE"});
  const auto ms = parse_http_date(*until);
  if (!ms) throw err::malformed_xml();
  if (*ms <= now_ms) throw err::invalid_argument("The retain until date must be in the future!");
  r.until_ms = *ms;
  return r;
}

/// S3's rules for changing a retention still in force: COMPLIANCE can only be extended;
/// GOVERNANCE can be extended (or made COMPLIANCE) freely, anything else needs the bypass header.
void check_retention_change(const ObjectVersion& v, const Retention& next, int64_t now_ms,
                            bool bypass) {
  if (v.lock_mode.empty() || v.lock_until_ms <= now_ms) return;
  const bool extends = !next.mode.empty() && next.until_ms >= v.lock_until_ms &&
                       (v.lock_mode == "GOVERNANCE" || next.mode == "COMPLIANCE");
  if (extends) return;
  if (v.lock_mode == "GOVERNANCE" && bypass) return;
  throw protected_by_lock();
}

void put_retention(Call& call) {
  require_object_lock(read_version(call).first);
  const Retention next = parse_retention(call.req.read_all(k_max_xml_body), call.now_ms());
  const std::string bypass(call.req.header_or("x-amz-bypass-governance-retention", ""));
  const int64_t now = call.now_ms();
  const auto [b, v] = update_version(call, [&](const BucketRecord&, ObjectVersion& ver) {
    check_retention_change(ver, next, now, bypass == "true" || bypass == "True");
    ver.lock_mode = next.mode;
    ver.lock_until_ms = next.until_ms;
  });
  set_version_header(call, b, v);
  call.resp.send_empty(200);
}

void get_retention(Call& call) {
  const auto [b, v] = read_version(call);
  require_object_lock(b);
  if (v.lock_mode.empty()) {
    throw ce::AwsError::not_found("NoSuchObjectLockConfiguration",
                                  "The specified object does not have a ObjectLock configuration");
  }
  ce::XmlWriter w;
  w.open("Retention", k_xmlns)
      .element("Mode", v.lock_mode)
      .element("RetainUntilDate", iso8601(v.lock_until_ms));
  set_version_header(call, b, v);
  send_xml(call, with_declaration(w.finish()));
}

void put_legal_hold(Call& call) {
  require_object_lock(read_version(call).first);
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, call.req.read_all(k_max_xml_body), "LegalHold");
  const bool on = require_enum(root, "Status", {"ON", "OFF"}) == "ON";
  const auto [b, v] = update_version(call, [&](const BucketRecord&, ObjectVersion& ver) {
    ver.legal_hold = on;
    ver.legal_hold_set = true;
  });
  set_version_header(call, b, v);
  call.resp.send_empty(200);
}

// A version never given a legal hold has none to report (S3 answers
// NoSuchObjectLockConfiguration until the first PutObjectLegalHold or legal-hold header).
void get_legal_hold(Call& call) {
  const auto [b, v] = read_version(call);
  require_object_lock(b);
  if (!v.legal_hold_set && !v.legal_hold)
    throw ce::AwsError::not_found("NoSuchObjectLockConfiguration",
                                  "The specified object does not have a ObjectLock configuration");
  ce::XmlWriter w;
  w.open("LegalHold", k_xmlns).element("Status", v.legal_hold ? "ON" : "OFF");
  set_version_header(call, b, v);
  send_xml(call, with_declaration(w.finish()));
}

}  // namespace

void add_object_lock_ops(OpRegistry& ops) {
  ops.add("PutObjectRetention", &put_retention);
  ops.add("GetObjectRetention", &get_retention);
  ops.add("PutObjectLegalHold", &put_legal_hold);
  ops.add("GetObjectLegalHold", &get_legal_hold);
}

constinit const ConfigKind k_object_lock{
    .key = "object-lock",
    .get_op = "GetObjectLockConfiguration",
    .put_op = "PutObjectLockConfiguration",
    .delete_op = "",
    .normalize = &normalize_object_lock,
    .on_put = &put_object_lock,
    .when_unset = &enabled_without_rule,
    .missing_code = "ObjectLockConfigurationNotFoundError",
    .missing_message = "Object Lock configuration does not exist for this bucket",
};

}  // namespace s3::config
