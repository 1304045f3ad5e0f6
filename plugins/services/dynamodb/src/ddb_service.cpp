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
  add_partiql_ops(ops_);
}

void DynamoDbService::handle(ce::Request& req, ce::Response& resp) {
  const std::string_view operation = ce::json_operation_name(req);
  resp.operation(operation);
  // Streams operations are registered as "streams:<Operation>" (the two APIs are apart).
  const bool streams = req.header_or("X-Amz-Target", "").starts_with("DynamoDBStreams_20120810.");
  const Handler handler =
      ops_.find(streams ? "streams:" + std::string(operation) : std::string(operation));
  if (handler == nullptr) throw ce::AwsError::unknown_operation();
  Call call{*this, req, resp, std::string(operation), ce::read_json_body(req)};
  Json answer;
  try {
    answer = handler(call);
  } catch (const nlohmann::json::exception&) {
    // A member of the wrong JSON type ("Limit": "ten") reached a typed read: DynamoDB's answer
    // to a document that does not fit the operation's shapes.
    throw ce::AwsError::serialization("Unexpected value type in payload");
  }
  ce::send_json(resp, answer);
}

}  // namespace ddb
