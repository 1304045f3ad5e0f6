// CreateSecret, DescribeSecret, UpdateSecret.
#include <cloudemu/storage.hpp>

#include "sm_errors.hpp"
#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"
#include "sm_staging.hpp"
#include "sm_tags.hpp"
#include "sm_values.hpp"

namespace sm {

namespace {

Json create_answer(const SecretRecord& secret, const std::string& version_id) {
  Json out = {{"ARN", secret.arn}, {"Name", secret.name}};
  if (!version_id.empty()) out["VersionId"] = version_id;
  return out;
}

/// Stores a new secret in `txn`, unless its name was taken meanwhile; a secret past its
/// recovery window gives the name back (its records are removed here).
void store_new_secret(const Caller& caller, ce::WriteTxn& txn, const SecretRecord& secret) {
  if (auto existing = caller.store().find(txn, caller.account, caller.region, secret.name)) {
    if (!purged(*existing, caller.now_ms()))
      throw err::resource_exists("The operation failed because the secret " + secret.name +
                                 " already exists.");
    caller.store().purge(txn, caller.account, caller.region, secret.name);
  }
  caller.store().put(txn, secret);
}

Json create_secret(Call& call) {
  const std::string name = req_string(call.input, "Name", 1, 512);
  check_secret_name(name);
  const auto description = opt_string(call.input, "Description", 0, 2048);
  const std::string key_ref = opt_string(call.input, "KmsKeyId", 0, 2048).value_or("");
  auto value = value_input(call.input);
  const std::vector<Tag> tags = read_tags(call.input);
  const auto token = client_request_token(call.input);
  if (opt_array(call.input, "AddReplicaRegions") != nullptr)
    throw ce::AwsError::not_implemented(
        "Replicating secrets to other Regions (AddReplicaRegions) is not implemented by the "
        "CloudEmu Secrets Manager emulator.");
  if (!opt_string(call.input, "Type", 0, 256).value_or("").empty())
    throw ce::AwsError::not_implemented(
        "Managed external secrets (Type) are not implemented by the CloudEmu Secrets Manager "
        "emulator.");

  std::optional<SecretRecord> existing;
  {
    ce::ReadTxn txn(call.ctx());
    existing = call.store().find(txn, call.account(), call.region(), name);
  }
  if (existing && !purged(*existing, call.now_ms())) {
    if (existing->scheduled_for_deletion())
      throw err::invalid_request(
          "You can't create this secret because a secret with this name is already scheduled "
          "for deletion.");
    // A retry with the token and value of the version it created is answered again (the
    // documented idempotency); anything else finds the name taken.
    const ce::AwsError taken = err::resource_exists("The operation failed because the secret " +
                                                    name + " already exists.");
    if (!token || !value || existing->version(*token) == nullptr) throw taken;
    const SecretRecord found = *existing;
    const std::string version_id = *token;
    compare_existing(
        call, found, version_id, *value,
        [found, version_id] { return create_answer(found, version_id); }, taken);
    return {};
  }

  SecretRecord secret;
  secret.account = call.account();
  secret.region = call.region();
  secret.name = name;
  secret.arn = new_secret_arn(secret.account, secret.region, name);
  secret.description = description.value_or("");
  secret.kms_key_id = is_default_key(key_ref) ? "" : key_ref;
  secret.created_ms = secret.last_changed_ms = call.now_ms();
  merge_tags(secret, tags);

  const Caller caller = call.caller();
  if (!value) {
    ce::with_write_txn(call.ctx(),
                       [&](ce::WriteTxn& txn) { store_new_secret(caller, txn, secret); });
    return create_answer(secret, "");
  }
  const std::string version_id = version_id_for_new_value(call.input);
  seal_then_commit(call, secret, key_ref, version_id, std::move(*value),
                   [caller, secret, version_id](ce::WriteTxn& txn, const SealedValue& sealed) {
                     SecretRecord stored = secret;
                     VersionMeta v;
                     v.version_id = version_id;
                     v.created_ms = caller.now_ms();
                     v.kms_key_arn = sealed.kms_key_arn;
                     add_version(stored, std::move(v), {k_current});
                     store_new_secret(caller, txn, stored);
                     caller.store().put_value(txn, caller.account, caller.region, stored.name,
                                              version_id, sealed);
                     return create_answer(stored, version_id);
                   });
  return {};
}

Json describe_secret(Call& call) {
  ce::ReadTxn txn(call.ctx());
  return secret_json(resolve_secret(call, txn, secret_id(call.input)), Shape::describe);
}

Json update_secret(Call& call) {
  const auto description = opt_string(call.input, "Description", 0, 2048);
  const auto key_ref = opt_string(call.input, "KmsKeyId", 0, 2048);
  auto value = value_input(call.input);
  if (!opt_string(call.input, "Type", 0, 256).value_or("").empty())
    throw ce::AwsError::not_implemented(
        "Managed external secrets (Type) are not implemented by the CloudEmu Secrets Manager "
        "emulator.");
  SecretRecord secret;
  {
    ce::ReadTxn txn(call.ctx());
    secret = resolve_live_secret(call, txn);
  }
  const Caller caller = call.caller();
  // The metadata changes; KMS is asked for a new value, or to move the labelled versions to a
  // new KmsKeyId.
  const auto apply_metadata = [description, key_ref, caller](SecretRecord& s) {
    if (description) s.description = *description;
    if (key_ref) s.kms_key_id = is_default_key(*key_ref) ? "" : *key_ref;
    s.last_changed_ms = caller.now_ms();
  };
  const bool key_changes =
      key_ref && (is_default_key(*key_ref) ? "" : *key_ref) != secret.kms_key_id;
  if (!value && key_changes) {
    // The labelled versions move to the new key (AWS's documented behaviour for KmsKeyId).
    reseal_labelled_versions(
        call, secret, *key_ref,
        [caller, secret, apply_metadata](ce::WriteTxn& txn, const Resealed& resealed) {
          auto current = caller.store().find(txn, caller.account, caller.region, secret.name);
          if (!current || current->arn != secret.arn) throw err::secret_not_found();
          require_not_deleted(*current);
          for (const auto& [id, sealed] : resealed) {
            VersionMeta* v = current->version(id);
            if (v == nullptr) continue;  // pruned meanwhile
            v->kms_key_arn = sealed.kms_key_arn;
            caller.store().put_value(txn, caller.account, caller.region, current->name, id, sealed);
          }
          apply_metadata(*current);
          caller.store().put(txn, *current);
          return Json{{"ARN", current->arn}, {"Name", current->name}};
        });
    return {};
  }
  if (!value) {
    ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) {
      SecretRecord current = resolve_live_secret(call, txn);
      apply_metadata(current);
      caller.store().put(txn, current);
      secret = current;
    });
    return {{"ARN", secret.arn}, {"Name", secret.name}};
  }
  const std::string version_id = version_id_for_new_value(call.input);
  if (secret.version(version_id) != nullptr)
    throw err::resource_exists(
        "You can't modify an existing version, you can only create a new "
        "version. A version with the ClientRequestToken " +
        version_id + " already exists.");
  const std::string seal_key = key_ref ? *key_ref : secret.kms_key_id;
  seal_then_commit(
      call, secret, seal_key, version_id, std::move(*value),
      [caller, secret, version_id, apply_metadata](ce::WriteTxn& txn, const SealedValue& sealed) {
        SecretRecord stored = commit_version(caller, txn, secret, version_id, {k_current}, sealed);
        apply_metadata(stored);
        caller.store().put(txn, stored);
        return Json{{"ARN", stored.arn}, {"Name", stored.name}, {"VersionId", version_id}};
      });
  return {};
}

}  // namespace

void add_secret_ops(OpRegistry& ops) {
  ops.add("CreateSecret", &create_secret);
  ops.add("DescribeSecret", &describe_secret);
  ops.add("UpdateSecret", &update_secret);
}

}  // namespace sm
