// EchoTo: POST /_example/notes/_echo-to/<service>[?target=/path] forwards the body to another
// service through the host and answers with that service's status and body. It exercises
// internal calls: the response is detached and finished from the call's completion, so no worker
// thread blocks while the other service works.
#include <cloudemu/call.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/protocol/rest_json.hpp>

#include "notes_service.hpp"

namespace notes {

void NotesService::echo_to(ce::Request& req, ce::Response& resp, std::string_view service) {
  if (service.empty()) throw ce::AwsError::validation("missing service name after _echo-to/");
  ce::CallRequest call;
  call.service = service;
  call.method = "POST";
  call.target = req.query_param("target").value_or("/");
  for (const char* name : {"Content-Type", "X-Amz-Target"}) {
    if (const auto v = req.header(name)) call.headers.emplace_back(name, *v);
  }
  call.body = req.read_all(1u << 20);
  call.account_id = req.account_id();
  call.region = req.region();

  auto async = resp.detach();
  ce::call_service(ctx_, call, [async, service = std::string(service)](ce::CallResult r) {
    if (r.status == CE_NOT_FOUND) {
      return ce::render_rest_json_error(
          ce::AwsError::not_found("NoSuchService", "service '" + service + "' is not loaded"),
          *async);
    }
    if (!r.ok()) {
      return ce::render_rest_json_error(ce::AwsError::internal_error(r.error), *async);
    }
    async->send(r.http_status, r.header("Content-Type").value_or("application/octet-stream"),
                r.body);
  });
}

}  // namespace notes
