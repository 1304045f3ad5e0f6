// DeleteSecret (a recovery window of 7 to 30 days, or at once), RestoreSecret.
#include <cloudemu/clock.hpp>
#include <cloudemu/storage.hpp>

#include "sm_errors.hpp"
#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"

namespace sm {

namespace {

constexpr int64_t k_default_window_days = 30;

Json delete_secret(Call& call) {
  const std::string id = secret_id(call.input);
  const auto force = opt_bool(call.input, "ForceDeleteWithoutRecovery");
  const bool window_given =
      call.input.contains("RecoveryWindowInDays") && !call.input["RecoveryWindowInDays"].is_null();
  if (force.value_or(false) && window_given)
    throw err::invalid_parameter(
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  int64_t window_days = k_default_window_days;
  if (window_given) {
    const Json& w = call.input["RecoveryWindowInDays"];
    if (!w.is_number_integer())
      throw ce::AwsError::serialization("Unexpected value type in payload");
    window_days = w.get<int64_t>();
    // Not a model constraint (the member is a plain long): the service's own check.
    if (window_days < 7 || window_days > 30)
      throw err::invalid_parameter(
          "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
  }
  const int64_t now = call.now_ms();
  return ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) -> Json {
    auto secret = lookup_secret(call.store(), txn, call.account(), call.region(), id, now);
    if (!secret) {
      // "If you forcibly delete an already deleted or nonexistent secret, the operation does
      // not return ResourceNotFoundException."
      if (force.value_or(false)) return {{"Name", id}, {"DeletionDate", epoch_seconds(now)}};
      throw err::secret_not_found();
    }
    if (secret->scheduled_for_deletion())
      throw err::invalid_request(
          "You tried to perform the operation on a secret that's currently marked deleted.");
    if (force.value_or(false)) {
      call.store().purge(txn, call.account(), call.region(), secret->name);
      return {{"ARN", secret->arn}, {"Name", secret->name}, {"DeletionDate", epoch_seconds(now)}};
    }
    secret->deleted_ms = now;
    secret->purge_ms = now + window_days * ce::k_day_ms;
    call.store().put(txn, *secret);
    return {{"ARN", secret->arn},
            {"Name", secret->name},
            {"DeletionDate", epoch_seconds(secret->purge_ms)}};
  });
}

Json restore_secret(Call& call) {
  const std::string id = secret_id(call.input);
  return ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) -> Json {
    SecretRecord secret = resolve_secret(call, txn, id);
    secret.deleted_ms = 0;
    secret.purge_ms = 0;
    call.store().put(txn, secret);
    return {{"ARN", secret.arn}, {"Name", secret.name}};
  });
}

}  // namespace

void add_deletion_ops(OpRegistry& ops) {
  ops.add("DeleteSecret", &delete_secret);
  ops.add("RestoreSecret", &restore_secret);
}

}  // namespace sm
