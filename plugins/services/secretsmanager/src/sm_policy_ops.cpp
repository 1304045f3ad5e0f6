// PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy, ValidateResourcePolicy.
#include <cloudemu/storage.hpp>

#include "sm_errors.hpp"
#include "sm_input.hpp"
#include "sm_policy.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"

namespace sm {

namespace {

Json put_resource_policy(Call& call) {
  const std::string policy = req_string(call.input, "ResourcePolicy", 1, 20480);
  const bool block_public = opt_bool(call.input, "BlockPublicPolicy").value_or(false);
  check_policy_syntax(policy);
  if (block_public && grants_public_access(policy)) throw err::public_policy();
  return ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) -> Json {
    SecretRecord secret = resolve_live_secret(call, txn);
    secret.policy = policy;
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
    return {{"ARN", secret.arn}, {"Name", secret.name}};
  });
}

Json get_resource_policy(Call& call) {
  ce::ReadTxn txn(call.ctx());
  const SecretRecord secret = resolve_live_secret(call, txn);
  Json out = {{"ARN", secret.arn}, {"Name", secret.name}};
  if (!secret.policy.empty()) out["ResourcePolicy"] = secret.policy;
  return out;
}

Json delete_resource_policy(Call& call) {
  return ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) -> Json {
    SecretRecord secret = resolve_live_secret(call, txn);
    secret.policy.clear();
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
    return {{"ARN", secret.arn}, {"Name", secret.name}};
  });
}

Json validate_resource_policy(Call& call) {
  const std::string policy = req_string(call.input, "ResourcePolicy", 1, 20480);
  if (const auto id = opt_string(call.input, "SecretId", 1, 2048)) {
    ce::ReadTxn txn(call.ctx());
    resolve_secret(call, txn, *id);
  }
  check_policy_syntax(policy);
  Json errors = Json::array();
  if (grants_public_access(policy))
    errors.push_back({{"CheckName", "BROAD_ACCESS"},
                      {"ErrorMessage",
                       "The policy grants access to every principal (\"*\") without a "
                       "condition, which would allow broad access to the secret."}});
  return {{"PolicyValidationPassed", errors.empty()}, {"ValidationErrors", errors}};
}

}  // namespace

void add_policy_ops(OpRegistry& ops) {
  ops.add("PutResourcePolicy", &put_resource_policy);
  ops.add("GetResourcePolicy", &get_resource_policy);
  ops.add("DeleteResourcePolicy", &delete_resource_policy);
  ops.add("ValidateResourcePolicy", &validate_resource_policy);
}

}  // namespace sm
