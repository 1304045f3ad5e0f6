// The JSON protocol's requests and both protocols' answers and errors (query decoding:
// sqs_query_decode.cpp; XML rendering: sqs_xml_render.cpp).
#include "sqs_protocol.hpp"

namespace sqs {

DecodedRequest decode_json_request(std::string_view target, std::string_view body) {
  const auto dot = target.find('.');
  if (dot == std::string_view::npos || target.substr(0, dot) != k_target_prefix)
    throw ce::AwsError::unknown_operation();
  DecodedRequest out{std::string(target.substr(dot + 1)), Json::object()};
  if (!body.empty()) {
    out.input = Json::parse(body, nullptr, false);
    if (out.input.is_discarded() || !out.input.is_object())
      throw ce::AwsError::serialization("Start of structure or map found where not expected.");
  }
  return out;
}

std::string render_json_error(const ce::AwsError& e) {
  OJson doc;
  // SDKs strip the namespace; SQS sends it, and x-amzn-query-error carries the legacy code.
  doc["__type"] =
      (e.code == "UnknownOperationException" ? "com.amazon.coral.service#" : "com.amazonaws.sqs#") +
      e.code;
  doc["message"] = e.message;
  return doc.dump();
}

void send_response(ce::Response& resp, Protocol protocol, std::string_view operation,
                   const OJson& doc, std::string_view request_id) {
  if (protocol == Protocol::json)
    resp.send(200, "application/x-amz-json-1.0", doc.dump());
  else
    resp.send(200, "text/xml", render_query_response(operation, doc, request_id));
}

void send_error(ce::Response& resp, Protocol protocol, const ce::AwsError& e,
                std::string_view request_id) {
  if (protocol == Protocol::json) {
    resp.status(e.http_status);
    resp.header("x-amzn-ErrorType", e.code);
    resp.header("x-amzn-query-error", (e.query_code.empty() ? e.code : e.query_code) +
                                          (e.sender_fault ? ";Sender" : ";Receiver"));
    resp.send(e.http_status, "application/x-amz-json-1.0", render_json_error(e));
  } else {
    resp.send(e.http_status, "text/xml", render_query_error(e, request_id));
  }
}

}  // namespace sqs
