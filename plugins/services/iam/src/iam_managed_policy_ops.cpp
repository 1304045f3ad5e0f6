// CreatePolicy, GetPolicy, DeletePolicy, ListPolicies, ListEntitiesForPolicy: customer managed
// policies. Their versions are iam_policy_version_ops.cpp.
#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_managed_policy.hpp"
#include "iam_policy_document.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

void create_policy(Call& c, ce::XmlWriter& w) {
  PolicyRecord p;
  p.name = checked_name(c, "PolicyName", 128);
  p.path = checked_path(c);
  p.description = c.optional_or("Description", "");
  if (p.description.size() > 1000)
    throw constraint_error(p.description, "description",
                           "Member must have length less than or equal to 1000");
  const std::string document = checked_managed_document(c);
  p.tags = parse_tags(c);
  p.id = new_unique_id("ANPA", c.account());
  p.created_ms = p.updated_ms = c.now_ms();
  p.versions.push_back(PolicyVersion{"v1", document, p.created_ms});
  p.default_version = "v1";
  p.next_version = 2;
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (c.store().find_policy(txn, c.account(), p.name))
      throw entity_already_exists("A policy called " + p.name +
                                  " already exists. Duplicate names are not allowed.");
    c.store().put_policy(txn, c.account(), p);
  });
  w.open("Policy");
  write_policy(w, c.account(), p, true);
  w.close();
}

void get_policy(Call& c, ce::XmlWriter& w) {
  const PolicyArn arn = required_policy_arn(c);
  ce::ReadTxn txn(c.svc.ctx());
  const PolicyRecord p = require_policy(c, txn, arn, c.required("PolicyArn"));
  w.open("Policy");
  write_policy(w, arn.aws_managed() ? "aws" : c.account(), p, true);
  w.close();
}

void delete_policy(Call& c, ce::XmlWriter&) {
  const PolicyArn arn = required_policy_arn(c);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (arn.aws_managed()) throw ce::AwsError::access_denied("Access Denied");
    const PolicyRecord p = require_policy(c, txn, arn, c.required("PolicyArn"));
    if (p.attachment_count > 0 || p.boundary_count > 0)
      throw delete_conflict("Cannot delete a policy attached to entities.");
    if (p.versions.size() > 1)
      throw delete_conflict(
          "This policy has more than one version. Before you delete a policy, you must delete "
          "the policy's versions. The default version is deleted with the policy.");
    c.store().erase_policy(txn, c.account(), p.name);
  });
}

// Scope=AWS lists nothing: no catalog of AWS managed policies ships with the emulator.
void list_policies(Call& c, ce::XmlWriter& w) {
  const std::string scope = c.optional_or("Scope", "All");
  if (scope != "All" && scope != "AWS" && scope != "Local")
    throw constraint_error(scope, "scope", "Member must satisfy enum value set: [All, AWS, Local]");
  const bool only_attached = c.optional_or("OnlyAttached", "false") == "true";
  const std::string prefix = checked_path_prefix(c);
  ce::ReadTxn txn(c.svc.ctx());
  std::vector<PolicyRecord> policies;
  if (scope != "AWS") policies = c.store().all_policies(txn, c.account());
  std::erase_if(policies, [&](const PolicyRecord& p) {
    return !p.path.starts_with(prefix) || (only_attached && p.attachment_count == 0);
  });
  write_page(
      c, w, "Policies", policies, [](const PolicyRecord& p) { return lower(p.name); },
      [&](ce::XmlWriter& out, const PolicyRecord& p) {
        out.open("member");
        write_policy(out, c.account(), p, false);
        out.close();
      });
}

void list_entities_for_policy(Call& c, ce::XmlWriter& w) {
  const std::string text = c.required("PolicyArn");
  const PolicyArn arn = required_policy_arn(c);
  ce::ReadTxn txn(c.svc.ctx());
  require_policy(c, txn, arn, text);
  const std::string filter = c.optional_or("EntityFilter", "");
  const std::pair<Kind, const char*> k_lists[] = {
      {Kind::group, "PolicyGroups"}, {Kind::user, "PolicyUsers"}, {Kind::role, "PolicyRoles"}};
  for (const auto& [kind, tag] : k_lists) {
    w.open(tag);
    const bool wanted = filter.empty() || filter == info(kind).title;
    for (const auto& p :
         wanted ? c.store().all(txn, kind, c.account()) : std::vector<Principal>{}) {
      if (std::find(p.attached.begin(), p.attached.end(), text) == p.attached.end()) continue;
      const std::string title(info(kind).title);
      w.open("member").element(title + "Name", p.name).element(title + "Id", p.id).close();
    }
    w.close();
  }
  w.element("IsTruncated", "false");
}

}  // namespace

std::string checked_managed_document(const Call& c) {
  const std::string document = c.required("PolicyDocument");
  check_policy(document, PolicyUse::identity);
  if (policy_size(document) > k_managed_policy_limit)
    throw limit_exceeded("Cannot exceed quota for PolicySize: 6144");
  return document;
}

void add_managed_policy_ops(OpRegistry& ops) {
  ops.add("CreatePolicy", &create_policy);
  ops.add("GetPolicy", &get_policy);
  ops.add("DeletePolicy", &delete_policy, false);
  ops.add("ListPolicies", &list_policies);
  ops.add("ListEntitiesForPolicy", &list_entities_for_policy);
}

}  // namespace iam
