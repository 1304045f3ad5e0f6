// Entity shapes in answers (iam_xml.hpp).
#include "iam_xml.hpp"

#include <cloudemu/timestamp.hpp>
#include <cloudemu/url.hpp>

#include "iam_names.hpp"

namespace iam {

std::string encoded_document(std::string_view document) {
  return ce::percent_encode(document);
}

void write_tags(ce::XmlWriter& w, const Tags& tags) {
  if (tags.empty()) return;
  w.open("Tags");
  for (const auto& [key, value] : tags)
    w.open("member").element("Key", key).element("Value", value).close();
  w.close();
}

void write_principal(ce::XmlWriter& w, std::string_view account, Kind kind, const Principal& p,
                     bool detailed) {
  const KindInfo& k = info(kind);
  w.element("Path", p.path);
  w.element(std::string(k.title) + "Name", p.name);
  w.element(std::string(k.title) + "Id", p.id);
  w.element("Arn", principal_arn(account, kind, p));
  w.element("CreateDate", ce::iso8601_seconds(p.created_ms));
  if (kind == Kind::role) {
    w.element("AssumeRolePolicyDocument", encoded_document(p.assume_role_policy));
    if (!p.description.empty()) w.element("Description", p.description);
    w.element("MaxSessionDuration", std::to_string(p.max_session_duration));
  }
  if (detailed && !p.permissions_boundary.empty()) {
    w.open("PermissionsBoundary")
        .element("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
        .element("PermissionsBoundaryArn", p.permissions_boundary)
        .close();
  }
  if (detailed && kind != Kind::group) write_tags(w, p.tags);
  if (detailed && kind == Kind::role) w.empty_element("RoleLastUsed");
}

void write_principal_element(ce::XmlWriter& w, std::string_view element, std::string_view account,
                             Kind kind, const Principal& p, bool detailed) {
  w.open(element);
  write_principal(w, account, kind, p, detailed);
  w.close();
}

std::string policy_arn(std::string_view account, const PolicyRecord& p) {
  return arn(account, "policy", p.path, p.name);
}

void write_policy(ce::XmlWriter& w, std::string_view account, const PolicyRecord& p,
                  bool detailed) {
  w.element("PolicyName", p.name)
      .element("PolicyId", p.id)
      .element("Arn", policy_arn(account, p))
      .element("Path", p.path)
      .element("DefaultVersionId", p.default_version)
      .element("AttachmentCount", std::to_string(p.attachment_count))
      .element("PermissionsBoundaryUsageCount", std::to_string(p.boundary_count))
      .element("IsAttachable", "true");
  if (detailed && !p.description.empty()) w.element("Description", p.description);
  w.element("CreateDate", ce::iso8601_seconds(p.created_ms))
      .element("UpdateDate", ce::iso8601_seconds(p.updated_ms));
  if (detailed) write_tags(w, p.tags);
}

void write_policy_version(ce::XmlWriter& w, const PolicyRecord& p, const PolicyVersion& v,
                          bool with_document) {
  if (with_document) w.element("Document", encoded_document(v.document));
  w.element("VersionId", v.version_id)
      .element("IsDefaultVersion", v.version_id == p.default_version ? "true" : "false")
      .element("CreateDate", ce::iso8601_seconds(v.created_ms));
}

void write_instance_profile(ce::XmlWriter& w, std::string_view account,
                            const InstanceProfileRecord& p, const std::vector<Principal>& roles) {
  w.element("Path", p.path)
      .element("InstanceProfileName", p.name)
      .element("InstanceProfileId", p.id)
      .element("Arn", arn(account, "instance-profile", p.path, p.name))
      .element("CreateDate", ce::iso8601_seconds(p.created_ms));
  w.open("Roles");
  for (const auto& r : roles) write_principal_element(w, "member", account, Kind::role, r, false);
  w.close();
  write_tags(w, p.tags);
}

}  // namespace iam
