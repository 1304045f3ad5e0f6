// ce::render_error: one entry point rendering an AwsError in a service's protocol
// (ce_service_v1.protocol: "rest-xml" | "json-1.0" | "json-1.1" | "query" | "rest-json").
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/protocol/json_protocol.hpp>
#include <cloudemu/protocol/query_protocol.hpp>
#include <cloudemu/protocol/rest_json.hpp>
#include <cloudemu/protocol/rest_xml.hpp>
#include <cloudemu/response.hpp>
#include <string>
#include <string_view>

namespace ce {

/// What varies per service beyond the protocol name.
struct ErrorRenderOptions {
  std::string_view xmlns;         // query: "http://queue.amazonaws.com/doc/2012-11-05/"
  bool query_compatible = false;  // json: awsQueryCompatible service (sends x-amzn-query-error)
  RestJsonErrorStyle rest_json_style = RestJsonErrorStyle::message;
  std::string_view host_id;   // rest-xml: <HostId>, S3's x-amz-id-2
  bool head_request = false;  // no body (also implied by a Response marked HEAD)
};

/// Renders and finishes `resp`. An unknown protocol name falls back to the rest-json shape, which
/// every AWS SDK can at least read the status and x-amzn-ErrorType of.
inline void render_error(std::string_view protocol, const AwsError& e, std::string_view request_id,
                         Response& resp, const ErrorRenderOptions& opts = {}) {
  const bool head = opts.head_request || resp.is_head();
  if (protocol == "rest-xml") {
    render_rest_xml_error(e, request_id, resp, head, opts.host_id);
  } else if (protocol == "json-1.0") {
    render_json_error(e, resp, k_content_type_json_10, opts.query_compatible);
  } else if (protocol == "json-1.1") {
    render_json_error(e, resp, k_content_type_json_11, opts.query_compatible);
  } else if (protocol == "query") {
    render_query_error(e, request_id, resp, opts.xmlns);
  } else {
    render_rest_json_error(e, resp, head, opts.rest_json_style);
  }
}

/// The protocol's error for an operation name nobody implements: UnknownOperationException for
/// JSON protocols (as DynamoDB answers), InvalidAction for query, NotImplemented otherwise.
inline AwsError unknown_operation_error(std::string_view protocol, std::string_view operation) {
  if (protocol == "query") return AwsError::invalid_action(std::string(operation));
  if (protocol == "json-1.0" || protocol == "json-1.1") return AwsError::unknown_operation();
  return AwsError::not_implemented("Operation " + std::string(operation) + " is not implemented.");
}

}  // namespace ce
