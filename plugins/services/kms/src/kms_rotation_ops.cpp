// EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand,
// ListKeyRotations. Rotation appends a key material version; the ciphertext blob names the
// version that sealed it, so older ciphertexts keep decrypting (see test "rotation keeps old
// ciphertexts readable").
#include <cloudemu/clock.hpp>
#include <cloudemu/storage.hpp>

#include "kms_crypto.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

constexpr int k_max_on_demand_rotations = 10;

void require_rotatable(const KeyRecord& key) {
  if (key.key_spec != "SYMMETRIC_DEFAULT" || key.origin != "AWS_KMS")
    throw err::unsupported(key.arn() + " key usage is " + key.key_usage + " and key spec is " +
                           key.key_spec + ": only symmetric encryption keys rotate.");
}

template <typename Change>
KeyRecord update_rotatable_key(Call& call, Change&& change) {
  return ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    require_enabled(key);
    require_rotatable(key);
    change(key);
    call.store().put_key(txn, key);
    return key;
  });
}

Json enable_key_rotation(Call& call) {
  const auto period = opt_int(call.input, "RotationPeriodInDays", 90, 2560).value_or(365);
  update_rotatable_key(call, [&](KeyRecord& key) {
    key.rotation_enabled = true;
    key.rotation_period_days = static_cast<int32_t>(period);
    key.next_rotation_ms = call.now_ms() + period * ce::k_day_ms;
  });
  return Json::object();
}

Json disable_key_rotation(Call& call) {
  update_rotatable_key(call, [](KeyRecord& key) {
    key.rotation_enabled = false;
    key.next_rotation_ms = 0;
  });
  return Json::object();
}

Json get_key_rotation_status(Call& call) {
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn);
  require_not_pending_deletion(key);
  require_rotatable(key);
  Json out = {{"KeyRotationEnabled", key.rotation_enabled}, {"KeyId", key.key_id}};
  if (key.rotation_enabled) {
    out["RotationPeriodInDays"] = key.rotation_period_days;
    out["NextRotationDate"] = epoch_seconds(key.next_rotation_ms);
  }
  return out;
}

Json rotate_key_on_demand(Call& call) {
  const std::string secret = generate_key_material(*find_key_spec("SYMMETRIC_DEFAULT"));
  const KeyRecord key = update_rotatable_key(call, [&](KeyRecord& k) {
    int on_demand = 0;
    for (const auto& m : k.materials) on_demand += m.rotation_type == "ON_DEMAND" ? 1 : 0;
    if (on_demand >= k_max_on_demand_rotations)
      throw err::make("LimitExceededException",
                      "The on-demand rotations limit has been reached for the given key.");
    k.materials.push_back({k.current_material().version + 1, call.now_ms(), "ON_DEMAND", secret});
  });
  return {{"KeyId", key.key_id}};
}

Json list_key_rotations(Call& call) {
  const std::size_t limit = list_limit(call.input);
  const std::string marker = opt_string(call.input, "Marker", 1, 1024).value_or("");
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
  require_rotatable(key);
  uint32_t after = 0;
  if (!marker.empty()) {
    try {
      after = static_cast<uint32_t>(std::stoul(marker));
    } catch (const std::exception&) {
      throw err::invalid_marker();
    }
  }
  Json rotations = Json::array();
  bool more = false;
  uint32_t last = 0;
  for (const auto& m : key.materials) {
    if (m.rotation_type.empty() || m.version <= after) continue;  // the original material
    if (rotations.size() == limit) {
      more = true;
      break;
    }
    rotations.push_back({{"KeyId", key.key_id},
                         {"RotationDate", epoch_seconds(m.created_ms)},
                         {"RotationType", m.rotation_type}});
    last = m.version;
  }
  Json out = {{"Rotations", rotations}, {"Truncated", more}};
  if (more) out["NextMarker"] = std::to_string(last);
  return out;
}

}  // namespace

void add_rotation_ops(OpRegistry& ops) {
  ops.add("EnableKeyRotation", &enable_key_rotation);
  ops.add("DisableKeyRotation", &disable_key_rotation);
  ops.add("GetKeyRotationStatus", &get_key_rotation_status);
  ops.add("RotateKeyOnDemand", &rotate_key_on_demand);
  ops.add("ListKeyRotations", &list_key_rotations);
}

}  // namespace kms
