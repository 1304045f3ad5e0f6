// Request entry: emulator paths, the Action of a query request, dispatch (sns_service.hpp).
#include "sns_service.hpp"

#include <cloudemu/protocol/query_form.hpp>
#include <cloudemu/protocol/query_protocol.hpp>
#include <nlohmann/json.hpp>

#include "sns_errors.hpp"

namespace sns {

SnsService::SnsService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_topic_ops(ops_);
  add_tag_ops(ops_);
  add_subscription_ops(ops_);
  add_subscription_attribute_ops(ops_);
  add_publish_ops(ops_);
}

void SnsService::reset() {
  signer_.forget();
}

void SnsService::handle(ce::Request& req, ce::Response& resp) {
  if (req.path().starts_with(k_path_prefix)) return serve_emulator_path(req, resp);
  const ce::Params params = ce::read_query_request(req);
  const std::string action = ce::query_action(params);
  resp.operation(action);
  const Operation* op = ops_.find(action);
  if (op == nullptr) throw ce::AwsError::invalid_action(action);
  Call call{*this, req, params, action};
  // Actions without output (DeleteTopic) still run; their answer has no <ActionResult>.
  ce::XmlWriter w;
  w.open(action + "Response", k_xmlns);
  if (op->with_result) w.open(action + "Result");
  ce::XmlWriter unused;
  op->handler(call, op->with_result ? w : unused);
  if (op->with_result) w.close();
  w.open("ResponseMetadata").element("RequestId", req.request_id()).close();
  const std::string body = w.finish();
  resp.send(200, ce::k_content_type_query_xml, body);
}

void SnsService::serve_emulator_path(ce::Request& req, ce::Response& resp) {
  const std::string path = req.decoded_path().value_or(std::string());
  const std::string_view rest = std::string_view(path).substr(k_path_prefix.size());
  resp.operation("EmulatorPath");
  if (req.method() != "GET" && req.method() != "HEAD")
    throw ce::AwsError::client(405, "MethodNotAllowed", "Only GET is supported here");
  // The SigningCertURL of every notification: clients verifying signatures fetch it.
  if (rest == signer_.certificate_file_name()) {
    resp.send(200, "application/x-x509-ca-cert", signer_.certificate_pem());
    return;
  }
  // The confirmation token of a pending subscription: SNS would send it to the endpoint, which the
  // emulator cannot reach (docs/sns.md, "Confirming subscriptions").
  constexpr std::string_view k_tokens = "subscription-tokens/";
  if (rest.starts_with(k_tokens)) {
    const auto ref = parse_subscription_arn(rest.substr(k_tokens.size()));
    if (!ref) throw invalid_parameter("SubscriptionArn");
    ce::ReadTxn txn(ctx_);
    const auto sub = store_.find_subscription(txn, *ref);
    if (!sub) throw subscription_not_found();
    const nlohmann::json doc = {{"SubscriptionArn", sub->arn()},
                                {"PendingConfirmation", !sub->confirmed},
                                {"Token", sub->token}};
    resp.send(200, "application/json", doc.dump());
    return;
  }
  throw ce::AwsError::not_found("NotFound", "No such SNS emulator resource");
}

std::string Call::required(std::string_view name) const {
  return ce::query::required_field(params, name);
}

std::optional<std::string> Call::optional(std::string_view name) const {
  return ce::query::field(params, name);
}

TopicRecord Call::require_topic(ce::Txn& txn, std::string_view arn_param) const {
  const std::string arn = required(arn_param);
  const auto ref = parse_topic_arn(arn);
  if (!ref) throw invalid_parameter(arn_param);
  auto topic = svc.store().find_topic(txn, *ref);
  if (!topic) throw topic_not_found();
  return std::move(*topic);
}

std::string Call::origin() const {
  const std::string_view host = req.host();
  return "http://" + std::string(host.empty() ? std::string_view("localhost:4566") : host);
}

void write_attribute_map(ce::XmlWriter& w, const AttributeMap& attributes) {
  for (const auto& [k, v] : attributes) {
    w.open("entry").element("key", k).element("value", v).close();
  }
}

}  // namespace sns
