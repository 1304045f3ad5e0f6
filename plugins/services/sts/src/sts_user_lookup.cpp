// GetAccessKeyLastUsed and GetUser through the host's internal call (sts_user_lookup.hpp).
#include "sts_user_lookup.hpp"

#include <cloudemu/call.hpp>
#include <cloudemu/url.hpp>

#include "sts_role_lookup.hpp"

namespace sts {

namespace {

void ask_iam(const ce::ServiceContext& ctx, const std::string& account, const std::string& form,
             std::function<void(std::optional<std::string>)> done) {
  ce::CallRequest call;
  call.service = "iam";
  call.account_id = account;
  call.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  call.body = "Version=2010-05-08&" + form;
  ce::call_service(ctx, call, [done = std::move(done)](ce::CallResult r) {
    if (r.ok() && r.http_status == 200) return done(std::move(r.body));
    done(std::nullopt);
  });
}

}  // namespace

void lookup_key_owner(const ce::ServiceContext& ctx, const std::string& account,
                      const std::string& access_key_id,
                      std::function<void(std::optional<Identity>)> done) {
  ask_iam(ctx, account,
          "Action=GetAccessKeyLastUsed&AccessKeyId=" + ce::percent_encode(access_key_id),
          [ctx, account, done = std::move(done)](std::optional<std::string> body) mutable {
            const std::string user = body ? xml_text(*body, "UserName") : std::string();
            if (user.empty()) return done(std::nullopt);
            ask_iam(ctx, account, "Action=GetUser&UserName=" + ce::percent_encode(user),
                    [account, done = std::move(done)](std::optional<std::string> got) {
                      const std::string arn = got ? xml_text(*got, "Arn") : std::string();
                      const std::string id = got ? xml_text(*got, "UserId") : std::string();
                      if (arn.empty() || id.empty()) return done(std::nullopt);
                      done(Identity{account, arn, id});
                    });
          });
}

}  // namespace sts
