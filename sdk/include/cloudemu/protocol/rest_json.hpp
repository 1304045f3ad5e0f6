// REST-JSON protocol errors (Lambda, API Gateway-style services, example-notes).
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/response.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ce {

inline constexpr std::string_view k_content_type_rest_json = "application/json";

/// The body shapes rest-json services use; every one carries the code in x-amzn-ErrorType, which is
/// where botocore and the JS SDK look first.
enum class RestJsonErrorStyle {
  message,  // {"message": "..."}                               most rest-json services
  typed,    // {"Type": "User"|"Service", "Message": "..."}     Lambda's modeled errors
  coded,    // {"code": "...", "message": "...", "type": "Client"|"Server"}  Glacier-style
};

inline std::string rest_json_error_body(const AwsError& e, RestJsonErrorStyle style) {
  nlohmann::ordered_json doc;
  switch (style) {
    case RestJsonErrorStyle::message:
      doc["message"] = e.message;
      break;
    case RestJsonErrorStyle::typed:
      doc["Type"] = e.sender_fault ? "User" : "Service";
      doc["Message"] = e.message;
      break;
    case RestJsonErrorStyle::coded:
      doc["code"] = e.code;
      doc["message"] = e.message;
      doc["type"] = e.sender_fault ? "Client" : "Server";
      break;
  }
  for (const auto& [k, v] : e.fields) doc[k] = v;
  for (const auto& [k, v] : e.json_fields) doc[k] = decltype(doc)::parse(v, nullptr, false);
  return doc.dump();
}

/// HEAD requests get no body (headers still name the error).
inline void render_rest_json_error(const AwsError& e, Response& resp, bool head_request = false,
                                   RestJsonErrorStyle style = RestJsonErrorStyle::message) {
  resp.status(e.http_status);
  resp.header("x-amzn-ErrorType", e.code);
  if (head_request) {
    resp.finish();
    return;
  }
  resp.send(e.http_status, k_content_type_rest_json, rest_json_error_body(e, style));
}

}  // namespace ce
