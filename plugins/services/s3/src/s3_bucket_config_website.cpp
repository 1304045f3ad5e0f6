// PutBucketWebsite / GetBucketWebsite / DeleteBucketWebsite. The website endpoint that serves a
// bucket from this configuration is s3_website.cpp.
#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

std::string normalize_website(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "WebsiteConfiguration");
  if (const pugi::xml_node redirect = child(root, "RedirectAllRequestsTo")) {
    // Redirecting everything excludes every other setting.
    require_text(redirect, "HostName");
    if (child(redirect, "Protocol")) require_enum(redirect, "Protocol", {"http", "https"});
    if (child(root, "IndexDocument") || child(root, "ErrorDocument") || child(root, "RoutingRules"))
      throw err::malformed_xml();
    return canonical_xml(root);
  }
  const pugi::xml_node index = child(root, "IndexDocument");
  if (!index) {
    throw err::invalid_argument(
        "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty");
  }
  const std::string suffix = require_text(index, "Suffix");
  if (suffix.empty() || suffix.find('/') != std::string::npos)
    throw err::invalid_argument("The IndexDocument Suffix is not well formed", "IndexDocument",
                                suffix);
  if (const pugi::xml_node error = child(root, "ErrorDocument")) require_text(error, "Key");
  for (const pugi::xml_node& rule : children(child(root, "RoutingRules"), "RoutingRule"))
    if (!child(rule, "Redirect")) throw err::malformed_xml();
  return canonical_xml(root);
}

}  // namespace

constinit const ConfigKind k_website{
    .key = "website",
    .get_op = "GetBucketWebsite",
    .put_op = "PutBucketWebsite",
    .delete_op = "DeleteBucketWebsite",
    .normalize = &normalize_website,
    .missing_code = "NoSuchWebsiteConfiguration",
    .missing_message = "The specified bucket does not have a website configuration",
};

}  // namespace s3::config
