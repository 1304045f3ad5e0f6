// Request entry: the Action of a query request, dispatch (iam_service.hpp).
#include "iam_service.hpp"

#include <cctype>
#include <cloudemu/protocol/query_form.hpp>
#include <cloudemu/protocol/query_protocol.hpp>

namespace iam {

IamService::IamService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_user_ops(ops_);
  add_group_ops(ops_);
  add_role_ops(ops_);
  add_managed_policy_ops(ops_);
  add_policy_version_ops(ops_);
  add_inline_policy_ops(ops_);
  add_attached_policy_ops(ops_);
  add_access_key_ops(ops_);
  add_instance_profile_ops(ops_);
  add_tag_ops(ops_);
  add_account_ops(ops_);
}

void IamService::handle(ce::Request& req, ce::Response& resp) {
  const ce::Params params = ce::read_query_request(req);
  const std::string action = ce::query_action(params);
  resp.operation(action);
  const Operation* op = ops_.find(action);
  if (op == nullptr) throw ce::AwsError::invalid_action(action);
  Call call{*this, req, params, action};
  std::string body;
  if (op->with_result) {
    body = ce::query_response(action, k_xmlns, req.request_id(),
                              [&](ce::XmlWriter& w) { op->handler(call, w); });
  } else {
    ce::XmlWriter unused;  // actions without output (DeleteUser) still run
    op->handler(call, unused);
    body = ce::query_response_empty(action, k_xmlns, req.request_id());
  }
  resp.send(200, ce::k_content_type_query_xml, body);
}

int64_t Call::now_ms() const {
  return svc.now_ms();
}

Store& Call::store() const {
  return svc.store();
}

std::string Call::required(std::string_view name) const {
  return ce::query::required_field(params, name);
}

std::optional<std::string> Call::optional(std::string_view name) const {
  return ce::query::field(params, name);
}

}  // namespace iam
