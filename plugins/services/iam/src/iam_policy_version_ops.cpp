// CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion,
// DeletePolicyVersion. A policy has at most 5 versions; ids count up and are never reused.
#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_managed_policy.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

/// The customer managed policy a PolicyArn names (versions of AWS managed ones cannot change).
PolicyRecord writable_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn) {
  if (arn.aws_managed()) throw ce::AwsError::access_denied("Access Denied");
  return require_policy(c, txn, arn, c.required("PolicyArn"));
}

PolicyVersion& require_version(PolicyRecord& p, const std::string& id, const std::string& arn) {
  for (auto& v : p.versions)
    if (v.version_id == id) return v;
  throw no_such_entity("Policy " + arn + " version " + id +
                       " does not exist or is not attachable.");
}

void create_policy_version(Call& c, ce::XmlWriter& w) {
  const PolicyArn arn = required_policy_arn(c);
  const std::string document = checked_managed_document(c);
  const bool make_default = c.optional_or("SetAsDefault", "false") == "true";
  const auto [p, v] = ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    PolicyRecord p = writable_policy(c, txn, arn);
    if (p.versions.size() >= k_max_policy_versions)
      throw limit_exceeded(
          "A managed policy can have up to 5 versions. Before you create a new version, you "
          "must delete an existing version.");
    PolicyVersion v{"v" + std::to_string(p.next_version++), document, c.now_ms()};
    p.versions.push_back(v);
    if (make_default) p.default_version = v.version_id;
    p.updated_ms = v.created_ms;
    c.store().put_policy(txn, c.account(), p);
    return std::make_pair(p, v);
  });
  w.open("PolicyVersion");
  write_policy_version(w, p, v, false);
  w.close();
}

void get_policy_version(Call& c, ce::XmlWriter& w) {
  const PolicyArn arn = required_policy_arn(c);
  const std::string text = c.required("PolicyArn");
  const std::string id = c.required("VersionId");
  ce::ReadTxn txn(c.svc.ctx());
  PolicyRecord p = require_policy(c, txn, arn, text);
  const PolicyVersion& v = require_version(p, id, text);
  w.open("PolicyVersion");
  write_policy_version(w, p, v, true);
  w.close();
}

void list_policy_versions(Call& c, ce::XmlWriter& w) {
  const PolicyArn arn = required_policy_arn(c);
  ce::ReadTxn txn(c.svc.ctx());
  const PolicyRecord p = require_policy(c, txn, arn, c.required("PolicyArn"));
  w.open("Versions");
  // Newest first, as IAM lists them.
  for (auto it = p.versions.rbegin(); it != p.versions.rend(); ++it) {
    w.open("member");
    write_policy_version(w, p, *it, false);
    w.close();
  }
  w.close();
  w.element("IsTruncated", "false");
}

void set_default_policy_version(Call& c, ce::XmlWriter&) {
  const PolicyArn arn = required_policy_arn(c);
  const std::string text = c.required("PolicyArn");
  const std::string id = c.required("VersionId");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    PolicyRecord p = writable_policy(c, txn, arn);
    require_version(p, id, text);
    p.default_version = id;
    p.updated_ms = c.now_ms();
    c.store().put_policy(txn, c.account(), p);
  });
}

void delete_policy_version(Call& c, ce::XmlWriter&) {
  const PolicyArn arn = required_policy_arn(c);
  const std::string text = c.required("PolicyArn");
  const std::string id = c.required("VersionId");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    PolicyRecord p = writable_policy(c, txn, arn);
    require_version(p, id, text);
    if (p.default_version == id)
      throw delete_conflict("Cannot delete the default version of a policy.");
    std::erase_if(p.versions, [&](const PolicyVersion& v) { return v.version_id == id; });
    c.store().put_policy(txn, c.account(), p);
  });
}

}  // namespace

void add_policy_version_ops(OpRegistry& ops) {
  ops.add("CreatePolicyVersion", &create_policy_version);
  ops.add("GetPolicyVersion", &get_policy_version);
  ops.add("ListPolicyVersions", &list_policy_versions);
  ops.add("SetDefaultPolicyVersion", &set_default_policy_version, false);
  ops.add("DeletePolicyVersion", &delete_policy_version, false);
}

}  // namespace iam
