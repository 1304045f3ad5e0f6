// PutBucketLifecycleConfiguration / GetBucketLifecycleConfiguration / DeleteBucketLifecycle.
// Rules are validated and kept in canonical form; the sweeper (s3_lifecycle.cpp) acts on them.
#include <set>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::size_t k_max_lifecycle_rules = 1000;

void check_rule(const pugi::xml_node& rule, std::set<std::string>& ids) {
  require_enum(rule, "Status", {"Enabled", "Disabled"});
  // A rule selects objects by the legacy Prefix or by Filter, never both.
  if (child(rule, "Filter") && child(rule, "Prefix")) throw err::malformed_xml();
  if (const auto id = child_text(rule, "ID")) {
    if (id->size() > 255)
      throw err::invalid_argument("ID length should not exceed allowed limit of 255");
    if (!id->empty() && !ids.insert(*id).second)
      throw err::invalid_argument("Rule ID must be unique. Found same ID for more than one rule");
  }
  bool has_action = false;
  for (const std::string_view action :
       {"Expiration", "Transition", "NoncurrentVersionExpiration", "NoncurrentVersionTransition",
        "AbortIncompleteMultipartUpload"}) {
    has_action = has_action || child(rule, action);
  }
  if (!has_action)
    throw err::invalid_request("At least one action needs to be specified in a rule");
  if (const pugi::xml_node exp = child(rule, "Expiration")) {
    const auto days = child_text(exp, "Days");
    if (days && (days->empty() || days->front() == '-' || *days == "0"))
      throw err::invalid_argument("'Days' for Expiration action must be a positive integer");
    optional_int(exp, "Days", 1, INT32_MAX);
    optional_bool(exp, "ExpiredObjectDeleteMarker");
  }
  if (const pugi::xml_node abort = child(rule, "AbortIncompleteMultipartUpload"))
    optional_int(abort, "DaysAfterInitiation", 1, INT32_MAX);
}

std::string normalize_lifecycle(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "LifecycleConfiguration");
  const auto rules = children(root, "Rule");
  if (rules.empty() || rules.size() > k_max_lifecycle_rules) throw err::malformed_xml();
  std::set<std::string> ids;
  for (const pugi::xml_node& rule : rules) check_rule(rule, ids);
  return canonical_xml(root);
}

}  // namespace

constinit const ConfigKind k_lifecycle{
    .key = "lifecycle",
    .get_op = "GetBucketLifecycleConfiguration",
    .put_op = "PutBucketLifecycleConfiguration",
    .delete_op = "DeleteBucketLifecycle",
    .normalize = &normalize_lifecycle,
    .missing_code = "NoSuchLifecycleConfiguration",
    .missing_message = "The lifecycle configuration does not exist",
};

}  // namespace s3::config
