// CreateAlias, UpdateAlias, DeleteAlias, ListAliases. An alias is "alias/<name>"; the
// "alias/aws/" names belong to AWS managed keys and cannot be created here.
#include <cloudemu/storage.hpp>

#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

/// AliasName checked as KMS does: the model's pattern, then the service's own rules.
std::string alias_name(const Json& in, bool creating) {
  const std::string name = req_string(in, "AliasName", 1, 256);
  for (const char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '/' ||
                    c == '_' || c == '-';
    if (!ok)
      fail_constraint("AliasName", name,
                      "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
  }
  if (!name.starts_with("alias/") || name.size() == 6)
    throw err::validation(
        "Alias must start with the prefix \"alias/\". Please see "
        "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
  if (creating && name.find(':') != std::string::npos)
    throw err::validation(name + " contains invalid characters for an alias");
  if (creating && name.starts_with("alias/aws/"))
    throw err::make("InvalidAliasNameException",
                    "Cannot create or update an alias with the reserved prefix alias/aws/.");
  return name;
}

/// The key an alias is to point at: an id or key ARN (not another alias), usable for aliasing.
KeyRecord alias_target(Call& call, ce::Txn& txn) {
  const std::string ref = req_string(call.input, "TargetKeyId", 1, 2048);
  if (ref.starts_with("alias/") || ref.find(":alias/") != std::string::npos)
    throw err::validation("Aliases must refer to keys. Not aliases");
  KeyRecord key = resolve_key(call, txn, ref, AliasRefs::refused);
  require_not_pending_deletion(key);
  return key;
}

Json create_alias(Call& call) {
  const std::string name = alias_name(call.input, true);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const KeyRecord key = alias_target(call, txn);
    if (call.store().find_alias(txn, call.account(), call.region(), name))
      throw err::already_exists("An alias with the name " +
                                alias_arn(call.account(), call.region(), name) + " already exists");
    call.store().put_alias(txn, call.account(), call.region(),
                           {name, key.key_id, call.now_ms(), call.now_ms()});
  });
  return Json::object();
}

Json update_alias(Call& call) {
  const std::string name = alias_name(call.input, false);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    auto alias = call.store().find_alias(txn, call.account(), call.region(), name);
    if (!alias) throw err::alias_not_found(alias_arn(call.account(), call.region(), name));
    const KeyRecord key = alias_target(call, txn);
    // AWS lets an alias move only between keys of the same type and usage, so code using the
    // alias keeps working.
    if (const auto old =
            call.store().find_key(txn, call.account(), call.region(), alias->target_key_id);
        old && (old->key_usage != key.key_usage || old->key_spec != key.key_spec))
      throw err::validation("Alias " + alias_arn(call.account(), call.region(), name) +
                            " cannot be changed to a key of another key spec or key usage");
    alias->target_key_id = key.key_id;
    alias->updated_ms = call.now_ms();
    call.store().put_alias(txn, call.account(), call.region(), *alias);
  });
  return Json::object();
}

Json delete_alias(Call& call) {
  const std::string name = alias_name(call.input, false);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (!call.store().delete_alias(txn, call.account(), call.region(), name))
      throw err::alias_not_found(alias_arn(call.account(), call.region(), name));
  });
  return Json::object();
}

Json list_aliases(Call& call) {
  const std::size_t limit = list_limit(call.input);
  const std::string marker = opt_string(call.input, "Marker", 1, 1024).value_or("");
  ce::ReadTxn txn(call.svc.ctx());
  std::string key_filter;
  if (call.input.contains("KeyId"))
    key_filter = resolve_key_member(call, txn, "KeyId", AliasRefs::refused).key_id;
  Json aliases = Json::array();
  bool more = false;
  std::string last;
  for (const auto& a : call.store().aliases(txn, call.account(), call.region())) {
    if (!marker.empty() && a.name <= marker) continue;
    if (!key_filter.empty() && a.target_key_id != key_filter) continue;
    if (aliases.size() == limit) {
      more = true;
      break;
    }
    aliases.push_back({{"AliasName", a.name},
                       {"AliasArn", alias_arn(call.account(), call.region(), a.name)},
                       {"TargetKeyId", a.target_key_id},
                       {"CreationDate", epoch_seconds(a.created_ms)},
                       {"LastUpdatedDate", epoch_seconds(a.updated_ms)}});
    last = a.name;
  }
  Json out = {{"Aliases", aliases}, {"Truncated", more}};
  if (more) out["NextMarker"] = last;
  return out;
}

}  // namespace

void add_alias_ops(OpRegistry& ops) {
  ops.add("CreateAlias", &create_alias);
  ops.add("UpdateAlias", &update_alias);
  ops.add("DeleteAlias", &delete_alias);
  ops.add("ListAliases", &list_aliases);
}

}  // namespace kms
