// UpdateSecretVersionStage, ListSecretVersionIds.
#include <algorithm>
#include <cloudemu/storage.hpp>

#include "sm_errors.hpp"
#include "sm_filters.hpp"
#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"
#include "sm_staging.hpp"

namespace sm {

namespace {

Json update_secret_version_stage(Call& call) {
  const std::string stage = req_string(call.input, "VersionStage", 1, 256);
  const auto remove_from = opt_string(call.input, "RemoveFromVersionId", 32, 64);
  const auto move_to = opt_string(call.input, "MoveToVersionId", 32, 64);
  return ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) -> Json {
    SecretRecord secret = resolve_live_secret(call, txn);
    update_stage(secret, stage, remove_from, move_to);
    for (const auto& dropped : prune_versions(secret, call.now_ms()))
      call.store().delete_value(txn, secret.account, secret.region, secret.name, dropped);
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
    return {{"ARN", secret.arn}, {"Name", secret.name}};
  });
}

Json list_secret_version_ids(Call& call) {
  const auto max = opt_int(call.input, "MaxResults", 1, 100);
  const std::string token = opt_string(call.input, "NextToken", 1, 4096).value_or("");
  const bool include_deprecated = opt_bool(call.input, "IncludeDeprecated").value_or(false);
  SecretRecord secret;
  {
    ce::ReadTxn txn(call.ctx());
    secret = resolve_secret(call, txn, secret_id(call.input));
  }
  // Newest first, as the console and AWS list them; versions made in the same millisecond keep
  // the order they were added in, reversed.
  std::vector<VersionMeta> versions;
  for (auto it = secret.versions.rbegin(); it != secret.versions.rend(); ++it)
    if (include_deprecated || !it->stages.empty()) versions.push_back(*it);
  std::stable_sort(
      versions.begin(), versions.end(),
      [](const VersionMeta& a, const VersionMeta& b) { return a.created_ms > b.created_ms; });
  std::string next;
  Json list = Json::array();
  for (const auto& v :
       page(std::move(versions), token, static_cast<std::size_t>(max.value_or(100)), &next)) {
    Json entry = {{"VersionId", v.version_id}, {"CreatedDate", epoch_seconds(v.created_ms)}};
    if (!v.stages.empty()) entry["VersionStages"] = v.stages;
    if (v.last_accessed_ms != 0) entry["LastAccessedDate"] = epoch_seconds(v.last_accessed_ms);
    if (!v.kms_key_arn.empty()) entry["KmsKeyIds"] = Json::array({v.kms_key_arn});
    list.push_back(std::move(entry));
  }
  Json out = {{"Versions", list}, {"ARN", secret.arn}, {"Name", secret.name}};
  if (!next.empty()) out["NextToken"] = next;
  return out;
}

}  // namespace

void add_version_ops(OpRegistry& ops) {
  ops.add("UpdateSecretVersionStage", &update_secret_version_stage);
  ops.add("ListSecretVersionIds", &list_secret_version_ids);
}

}  // namespace sm
