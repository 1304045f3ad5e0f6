// GetRole through the host's internal call (sts_role_lookup.hpp).
#include "sts_role_lookup.hpp"

#include <cloudemu/aws_ids.hpp>
#include <cloudemu/call.hpp>
#include <cloudemu/url.hpp>

namespace sts {

std::string xml_text(const std::string& body, const std::string& tag) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const std::size_t at = body.find(open);
  if (at == std::string::npos) return {};
  const std::size_t end = body.find(close, at);
  return end == std::string::npos ? std::string()
                                  : body.substr(at + open.size(), end - at - open.size());
}

std::string derived_role_id(const std::string& account, const std::string& role_name) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a over "account/name"
  for (const char ch : account + "/" + role_name) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ULL;
  }
  std::string id = "AROA";
  for (int i = 0; i < 17; ++i) {
    id += ce::k_base32_alphabet[h & 0x1F];
    h = (h >> 5) | (h << 59);
    h *= 1099511628211ULL;
  }
  return id;
}

void lookup_role(const ce::ServiceContext& ctx, const std::string& account,
                 const std::string& role_name, std::function<void(RoleLookup)> done) {
  ce::CallRequest call;
  call.service = "iam";
  call.account_id = account;
  call.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  call.body = "Action=GetRole&Version=2010-05-08&RoleName=" + ce::percent_encode(role_name);
  ce::call_service(ctx, call, [done = std::move(done), account, role_name](ce::CallResult r) {
    RoleLookup out;
    out.role_id = derived_role_id(account, role_name);
    if (r.ok() && r.http_status == 200) {
      out.outcome = RoleLookup::Outcome::found;
      if (auto id = xml_text(r.body, "RoleId"); !id.empty()) out.role_id = id;
      const std::string max = xml_text(r.body, "MaxSessionDuration");
      if (!max.empty()) out.max_session_duration = std::stoll(max);
    } else if (r.ok() && r.http_status == 404 && r.body.find("NoSuchEntity") != std::string::npos) {
      out.outcome = RoleLookup::Outcome::missing;
    }
    done(std::move(out));
  });
}

}  // namespace sts
