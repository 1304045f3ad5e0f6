// Request entry: operation name from X-Amz-Target, the JSON body, dispatch; and Reply, which
// finishes a request whose handler waited for KMS.
#include "sm_service.hpp"

#include <cloudemu/protocol/json_protocol.hpp>

#include "sm_errors.hpp"

namespace sm {

int64_t Call::now_ms() const {
  return svc.now_ms();
}
const Store& Call::store() const {
  return svc.store();
}
const ce::ServiceContext& Call::ctx() const {
  return svc.ctx();
}
int64_t Caller::now_ms() const {
  return svc->now_ms();
}
const Store& Caller::store() const {
  return svc->store();
}
const ce::ServiceContext& Caller::ctx() const {
  return svc->ctx();
}
std::shared_ptr<Reply> Call::defer() {
  if (!reply) reply = std::make_shared<Reply>(resp.detach());
  return reply;
}

void Reply::send(const Json& doc) {
  resp_->send(200, ce::k_content_type_json_11, doc.dump());
}

void Reply::fail(const ce::AwsError& e) {
  ce::render_json_error(e, *resp_, ce::k_content_type_json_11);
}

void Reply::complete(const std::function<Json()>& produce) noexcept {
  try {
    try {
      send(produce());
    } catch (const ce::AwsError& e) {
      fail(e);
    } catch (const nlohmann::json::exception&) {
      fail(ce::AwsError::serialization("Unexpected value type in payload"));
    } catch (const std::exception& e) {
      // The text is an exception's, never a secret value: values are not put in exceptions.
      ce::log_error("secretsmanager", std::string("deferred answer failed: ") + e.what());
      fail(err::internal());
    }
  } catch (...) {
    ce::log_error("secretsmanager", "could not send a deferred answer");
  }
}

SecretsManagerService::SecretsManagerService(ce::ServiceContext ctx,
                                             std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_secret_ops(ops_);
  add_deletion_ops(ops_);
  add_value_ops(ops_);
  add_version_ops(ops_);
  add_list_ops(ops_);
  add_tag_ops(ops_);
  add_policy_ops(ops_);
  add_rotation_ops(ops_);
  add_password_ops(ops_);
  add_unsupported_ops(ops_);
}

void SecretsManagerService::handle(ce::Request& req, ce::Response& resp) {
  const std::string_view operation = ce::json_operation_name(req);
  resp.operation(operation);
  const Handler handler = ops_.find(operation);
  if (handler == nullptr) {
    ce::render_json_error(ce::AwsError::unknown_operation(), resp, ce::k_content_type_json_11);
    return;
  }
  Json input;
  try {
    input = ce::read_json_body(req);
  } catch (const ce::AwsError& e) {
    ce::render_json_error(e, resp, ce::k_content_type_json_11);
    return;
  }
  Call call{*this, req, resp, std::string(operation), std::move(input), nullptr};
  // A handler that deferred may still fail before its internal call goes out: its error then
  // goes through the Reply, which owns the exchange by now.
  const auto fail = [&](const ce::AwsError& e) {
    if (call.reply)
      call.reply->fail(e);
    else
      ce::render_json_error(e, resp, ce::k_content_type_json_11);
  };
  try {
    const Json document = handler(call);
    if (call.reply) return;  // a callback answers
    resp.send(200, ce::k_content_type_json_11, document.dump());
  } catch (const ce::AwsError& e) {
    fail(e);
  } catch (const nlohmann::json::exception&) {
    // A member of the wrong JSON type reached a typed read.
    fail(ce::AwsError::serialization("Unexpected value type in payload"));
  }
}

}  // namespace sm
