// Request entry: operation name from X-Amz-Target, the JSON body, dispatch.
#include "ddb_service.hpp"

#include <cloudemu/protocol/json_protocol.hpp>

namespace ddb {

DynamoDbService::DynamoDbService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_table_ops(ops_);
  add_table_settings_ops(ops_);
  add_item_ops(ops_);
  add_query_ops(ops_);
  add_batch_ops(ops_);
  add_transact_ops(ops_);
  add_stream_ops(ops_);
}

bool DynamoDbService::answers_inline_with_body(const ce::Request& req) const {
  // Not the control plane (DeleteTable drops every item in one transaction), batches or
  // transactions (up to 100 items) or Streams: those take a worker.
  static constexpr std::string_view k_quick[] = {"GetItem",    "PutItem", "UpdateItem",
                                                 "DeleteItem", "Query",   "Scan"};
  const std::string_view target = req.header_or("X-Amz-Target", "");
  constexpr std::string_view k_prefix = "DynamoDB_20120810.";
  if (!target.starts_with(k_prefix)) return false;
  const std::string_view op = target.substr(k_prefix.size());
  for (const auto quick : k_quick)
    if (op == quick) return true;
  return false;
}

void DynamoDbService::handle(ce::Request& req, ce::Response& resp) {
  const std::string_view operation = ce::json_operation_name(req);
  resp.operation(operation);
  // Streams operations are registered as "streams:<Operation>" (the two APIs are apart).
  const bool streams = req.header_or("X-Amz-Target", "").starts_with("DynamoDBStreams_20120810.");
  const Handler handler =
      ops_.find(streams ? "streams:" + std::string(operation) : std::string(operation));
  if (handler == nullptr) throw ce::AwsError::unknown_operation();
  Call call{*this, req, resp, std::string(operation), ce::read_json_body(req), std::nullopt};
  Json answer;
  try {
    answer = handler(call);
  } catch (const nlohmann::json::exception&) {
    // A member of the wrong JSON type ("Limit": "ten") reached a typed read: DynamoDB's answer
    // to a document that does not fit the operation's shapes.
    throw ce::AwsError::serialization("Unexpected value type in payload");
  }
  if (call.answer_text)
    resp.send(200, ce::k_content_type_json_10, *call.answer_text);
  else
    ce::send_json(resp, answer);
}

}  // namespace ddb
