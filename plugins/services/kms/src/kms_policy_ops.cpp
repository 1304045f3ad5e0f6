// GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. A key has one policy, named "default"; it is
// stored, not enforced (docs/kms.md).
#include <cloudemu/storage.hpp>

#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

/// PolicyName is optional since 2024 (defaults to "default"); anything else names no policy.
std::string policy_name(const Json& in) {
  const std::string name = opt_string(in, "PolicyName", 1, 128).value_or("default");
  if (name != "default") throw err::not_found("No such policy exists");
  return name;
}

Json get_key_policy(Call& call) {
  const std::string name = policy_name(call.input);
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
  return {{"Policy", key.policy}, {"PolicyName", name}};
}

Json put_key_policy(Call& call) {
  policy_name(call.input);
  const std::string policy = req_string(call.input, "Policy", 1, 131072);
  const Json doc = Json::parse(policy, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw err::malformed_policy(
        "The new key policy will not allow you to update the key policy "
        "in the future.");
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    require_not_pending_deletion(key);
    key.policy = policy;
    call.store().put_key(txn, key);
  });
  return Json::object();
}

Json list_key_policies(Call& call) {
  list_limit(call.input);
  ce::ReadTxn txn(call.svc.ctx());
  resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
  return {{"PolicyNames", Json::array({"default"})}, {"Truncated", false}};
}

}  // namespace

void add_policy_ops(OpRegistry& ops) {
  ops.add("GetKeyPolicy", &get_key_policy);
  ops.add("PutKeyPolicy", &put_key_policy);
  ops.add("ListKeyPolicies", &list_key_policies);
}

}  // namespace kms
