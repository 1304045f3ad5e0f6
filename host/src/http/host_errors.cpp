// The errors the host answers itself, in the shape of the protocol the client spoke. The bodies
// come from the SDK's protocol renderers, the same ones services use, so the two can never drift
// apart.
#include <cloudemu/protocol/json_protocol.hpp>
#include <cloudemu/protocol/query_protocol.hpp>
#include <cloudemu/protocol/rest_json.hpp>
#include <cloudemu/protocol/rest_xml.hpp>
#include <string>

#include "http/dispatcher.hpp"

namespace ce::host {

void answer(ce_response_s& resp, uint32_t http_status, std::string_view content_type,
            std::string_view body) {
  resp.set_status(http_status);
  if (!content_type.empty()) resp.add_header("Content-Type", content_type);
  if (!body.empty())
    resp.write(reinterpret_cast<const uint8_t*>(body.data()), body.size(), nullptr);
  resp.finish();
}

void answer_error(ce_response_s& resp, std::string_view protocol, uint32_t http_status,
                  std::string_view code, std::string_view message, std::string_view request_id,
                  bool head_request) {
  AwsError e = http_status >= 500
                   ? AwsError::server(http_status, std::string(code), std::string(message))
                   : AwsError::client(http_status, std::string(code), std::string(message));
  std::string body;
  std::string_view type;
  if (protocol == "json-1.0" || protocol == "json-1.1") {
    type = protocol == "json-1.0" ? k_content_type_json_10 : k_content_type_json_11;
    body = json_error_body(e);
    resp.add_header("x-amzn-ErrorType", code);
  } else if (protocol == "rest-json") {
    type = k_content_type_rest_json;
    body = rest_json_error_body(e, RestJsonErrorStyle::message);
    resp.add_header("x-amzn-ErrorType", code);
  } else if (protocol == "query") {
    type = k_content_type_query_xml;
    body = query_error_body(e, request_id, {});
  } else {  // rest-xml, and the default when nothing tells the protocol (S3 clients)
    type = k_content_type_xml;
    body = rest_xml_error_body(e, request_id, {});
  }
  // A HEAD response carries no body (S3 clients read the status alone).
  answer(resp, http_status, type, head_request ? std::string_view() : std::string_view(body));
}

}  // namespace ce::host
