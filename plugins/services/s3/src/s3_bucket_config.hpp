// Bucket configuration subresources (?cors, ?lifecycle, ?policy, ?encryption, ...), ACLs, object
// retention and legal hold. One generic mechanism serves the XML subresources: a table of
// ConfigKind (root element, validator, what GET answers when nothing is stored); each family's
// file holds only its validator and hooks.
//
// The validators are pure functions of the request body (no store, no Call) so the fuzz target
// (fuzz/fuzz_bucket_config.cpp) can drive them directly.
#pragma once
#include <functional>
#include <optional>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "s3_ops.hpp"
#include "s3_records.hpp"

namespace s3::config {

/// One XML (or, for "policy", JSON) configuration document kept in BucketRecord::configs.
struct ConfigKind {
  std::string_view key;     // BucketRecord::configs key, the query subresource
  std::string_view get_op;  // AWS operation names; "" when S3 has none
  std::string_view put_op;
  std::string_view delete_op;
  /// Validates a request body as S3 does (throws AwsError) and returns the canonical document
  /// to store and answer with.
  std::string (*normalize)(std::string_view body);
  /// State checks and side effects on the bucket before the document is stored (versioning,
  /// object lock, bucket name...). nullptr: none.
  void (*on_put)(BucketRecord& b, const std::string& doc) = nullptr;
  /// Runs after a Put was stored and answered (side effects outside the bucket record, such as
  /// the test event S3 sends to new notification targets). nullptr: none.
  void (*after_put)(Call& call, const std::string& doc) = nullptr;
  /// Runs after the stored document is erased by the Delete operation. nullptr: none.
  void (*on_delete)(BucketRecord& b) = nullptr;
  /// What GET answers when nothing is stored (S3's defaults since 2023: SSE-S3 encryption, block
  /// public access on, ...). nullptr or nullopt: the not-configured error below.
  std::optional<std::string> (*when_unset)(const BucketRecord& b) = nullptr;
  std::string_view missing_code = {};
  std::string_view missing_message = {};
  unsigned put_status = 200;
  unsigned delete_status = 204;
  std::string_view content_type = "application/xml";
  /// False when on_put keeps the setting in a BucketRecord field instead of configs (ownership).
  bool stored = true;
};

// Each family's file defines its kind (constant-initialized, so no static-order issue).
extern const ConfigKind k_cors, k_lifecycle, k_policy, k_encryption, k_ownership,
    k_public_access_block, k_object_lock, k_website, k_logging, k_accelerate, k_request_payment,
    k_replication, k_notification;
/// Every table-driven subresource (s3_bucket_config.cpp).
std::span<const ConfigKind* const> kinds();
const ConfigKind* find_kind(std::string_view key);

// ---- XML helpers shared by the validators ----
/// Parses body and checks the root element's local name; MalformedXML otherwise.
pugi::xml_node parse_root(pugi::xml_document& doc, std::string_view body, std::string_view root);
/// Re-renders an element canonically: local names only, xmlns on the root, no comments or
/// whitespace-only text, no XML declaration. Attributes are dropped (no S3 config uses them
/// except ACL grantees, which s3_bucket_config_acl.cpp renders itself).
std::string canonical_xml(const pugi::xml_node& root);
/// The element's text, which must be one of `allowed`; MalformedXML when absent or not allowed.
std::string require_enum(const pugi::xml_node& parent, std::string_view name,
                         std::initializer_list<std::string_view> allowed);
/// The child's text; MalformedXML when absent.
std::string require_text(const pugi::xml_node& parent, std::string_view name);
/// A decimal integer in [min, max], nullopt when absent; MalformedXML when not a number.
std::optional<int64_t> optional_int(const pugi::xml_node& parent, std::string_view name,
                                    int64_t min, int64_t max);
/// "true"/"false" in any case (S3 accepts TRUE); MalformedXML otherwise.
std::optional<bool> optional_bool(const pugi::xml_node& parent, std::string_view name);
/// "<?xml ...?>\n" + doc, as S3 sends documents.
std::string with_declaration(const std::string& doc);

// ---- handlers outside the table (registered by add_config_ops) ----
void add_policy_status_op(OpRegistry& ops);  // s3_bucket_config_policy.cpp
void add_acl_ops(OpRegistry& ops);           // s3_bucket_config_acl.cpp
void add_object_lock_ops(OpRegistry& ops);   // s3_bucket_config_retention.cpp

// ---- facts other operations need ----
/// True when the policy JSON allows anyone: an Allow statement whose Principal is "*" (or
/// {"AWS": "*"}) without a Condition, as S3's policy status evaluates it.
bool policy_is_public(std::string_view policy_json);
/// One Block Public Access flag ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
/// "RestrictPublicBuckets") as the bucket currently has it (all on by default).
bool public_access_blocked(const BucketRecord& b, std::string_view flag);
/// The ObjectOwnership setting's effect: ACLs are disabled under BucketOwnerEnforced.
inline bool acls_disabled(const BucketRecord& b) {
  return b.ownership == "BucketOwnerEnforced";
}

// ---- ACLs (s3_bucket_config_acl.cpp) ----
struct Grant {
  std::string type;        // CanonicalUser, Group, AmazonCustomerByEmail
  std::string who;         // ID, URI or EmailAddress
  std::string permission;  // FULL_CONTROL, WRITE, WRITE_ACP, READ, READ_ACP
};
struct Acl {
  std::string owner;
  std::vector<Grant> grants;
};
/// A canned ACL (x-amz-acl) for canonical user ids; InvalidArgument for an unknown name.
Acl canned_acl(std::string_view name, std::string_view owner, std::string_view bucket_owner);
/// An AccessControlPolicy body; MalformedACLError when it does not validate.
Acl parse_acl(std::string_view body);
std::string render_acl(const Acl& acl);
/// The ACL a request asks for through x-amz-acl or x-amz-grant-* headers, nullopt when it has
/// none; checked against the bucket's ownership and Block Public Access settings (throws). For
/// PutObject/CopyObject/CreateMultipartUpload: store the result in ObjectVersion::acl.
std::optional<std::string> acl_from_headers(const ce::Request& req, const BucketRecord& bucket,
                                            std::string_view owner);
/// What GetBucketAcl/GetObjectAcl answer when nothing is stored: the owner (an account id) has
/// FULL_CONTROL.
std::string default_acl(std::string_view owner_account);

// ---- object subresources (s3_bucket_config_object.cpp) ----
/// The object version a ?versionId= request names, read in one read transaction (NoSuchBucket,
/// NoSuchKey, NoSuchVersion, delete markers as GetObject answers them).
std::pair<BucketRecord, ObjectVersion> read_version(Call& call);
/// Read-modify-write of that version's record in one short write transaction. fn may throw
/// AwsError to refuse (nothing is written). Returns the record as written.
std::pair<BucketRecord, ObjectVersion> update_version(
    Call& call, const std::function<void(const BucketRecord&, ObjectVersion&)>& fn);
/// x-amz-version-id on object-subresource answers, for buckets that have had versioning.
void set_version_header(Call& call, const BucketRecord& b, const ObjectVersion& v);

}  // namespace s3::config
