// Calling another service through the host (S3 -> SQS notifications, SNS -> SQS delivery).
// A plugin never links another plugin: the host routes an internal request by service id.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/request.hpp>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ce {

struct CallRequest {
  std::string service;  // "sqs"
  std::string method = "POST";
  std::string target = "/";  // path and query, percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string account_id;  // "" = 000000000000
  std::string region;      // "" = the host's default
};

struct CallResult {
  /// CE_OK when the other service answered (whatever its HTTP status); CE_NOT_FOUND when it is not
  /// loaded (error names it); other failures as the host reports them.
  ce_status status = CE_OK;
  std::string error;
  uint32_t http_status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  bool ok() const noexcept { return status == CE_OK; }
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (iequals(k, name)) return v;
    }
    return std::nullopt;
  }
};

namespace detail {
struct CallState {
  std::function<void(CallResult)> done;
};
/// Views of `headers` for the C ABI; valid while `headers` lives.
inline std::vector<ce_header> header_views(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  std::vector<ce_header> out;
  out.reserve(headers.size());
  for (const auto& [k, v] : headers) out.push_back(ce_header{to_str(k), to_str(v)});
  return out;
}
inline void call_done(void* user, uint32_t http_status, const ce_header* headers, size_t count,
                      ce_bytes body) noexcept {
  std::unique_ptr<CallState> state(static_cast<CallState*>(user));
  try {
    CallResult r;
    r.http_status = http_status;
    for (std::size_t i = 0; i < count; ++i) {
      r.headers.emplace_back(to_view(headers[i].name), to_view(headers[i].value));
    }
    r.body.assign(to_view(body));
    state->done(std::move(r));
  } catch (const std::exception& e) {
    log_error("sdk.call", std::string("call_service callback threw: ") + e.what());
  } catch (...) {
    log_error("sdk.call", "call_service callback threw a non-standard exception");
  }
}
}  // namespace detail

/// Sends req; done(result) runs exactly once: on any thread when the other service answers, or
/// right here when the host refuses the call (result.status != CE_OK, result.error says why).
/// Prefer this form in handlers: detach the response and finish it from done, holding no thread.
inline void call_service(const ServiceContext& ctx, const CallRequest& req,
                         std::function<void(CallResult)> done) {
  const std::vector<ce_header> headers = detail::header_views(req.headers);
  ce_call_request c{};
  c.struct_size = sizeof(ce_call_request);
  c.service = to_str(req.service);
  c.method = to_str(req.method);
  c.target = to_str(req.target);
  c.headers = headers.data();
  c.header_count = headers.size();
  c.body = to_bytes(req.body);
  c.account_id = to_str(req.account_id);
  c.region = to_str(req.region);
  auto state = std::make_unique<detail::CallState>(detail::CallState{std::move(done)});
  ce_error err = make_error();
  const ce_status s = ctx.api().call_service(ctx.raw(), &c, &detail::call_done, state.get(), &err);
  if (s == CE_OK) {
    state.release();  // the host calls call_done, which frees it
    return;
  }
  CallResult r;
  r.status = s;
  r.error = err.message;
  state->done(std::move(r));
}

/// Future form, for background work. Do not block a request handler on it: the host's workers
/// may be needed to serve the very call being waited for.
inline std::future<CallResult> call_service(const ServiceContext& ctx, const CallRequest& req) {
  auto promise = std::make_shared<std::promise<CallResult>>();
  std::future<CallResult> fut = promise->get_future();
  call_service(ctx, req, [promise](CallResult r) { promise->set_value(std::move(r)); });
  return fut;
}

}  // namespace ce
