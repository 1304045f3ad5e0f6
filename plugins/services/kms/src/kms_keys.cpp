// Key lookup, key-state rules and KeyMetadata.
#include "kms_keys.hpp"

#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

/// A deleted key (its waiting period over) is gone; nothing removes the record eagerly.
bool deleted(const KeyRecord& key, int64_t now_ms) {
  return key.state == "PendingDeletion" && key.deletion_ms <= now_ms;
}

KeyRecord key_by_id(Call& call, ce::Txn& txn, const std::string& key_id) {
  auto key = call.store().find_key(txn, call.account(), call.region(), key_id);
  if (!key || deleted(*key, call.now_ms()))
    throw err::key_not_found(key_arn(call.account(), call.region(), key_id));
  return *key;
}

KeyRecord key_by_alias(Call& call, ce::Txn& txn, const std::string& alias) {
  const auto a = call.store().find_alias(txn, call.account(), call.region(), alias);
  if (!a) throw err::alias_not_found(alias_arn(call.account(), call.region(), alias));
  auto key = call.store().find_key(txn, call.account(), call.region(), a->target_key_id);
  if (!key || deleted(*key, call.now_ms()))
    throw err::alias_not_found(alias_arn(call.account(), call.region(), alias));
  return *key;
}

}  // namespace

KeyRecord resolve_key(Call& call, ce::Txn& txn, const std::string& ref, AliasRefs aliases) {
  if (ref.starts_with("arn:")) {
    // arn:<partition>:kms:<region>:<account>:key/<id> or ...:alias/<name>
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      const std::size_t colon = ref.find(':', start);
      if (colon == std::string::npos) throw err::not_found("Invalid arn " + ref);
      parts.push_back(ref.substr(start, colon - start));
      start = colon + 1;
    }
    const std::string resource = ref.substr(start);
    if (parts[2] != "kms") throw err::not_found("Invalid arn " + ref);
    const bool ours = parts[3] == call.region() && parts[4] == call.account();
    if (resource.starts_with("key/")) {
      if (!ours) throw err::key_not_found(ref);
      return key_by_id(call, txn, resource.substr(4));
    }
    if (resource.starts_with("alias/") && aliases == AliasRefs::allowed) {
      if (!ours) throw err::alias_not_found(ref);
      return key_by_alias(call, txn, resource);
    }
    throw err::not_found("Invalid arn " + ref);
  }
  if (ref.starts_with("alias/")) {
    if (aliases == AliasRefs::refused) throw err::not_found("Invalid keyId " + ref);
    return key_by_alias(call, txn, ref);
  }
  return key_by_id(call, txn, ref);
}

KeyRecord resolve_key_member(Call& call, ce::Txn& txn, std::string_view member, AliasRefs aliases) {
  return resolve_key(call, txn, req_string(call.input, member, 1, 2048), aliases);
}

void require_enabled(const KeyRecord& key) {
  if (key.state == "Disabled") throw err::disabled(key.arn());
  if (key.state == "PendingDeletion") throw err::pending_deletion(key.arn());
}

void require_not_pending_deletion(const KeyRecord& key) {
  if (key.state == "PendingDeletion") throw err::pending_deletion(key.arn());
}

void require_usage(const KeyRecord& key, std::string_view usage, std::string_view operation) {
  if (key.key_usage != usage)
    throw err::invalid_key_usage("You cannot perform this operation on key " + key.arn() +
                                 " because its KeyUsage is " + key.key_usage + "; " +
                                 std::string(operation) + " requires KeyUsage " +
                                 std::string(usage) + ".");
}

const KeySpecInfo& spec_of(const KeyRecord& key) {
  const KeySpecInfo* spec = find_key_spec(key.key_spec);
  if (spec == nullptr) throw std::runtime_error("stored key has unknown KeySpec " + key.key_spec);
  return *spec;
}

double epoch_seconds(int64_t ms) {
  return static_cast<double>(ms) / 1000.0;
}

Json key_metadata(const KeyRecord& key) {
  const KeySpecInfo& spec = spec_of(key);
  Json m = {
      {"AWSAccountId", key.account},
      {"KeyId", key.key_id},
      {"Arn", key.arn()},
      {"CreationDate", epoch_seconds(key.created_ms)},
      {"Enabled", key.state == "Enabled"},
      {"Description", key.description},
      {"KeyUsage", key.key_usage},
      {"KeyState", key.state},
      {"Origin", key.origin},
      {"KeyManager", "CUSTOMER"},
      {"CustomerMasterKeySpec", key.key_spec},
      {"KeySpec", key.key_spec},
      {"MultiRegion", false},
  };
  if (key.state == "PendingDeletion") {
    m["DeletionDate"] = epoch_seconds(key.deletion_ms);
    m["PendingDeletionWindowInDays"] = key.pending_window_days;
  }
  if (const auto algs = encryption_algorithms(spec, key.key_usage); !algs.empty())
    m["EncryptionAlgorithms"] = algs;
  if (const auto algs = signing_algorithms(spec, key.key_usage); !algs.empty())
    m["SigningAlgorithms"] = algs;
  if (const auto algs = mac_algorithms(spec, key.key_usage); !algs.empty())
    m["MacAlgorithms"] = algs;
  return m;
}

std::string default_key_policy(std::string_view account) {
  const Json policy = {
      {"Version", "2012-10-17"},
      {"Id", "key-default-1"},
      {"Statement",
       Json::array({{{"Sid", "Enable IAM User Permissions"},
                     {"Effect", "Allow"},
                     {"Principal", {{"AWS", "arn:aws:iam::" + std::string(account) + ":root"}}},
                     {"Action", "kms:*"},
                     {"Resource", "*"}}})}};
  return policy.dump(2);
}

}  // namespace kms
