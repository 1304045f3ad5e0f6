// Request entry: operation name from X-Amz-Target, the JSON body, dispatch.
#include "ddb_service.hpp"

#include <isa-l/crc.h>

#include <cloudemu/protocol/json_protocol.hpp>
#include <string>

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

bool DynamoDbService::answers_inline_with_body(const ce::Request& req) const {
  // Not the control plane (DeleteTable drops every item in one transaction), batches or
  // transactions (up to 100 items) or Streams: those take a worker.
  static constexpr std::string_view k_quick[] = {"GetItem",    "PutItem", "UpdateItem",
                                                 "DeleteItem", "Query",   "Scan"};
  return ce::json_operation_in(req, "DynamoDB_20120810", k_quick);
}

namespace {

/// x-amz-crc32: the CRC32 of the body in decimal. DynamoDB sends it with every answer, and SDKs
/// (botocore, the JS SDK v3) check it and retry on a mismatch (see test "x-amz-crc32").
std::string body_crc32(std::string_view body) {
  auto* bytes = reinterpret_cast<unsigned char*>(const_cast<char*>(body.data()));
  return std::to_string(crc32_gzip_refl(0, bytes, body.size()));
}

}  // namespace

void DynamoDbService::handle(ce::Request& req, ce::Response& resp) {
  try {
    const std::string body = answer(req, resp);
    resp.header("x-amz-crc32", body_crc32(body));
    resp.send(200, ce::k_content_type_json_10, body);
  } catch (const ce::AwsError& e) {
    // Errors are rendered here rather than by the SDK's adapter so that they carry the CRC too.
    resp.header("x-amz-crc32", body_crc32(ce::json_error_body(e)));
    ce::render_json_error(e, resp);
  }
}

std::string DynamoDbService::answer(ce::Request& req, ce::Response& resp) {
  const std::string_view operation = ce::json_operation_name(req);
  resp.operation(operation);
  // Streams operations are registered as "streams:<Operation>" (the two APIs are apart).
  const bool streams = req.header_or("X-Amz-Target", "").starts_with("DynamoDBStreams_20120810.");
  const Handler handler =
      ops_.find(streams ? "streams:" + std::string(operation) : std::string(operation));
  if (handler == nullptr) throw ce::AwsError::unknown_operation();
  Call call{*this, req, resp, std::string(operation), ce::read_json_body(req), std::nullopt};
  Json document;
  try {
    document = handler(call);
  } catch (const nlohmann::json::exception&) {
    // A member of the wrong JSON type ("Limit": "ten") reached a typed read: DynamoDB's answer
    // to a document that does not fit the operation's shapes.
    throw ce::AwsError::serialization("Unexpected value type in payload");
  }
  return call.answer_text ? std::move(*call.answer_text) : document.dump();
}

}  // namespace ddb
