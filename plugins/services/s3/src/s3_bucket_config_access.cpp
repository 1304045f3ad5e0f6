// Bucket-level access settings: PutBucketOwnershipControls / Get / Delete and PutPublicAccessBlock
// / Get / Delete.
//
// Since April 2023 new buckets get ObjectOwnership BucketOwnerEnforced (ACLs disabled) and every
// Block Public Access flag on. The ownership setting lives in BucketRecord::ownership ("" once
// deleted). Block public access is absent from configs for a new bucket (the all-on default) and
// stored as "" once deleted, so GetPublicAccessBlock can tell "default" from "removed".
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::string_view k_pab_key = "publicAccessBlock";
constexpr std::string_view k_pab_flags[] = {"BlockPublicAcls", "IgnorePublicAcls",
                                            "BlockPublicPolicy", "RestrictPublicBuckets"};

std::string render_ownership(std::string_view ownership) {
  ce::XmlWriter w;
  w.open("OwnershipControls", k_xmlns).open("Rule").element("ObjectOwnership", ownership);
  return w.finish();
}

std::string normalize_ownership(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "OwnershipControls");
  const auto rules = children(root, "Rule");
  if (rules.size() != 1) throw err::malformed_xml();
  return render_ownership(
      require_enum(rules.front(), "ObjectOwnership",
                   {"BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"}));
}

void put_ownership(BucketRecord& b, const std::string& doc) {
  const pugi::xml_document parsed = parse_xml(doc);
  b.ownership = require_text(child(parsed.document_element(), "Rule"), "ObjectOwnership");
}

void delete_ownership(BucketRecord& b) {
  b.ownership.clear();
}

std::optional<std::string> current_ownership(const BucketRecord& b) {
  if (b.ownership.empty()) return std::nullopt;
  return render_ownership(b.ownership);
}

std::string render_pab(const std::array<bool, 4>& flags) {
  ce::XmlWriter w;
  w.open("PublicAccessBlockConfiguration", k_xmlns);
  for (std::size_t i = 0; i < flags.size(); ++i)
    w.element(k_pab_flags[i], flags[i] ? "true" : "false");
  return w.finish();
}

// S3 answers all four flags, an omitted one being false.
std::string normalize_pab(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "PublicAccessBlockConfiguration");
  std::array<bool, 4> flags{};
  for (std::size_t i = 0; i < flags.size(); ++i)
    flags[i] = optional_bool(root, k_pab_flags[i]).value_or(false);
  return render_pab(flags);
}

void delete_pab(BucketRecord& b) {
  b.configs[std::string(k_pab_key)] = "";
}

std::optional<std::string> default_pab(const BucketRecord&) {
  return render_pab({true, true, true, true});
}

}  // namespace

bool public_access_blocked(const BucketRecord& b, std::string_view flag) {
  const auto it = b.configs.find(std::string(k_pab_key));
  if (it == b.configs.end()) return true;
  if (it->second.empty()) return false;
  const pugi::xml_document doc = parse_xml(it->second);
  return optional_bool(doc.document_element(), flag).value_or(false);
}

constinit const ConfigKind k_ownership{
    .key = "ownershipControls",
    .get_op = "GetBucketOwnershipControls",
    .put_op = "PutBucketOwnershipControls",
    .delete_op = "DeleteBucketOwnershipControls",
    .normalize = &normalize_ownership,
    .on_put = &put_ownership,
    .on_delete = &delete_ownership,
    .when_unset = &current_ownership,
    .missing_code = "OwnershipControlsNotFoundError",
    .missing_message = "The bucket ownership controls were not found",
    .stored = false,
};

constinit const ConfigKind k_public_access_block{
    .key = k_pab_key,
    .get_op = "GetPublicAccessBlock",
    .put_op = "PutPublicAccessBlock",
    .delete_op = "DeletePublicAccessBlock",
    .normalize = &normalize_pab,
    .on_delete = &delete_pab,
    .when_unset = &default_pab,
    .missing_code = "NoSuchPublicAccessBlockConfiguration",
    .missing_message = "The public access block configuration was not found",
};

}  // namespace s3::config
