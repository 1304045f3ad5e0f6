// PutBucketEncryption / GetBucketEncryption / DeleteBucketEncryption.
//
// Since January 2023 every S3 bucket has default encryption (SSE-S3, AES256): GetBucketEncryption
// never answers ServerSideEncryptionConfigurationNotFoundError any more, and Delete returns the
// bucket to that default. We answer the same, so an unset bucket reads as AES256 with
// BucketKeyEnabled false.
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

std::string normalize_encryption(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "ServerSideEncryptionConfiguration");
  const auto rules = children(root, "Rule");
  if (rules.empty()) throw err::malformed_xml();
  for (const pugi::xml_node& rule : rules) {
    const pugi::xml_node by_default = child(rule, "ApplyServerSideEncryptionByDefault");
    if (!by_default) throw err::malformed_xml();
    const std::string algorithm =
        require_enum(by_default, "SSEAlgorithm", {"AES256", "aws:kms", "aws:kms:dsse"});
    if (child(by_default, "KMSMasterKeyID") && algorithm == "AES256") {
      throw err::invalid_argument(
          "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or "
          "aws:kms:dsse");
    }
    optional_bool(rule, "BucketKeyEnabled");
  }
  return canonical_xml(root);
}

std::optional<std::string> sse_s3_default(const BucketRecord&) {
  ce::XmlWriter w;
  w.open("ServerSideEncryptionConfiguration", k_xmlns)
      .open("Rule")
      .open("ApplyServerSideEncryptionByDefault")
      .element("SSEAlgorithm", "AES256")
      .close()
      .element("BucketKeyEnabled", "false");
  return w.finish();
}

}  // namespace

constinit const ConfigKind k_encryption{
    .key = "encryption",
    .get_op = "GetBucketEncryption",
    .put_op = "PutBucketEncryption",
    .delete_op = "DeleteBucketEncryption",
    .normalize = &normalize_encryption,
    .when_unset = &sse_s3_default,
    .missing_code = "ServerSideEncryptionConfigurationNotFoundError",
    .missing_message = "The server side encryption configuration was not found",
};

}  // namespace s3::config
