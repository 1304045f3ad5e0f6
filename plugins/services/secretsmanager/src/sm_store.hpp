// Secrets Manager state in the service's keyspaces (docs/secretsmanager.md, "Storage layout"),
// per account and region:
//
//   secrets (account, region, name)              -> SecretRecord (metadata, tags, policy,
//                                                   rotation settings, every version's labels)
//   values  (account, region, name, version id)  -> SealedValue (one version's protected bytes)
//
// The labels of every version live in the secret's record, so moving AWSCURRENT (and with it
// AWSPREVIOUS) is one write; the values, up to 64 KiB each and up to ~100 per secret, are apart so
// that a label move or a DescribeSecret never reads them.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <cstdint>
#include <msgpack.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sm {

struct Tag {
  std::string key, value;
  MSGPACK_DEFINE_MAP(key, value)
};

/// One version's metadata; its value is in the values keyspace.
struct VersionMeta {
  std::string version_id;
  std::vector<std::string> stages;  // empty: deprecated
  int64_t created_ms = 0;
  int64_t last_accessed_ms = 0;  // midnight UTC of the last day it was read, 0 = never
  std::string kms_key_arn;       // the key that sealed it, "" for the default key
  MSGPACK_DEFINE_MAP(version_id, stages, created_ms, last_accessed_ms, kms_key_arn)

  bool has_stage(std::string_view stage) const;
};

struct RotationRules {
  int64_t automatically_after_days = 0;  // 0: not set
  std::string schedule_expression;
  std::string duration;
  MSGPACK_DEFINE_MAP(automatically_after_days, schedule_expression, duration)

  bool empty() const {
    return automatically_after_days == 0 && schedule_expression.empty() && duration.empty();
  }
};

struct SecretRecord {
  std::string account, region, name, arn;
  std::string description;
  std::string kms_key_id;  // as the client gave it; "" = the default key aws/secretsmanager
  int64_t created_ms = 0;
  int64_t last_changed_ms = 0;
  int64_t last_accessed_ms = 0;  // day granularity, 0 = never
  int64_t deleted_ms = 0;        // DeletedDate; 0 = not scheduled for deletion
  int64_t purge_ms = 0;          // when a scheduled deletion becomes final
  bool rotation_enabled = false;
  std::string rotation_lambda_arn;
  RotationRules rotation_rules;
  int64_t last_rotated_ms = 0;
  int64_t next_rotation_ms = 0;
  std::vector<Tag> tags;              // in the order they were added, as AWS lists them
  std::string policy;                 // "" = none
  std::vector<VersionMeta> versions;  // oldest first
  MSGPACK_DEFINE_MAP(account, region, name, arn, description, kms_key_id, created_ms,
                     last_changed_ms, last_accessed_ms, deleted_ms, purge_ms, rotation_enabled,
                     rotation_lambda_arn, rotation_rules, last_rotated_ms, next_rotation_ms, tags,
                     policy, versions)

  bool scheduled_for_deletion() const { return deleted_ms != 0; }
  VersionMeta* version(std::string_view version_id);
  const VersionMeta* version(std::string_view version_id) const;
  /// The version carrying `stage`, or nullptr.
  const VersionMeta* version_with_stage(std::string_view stage) const;
};

/// One version's value as stored. With a customer managed key it is sealed: AES-256-GCM under a
/// data key that KMS issued (wrapped_key is KMS's ciphertext of it); with the default key the
/// bytes are kept as given (docs/secretsmanager.md, "Encryption").
struct SealedValue {
  bool binary = false;  // SecretBinary rather than SecretString
  bool sealed = false;
  std::string kms_key_arn;
  std::string wrapped_key;
  std::string iv, tag;
  std::string data;  // ciphertext when sealed, else the value itself
  MSGPACK_DEFINE_MAP(binary, sealed, kms_key_arn, wrapped_key, iv, tag, data)
};

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);

  std::optional<SecretRecord> find(ce::Txn& txn, std::string_view account, std::string_view region,
                                   std::string_view name) const;
  void put(ce::WriteTxn& txn, const SecretRecord& secret) const;
  /// Removes the secret and every value of it.
  void purge(ce::WriteTxn& txn, std::string_view account, std::string_view region,
             std::string_view name) const;
  /// Every secret of one account and region, by name (deleted ones included).
  std::vector<SecretRecord> all(ce::Txn& txn, std::string_view account,
                                std::string_view region) const;

  std::optional<SealedValue> find_value(ce::Txn& txn, std::string_view account,
                                        std::string_view region, std::string_view name,
                                        std::string_view version_id) const;
  void put_value(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                 std::string_view name, std::string_view version_id,
                 const SealedValue& value) const;
  void delete_value(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                    std::string_view name, std::string_view version_id) const;

 private:
  ce::Keyspace secrets_, values_;
};

}  // namespace sm
