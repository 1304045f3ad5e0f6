// AWS Query protocol (SQS-query, SNS, STS, IAM, CloudWatch): form parameters, Action dispatch,
// <XResponse> documents and the <ErrorResponse> shape.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/url.hpp>
#include <string>
#include <string_view>

namespace ce {

inline constexpr std::string_view k_content_type_form = "application/x-www-form-urlencoded";
inline constexpr std::string_view k_content_type_query_xml = "text/xml";

/// Parses a form body or query string; a malformed %-escape is MalformedQueryString.
inline Params parse_query_params(std::string_view encoded) {
  auto params = parse_form(encoded);
  if (!params) throw AwsError::malformed_query_string();
  return std::move(*params);
}

/// All parameters of a query-protocol request: the query string first, then the form body when the
/// Content-Type is form-urlencoded (clients send POST forms; presigned or hand-made ones use GET).
inline Params read_query_request(Request& req, std::size_t limit = 1u << 20) {
  Params all = parse_query_params(req.query());
  const std::string_view type = req.header_or("Content-Type", "");
  if (type.substr(0, k_content_type_form.size()) == k_content_type_form) {
    std::string body;
    try {
      body = req.read_all(limit);
    } catch (const BodyTooLarge& e) {
      throw AwsError::validation_error(e.what());
    }
    for (auto& p : parse_query_params(body)) all.push_back(std::move(p));
  }
  return all;
}

/// The Action parameter; MissingAction when absent or empty.
inline std::string query_action(const Params& params) {
  const std::string* action = find_param(params, "Action");
  if (action == nullptr || action->empty()) throw AwsError::missing_action();
  return *action;
}

/// <ErrorResponse
/// xmlns="..."><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error>
/// <RequestId>..</RequestId></ErrorResponse>. The legacy query code (e.query_code) wins over code,
/// since that is the one a query client matches ("AWS.SimpleQueueService.NonExistentQueue").
inline std::string query_error_body(const AwsError& e, std::string_view request_id,
                                    std::string_view xmlns) {
  XmlWriter w;
  w.open("ErrorResponse", xmlns).open("Error");
  w.element("Type", e.sender_fault ? "Sender" : "Receiver");
  w.element("Code", e.query_code.empty() ? e.code : e.query_code);
  w.element("Message", e.message);
  for (const auto& [k, v] : e.fields) w.element(k, v);
  w.close().element("RequestId", request_id);
  return w.finish();
}

inline void render_query_error(const AwsError& e, std::string_view request_id, Response& resp,
                               std::string_view xmlns) {
  resp.send(e.http_status, k_content_type_query_xml, query_error_body(e, request_id, xmlns));
}

/// Builds <ActionResponse xmlns><ActionResult>fill(w)</ActionResult><ResponseMetadata><RequestId>
/// ..</RequestId></ResponseMetadata></ActionResponse>. Actions without output (DeleteQueue) pass
/// with_result = false and get no <ActionResult>.
template <typename Fill>
std::string query_response(std::string_view action, std::string_view xmlns,
                           std::string_view request_id, Fill&& fill, bool with_result = true) {
  XmlWriter w;
  const std::string name(action);
  w.open(name + "Response", xmlns);
  if (with_result) {
    w.open(name + "Result");
    fill(w);
    w.close();
  }
  w.open("ResponseMetadata").element("RequestId", request_id).close();
  return w.finish();
}

/// A query response without output elements.
inline std::string query_response_empty(std::string_view action, std::string_view xmlns,
                                        std::string_view request_id) {
  return query_response(
      action, xmlns, request_id, [](XmlWriter&) {}, false);
}

}  // namespace ce
