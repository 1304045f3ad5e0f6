// The internal call to KMS and the decoding of its answer.
#include "sm_kms.hpp"

#include <cloudemu/call.hpp>

namespace sm {

void call_kms(const ce::ServiceContext& ctx, const std::string& account, const std::string& region,
              const std::string& operation, const nlohmann::json& body,
              std::function<void(KmsAnswer)> done) {
  ce::CallRequest call;
  call.service = "kms";
  call.account_id = account;
  call.region = region;
  call.headers = {{"X-Amz-Target", "TrentService." + operation},
                  {"Content-Type", "application/x-amz-json-1.1"}};
  call.body = body.dump();
  ce::call_service(ctx, call, [done = std::move(done)](ce::CallResult r) {
    KmsAnswer a;
    a.reached = r.ok();
    a.failure = r.error;
    a.http_status = r.http_status;
    if (a.reached) {
      a.doc = nlohmann::json::parse(r.body, nullptr, false);
      if (a.doc.is_discarded() || !a.doc.is_object()) a.doc = nlohmann::json::object();
      if (a.http_status != 200) {
        std::string type = a.doc.value("__type", std::string());
        // botocore's rule: a "namespace#Code" type is the bare code.
        if (const auto hash = type.rfind('#'); hash != std::string::npos)
          type = type.substr(hash + 1);
        a.error_type = type;
        a.message = a.doc.value("message", a.doc.value("Message", std::string()));
      }
    }
    done(std::move(a));
  });
}

}  // namespace sm
