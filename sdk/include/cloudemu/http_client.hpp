// Requests to endpoints outside the emulator (ABI 1.3 http_send): SNS HTTP/HTTPS subscriptions,
// webhooks. The host does the network I/O on its own thread; the plugin gets one callback.
#pragma once
#include <cloudemu/call.hpp>

namespace ce {

struct OutsideRequest {
  std::string method = "POST";
  std::string url;  // http://… or https://… (certificates are not verified)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  uint32_t timeout_ms = 0;  // 0 = the host's 15 s
};

/// Sends req; done(result) runs exactly once. result.ok() with result.http_status when the
/// endpoint answered (whatever the status); otherwise result.status is CE_CLOSED when no answer
/// came (refused, timed out, bad URL, host stopping) or CE_UNSUPPORTED when the host predates
/// ABI 1.3, and result.error says why. Runs done here when the host refuses at once.
inline void send_outside(const ServiceContext& ctx, const OutsideRequest& req,
                         std::function<void(CallResult)> done) {
  CallResult refused;
  if (!CE_HOST_HAS_SLOT(&ctx.api(), http_send)) {
    refused.status = CE_UNSUPPORTED;
    refused.error = "this host has no outbound HTTP (plugin ABI 1.3 or later is needed)";
    done(std::move(refused));
    return;
  }
  const std::vector<ce_header> headers = detail::header_views(req.headers);
  ce_http_request r{};
  r.struct_size = sizeof(ce_http_request);
  r.method = to_str(req.method);
  r.url = to_str(req.url);
  r.headers = headers.data();
  r.header_count = headers.size();
  r.body = to_bytes(req.body);
  r.timeout_ms = req.timeout_ms;
  // http_status 0 is "no answer": the body is the reason, reported as an error.
  auto state = std::make_unique<detail::CallState>(detail::CallState{[done](CallResult res) {
    if (res.http_status == 0) {
      res.status = CE_CLOSED;
      res.error = std::move(res.body);
      res.body.clear();
    }
    done(std::move(res));
  }});
  ce_error err = make_error();
  const ce_status s = ctx.api().http_send(ctx.raw(), &r, &detail::call_done, state.get(), &err);
  if (s == CE_OK) {
    state.release();  // freed by call_done
    return;
  }
  refused.status = s;
  refused.error = err.message;
  done(std::move(refused));
}

}  // namespace ce
