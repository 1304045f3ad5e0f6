// PutBucketReplication / GetBucketReplication / DeleteBucketReplication. Kept, not acted on.
#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::size_t k_max_replication_rules = 1000;

std::string normalize_replication(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "ReplicationConfiguration");
  require_text(root, "Role");
  const auto rules = children(root, "Rule");
  if (rules.empty() || rules.size() > k_max_replication_rules) throw err::malformed_xml();
  for (const pugi::xml_node& rule : rules) {
    require_enum(rule, "Status", {"Enabled", "Disabled"});
    require_text(child(rule, "Destination"), "Bucket");
  }
  return canonical_xml(root);
}

void put_replication(BucketRecord& b, const std::string&) {
  if (b.versioning != "Enabled") {
    throw err::invalid_request(
        "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
  }
}

}  // namespace

constinit const ConfigKind k_replication{
    .key = "replication",
    .get_op = "GetBucketReplication",
    .put_op = "PutBucketReplication",
    .delete_op = "DeleteBucketReplication",
    .normalize = &normalize_replication,
    .on_put = &put_replication,
    .missing_code = "ReplicationConfigurationNotFoundError",
    .missing_message = "The replication configuration was not found",
};

}  // namespace s3::config
