// Keys, aliases and grants in the service's keyspaces (layout: kms_store.hpp).
#include "kms_store.hpp"

#include <cloudemu/keycodec.hpp>
#include <cloudemu/value.hpp>

namespace kms {

namespace {

// Record format versions (the leading byte of each value).
constexpr uint8_t k_key_record_version = 1;
constexpr uint8_t k_alias_record_version = 1;
constexpr uint8_t k_grant_record_version = 1;

/// Every record of one prefix, decoded, in key order; stops after `limit` (0: no limit) and sets
/// *more when records were left.
template <typename Record>
std::vector<Record> scan(ce::Txn& txn, ce::Keyspace ks, const std::string& prefix,
                         const std::string& start, uint8_t version, std::size_t limit = 0,
                         bool* more = nullptr) {
  std::vector<Record> out;
  if (more != nullptr) *more = false;
  auto cur = txn.cursor(ks);
  for (auto kv = cur.seek(start); kv && kv->first.starts_with(prefix); kv = cur.next()) {
    if (limit != 0 && out.size() == limit) {
      if (more != nullptr) *more = true;
      break;
    }
    out.push_back(ce::decode_record<Record>(kv->second, version));
  }
  return out;
}

}  // namespace

std::string key_arn(std::string_view account, std::string_view region, std::string_view key_id) {
  return "arn:aws:kms:" + std::string(region) + ":" + std::string(account) + ":key/" +
         std::string(key_id);
}

std::string alias_arn(std::string_view account, std::string_view region, std::string_view alias) {
  return "arn:aws:kms:" + std::string(region) + ":" + std::string(account) + ":" +
         std::string(alias);
}

std::string KeyRecord::arn() const {
  return key_arn(account, region, key_id);
}

const KeyMaterial* KeyRecord::material(uint32_t version) const {
  for (const auto& m : materials)
    if (m.version == version) return &m;
  return nullptr;
}

Store::Store(const ce::ServiceContext& ctx)
    : ctx_(ctx),
      keys_(ce::open_keyspace(ctx, "keys")),
      aliases_(ce::open_keyspace(ctx, "aliases")),
      grants_(ce::open_keyspace(ctx, "grants")) {}

std::optional<KeyRecord> Store::find_key(ce::Txn& txn, std::string_view account,
                                         std::string_view region, std::string_view key_id) const {
  const auto v = txn.get(keys_, ce::encode_key(account, region, key_id));
  if (!v) return std::nullopt;
  return ce::decode_record<KeyRecord>(*v, k_key_record_version);
}

void Store::put_key(ce::WriteTxn& txn, const KeyRecord& key) const {
  txn.put(keys_, ce::encode_key(key.account, key.region, key.key_id),
          ce::encode_record(k_key_record_version, key));
}

std::vector<KeyRecord> Store::keys(ce::Txn& txn, std::string_view account, std::string_view region,
                                   std::string_view after, std::size_t limit, bool* more) const {
  const std::string prefix = ce::encode_key(account, region);
  // The smallest key after `after`: its own encoding plus one byte.
  const std::string start =
      after.empty() ? prefix : ce::encode_key(account, region, after) + std::string(1, '\0');
  return scan<KeyRecord>(txn, keys_, prefix, start, k_key_record_version, limit, more);
}

std::optional<AliasRecord> Store::find_alias(ce::Txn& txn, std::string_view account,
                                             std::string_view region, std::string_view name) const {
  const auto v = txn.get(aliases_, ce::encode_key(account, region, name));
  if (!v) return std::nullopt;
  return ce::decode_record<AliasRecord>(*v, k_alias_record_version);
}

void Store::put_alias(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                      const AliasRecord& alias) const {
  txn.put(aliases_, ce::encode_key(account, region, alias.name),
          ce::encode_record(k_alias_record_version, alias));
}

bool Store::delete_alias(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                         std::string_view name) const {
  return txn.del(aliases_, ce::encode_key(account, region, name));
}

std::vector<AliasRecord> Store::aliases(ce::Txn& txn, std::string_view account,
                                        std::string_view region) const {
  const std::string prefix = ce::encode_key(account, region);
  return scan<AliasRecord>(txn, aliases_, prefix, prefix, k_alias_record_version);
}

std::optional<GrantRecord> Store::find_grant(ce::Txn& txn, std::string_view account,
                                             std::string_view region, std::string_view key_id,
                                             std::string_view grant_id) const {
  const auto v = txn.get(grants_, ce::encode_key(account, region, key_id, grant_id));
  if (!v) return std::nullopt;
  return ce::decode_record<GrantRecord>(*v, k_grant_record_version);
}

void Store::put_grant(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                      const GrantRecord& grant) const {
  txn.put(grants_, ce::encode_key(account, region, grant.key_id, grant.grant_id),
          ce::encode_record(k_grant_record_version, grant));
}

bool Store::delete_grant(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                         std::string_view key_id, std::string_view grant_id) const {
  return txn.del(grants_, ce::encode_key(account, region, key_id, grant_id));
}

std::vector<GrantRecord> Store::grants(ce::Txn& txn, std::string_view account,
                                       std::string_view region, std::string_view key_id) const {
  const std::string prefix =
      key_id.empty() ? ce::encode_key(account, region) : ce::encode_key(account, region, key_id);
  return scan<GrantRecord>(txn, grants_, prefix, prefix, k_grant_record_version);
}

}  // namespace kms
