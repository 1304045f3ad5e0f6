// REST-XML protocol errors (S3 and S3-like services).
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/response.hpp>
#include <string>
#include <string_view>

namespace ce {

inline constexpr std::string_view k_content_type_xml = "application/xml";

/// <?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>..</Code><Message>..</Message>
/// [extra fields: BucketName, Key, Resource...]<RequestId>..</RequestId><HostId>..</HostId></Error>
/// in S3's element order. host_id empty: no <HostId> element.
inline std::string rest_xml_error_body(const AwsError& e, std::string_view request_id,
                                       std::string_view host_id) {
  XmlWriter w;
  w.declaration().open("Error");
  w.element("Code", e.code).element("Message", e.message);
  for (const auto& [k, v] : e.fields) w.element(k, v);
  w.element("RequestId", request_id);
  if (!host_id.empty()) w.element("HostId", host_id);
  return w.finish();
}

/// Writes an S3-style error. A HEAD request gets status and headers only: S3 sends no body to HEAD,
/// which is why SDKs report a HEAD 404 as plain "Not Found" (see rest_xml_test "HEAD has no body").
inline void render_rest_xml_error(const AwsError& e, std::string_view request_id, Response& resp,
                                  bool head_request, std::string_view host_id = {}) {
  if (head_request) {
    resp.status(e.http_status);
    resp.finish();
    return;
  }
  resp.send(e.http_status, k_content_type_xml, rest_xml_error_body(e, request_id, host_id));
}

}  // namespace ce
