// SQS's two wire protocols around one request/response shape (sqs_ops.hpp):
//   JSON   X-Amz-Target: AmazonSQS.<Op>, application/x-amz-json-1.0 documents; errors
//          {"__type": "com.amazonaws.sqs#<Code>", "message": ...} plus x-amzn-query-error.
//   query  Action=<Op>&Version=2012-11-05 form parameters (Attribute.1.Name, ...); XML answers
//          <OpResponse xmlns=...><OpResult>...</OpResult><ResponseMetadata>... and <ErrorResponse>.
// The decoders turn either request into the JSON protocol's request document; the query renderer
// turns the JSON protocol's response document into SQS's XML.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/url.hpp>
#include <string>
#include <string_view>

#include "sqs_ops.hpp"

namespace sqs {

inline constexpr std::string_view k_xmlns = "http://queue.amazonaws.com/doc/2012-11-05/";
inline constexpr std::string_view k_target_prefix = "AmazonSQS";

struct DecodedRequest {
  std::string operation;
  Json input;
};

/// X-Amz-Target "AmazonSQS.SendMessage" and its JSON body. Throws AwsError for a malformed body
/// or target.
DecodedRequest decode_json_request(std::string_view target, std::string_view body);
/// Query parameters (query string and form body together).
DecodedRequest decode_query_request(const ce::Params& params);

/// The XML document a query client gets for `doc`, the JSON-shaped answer of `operation`.
std::string render_query_response(std::string_view operation, const OJson& doc,
                                  std::string_view request_id);
std::string render_query_error(const ce::AwsError& e, std::string_view request_id);
std::string render_json_error(const ce::AwsError& e);

/// Sends a success (200) in the request's protocol.
void send_response(ce::Response& resp, Protocol protocol, std::string_view operation,
                   const OJson& doc, std::string_view request_id);
/// Sends an error in the request's protocol.
void send_error(ce::Response& resp, Protocol protocol, const ce::AwsError& e,
                std::string_view request_id);

}  // namespace sqs
