// Temporary credentials STS handed out, in the keyspace "sessions" (docs/sts.md, "Storage"):
//
//   sessions  (access key id) -> SessionRecord
//
// GetCallerIdentity looks the request's key id up here; an expired record answers ExpiredToken
// until the sweeper (every 10 minutes of host clock) drops it an hour after it expired.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <map>
#include <msgpack.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sts {

/// Who a set of credentials acts as: what GetCallerIdentity answers.
struct Identity {
  std::string account;
  std::string arn;
  std::string user_id;
};

struct SessionRecord {
  std::string access_key_id, secret_access_key, session_token;
  std::string account;
  std::string kind;  // "assumed-role" | "federated-user" | "session-token"
  std::string arn, user_id;
  std::string role_arn, session_name;  // assumed roles
  std::string source_identity;
  std::map<std::string, std::string> tags;
  int64_t created_ms = 0, expires_ms = 0;
  MSGPACK_DEFINE_MAP(access_key_id, secret_access_key, session_token, account, kind, arn, user_id,
                     role_arn, session_name, source_identity, tags, created_ms, expires_ms)

  Identity identity() const { return Identity{account, arn, user_id}; }
};

class SessionStore {
 public:
  explicit SessionStore(const ce::ServiceContext& ctx);
  std::optional<SessionRecord> find(ce::Txn& txn, std::string_view access_key_id) const;
  void put(ce::WriteTxn& txn, const SessionRecord& s) const;
  /// Deletes records that expired before `cutoff_ms`. @return how many.
  std::size_t sweep(ce::WriteTxn& txn, int64_t cutoff_ms) const;

 private:
  ce::Keyspace sessions_;
};

/// Fresh credentials for `account`: an ASIA key id encoding it, a 40-character secret, a token.
SessionRecord new_credentials(std::string_view account, int64_t now_ms, int64_t duration_s);

}  // namespace sts
