// GetCallerIdentity, GetAccessKeyInfo, DecodeAuthorizationMessage, and the identity helpers
// (sts_identity.hpp).
#include <cloudemu/aws_ids.hpp>
#include <cloudemu/timestamp.hpp>
#include <nlohmann/json.hpp>

#include "sts_errors.hpp"
#include "sts_identity.hpp"
#include "sts_service.hpp"
#include "sts_user_lookup.hpp"

namespace sts {

namespace {

constexpr std::string_view k_message_prefix = "CE-AUTHZ-";

void write_identity(ce::XmlWriter& w, const Identity& id) {
  w.element("UserId", id.user_id).element("Account", id.account).element("Arn", id.arn);
}

void get_caller_identity(Call& c) {
  const Identity id = caller_identity(c);
  const std::string key(c.req.access_key_id());
  // A long-term key IAM issued belongs to a user: AWS answers that user, so ask IAM (see
  // "GetCallerIdentity of an IAM user's access key is that user" in sts_user_key_test.cpp).
  if (id.arn != "arn:aws:iam::" + id.account + ":root" || !key.starts_with("AKIA")) {
    c.reply([&](ce::XmlWriter& w) { write_identity(w, id); });
    return;
  }
  std::shared_ptr<ce::Response> resp = c.resp.detach();
  const std::string request_id(c.req.request_id());
  lookup_key_owner(
      c.svc.ctx(), id.account, key, [resp, request_id, root = id](std::optional<Identity> user) {
        try {
          send_result(*resp, "GetCallerIdentity", request_id,
                      [&](ce::XmlWriter& w) { write_identity(w, user.value_or(root)); });
        } catch (const std::exception& e) {
          ce::log_error("sts", std::string("GetCallerIdentity failed: ") + e.what());
          send_error(*resp, ce::AwsError::internal_failure(), request_id);
        }
      });
}

void get_access_key_info(Call& c) {
  const std::string key = c.required("AccessKeyId");
  if (key.size() < 16)
    throw constraint_error(key, "accessKeyId",
                           "Member must have length greater than or equal to 16");
  const std::string account = ce::account_for_access_key(key);
  c.reply([&](ce::XmlWriter& w) { w.element("Account", account); });
}

std::optional<std::string> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = ce::detail::hex_value(text[i]), lo = ce::detail::hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

void decode_authorization_message(Call& c) {
  const std::string encoded = c.required("EncodedMessage");
  std::optional<std::string> decoded;
  if (std::string_view(encoded).starts_with(k_message_prefix))
    decoded = unhex(std::string_view(encoded).substr(k_message_prefix.size()));
  if (!decoded || !nlohmann::json::accept(*decoded)) throw invalid_authorization_message();
  c.reply([&](ce::XmlWriter& w) { w.element("DecodedMessage", *decoded); });
}

}  // namespace

Identity caller_identity(Call& c) {
  const std::string account(c.account());
  const std::string_view key = c.req.access_key_id();
  if (!key.empty()) {
    ce::ReadTxn txn(c.svc.ctx());
    if (const auto session = c.svc.sessions().find(txn, key)) {
      if (session->expires_ms <= c.svc.now_ms()) throw expired_token();
      return session->identity();
    }
  }
  return Identity{account, "arn:aws:iam::" + account + ":root", account};
}

void write_credentials(ce::XmlWriter& w, const SessionRecord& s) {
  w.open("Credentials")
      .element("AccessKeyId", s.access_key_id)
      .element("SecretAccessKey", s.secret_access_key)
      .element("SessionToken", s.session_token)
      .element("Expiration", ce::iso8601_seconds(s.expires_ms))
      .close();
}

void save_session(Call& c, const SessionRecord& s) {
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) { c.svc.sessions().put(txn, s); });
}

std::string encode_authorization_message(std::string_view json) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(k_message_prefix);
  for (const char ch : json) {
    const auto u = static_cast<unsigned char>(ch);
    out += k_digits[u >> 4];
    out += k_digits[u & 0xF];
  }
  return out;
}

void add_identity_ops(OpRegistry& ops) {
  ops.add("GetCallerIdentity", &get_caller_identity);
  ops.add("GetAccessKeyInfo", &get_access_key_info);
  ops.add("DecodeAuthorizationMessage", &decode_authorization_message);
}

}  // namespace sts
