// AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML: credentials acting as a role.
// The role is looked up in IAM first (an internal call, so the answer is finished from its
// callback); trust policies are not evaluated (docs/sts.md, "Missing").
#include <nlohmann/json.hpp>

#include "sts_errors.hpp"
#include "sts_identity.hpp"
#include "sts_params.hpp"
#include "sts_role_lookup.hpp"
#include "sts_service.hpp"

namespace sts {

namespace {

constexpr int64_t k_role_min_duration_s = 900;
constexpr int64_t k_role_max_duration_s = 43200;  // the largest MaxSessionDuration a role can have
constexpr int64_t k_role_default_duration_s = 3600;

/// What every flavour of AssumeRole reads before the role lookup.
struct AssumeInput {
  RoleArn role;
  std::string session_name;
  int64_t duration_s = k_role_default_duration_s;
  bool duration_given = false;
  std::optional<int> packed_policy;
  std::map<std::string, std::string> tags;
  std::string source_identity;
  std::string caller_arn;  // for AccessDenied
};

AssumeInput read_common(Call& c, std::string session_name) {
  AssumeInput in;
  in.role = parse_role_arn(c.required("RoleArn"));
  in.session_name = std::move(session_name);
  in.duration_s =
      duration_seconds(c, k_role_min_duration_s, k_role_max_duration_s, k_role_default_duration_s);
  in.duration_given = c.optional("DurationSeconds").has_value();
  in.packed_policy = session_policy_size(c);
  in.tags = session_tags(c);
  in.source_identity = c.optional("SourceIdentity").value_or("");
  return in;
}

using ExtraFill = std::function<void(ce::XmlWriter&, const SessionRecord&)>;

/// Looks the role up, then issues and stores the session and answers (from the callback).
void assume(Call& c, AssumeInput in, ExtraFill extra) {
  StsService* svc = &c.svc;
  std::shared_ptr<ce::Response> resp = c.resp.detach();
  const std::string request_id(c.req.request_id());
  const std::string action = c.action;
  const std::string account = in.role.account, role_name = in.role.name;
  auto finish = [svc, resp, request_id, action, in = std::move(in),
                 extra = std::move(extra)](RoleLookup role) {
    try {
      if (role.outcome == RoleLookup::Outcome::missing)
        throw not_authorized_to_assume(in.caller_arn, in.role.arn);
      if (in.duration_given && role.max_session_duration > 0 &&
          in.duration_s > role.max_session_duration)
        throw ce::AwsError::validation_error(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      SessionRecord s = new_credentials(in.role.account, svc->now_ms(), in.duration_s);
      s.kind = "assumed-role";
      s.role_arn = in.role.arn;
      s.session_name = in.session_name;
      s.arn = "arn:aws:sts::" + in.role.account + ":assumed-role/" + in.role.name + "/" +
              in.session_name;
      s.user_id = role.role_id + ":" + in.session_name;
      s.tags = in.tags;
      s.source_identity = in.source_identity;
      ce::with_write_txn(svc->ctx(), [&](ce::WriteTxn& txn) { svc->sessions().put(txn, s); });
      send_result(*resp, action, request_id, [&](ce::XmlWriter& w) {
        write_credentials(w, s);
        w.open("AssumedRoleUser").element("AssumedRoleId", s.user_id).element("Arn", s.arn).close();
        if (in.packed_policy) w.element("PackedPolicySize", std::to_string(*in.packed_policy));
        if (!s.source_identity.empty()) w.element("SourceIdentity", s.source_identity);
        if (extra) extra(w, s);
      });
    } catch (const ce::AwsError& e) {
      send_error(*resp, e, request_id);
    } catch (const std::exception& e) {
      ce::log_error("sts", std::string("AssumeRole failed: ") + e.what());
      send_error(*resp, ce::AwsError::internal_failure(), request_id);
    }
  };
  lookup_role(svc->ctx(), account, role_name, std::move(finish));
}

void assume_role(Call& c) {
  AssumeInput in = read_common(c, checked_name(c, "RoleSessionName", 2, 64));
  in.caller_arn = caller_identity(c).arn;
  assume(c, std::move(in), nullptr);
}

/// Standard or URL-safe base64 without checks beyond the alphabet (tokens are not verified).
std::string base64_decode(std::string_view in) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char ch : in) {
    int v = -1;
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    if (ch >= 'a' && ch <= 'z') v = ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') v = ch - '0' + 52;
    if (ch == '+' || ch == '-') v = 62;
    if (ch == '/' || ch == '_') v = 63;
    if (v < 0) continue;  // padding, whitespace
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

/// A claim of a JWT's payload ("sub", "aud", "iss"), "" when the token is not a readable JWT.
std::string jwt_claim(const std::string& token, const std::string& claim) {
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first == std::string::npos ? 0 : first + 1);
  if (first == std::string::npos || second == std::string::npos) return {};
  const auto payload = nlohmann::json::parse(
      base64_decode(token.substr(first + 1, second - first - 1)), nullptr, false);
  if (!payload.is_object() || !payload.contains(claim)) return {};
  const auto& v = payload[claim];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array() && !v.empty() && v[0].is_string()) return v[0].get<std::string>();
  return {};
}

// No signature or issuer check: any well-formed request gets credentials (docs/sts.md).
void assume_role_with_web_identity(Call& c) {
  const std::string token = c.required("WebIdentityToken");
  if (token.size() < 4)
    throw constraint_error(token, "webIdentityToken",
                           "Member must have length greater than or equal to 4");
  AssumeInput in = read_common(c, checked_name(c, "RoleSessionName", 2, 64));
  in.caller_arn =
      "arn:aws:sts::" + in.role.account + ":assumed-role/" + in.role.name + "/" + in.session_name;
  const std::string subject = jwt_claim(token, "sub");
  const std::string audience = jwt_claim(token, "aud");
  const std::string provider = c.optional("ProviderId").value_or(jwt_claim(token, "iss"));
  assume(c, std::move(in), [=](ce::XmlWriter& w, const SessionRecord&) {
    w.element("SubjectFromWebIdentityToken", subject);
    if (!audience.empty()) w.element("Audience", audience);
    if (!provider.empty()) w.element("Provider", provider);
  });
}

/// The text after `<...name...>` up to the next '<' in an assertion: enough for NameID, Issuer
/// and the RoleSessionName attribute value of the assertions identity providers send.
std::string saml_text_after(const std::string& xml, const std::string& marker) {
  std::size_t at = xml.find(marker);
  if (at == std::string::npos) return {};
  at = xml.find('>', at);
  if (at == std::string::npos) return {};
  const std::size_t end = xml.find('<', at);
  return end == std::string::npos ? std::string() : xml.substr(at + 1, end - at - 1);
}

// The assertion is read, never verified (docs/sts.md).
void assume_role_with_saml(Call& c) {
  c.required("PrincipalArn");
  const std::string assertion = base64_decode(c.required("SAMLAssertion"));
  std::string session = "saml-session";
  const std::size_t attr = assertion.find("https://aws.amazon.com/SAML/Attributes/RoleSessionName");
  if (attr != std::string::npos) {
    const std::string value = saml_text_after(assertion.substr(attr), "AttributeValue");
    if (value.size() >= 2 && value.size() <= 64) session = value;
  }
  const std::string subject = saml_text_after(assertion, "NameID");
  const std::string issuer = saml_text_after(assertion, "Issuer");
  AssumeInput in = read_common(c, session);
  in.caller_arn =
      "arn:aws:sts::" + in.role.account + ":assumed-role/" + in.role.name + "/" + in.session_name;
  assume(c, std::move(in), [=](ce::XmlWriter& w, const SessionRecord&) {
    w.element("Subject", subject).element("SubjectType", "persistent");
    w.element("Issuer", issuer).element("Audience", "https://signin.aws.amazon.com/saml");
  });
}

}  // namespace

void add_assume_role_ops(OpRegistry& ops) {
  ops.add("AssumeRole", &assume_role);
  ops.add("AssumeRoleWithWebIdentity", &assume_role_with_web_identity);
  ops.add("AssumeRoleWithSAML", &assume_role_with_saml);
}

}  // namespace sts
