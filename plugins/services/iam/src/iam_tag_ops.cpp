// Tag/Untag/List{User,Role}Tags, Tag/Untag/ListPolicyTags and
// Tag/Untag/ListInstanceProfileTags.
#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

void write_tag_list(ce::XmlWriter& w, const Tags& tags) {
  w.open("Tags");
  for (const auto& [key, value] : tags)
    w.open("member").element("Key", key).element("Value", value).close();
  w.close();
  w.element("IsTruncated", "false");
}

template <Kind K>
void tag_principal(Call& c, ce::XmlWriter&) {
  const std::string name = c.required(info(K).name_param);
  const Tags tags = parse_tags(c);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    merge_tags(p.tags, tags);
    c.store().put(txn, K, c.account(), p);
  });
}

template <Kind K>
void untag_principal(Call& c, ce::XmlWriter&) {
  const std::string name = c.required(info(K).name_param);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    remove_tags(c, p.tags);
    c.store().put(txn, K, c.account(), p);
  });
}

template <Kind K>
void list_principal_tags(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  write_tag_list(w, require_principal(c, txn, K, c.required(info(K).name_param)).tags);
}

/// The customer managed policy of the PolicyArn parameter, changed by `change` and stored.
template <typename Change>
void change_policy_tags(Call& c, Change change) {
  const PolicyArn arn = required_policy_arn(c);
  const std::string text = c.required("PolicyArn");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (arn.aws_managed()) throw ce::AwsError::access_denied("Access Denied");
    PolicyRecord p = require_policy(c, txn, arn, text);
    change(p.tags);
    c.store().put_policy(txn, c.account(), p);
  });
}

void tag_policy(Call& c, ce::XmlWriter&) {
  const Tags tags = parse_tags(c);
  change_policy_tags(c, [&](Tags& t) { merge_tags(t, tags); });
}

void untag_policy(Call& c, ce::XmlWriter&) {
  change_policy_tags(c, [&](Tags& t) { remove_tags(c, t); });
}

void list_policy_tags(Call& c, ce::XmlWriter& w) {
  const PolicyArn arn = required_policy_arn(c);
  ce::ReadTxn txn(c.svc.ctx());
  write_tag_list(w, require_policy(c, txn, arn, c.required("PolicyArn")).tags);
}

template <typename Change>
void change_profile_tags(Call& c, Change change) {
  const std::string name = c.required("InstanceProfileName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    auto p = c.store().find_profile(txn, c.account(), name);
    if (!p) throw entity_not_found("Instance Profile", name);
    change(p->tags);
    c.store().put_profile(txn, c.account(), *p);
  });
}

void tag_instance_profile(Call& c, ce::XmlWriter&) {
  const Tags tags = parse_tags(c);
  change_profile_tags(c, [&](Tags& t) { merge_tags(t, tags); });
}

void untag_instance_profile(Call& c, ce::XmlWriter&) {
  change_profile_tags(c, [&](Tags& t) { remove_tags(c, t); });
}

void list_instance_profile_tags(Call& c, ce::XmlWriter& w) {
  const std::string name = c.required("InstanceProfileName");
  ce::ReadTxn txn(c.svc.ctx());
  const auto p = c.store().find_profile(txn, c.account(), name);
  if (!p) throw entity_not_found("Instance Profile", name);
  write_tag_list(w, p->tags);
}

}  // namespace

void add_tag_ops(OpRegistry& ops) {
  ops.add("TagUser", &tag_principal<Kind::user>, false);
  ops.add("UntagUser", &untag_principal<Kind::user>, false);
  ops.add("ListUserTags", &list_principal_tags<Kind::user>);
  ops.add("TagRole", &tag_principal<Kind::role>, false);
  ops.add("UntagRole", &untag_principal<Kind::role>, false);
  ops.add("ListRoleTags", &list_principal_tags<Kind::role>);
  ops.add("TagPolicy", &tag_policy, false);
  ops.add("UntagPolicy", &untag_policy, false);
  ops.add("ListPolicyTags", &list_policy_tags);
  ops.add("TagInstanceProfile", &tag_instance_profile, false);
  ops.add("UntagInstanceProfile", &untag_instance_profile, false);
  ops.add("ListInstanceProfileTags", &list_instance_profile_tags);
}

}  // namespace iam
