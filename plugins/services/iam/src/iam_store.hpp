// IAM state in the service's keyspaces (docs/iam.md, "Storage layout"). IAM is global: keys
// start with the account, never a region. Names are case-insensitive in IAM ("User names are not
// distinguished by case"), so keys hold the lower-cased name and records the name as given.
//
//   users              (account, lower(name)) -> Principal (kind user)
//   groups             (account, lower(name)) -> Principal (kind group)
//   roles              (account, lower(name)) -> Principal (kind role)
//   policies           (account, lower(name)) -> PolicyRecord (customer managed)
//   instance_profiles  (account, lower(name)) -> InstanceProfileRecord
//   access_keys        (access key id)        -> AccessKeyRecord
//
// Policy documents are kept as the client sent them (IAM answers them back verbatim, URL-encoded);
// they were checked to be IAM policy JSON on the way in, so a later evaluator can parse them.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <map>
#include <msgpack.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iam {

using Tags = std::vector<std::pair<std::string, std::string>>;  // in the order first set

enum class Kind { user, group, role };

/// What differs between the three principals: parameter names, nouns in messages, id prefix.
struct KindInfo {
  Kind kind;
  std::string_view noun;            // "user" (ARNs and messages)
  std::string_view title;           // "User" (action names, XML elements)
  std::string_view name_param;      // "UserName"
  std::string_view id_prefix;       // "AIDA"
  std::size_t max_name;             // characters
  std::size_t inline_policy_limit;  // characters, whitespace excluded
};
const KindInfo& info(Kind kind);

/// A user, group or role. Fields that do not apply to a kind stay empty.
struct Principal {
  std::string name, id, path;
  int64_t created_ms = 0;
  Tags tags;
  std::map<std::string, std::string> inline_policies;  // policy name -> document
  std::vector<std::string> attached;                   // managed policy ARNs, attach order
  std::string permissions_boundary;                    // users and roles: a policy ARN
  std::string assume_role_policy, description;         // roles
  int64_t max_session_duration = 3600;                 // roles, seconds
  std::vector<std::string> groups;                     // users: the groups they belong to
  std::vector<std::string> members;                    // groups: their users
  std::vector<std::string> access_keys;                // users: key ids
  MSGPACK_DEFINE_MAP(name, id, path, created_ms, tags, inline_policies, attached,
                     permissions_boundary, assume_role_policy, description, max_session_duration,
                     groups, members, access_keys)
};

struct PolicyVersion {
  std::string version_id;  // "v1"
  std::string document;
  int64_t created_ms = 0;
  MSGPACK_DEFINE_MAP(version_id, document, created_ms)
};

struct PolicyRecord {
  std::string name, id, path, description;
  int64_t created_ms = 0, updated_ms = 0;
  std::string default_version;
  int64_t next_version = 1;
  std::vector<PolicyVersion> versions;
  Tags tags;
  int64_t attachment_count = 0;  // users, groups and roles it is attached to
  int64_t boundary_count = 0;    // users and roles it bounds
  MSGPACK_DEFINE_MAP(name, id, path, description, created_ms, updated_ms, default_version,
                     next_version, versions, tags, attachment_count, boundary_count)

  const PolicyVersion* version(std::string_view id) const;
};

struct AccessKeyRecord {
  std::string access_key_id, secret_access_key, account, user_name;
  std::string status = "Active";
  int64_t created_ms = 0;
  MSGPACK_DEFINE_MAP(access_key_id, secret_access_key, account, user_name, status, created_ms)
};

struct InstanceProfileRecord {
  std::string name, id, path;
  int64_t created_ms = 0;
  std::vector<std::string> roles;  // role names (IAM allows one)
  Tags tags;
  MSGPACK_DEFINE_MAP(name, id, path, created_ms, roles, tags)
};

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);

  std::optional<Principal> find(ce::Txn& txn, Kind kind, std::string_view account,
                                std::string_view name) const;
  void put(ce::WriteTxn& txn, Kind kind, std::string_view account, const Principal& p) const;
  void erase(ce::WriteTxn& txn, Kind kind, std::string_view account, std::string_view name) const;
  /// Every principal of a kind in an account, in (case-insensitive) name order.
  std::vector<Principal> all(ce::Txn& txn, Kind kind, std::string_view account) const;

  std::optional<PolicyRecord> find_policy(ce::Txn& txn, std::string_view account,
                                          std::string_view name) const;
  void put_policy(ce::WriteTxn& txn, std::string_view account, const PolicyRecord& p) const;
  void erase_policy(ce::WriteTxn& txn, std::string_view account, std::string_view name) const;
  std::vector<PolicyRecord> all_policies(ce::Txn& txn, std::string_view account) const;

  std::optional<InstanceProfileRecord> find_profile(ce::Txn& txn, std::string_view account,
                                                    std::string_view name) const;
  void put_profile(ce::WriteTxn& txn, std::string_view account,
                   const InstanceProfileRecord& p) const;
  void erase_profile(ce::WriteTxn& txn, std::string_view account, std::string_view name) const;
  std::vector<InstanceProfileRecord> all_profiles(ce::Txn& txn, std::string_view account) const;

  std::optional<AccessKeyRecord> find_key(ce::Txn& txn, std::string_view key_id) const;
  void put_key(ce::WriteTxn& txn, const AccessKeyRecord& k) const;
  void erase_key(ce::WriteTxn& txn, std::string_view key_id) const;

 private:
  ce::Keyspace keyspace(Kind kind) const;

  ce::Keyspace users_, groups_, roles_, policies_, profiles_, keys_;
};

/// ASCII lower case: the key of a name.
std::string lower(std::string_view s);

}  // namespace iam
