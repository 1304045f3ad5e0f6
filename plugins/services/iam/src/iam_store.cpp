// Principals, policies, instance profiles and access keys in the keyspaces (iam_store.hpp).
#include "iam_store.hpp"

#include <cloudemu/keycodec.hpp>
#include <cloudemu/value.hpp>

namespace iam {

namespace {

constexpr uint8_t k_format = 1;  // leading byte of every record

constexpr KindInfo k_user{Kind::user, "user", "User", "UserName", "AIDA", 64, 2048};
constexpr KindInfo k_group{Kind::group, "group", "Group", "GroupName", "AGPA", 128, 5120};
constexpr KindInfo k_role{Kind::role, "role", "Role", "RoleName", "AROA", 64, 10240};

template <typename T>
std::optional<T> decode(std::optional<std::string_view> bytes) {
  if (!bytes) return std::nullopt;
  return ce::decode_record<T>(*bytes, k_format);
}

std::string name_key(std::string_view account, std::string_view name) {
  return ce::encode_key(account, lower(name));
}

template <typename T>
std::vector<T> all_under(ce::Txn& txn, ce::Keyspace ks, std::string_view account) {
  const std::string prefix = ce::encode_key(account);
  std::vector<T> out;
  auto cur = txn.cursor(ks);
  for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next())
    out.push_back(ce::decode_record<T>(kv->second, k_format));
  return out;
}

}  // namespace

const KindInfo& info(Kind kind) {
  switch (kind) {
    case Kind::user:
      return k_user;
    case Kind::group:
      return k_group;
    case Kind::role:
      break;
  }
  return k_role;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

const PolicyVersion* PolicyRecord::version(std::string_view id) const {
  for (const auto& v : versions)
    if (v.version_id == id) return &v;
  return nullptr;
}

Store::Store(const ce::ServiceContext& ctx)
    : users_(ce::open_keyspace(ctx, "users")),
      groups_(ce::open_keyspace(ctx, "groups")),
      roles_(ce::open_keyspace(ctx, "roles")),
      policies_(ce::open_keyspace(ctx, "policies")),
      profiles_(ce::open_keyspace(ctx, "instance_profiles")),
      keys_(ce::open_keyspace(ctx, "access_keys")) {}

ce::Keyspace Store::keyspace(Kind kind) const {
  switch (kind) {
    case Kind::user:
      return users_;
    case Kind::group:
      return groups_;
    case Kind::role:
      break;
  }
  return roles_;
}

std::optional<Principal> Store::find(ce::Txn& txn, Kind kind, std::string_view account,
                                     std::string_view name) const {
  return decode<Principal>(txn.get(keyspace(kind), name_key(account, name)));
}

void Store::put(ce::WriteTxn& txn, Kind kind, std::string_view account, const Principal& p) const {
  txn.put(keyspace(kind), name_key(account, p.name), ce::encode_record(k_format, p));
}

void Store::erase(ce::WriteTxn& txn, Kind kind, std::string_view account,
                  std::string_view name) const {
  txn.del(keyspace(kind), name_key(account, name));
}

std::vector<Principal> Store::all(ce::Txn& txn, Kind kind, std::string_view account) const {
  return all_under<Principal>(txn, keyspace(kind), account);
}

std::optional<PolicyRecord> Store::find_policy(ce::Txn& txn, std::string_view account,
                                               std::string_view name) const {
  return decode<PolicyRecord>(txn.get(policies_, name_key(account, name)));
}

void Store::put_policy(ce::WriteTxn& txn, std::string_view account, const PolicyRecord& p) const {
  txn.put(policies_, name_key(account, p.name), ce::encode_record(k_format, p));
}

void Store::erase_policy(ce::WriteTxn& txn, std::string_view account, std::string_view name) const {
  txn.del(policies_, name_key(account, name));
}

std::vector<PolicyRecord> Store::all_policies(ce::Txn& txn, std::string_view account) const {
  return all_under<PolicyRecord>(txn, policies_, account);
}

std::optional<InstanceProfileRecord> Store::find_profile(ce::Txn& txn, std::string_view account,
                                                         std::string_view name) const {
  return decode<InstanceProfileRecord>(txn.get(profiles_, name_key(account, name)));
}

void Store::put_profile(ce::WriteTxn& txn, std::string_view account,
                        const InstanceProfileRecord& p) const {
  txn.put(profiles_, name_key(account, p.name), ce::encode_record(k_format, p));
}

void Store::erase_profile(ce::WriteTxn& txn, std::string_view account,
                          std::string_view name) const {
  txn.del(profiles_, name_key(account, name));
}

std::vector<InstanceProfileRecord> Store::all_profiles(ce::Txn& txn,
                                                       std::string_view account) const {
  return all_under<InstanceProfileRecord>(txn, profiles_, account);
}

std::optional<AccessKeyRecord> Store::find_key(ce::Txn& txn, std::string_view key_id) const {
  return decode<AccessKeyRecord>(txn.get(keys_, ce::encode_key(key_id)));
}

void Store::put_key(ce::WriteTxn& txn, const AccessKeyRecord& k) const {
  txn.put(keys_, ce::encode_key(k.access_key_id), ce::encode_record(k_format, k));
}

void Store::erase_key(ce::WriteTxn& txn, std::string_view key_id) const {
  txn.del(keys_, ce::encode_key(key_id));
}

}  // namespace iam
