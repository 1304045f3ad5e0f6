// Secrets and their values in the service's keyspaces (layout: sm_store.hpp).
#include "sm_store.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <cloudemu/keycodec.hpp>
#include <cloudemu/value.hpp>

namespace sm {

namespace {

// Record format versions (the leading byte of each value).
constexpr uint8_t k_secret_record_version = 1;
constexpr uint8_t k_value_record_version = 1;

// LMDB keys stop at 511 bytes and a name may have 512 characters: a long name is keyed by its
// first 240 bytes and the SHA-256 of the whole (the record keeps the full name).
constexpr std::size_t k_max_plain_name_key = 300;

std::string name_key(std::string_view name) {
  if (name.size() <= k_max_plain_name_key) return std::string(name);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(name.data()), name.size(), digest);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(name.substr(0, 240));
  out += '#';
  for (const unsigned char c : digest) {
    out += k_hex[c >> 4];
    out += k_hex[c & 0x0F];
  }
  return out;
}

}  // namespace

bool VersionMeta::has_stage(std::string_view stage) const {
  return std::find(stages.begin(), stages.end(), stage) != stages.end();
}

VersionMeta* SecretRecord::version(std::string_view version_id) {
  for (auto& v : versions)
    if (v.version_id == version_id) return &v;
  return nullptr;
}

const VersionMeta* SecretRecord::version(std::string_view version_id) const {
  for (const auto& v : versions)
    if (v.version_id == version_id) return &v;
  return nullptr;
}

const VersionMeta* SecretRecord::version_with_stage(std::string_view stage) const {
  for (const auto& v : versions)
    if (v.has_stage(stage)) return &v;
  return nullptr;
}

Store::Store(const ce::ServiceContext& ctx)
    : secrets_(ce::open_keyspace(ctx, "secrets")), values_(ce::open_keyspace(ctx, "values")) {}

std::optional<SecretRecord> Store::find(ce::Txn& txn, std::string_view account,
                                        std::string_view region, std::string_view name) const {
  const auto v = txn.get(secrets_, ce::encode_key(account, region, name_key(name)));
  if (!v) return std::nullopt;
  return ce::decode_record<SecretRecord>(*v, k_secret_record_version);
}

void Store::put(ce::WriteTxn& txn, const SecretRecord& secret) const {
  txn.put(secrets_, ce::encode_key(secret.account, secret.region, name_key(secret.name)),
          ce::encode_record(k_secret_record_version, secret));
}

void Store::purge(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                  std::string_view name) const {
  txn.del(secrets_, ce::encode_key(account, region, name_key(name)));
  // The tuple encoding ends each element, so this prefix is exactly this secret's values (not
  // those of a secret whose name merely starts with `name`).
  const std::string prefix = ce::encode_key(account, region, name_key(name));
  std::vector<std::string> keys;
  {
    auto cur = txn.cursor(values_);
    for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next())
      keys.emplace_back(kv->first);
  }
  for (const auto& k : keys) txn.del(values_, k);
}

std::vector<SecretRecord> Store::all(ce::Txn& txn, std::string_view account,
                                     std::string_view region) const {
  std::vector<SecretRecord> out;
  const std::string prefix = ce::encode_key(account, region);
  auto cur = txn.cursor(secrets_);
  for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next())
    out.push_back(ce::decode_record<SecretRecord>(kv->second, k_secret_record_version));
  return out;
}

std::optional<SealedValue> Store::find_value(ce::Txn& txn, std::string_view account,
                                             std::string_view region, std::string_view name,
                                             std::string_view version_id) const {
  const auto v = txn.get(values_, ce::encode_key(account, region, name_key(name), version_id));
  if (!v) return std::nullopt;
  return ce::decode_record<SealedValue>(*v, k_value_record_version);
}

void Store::put_value(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                      std::string_view name, std::string_view version_id,
                      const SealedValue& value) const {
  txn.put(values_, ce::encode_key(account, region, name_key(name), version_id),
          ce::encode_record(k_value_record_version, value));
}

void Store::delete_value(ce::WriteTxn& txn, std::string_view account, std::string_view region,
                         std::string_view name, std::string_view version_id) const {
  txn.del(values_, ce::encode_key(account, region, name_key(name), version_id));
}

}  // namespace sm
