// Session records and the credentials they hold (sts_sessions.hpp).
#include "sts_sessions.hpp"

#include <cloudemu/aws_ids.hpp>
#include <cloudemu/keycodec.hpp>
#include <cloudemu/value.hpp>
#include <vector>

namespace sts {

namespace {

constexpr uint8_t k_format = 1;  // leading byte of every record
constexpr std::string_view k_secret_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

SessionStore::SessionStore(const ce::ServiceContext& ctx)
    : sessions_(ce::open_keyspace(ctx, "sessions")) {}

std::optional<SessionRecord> SessionStore::find(ce::Txn& txn,
                                                std::string_view access_key_id) const {
  const auto bytes = txn.get(sessions_, ce::encode_key(access_key_id));
  if (!bytes) return std::nullopt;
  return ce::decode_record<SessionRecord>(*bytes, k_format);
}

void SessionStore::put(ce::WriteTxn& txn, const SessionRecord& s) const {
  txn.put(sessions_, ce::encode_key(s.access_key_id), ce::encode_record(k_format, s));
}

std::size_t SessionStore::sweep(ce::WriteTxn& txn, int64_t cutoff_ms) const {
  std::vector<std::string> expired;
  {
    auto cur = txn.cursor(sessions_);
    for (auto kv = cur.first(); kv; kv = cur.next()) {
      if (ce::decode_record<SessionRecord>(kv->second, k_format).expires_ms < cutoff_ms)
        expired.emplace_back(kv->first);
    }
  }
  for (const auto& key : expired) txn.del(sessions_, key);
  return expired.size();
}

SessionRecord new_credentials(std::string_view account, int64_t now_ms, int64_t duration_s) {
  SessionRecord s;
  s.account = account;
  s.access_key_id = ce::make_aws_id("ASIA", account);
  s.secret_access_key = ce::random_text(40, k_secret_alphabet);
  // Real tokens are opaque blobs of several hundred characters; clients only echo them back.
  s.session_token = "FwoGZXIvYXdzE" + ce::random_text(343, k_secret_alphabet);
  s.created_ms = now_ms;
  s.expires_ms = now_ms + duration_s * 1000;
  return s;
}

}  // namespace sts
