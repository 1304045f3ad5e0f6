// KMS state in the service's keyspaces (docs/kms.md, "Storage layout"), per account and region:
//
//   keys    (account, region, key id)             -> KeyRecord (metadata + every key material)
//   aliases (account, region, alias name)         -> AliasRecord
//   grants  (account, region, key id, grant id)   -> GrantRecord
//
// Key material lives inside the key's record: one read gives a crypto operation everything, and
// a rotation adds a version in the same write. It is never logged.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <cstdint>
#include <map>
#include <msgpack.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kms {

/// One version of a key's secret: AES key, HMAC key or PKCS#8 DER private key.
struct KeyMaterial {
  uint32_t version = 1;
  int64_t created_ms = 0;
  std::string rotation_type;  // "" for the first material, else AUTOMATIC or ON_DEMAND
  std::string secret;
  MSGPACK_DEFINE_MAP(version, created_ms, rotation_type, secret)
};

struct KeyRecord {
  std::string account, region, key_id;
  std::string description;
  std::string key_spec = "SYMMETRIC_DEFAULT";
  std::string key_usage = "ENCRYPT_DECRYPT";
  std::string state = "Enabled";  // Enabled | Disabled | PendingDeletion
  std::string policy;
  std::string origin = "AWS_KMS";
  int64_t created_ms = 0;
  int64_t deletion_ms = 0;  // PendingDeletion: when the key goes away
  int32_t pending_window_days = 0;
  std::map<std::string, std::string> tags;
  bool rotation_enabled = false;
  int32_t rotation_period_days = 0;
  int64_t next_rotation_ms = 0;
  std::vector<KeyMaterial> materials;  // oldest first; the last one encrypts
  MSGPACK_DEFINE_MAP(account, region, key_id, description, key_spec, key_usage, state, policy,
                     origin, created_ms, deletion_ms, pending_window_days, tags, rotation_enabled,
                     rotation_period_days, next_rotation_ms, materials)

  std::string arn() const;
  const KeyMaterial& current_material() const { return materials.back(); }
  const KeyMaterial* material(uint32_t version) const;
};

struct AliasRecord {
  std::string name;  // "alias/my-key"
  std::string target_key_id;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  MSGPACK_DEFINE_MAP(name, target_key_id, created_ms, updated_ms)
};

struct GrantRecord {
  std::string grant_id, key_id, name, token;
  std::string grantee_principal, retiring_principal, issuing_account;
  std::vector<std::string> operations;
  std::string constraints_json;  // the Constraints object as sent, "" when absent
  int64_t created_ms = 0;
  MSGPACK_DEFINE_MAP(grant_id, key_id, name, token, grantee_principal, retiring_principal,
                     issuing_account, operations, constraints_json, created_ms)
};

std::string key_arn(std::string_view account, std::string_view region, std::string_view key_id);
std::string alias_arn(std::string_view account, std::string_view region, std::string_view alias);

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);
  const ce::ServiceContext& ctx() const noexcept { return ctx_; }

  std::optional<KeyRecord> find_key(ce::Txn& txn, std::string_view account, std::string_view region,
                                    std::string_view key_id) const;
  void put_key(ce::WriteTxn& txn, const KeyRecord& key) const;
  /// Keys of one account and region in key-id order, from after `after` (exclusive).
  std::vector<KeyRecord> keys(ce::Txn& txn, std::string_view account, std::string_view region,
                              std::string_view after, std::size_t limit, bool* more) const;

  std::optional<AliasRecord> find_alias(ce::Txn& txn, std::string_view account,
                                        std::string_view region, std::string_view name) const;
  void put_alias(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                 const AliasRecord& alias) const;
  bool delete_alias(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                    std::string_view name) const;
  /// Every alias of one account and region, by name.
  std::vector<AliasRecord> aliases(ce::Txn& txn, std::string_view account,
                                   std::string_view region) const;

  std::optional<GrantRecord> find_grant(ce::Txn& txn, std::string_view account,
                                        std::string_view region, std::string_view key_id,
                                        std::string_view grant_id) const;
  void put_grant(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                 const GrantRecord& grant) const;
  bool delete_grant(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                    std::string_view key_id, std::string_view grant_id) const;
  /// Grants of one key (key_id set) or of every key (key_id empty), by key and grant id.
  std::vector<GrantRecord> grants(ce::Txn& txn, std::string_view account, std::string_view region,
                                  std::string_view key_id) const;

 private:
  ce::ServiceContext ctx_;
  ce::Keyspace keys_, aliases_, grants_;
};

}  // namespace kms
