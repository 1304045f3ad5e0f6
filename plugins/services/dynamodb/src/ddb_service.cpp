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
}

void DynamoDbService::handle(ce::Request& req, ce::Response& resp) {
  const std::string_view operation = ce::json_operation_name(req);
  resp.operation(operation);
  const Handler handler = ops_.find(operation);
  if (handler == nullptr) throw ce::AwsError::unknown_operation();
  Call call{*this, req, resp, std::string(operation), ce::read_json_body(req)};
  ce::send_json(resp, handler(call));
}

}  // namespace ddb
