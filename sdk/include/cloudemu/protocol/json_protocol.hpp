// AWS JSON 1.0 / 1.1 protocol (DynamoDB, KMS, Secrets Manager, CloudWatch Logs, SQS-json):
// operation from X-Amz-Target, JSON bodies, and the error shape.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ce {

inline constexpr std::string_view k_content_type_json_10 = "application/x-amz-json-1.0";
inline constexpr std::string_view k_content_type_json_11 = "application/x-amz-json-1.1";

/// "DynamoDB_20120810.PutItem" -> "PutItem"; "" when the header is missing or has no '.'.
inline std::string_view json_operation_name(const Request& req) {
  const std::string_view target = req.header_or("X-Amz-Target", "");
  const std::size_t dot = target.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : target.substr(dot + 1);
}

/// Whether X-Amz-Target is `<target_prefix>.<op>` with op among `ops` (a service's
/// answers_inline_with_body picks its quick operations this way).
template <std::size_t N>
bool json_operation_in(const Request& req, std::string_view target_prefix,
                       const std::string_view (&ops)[N]) {
  const std::string_view target = req.header_or("X-Amz-Target", "");
  if (!target.starts_with(target_prefix) || target.size() <= target_prefix.size() ||
      target[target_prefix.size()] != '.')
    return false;
  const std::string_view op = target.substr(target_prefix.size() + 1);
  for (const std::string_view quick : ops)
    if (op == quick) return true;
  return false;
}

/// Parses the request body as a JSON object. An empty body is {} (the AWS CLI sends one for
/// operations without input). Malformed JSON is SerializationException, as DynamoDB answers.
inline nlohmann::json read_json_body(Request& req, std::size_t limit = 16u << 20) {
  std::string body;
  try {
    body = req.read_all(limit);
  } catch (const BodyTooLarge& e) {
    throw AwsError::serialization(e.what());
  }
  if (body.empty()) return nlohmann::json::object();
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw AwsError::serialization("Start of structure or map found where not expected.");
  }
  return doc;
}

/// Sends `doc` as a 200 with the given JSON content type.
inline void send_json(Response& resp, const nlohmann::json& doc,
                      std::string_view content_type = k_content_type_json_10,
                      uint32_t status = 200) {
  resp.send(status, content_type, doc.dump());
}

/// {"__type": "<code>", "message": "<text>", ...fields}. botocore reads "message" or "Message" and
/// strips any "namespace#" from __type, so the bare code is what every SDK understands.
inline std::string json_error_body(const AwsError& e) {
  nlohmann::ordered_json doc;
  doc["__type"] = e.code;
  doc["message"] = e.message;
  for (const auto& [k, v] : e.fields) doc[k] = v;
  for (const auto& [k, v] : e.json_fields) doc[k] = decltype(doc)::parse(v, nullptr, false);
  return doc.dump();
}

/// Writes a JSON-protocol error: status, x-amzn-ErrorType, and for awsQueryCompatible services
/// `x-amzn-query-error: <query code>;Sender|Receiver` (the legacy code SDKs surface to users).
/// @param query_compatible send x-amzn-query-error even when e.query_code is empty (with e.code).
inline void render_json_error(const AwsError& e, Response& resp,
                              std::string_view content_type = k_content_type_json_10,
                              bool query_compatible = false) {
  resp.status(e.http_status);
  resp.header("x-amzn-ErrorType", e.code);
  if (!e.query_code.empty() || query_compatible) {
    const std::string& code = e.query_code.empty() ? e.code : e.query_code;
    resp.header("x-amzn-query-error", code + (e.sender_fault ? ";Sender" : ";Receiver"));
  }
  resp.send(e.http_status, content_type, json_error_body(e));
}

}  // namespace ce
