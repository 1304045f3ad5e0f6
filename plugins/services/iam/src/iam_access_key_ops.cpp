// CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed.
// Key ids are AKIA ids encoding the account (cloudemu/aws_ids.hpp), so a client using them acts
// in that account. The host does not know their secrets: docs/iam.md, "Access keys".
#include <cloudemu/aws_ids.hpp>
#include <cloudemu/timestamp.hpp>

#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

constexpr std::size_t k_max_keys_per_user = 2;
constexpr std::string_view k_secret_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The UserName parameter, or the user of the request's key; ValidationError for root callers
/// (they have no user to default to).
Principal target_user(const Call& c, ce::Txn& txn) {
  if (const auto name = c.optional("UserName")) return require_principal(c, txn, Kind::user, *name);
  if (auto user = caller_user(c, txn)) return std::move(*user);
  throw ce::AwsError::validation_error(
      "Must specify userName when calling with non-User credentials");
}

AccessKeyRecord require_key(const Call& c, ce::Txn& txn, const Principal& user,
                            const std::string& key_id) {
  auto key = c.store().find_key(txn, key_id);
  if (!key || key->account != c.account() || lower(key->user_name) != lower(user.name))
    throw no_such_entity("The Access Key with id " + key_id + " cannot be found.");
  return std::move(*key);
}

void create_access_key(Call& c, ce::XmlWriter& w) {
  AccessKeyRecord key;
  key.account = c.account();
  key.access_key_id = ce::make_aws_id("AKIA", key.account);
  key.secret_access_key = ce::random_text(40, k_secret_alphabet);
  key.created_ms = c.now_ms();
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal user = target_user(c, txn);
    if (user.access_keys.size() >= k_max_keys_per_user)
      throw limit_exceeded("Cannot exceed quota for AccessKeysPerUser: 2");
    key.user_name = user.name;
    user.access_keys.push_back(key.access_key_id);
    c.store().put(txn, Kind::user, c.account(), user);
    c.store().put_key(txn, key);
  });
  w.open("AccessKey")
      .element("UserName", key.user_name)
      .element("AccessKeyId", key.access_key_id)
      .element("Status", key.status)
      .element("SecretAccessKey", key.secret_access_key)
      .element("CreateDate", ce::iso8601_seconds(key.created_ms))
      .close();
}

void list_access_keys(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const Principal user = target_user(c, txn);
  w.open("AccessKeyMetadata");
  for (const auto& id : user.access_keys) {
    const auto key = c.store().find_key(txn, id);
    if (!key) continue;
    w.open("member")
        .element("UserName", key->user_name)
        .element("AccessKeyId", key->access_key_id)
        .element("Status", key->status)
        .element("CreateDate", ce::iso8601_seconds(key->created_ms))
        .close();
  }
  w.close();
  w.element("IsTruncated", "false");
}

void update_access_key(Call& c, ce::XmlWriter&) {
  const std::string id = c.required("AccessKeyId");
  const std::string status = c.required("Status");
  if (status != "Active" && status != "Inactive")
    throw constraint_error(status, "status",
                           "Member must satisfy enum value set: [Active, Inactive]");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    AccessKeyRecord key = require_key(c, txn, target_user(c, txn), id);
    key.status = status;
    c.store().put_key(txn, key);
  });
}

void delete_access_key(Call& c, ce::XmlWriter&) {
  const std::string id = c.required("AccessKeyId");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal user = target_user(c, txn);
    require_key(c, txn, user, id);
    std::erase(user.access_keys, id);
    c.store().put(txn, Kind::user, c.account(), user);
    c.store().erase_key(txn, id);
  });
}

// Use is not tracked (IAM sees only its own requests): every key reads as never used, which IAM
// answers with N/A for the service and region.
void get_access_key_last_used(Call& c, ce::XmlWriter& w) {
  const std::string id = c.required("AccessKeyId");
  ce::ReadTxn txn(c.svc.ctx());
  const auto key = c.store().find_key(txn, id);
  if (!key || key->account != c.account())
    throw no_such_entity("The Access Key with id " + id + " cannot be found.");
  w.element("UserName", key->user_name);
  w.open("AccessKeyLastUsed").element("ServiceName", "N/A").element("Region", "N/A").close();
}

}  // namespace

void add_access_key_ops(OpRegistry& ops) {
  ops.add("CreateAccessKey", &create_access_key);
  ops.add("ListAccessKeys", &list_access_keys);
  ops.add("UpdateAccessKey", &update_access_key, false);
  ops.add("DeleteAccessKey", &delete_access_key, false);
  ops.add("GetAccessKeyLastUsed", &get_access_key_last_used);
}

}  // namespace iam
