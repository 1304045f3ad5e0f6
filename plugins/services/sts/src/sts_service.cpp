// Request entry: the Action of a query request, dispatch (sts_service.hpp).
#include "sts_service.hpp"

#include <cloudemu/protocol/query_form.hpp>
#include <cloudemu/protocol/query_protocol.hpp>

#include "sts_errors.hpp"

namespace sts {

namespace {

constexpr int64_t k_sweep_interval_ms = 10 * 60 * 1000;
constexpr int64_t k_keep_expired_ms = 60 * 60 * 1000;  // ExpiredToken for an hour, then unknown

}  // namespace

StsService::StsService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), sessions_(ctx), sweeper_(ctx, k_sweep_interval_ms, "sts", [this] {
        ce::with_write_txn(ctx_, [&](ce::WriteTxn& txn) {
          sessions_.sweep(txn, ctx_.now_ms() - k_keep_expired_ms);
        });
      }) {
  add_assume_role_ops(ops_);
  add_token_ops(ops_);
  add_identity_ops(ops_);
}

void StsService::handle(ce::Request& req, ce::Response& resp) {
  const ce::Params params = ce::read_query_request(req);
  const std::string action = ce::query_action(params);
  resp.operation(action);
  const Handler op = ops_.find(action);
  if (op == nullptr) throw ce::AwsError::invalid_action(action);
  Call call{*this, req, resp, params, action};
  op(call);
}

void send_result(ce::Response& resp, std::string_view action, std::string_view request_id,
                 const std::function<void(ce::XmlWriter&)>& fill) {
  resp.send(200, ce::k_content_type_query_xml,
            ce::query_response(action, k_xmlns, request_id, fill));
}

void send_error(ce::Response& resp, const ce::AwsError& e, std::string_view request_id) {
  ce::render_query_error(e, request_id, resp, k_xmlns);
}

std::string Call::required(std::string_view name) const {
  return ce::query::required_field(params, name);
}

std::optional<std::string> Call::optional(std::string_view name) const {
  return ce::query::field(params, name);
}

void Call::reply(const std::function<void(ce::XmlWriter&)>& fill) {
  send_result(resp, action, req.request_id(), fill);
}

}  // namespace sts
