// GetSessionToken and GetFederationToken: temporary credentials without a role.
#include "sts_errors.hpp"
#include "sts_identity.hpp"
#include "sts_params.hpp"
#include "sts_service.hpp"

namespace sts {

namespace {

constexpr int64_t k_session_min_duration_s = 900;
constexpr int64_t k_session_max_duration_s = 129600;     // 36 hours
constexpr int64_t k_session_default_duration_s = 43200;  // 12 hours

void get_session_token(Call& c) {
  const int64_t duration = duration_seconds(c, k_session_min_duration_s, k_session_max_duration_s,
                                            k_session_default_duration_s);
  const Identity caller = caller_identity(c);
  // The new session acts as its caller; sessions cannot make sessions (GetSessionToken docs).
  if (c.req.access_key_id().starts_with("ASIA"))
    throw ce::AwsError::client(403, "AccessDenied",
                               "Cannot call GetSessionToken with session credentials");
  SessionRecord s = new_credentials(caller.account, c.svc.now_ms(), duration);
  s.kind = "session-token";
  s.arn = caller.arn;
  s.user_id = caller.user_id;
  save_session(c, s);
  c.reply([&](ce::XmlWriter& w) { write_credentials(w, s); });
}

void get_federation_token(Call& c) {
  const std::string name = checked_name(c, "Name", 2, 32);
  const int64_t duration = duration_seconds(c, k_session_min_duration_s, k_session_max_duration_s,
                                            k_session_default_duration_s);
  const auto packed = session_policy_size(c);
  const auto tags = session_tags(c);
  const Identity caller = caller_identity(c);
  SessionRecord s = new_credentials(caller.account, c.svc.now_ms(), duration);
  s.kind = "federated-user";
  s.arn = "arn:aws:sts::" + caller.account + ":federated-user/" + name;
  s.user_id = caller.account + ":" + name;
  s.session_name = name;
  s.tags = tags;
  save_session(c, s);
  c.reply([&](ce::XmlWriter& w) {
    write_credentials(w, s);
    w.open("FederatedUser").element("FederatedUserId", s.user_id).element("Arn", s.arn).close();
    if (packed) w.element("PackedPolicySize", std::to_string(*packed));
  });
}

}  // namespace

void add_token_ops(OpRegistry& ops) {
  ops.add("GetSessionToken", &get_session_token);
  ops.add("GetFederationToken", &get_federation_token);
}

}  // namespace sts
