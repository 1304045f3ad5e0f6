// The errors the host answers itself, in the shape of the protocol the client spoke.
#include <string>

#include "http/dispatcher.hpp"
#include "observability/log.hpp"

namespace ce::host {
namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

void answer(ce_response_s& resp, uint32_t http_status, std::string_view content_type, std::string_view body) {
  resp.set_status(http_status);
  if (!content_type.empty()) resp.add_header("Content-Type", content_type);
  if (!body.empty()) resp.write(reinterpret_cast<const uint8_t*>(body.data()), body.size(), nullptr);
  resp.finish();
}

void answer_error(ce_response_s& resp, std::string_view protocol, uint32_t http_status, std::string_view code,
                  std::string_view message, std::string_view request_id, bool head_request) {
  std::string body, type;
  if (protocol == "json-1.0" || protocol == "json-1.1") {
    type = protocol == "json-1.0" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
    body = "{\"__type\":\"" + json_escape(code) + "\",\"message\":\"" + json_escape(message) + "\"}";
    resp.add_header("x-amzn-ErrorType", code);
  } else if (protocol == "rest-json") {
    type = "application/json";
    body = "{\"message\":\"" + json_escape(message) + "\"}";
    resp.add_header("x-amzn-ErrorType", code);
  } else if (protocol == "query") {
    type = "text/xml";
    body = std::string("<?xml version=\"1.0\"?>\n<ErrorResponse><Error><Type>") +
           (http_status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + xml_escape(code) + "</Code><Message>" +
           xml_escape(message) + "</Message></Error><RequestId>" + xml_escape(request_id) +
           "</RequestId></ErrorResponse>";
  } else {  // rest-xml, and the default when nothing tells the protocol (S3 clients)
    type = "application/xml";
    body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml_escape(code) + "</Code><Message>" +
           xml_escape(message) + "</Message><RequestId>" + xml_escape(request_id) + "</RequestId></Error>";
  }
  // A HEAD response carries no body (S3 clients read the status alone).
  answer(resp, http_status, type, head_request ? std::string_view() : std::string_view(body));
}

}  // namespace ce::host
