// How IAM writes its entities in answers: the shapes of the IAM API reference (User, Role, Group,
// Policy, PolicyVersion, InstanceProfile, tags), shared by every action that returns them.
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "iam_store.hpp"

namespace iam {

/// Policy documents are sent URL-encoded, as IAM does (botocore unquotes them).
std::string encoded_document(std::string_view document);

/// <Tags><member><Key>..</Key><Value>..</Value></member>...</Tags>; nothing when empty.
void write_tags(ce::XmlWriter& w, const Tags& tags);

/// The members of a <User>/<Role>/<Group> element. `detailed`: what Get* adds over List*
/// (tags, permissions boundary, RoleLastUsed).
void write_principal(ce::XmlWriter& w, std::string_view account, Kind kind, const Principal& p,
                     bool detailed);
/// <element>..</element> around write_principal.
void write_principal_element(ce::XmlWriter& w, std::string_view element, std::string_view account,
                             Kind kind, const Principal& p, bool detailed);

std::string policy_arn(std::string_view account, const PolicyRecord& p);
/// The members of a <Policy> element; `detailed` adds Description and Tags (GetPolicy).
void write_policy(ce::XmlWriter& w, std::string_view account, const PolicyRecord& p, bool detailed);
void write_policy_version(ce::XmlWriter& w, const PolicyRecord& p, const PolicyVersion& v,
                          bool with_document);

/// The members of an <InstanceProfile>, with its roles as given.
void write_instance_profile(ce::XmlWriter& w, std::string_view account,
                            const InstanceProfileRecord& p, const std::vector<Principal>& roles);

}  // namespace iam
