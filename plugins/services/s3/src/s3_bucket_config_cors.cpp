// PutBucketCors / GetBucketCors / DeleteBucketCors: the CORSConfiguration document.
#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::size_t k_max_cors_rules = 100;  // S3's documented limit per configuration

std::string normalize_cors(std::string_view body) {
  pugi::xml_document doc;
  const pugi::xml_node root = parse_root(doc, body, "CORSConfiguration");
  const auto rules = children(root, "CORSRule");
  if (rules.empty() || rules.size() > k_max_cors_rules) throw err::malformed_xml();
  for (const pugi::xml_node& rule : rules) {
    const auto methods = children(rule, "AllowedMethod");
    if (methods.empty() || children(rule, "AllowedOrigin").empty()) throw err::malformed_xml();
    for (const pugi::xml_node& m : methods) {
      const std::string_view method = m.text().get();
      if (method != "GET" && method != "PUT" && method != "POST" && method != "DELETE" &&
          method != "HEAD") {
        throw err::invalid_request(
            "Found unsupported HTTP method in CORS config. Unsupported method is " +
            std::string(method));
      }
    }
    if (const auto id = child_text(rule, "ID"); id && id->size() > 255)
      throw err::invalid_argument("ID length should not exceed allowed limit of 255");
    optional_int(rule, "MaxAgeSeconds", 0, INT32_MAX);
  }
  return canonical_xml(root);
}

}  // namespace

constinit const ConfigKind k_cors{
    .key = "cors",
    .get_op = "GetBucketCors",
    .put_op = "PutBucketCors",
    .delete_op = "DeleteBucketCors",
    .normalize = &normalize_cors,
    .missing_code = "NoSuchCORSConfiguration",
    .missing_message = "The CORS configuration does not exist",
};

}  // namespace s3::config
