// Shared lookups and parameter readers (iam_common.hpp).
#include "iam_common.hpp"

#include <algorithm>
#include <cloudemu/protocol/query_form.hpp>

#include "iam_errors.hpp"

namespace iam {

namespace {

constexpr std::size_t k_max_tags = 50;

}  // namespace

Principal require_principal(const Call& c, ce::Txn& txn, Kind kind, std::string_view name) {
  auto p = c.store().find(txn, kind, c.account(), name);
  if (!p) throw entity_not_found(info(kind).noun, name);
  return std::move(*p);
}

std::optional<Principal> caller_user(const Call& c, ce::Txn& txn) {
  const std::string_view key = c.req.access_key_id();
  if (key.empty()) return std::nullopt;
  const auto record = c.store().find_key(txn, key);
  if (!record || record->account != c.account()) return std::nullopt;
  return c.store().find(txn, Kind::user, c.account(), record->user_name);
}

Tags parse_tags(const Call& c) {
  Tags tags;
  const auto members = ce::query::members(c.params, "Tags");
  if (members.size() > k_max_tags)
    throw constraint_error("[...]", "tags", "Member must have length less than or equal to 50");
  for (const auto& m : members) {
    const std::string key = ce::query::field_or_empty(m, "Key");
    const std::string value = ce::query::field_or_empty(m, "Value");
    if (key.empty() || key.size() > 128)
      throw constraint_error(key, "tags.member.key", "Member must have length between 1 and 128");
    if (value.size() > 256)
      throw constraint_error(value, "tags.member.value",
                             "Member must have length less than or equal to 256");
    merge_tags(tags, {{key, value}});
  }
  return tags;
}

void merge_tags(Tags& into, const Tags& add) {
  for (const auto& tag : add) {  // not a structured binding: clang 14 cannot capture one
    const auto it =
        std::find_if(into.begin(), into.end(), [&](const auto& t) { return t.first == tag.first; });
    if (it != into.end()) {
      it->second = tag.second;
    } else {
      into.push_back(tag);
    }
  }
  if (into.size() > k_max_tags)
    throw limit_exceeded("The number of tags has reached the maximum limit.");
}

void remove_tags(const Call& c, Tags& from) {
  for (const auto& key : ce::query::member_values(c.params, "TagKeys"))
    std::erase_if(from, [&](const auto& t) { return t.first == key; });
}

std::optional<PolicyRecord> find_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn) {
  if (arn.aws_managed()) {
    PolicyRecord p;
    p.name = arn.name;
    p.id = "ANPA" + std::string(17, 'A');
    p.path = "/";
    p.default_version = "v1";
    p.versions.push_back(PolicyVersion{"v1", R"({"Version":"2012-10-17","Statement":[]})", 0});
    return p;
  }
  if (arn.account != c.account()) return std::nullopt;
  return c.store().find_policy(txn, arn.account, arn.name);
}

PolicyRecord require_attachable_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn,
                                       std::string_view text) {
  auto p = find_policy(c, txn, arn);
  if (!p)
    throw no_such_entity("Policy " + std::string(text) + " does not exist or is not attachable.");
  return std::move(*p);
}

PolicyRecord require_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn,
                            std::string_view text) {
  auto p = find_policy(c, txn, arn);
  if (!p) throw no_such_entity("Policy " + std::string(text) + " was not found.");
  return std::move(*p);
}

void count_policy_use(const Call& c, ce::WriteTxn& txn, std::string_view policy_arn, int delta,
                      bool boundary) {
  const auto arn = parse_policy_arn(policy_arn);
  if (!arn || arn->aws_managed()) return;
  auto p = c.store().find_policy(txn, arn->account, arn->name);
  if (!p) return;
  (boundary ? p->boundary_count : p->attachment_count) += delta;
  c.store().put_policy(txn, arn->account, *p);
}

std::string take_permissions_boundary(const Call& c, ce::WriteTxn& txn) {
  const auto text = c.optional("PermissionsBoundary");
  if (!text || text->empty()) return {};
  const auto arn = parse_policy_arn(*text);
  if (!arn) throw invalid_input("ARN " + *text + " is not valid.");
  require_attachable_policy(c, txn, *arn, *text);
  count_policy_use(c, txn, *text, 1, true);
  return *text;
}

}  // namespace iam
