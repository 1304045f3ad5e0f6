// Request entry: which protocol, decoding, dispatch, rendering.
#include "sqs_service.hpp"

#include <cloudemu/protocol/json_protocol.hpp>
#include <cloudemu/protocol/query_protocol.hpp>
#include <string>

#include "sqs_errors.hpp"
#include "sqs_protocol.hpp"

namespace sqs {

namespace {

// SendMessage accepts 256 KiB of body plus attributes; a batch of ten is bounded the same way.
// Encoded forms and JSON escapes inflate that, hence the margin.
constexpr std::size_t k_body_limit = 4u << 20;

}  // namespace

SqsService::SqsService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), store_(ctx) {
  add_queue_ops(ops_);
  add_attribute_ops(ops_);
  add_tag_ops(ops_);
  add_send_ops(ops_);
  add_receive_ops(ops_);
  add_delete_ops(ops_);
  add_dead_letter_ops(ops_);
  add_move_task_ops(ops_);
  long_polls_ = std::make_unique<LongPolls>(ctx_, store_);
}

bool SqsService::answers_inline_with_body(const ce::Request& req) const {
  static constexpr std::string_view k_quick[] = {"SendMessage",
                                                 "SendMessageBatch",
                                                 "ReceiveMessage",
                                                 "DeleteMessage",
                                                 "DeleteMessageBatch",
                                                 "ChangeMessageVisibility",
                                                 "ChangeMessageVisibilityBatch"};
  return ce::json_operation_in(req, "AmazonSQS", k_quick);
}

void SqsService::handle(ce::Request& req, ce::Response& resp) {
  // An X-Amz-Target means the JSON protocol (SDKs since late 2023, SNS's internal deliveries);
  // anything else is a query request (form body or query string).
  const auto target = req.header("X-Amz-Target");
  const Protocol protocol = target ? Protocol::json : Protocol::query;
  try {
    DecodedRequest decoded;
    if (protocol == Protocol::json) {
      decoded = decode_json_request(*target, req.read_all(k_body_limit));
    } else {
      decoded = decode_query_request(ce::read_query_request(req, k_body_limit));
    }
    resp.operation(decoded.operation);
    const Handler handler = ops_.find(decoded.operation);
    if (handler == nullptr) {
      if (protocol == Protocol::json) throw ce::AwsError::unknown_operation();
      throw ce::AwsError::invalid_action(decoded.operation);
    }
    Call call{*this,
              req,
              resp,
              decoded.operation,
              std::move(decoded.input),
              protocol,
              std::string(req.account_id()),
              std::string(req.region()),
              std::string(req.host())};
    OJson doc;
    try {
      doc = handler(call);
    } catch (const nlohmann::json::exception&) {
      // A member of the wrong JSON type reached a typed read.
      throw err::invalid_parameter_value("The request contains a member of an unexpected type.");
    }
    if (call.pending) return;  // a long poll answers later
    send_response(resp, protocol, decoded.operation, doc, req.request_id());
  } catch (const ce::AwsError& e) {
    send_error(resp, protocol, e, req.request_id());
  } catch (const ce::BodyTooLarge&) {
    send_error(resp, protocol,
               err::batch_request_too_long(static_cast<std::size_t>(req.content_length())),
               req.request_id());
  }
}

}  // namespace sqs
