// PutBucketPolicy / GetBucketPolicy / DeleteBucketPolicy (a JSON document, stored as given) and
// GetBucketPolicyStatus, computed from it.
#include <cloudemu/protocol/xml_writer.hpp>
#include <nlohmann/json.hpp>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_service.hpp"
#include "s3_store.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::size_t k_max_policy = 20 * 1024;  // S3's bucket policy size limit

ce::AwsError malformed_policy(std::string message) {
  return ce::AwsError::client(400, "MalformedPolicy", std::move(message));
}

std::string normalize_policy(std::string_view body) {
  // S3 checks the first byte before parsing (its message says so).
  if (body.empty() || body.front() != '{')
    throw malformed_policy("Policies must be valid JSON and the first byte must be '{'");
  if (body.size() > k_max_policy) throw malformed_policy("Policies must be less than 20 KB");
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    throw malformed_policy("Policies must be valid JSON and the first byte must be '{'");
  if (!json.contains("Statement")) throw malformed_policy("Missing required field Statement");
  // GetBucketPolicy answers the document as it was put.
  return std::string(body);
}

bool is_star(const nlohmann::json& v) {
  if (v.is_string()) return v.get_ref<const std::string&>() == "*";
  if (v.is_array())
    return std::any_of(v.begin(), v.end(), [](const nlohmann::json& e) { return is_star(e); });
  return false;
}

bool statement_is_public(const nlohmann::json& s) {
  if (!s.is_object() || s.value("Effect", "") != "Allow") return false;
  // A condition (source IP, VPC, account...) makes S3 consider the grant non-public; we do not
  // evaluate which conditions would still be public.
  if (s.contains("Condition") && !s["Condition"].empty()) return false;
  const auto it = s.find("Principal");
  if (it == s.end()) return false;
  if (is_star(*it)) return true;
  return it->is_object() && it->contains("AWS") && is_star((*it)["AWS"]);
}

void put_policy(BucketRecord& b, const std::string& doc) {
  if (public_access_blocked(b, "BlockPublicPolicy") && policy_is_public(doc))
    throw ce::AwsError::access_denied();
}

void get_policy_status(Call& call) {
  const BucketRecord b = call.checked_bucket();
  const auto it = b.configs.find("policy");
  if (it == b.configs.end())
    throw err::not_configured("NoSuchBucketPolicy", "The bucket policy does not exist",
                              call.bucket);
  ce::XmlWriter w;
  w.open("PolicyStatus", k_xmlns)
      .element("IsPublic", policy_is_public(it->second) ? "true" : "false");
  send_xml(call, with_declaration(w.finish()));
}

}  // namespace

bool policy_is_public(std::string_view policy_json) {
  const auto json = nlohmann::json::parse(policy_json, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return false;
  const auto it = json.find("Statement");
  if (it == json.end()) return false;
  if (it->is_array())
    return std::any_of(it->begin(), it->end(),
                       [](const auto& s) { return statement_is_public(s); });
  return statement_is_public(*it);
}

void add_policy_status_op(OpRegistry& ops) {
  ops.add("GetBucketPolicyStatus", &get_policy_status);
}

constinit const ConfigKind k_policy{
    .key = "policy",
    .get_op = "GetBucketPolicy",
    .put_op = "PutBucketPolicy",
    .delete_op = "DeleteBucketPolicy",
    .normalize = &normalize_policy,
    .on_put = &put_policy,
    .missing_code = "NoSuchBucketPolicy",
    .missing_message = "The bucket policy does not exist",
    .put_status = 204,
    .content_type = "application/json",
};

}  // namespace s3::config
