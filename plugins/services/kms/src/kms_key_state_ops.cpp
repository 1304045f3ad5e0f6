// EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion: the key-state machine
// (AWS "Key states of AWS KMS keys"). A key pending deletion only leaves that state through
// CancelKeyDeletion, which brings it back Disabled.
#include <cloudemu/clock.hpp>
#include <cloudemu/storage.hpp>

#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

/// Loads the key the request names (id or ARN), applies `change`, stores it.
template <typename Change>
KeyRecord update_key(Call& call, Change&& change) {
  return ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    change(key);
    call.store().put_key(txn, key);
    return key;
  });
}

Json enable_key(Call& call) {
  update_key(call, [](KeyRecord& key) {
    require_not_pending_deletion(key);
    key.state = "Enabled";
  });
  return Json::object();
}

Json disable_key(Call& call) {
  update_key(call, [](KeyRecord& key) {
    require_not_pending_deletion(key);
    key.state = "Disabled";
  });
  return Json::object();
}

Json schedule_key_deletion(Call& call) {
  // The model allows 1..365; KMS itself takes 7..30 (default 30).
  const auto window = opt_int(call.input, "PendingWindowInDays", 1, 365).value_or(30);
  if (window < 7)
    fail_constraint("PendingWindowInDays", std::to_string(window),
                    "Member must have value greater than or equal to 7");
  if (window > 30)
    fail_constraint("PendingWindowInDays", std::to_string(window),
                    "Member must have value less than or equal to 30");
  const KeyRecord key = update_key(call, [&](KeyRecord& k) {
    require_not_pending_deletion(k);
    k.state = "PendingDeletion";
    k.pending_window_days = static_cast<int32_t>(window);
    k.deletion_ms = call.now_ms() + window * ce::k_day_ms;
  });
  return {{"KeyId", key.arn()},
          {"DeletionDate", epoch_seconds(key.deletion_ms)},
          {"KeyState", key.state},
          {"PendingWindowInDays", key.pending_window_days}};
}

Json cancel_key_deletion(Call& call) {
  const KeyRecord key = update_key(call, [](KeyRecord& k) {
    if (k.state != "PendingDeletion")
      throw err::invalid_state(k.arn() + " is not pending deletion.");
    k.state = "Disabled";
    k.deletion_ms = 0;
    k.pending_window_days = 0;
  });
  return {{"KeyId", key.arn()}};
}

}  // namespace

void add_key_state_ops(OpRegistry& ops) {
  ops.add("EnableKey", &enable_key);
  ops.add("DisableKey", &disable_key);
  ops.add("ScheduleKeyDeletion", &schedule_key_deletion);
  ops.add("CancelKeyDeletion", &cancel_key_deletion);
}

}  // namespace kms
