// From a parsed request to a service: admin endpoints, SigV4 identity, routing, the call into the
// plugin, and the errors the host itself answers. No Beast: the HTTP adapter and internal calls
// both come through here.
#pragma once
#include <cloudemu/abi.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/exchange.hpp"

namespace ce::host {

class HostRuntime;
struct ServiceRecord;

struct Incoming {
  std::string_view method, target, host;
  std::vector<ce_header> headers;
  int64_t content_length = -1;
  ce_body_s* body = nullptr;
  ce_response_s* response = nullptr;
  std::string request_id;
  std::unique_ptr<ce_body_s> owned_body;  // a replay body the host put in front of `body`
  bool body_in_memory = false;  // the whole body arrived with the header (inline candidates)
};

/// Handles one request on the calling (worker) thread. The response is finished when this returns,
/// unless the service answered CE_PENDING and finishes it later.
void dispatch(HostRuntime& rt, Incoming& in);

/// On the network thread, for a GET or HEAD without a body or a request whose whole body is in
/// memory: answers it there when it is an admin read, a request no service takes, or one its
/// service says is quick (answers_inline, answers_inline_with_body). Returns false, having sent
/// nothing and with `in.body` as it was, when the request must be dispatched on a worker instead.
bool dispatch_inline(HostRuntime& rt, Incoming& in);

/// A fresh request id (UUID form, as x-amzn-RequestId carries).
std::string make_request_id();

/// Writes an error in the AWS shape of `protocol` ("rest-xml", "json-1.0", "json-1.1", "query",
/// "rest-json"), then finishes the response.
void answer_error(ce_response_s& resp, std::string_view protocol, uint32_t http_status,
                  std::string_view code, std::string_view message, std::string_view request_id,
                  bool head_request = false);

/// Writes a complete response with a body, then finishes it.
void answer(ce_response_s& resp, uint32_t http_status, std::string_view content_type,
            std::string_view body);

/// ce_host_api_v1.call_service: runs the target service's handler on this thread.
ce_status call_service(HostRuntime& rt, ce_service_ctx_s& caller, const ce_call_request& req,
                       ce_call_done_fn done, void* user, ce_error* err);

}  // namespace ce::host
