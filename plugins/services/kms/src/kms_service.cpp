// Request entry: operation name from X-Amz-Target, the JSON body, dispatch.
#include "kms_service.hpp"

#include <cloudemu/protocol/json_protocol.hpp>

#include "kms_crypto.hpp"

namespace kms {

int64_t Call::now_ms() const {
  return svc.now_ms();
}
const Store& Call::store() const {
  return svc.store();
}

KmsService::KmsService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_key_ops(ops_);
  add_key_state_ops(ops_);
  add_policy_ops(ops_);
  add_alias_ops(ops_);
  add_tag_ops(ops_);
  add_encrypt_ops(ops_);
  add_data_key_ops(ops_);
  add_sign_ops(ops_);
  add_mac_ops(ops_);
  add_rotation_ops(ops_);
  add_grant_ops(ops_);
  add_unsupported_ops(ops_);
}

void KmsService::handle(ce::Request& req, ce::Response& resp) {
  try {
    const Json document = answer(req, resp);
    resp.send(200, ce::k_content_type_json_11, document.dump());
  } catch (const ce::AwsError& e) {
    ce::render_json_error(e, resp, ce::k_content_type_json_11);
  }
}

Json KmsService::answer(ce::Request& req, ce::Response& resp) {
  const std::string_view operation = ce::json_operation_name(req);
  resp.operation(operation);
  const Handler handler = ops_.find(operation);
  if (handler == nullptr) throw ce::AwsError::unknown_operation();
  Call call{*this, req, resp, std::string(operation), ce::read_json_body(req)};
  try {
    return handler(call);
  } catch (const nlohmann::json::exception&) {
    // A member of the wrong JSON type reached a typed read.
    throw ce::AwsError::serialization("Unexpected value type in payload");
  }
}

}  // namespace kms
