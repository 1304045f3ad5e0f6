#include "http/dispatcher.hpp"

#include <chrono>
#include <cloudemu/status.hpp>
#include <cloudemu/text.hpp>
#include <cloudemu/url.hpp>
#include <memory>
#include <random>

#include "admin/admin_api.hpp"
#include "http/request_identity.hpp"
#include "observability/log.hpp"
#include "plugins/service_ctx.hpp"
#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace {

constexpr std::size_t kFormRoutingLimit =
    1 << 20;  // a query-protocol form body larger than this is not routed

ce_str sv(std::string_view s) {
  return ce_str{s.data(), s.size()};
}

// The protocol a client spoke, for errors the host answers before any service is known.
std::string_view guess_protocol(const Incoming& in, std::string_view query) {
  if (!find_header(in.headers, "x-amz-target").empty()) return "json-1.0";
  const std::string_view ctype = find_header(in.headers, "content-type");
  if (ctype.rfind("application/x-www-form-urlencoded", 0) == 0) return "query";
  if (query.find("Action=") != std::string_view::npos) return "query";
  return "rest-xml";
}

void add_request_id_headers(ce_response_s& resp, std::string_view request_id,
                            std::string_view protocol) {
  resp.add_header("x-amzn-RequestId", request_id);
  resp.add_header("x-amz-request-id", request_id);
  if (protocol == "rest-xml") resp.add_header("x-amz-id-2", request_id);
}

std::string loaded_services(const HostRuntime& rt) {
  std::string out;
  for (const auto& s : rt.registry.services) {
    if (!s->ctx) continue;
    if (!out.empty()) out += ", ";
    out += s->id;
  }
  return out.empty() ? "none" : out;
}

// Calls the plugin inside a try/catch (a C plugin may still throw through its own trampolines).
// Returns what the plugin's handle returned. With CE_OK the response is finished and (for internal
// calls) already freed.
ce_request make_request(HostRuntime& rt, Incoming& in, const RequestIdentity& id,
                        uint32_t route_kind, std::string_view route_value) {
  ce_request req{};
  req.struct_size = sizeof(ce_request);
  req.method = sv(in.method);
  req.target = sv(in.target);
  req.path = sv(ce::target_path(in.target));
  req.query = sv(ce::target_query(in.target));
  req.host = sv(in.host);
  req.request_id = sv(in.request_id);
  req.headers = in.headers.data();
  req.header_count = in.headers.size();
  req.content_length = in.content_length;
  req.auth_kind = id.auth_kind;
  req.signing_service = sv(id.service);
  req.region =
      sv(id.region.empty() ? std::string_view(rt.config.region) : std::string_view(id.region));
  req.access_key_id = sv(id.access_key_id);
  req.account_id = sv(id.account_id);
  req.route_value = sv(route_value);
  req.route_kind = route_kind;
  req.body = in.body;
  req.response = in.response;
  return req;
}

// Whether the service lets the network thread answer this request itself (ABI 1.1 slot).
bool service_answers_inline(HostRuntime& rt, ServiceRecord& svc, Incoming& in,
                            const RequestIdentity& id, uint32_t route_kind,
                            std::string_view route_value) {
  // A request with a body may come here only once the whole body is in memory (ABI 1.2 slot).
  const auto ask = in.content_length == 0 ? svc.table.answers_inline
                   : in.body_in_memory    ? svc.table.answers_inline_with_body
                                          : nullptr;
  if (ask == nullptr) return false;
  const ce_request req = make_request(rt, in, id, route_kind, route_value);
  try {
    return ask(svc.ctx->instance, &req) != 0;
  } catch (...) {
    return false;
  }
}

ce_status invoke(HostRuntime& rt, ServiceRecord& svc, Incoming& in, const RequestIdentity& id,
                 uint32_t route_kind, std::string_view route_value) {
  const ce_request req = make_request(rt, in, id, route_kind, route_value);
  ce_response_s& resp = *in.response;
  resp.service = svc.id;
  ce_error err = make_error();
  ce_status st = CE_INTERNAL;
  try {
    st = svc.table.handle(svc.ctx->instance, &req, &err);
  } catch (const std::exception& e) {
    fail(&err, CE_INTERNAL, std::string("handler threw: ") + e.what());
  } catch (...) {
    fail(&err, CE_INTERNAL, "handler threw a non-standard exception");
  }
  if (st == CE_PENDING || st == CE_OK) return st;
  log_error(svc.id, std::string("request ") + in.request_id + " failed: " + status_name(st) +
                        (err.message[0] ? std::string(": ") + err.message : std::string()));
  if (!resp.started())
    answer_error(
        resp, svc.protocol, 500, svc.protocol == "rest-xml" ? "InternalError" : "InternalFailure",
        "The service plugin failed to handle the request; see the cloudemu log for request " +
            in.request_id,
        in.request_id, in.method == "HEAD");
  else
    resp.finish();  // the HTTP layer closes a connection whose response was cut short
  return st;
}

}  // namespace

// Returns false, having sent nothing, when on_network_thread and the request must go to a worker.
static bool dispatch_unguarded(HostRuntime& rt, Incoming& in, bool on_network_thread);

std::string make_request_id() {
  thread_local std::mt19937_64 rng{
      std::random_device{}() ^
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  // UUID version 4 layout: 8-4-4-4-12 lowercase hex, version nibble 4, variant bits 10.
  uint64_t hi = rng(), lo = rng();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;
  lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(36, '-');
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
    const uint64_t word = i < 16 ? hi : lo;
    id[pos++] = kHex[(word >> (60 - 4 * (i % 16))) & 0xF];
  }
  return id;
}

static bool dispatch_guarded(HostRuntime& rt, Incoming& in, bool on_network_thread) {
  // Whatever goes wrong in the host's own code, the client gets an answer and the connection is
  // released: a request left unfinished would hang the client and block a graceful stop.
  try {
    return dispatch_unguarded(rt, in, on_network_thread);
  } catch (const std::exception& e) {
    log_error("host", "request " + in.request_id + " failed in the host: " + e.what());
    ce_response_s& resp = *in.response;
    if (resp.finished()) return true;
    if (resp.started()) {
      resp.finish();
    } else {
      answer_error(resp, "rest-xml", 500, "InternalError",
                   "cloudemu failed to handle the request; see its log", in.request_id,
                   in.method == "HEAD");
    }
  }
  return true;
}

void dispatch(HostRuntime& rt, Incoming& in) {
  dispatch_guarded(rt, in, false);
}

bool dispatch_inline(HostRuntime& rt, Incoming& in) {
  return dispatch_guarded(rt, in, true);
}

static bool dispatch_unguarded(HostRuntime& rt, Incoming& in, bool on_network_thread) {
  if (in.request_id.empty()) in.request_id = make_request_id();
  ce_response_s& resp = *in.response;
  const std::string_view path = ce::target_path(in.target);
  const std::string_view query = ce::target_query(in.target);
  const bool head = in.method == "HEAD";
  if (is_admin_path(path)) {
    if (on_network_thread && in.method != "GET" && in.method != "HEAD") return false;  // writes
    resp.add_header("x-amzn-RequestId", in.request_id);
    handle_admin(rt, in, path, query);  // reads are instant
    return true;
  }

  RequestIdentity id = derive_identity(in.headers, in.method, path, query);
  ce_body_s* const original_body = in.body;
  std::unique_ptr<ReplayBody> replay;
  auto read_form_action = [&]() -> std::string {
    if (find_header(in.headers, "content-type").rfind("application/x-www-form-urlencoded", 0) != 0)
      return {};
    std::string form;
    uint8_t buf[16384];
    for (;;) {
      size_t n = 0;
      if (in.body->read(buf, sizeof buf, &n, nullptr) != CE_OK || n == 0) break;
      form.append(reinterpret_cast<const char*>(buf), n);
      if (form.size() > kFormRoutingLimit) break;
    }
    std::string action = ce::query_param(form, "Action");
    replay = std::make_unique<ReplayBody>(std::move(form), in.body);
    in.body = replay.get();
    return action;
  };
  // Only query-protocol services route by Action: skip parsing the query string when none is
  // loaded.
  const std::string query_action =
      rt.router.has_form_claims() ? ce::query_param(query, "Action") : std::string();
  const RouteInput route_in{id.service, find_header(in.headers, "x-amz-target"), path, in.host,
                            query_action};
  const auto match = rt.router.route(route_in, read_form_action);
  if (!match || match->service->ctx == nullptr) {
    const std::string_view protocol = guess_protocol(in, query);
    add_request_id_headers(resp, in.request_id, protocol);
    std::string what =
        !id.service.empty() ? "signing service '" + id.service + "'" : "this request";
    answer_error(resp, protocol, 501, "NotImplemented",
                 "No service plugin loaded by cloudemu handles " + what +
                     " (loaded: " + loaded_services(rt) + ")",
                 in.request_id, head);
    return true;
  }
  ServiceRecord& svc = *match->service;
  if (on_network_thread && !service_answers_inline(rt, svc, in, id, match->kind, match->value)) {
    in.body = original_body;  // the worker reads the body afresh, not through `replay`
    return false;
  }
  add_request_id_headers(resp, in.request_id, svc.protocol);
  if (rt.config.enforce_sigv4) {
    const AuthFailure failure = verify_identity(rt, in, id, svc.id);
    if (failure.http_status != 0) {
      answer_error(resp, svc.protocol, failure.http_status, failure.code, failure.message,
                   in.request_id, head);
      return true;
    }
  }
  if (invoke(rt, svc, in, id, match->kind, match->value) == CE_OK && !resp.finished()) {
    // A C plugin that returned CE_OK without finishing would leave the client waiting forever.
    log_error(svc.id,
              "handle returned CE_OK without finishing the response of request " + in.request_id);
    if (!resp.started())
      answer_error(resp, svc.protocol, 500,
                   svc.protocol == "rest-xml" ? "InternalError" : "InternalFailure",
                   "The service plugin returned without answering", in.request_id, head);
    else
      resp.finish();
  }
  return true;
}

ce_status call_service(HostRuntime& rt, ce_service_ctx_s& caller, const ce_call_request& req,
                       ce_call_done_fn done, void* user, ce_error* err) {
  const std::string target_id(to_view(req.service));
  ServiceRecord* svc = rt.registry.find_service(target_id);
  if (svc == nullptr || svc->ctx == nullptr)
    return fail(err, CE_NOT_FOUND,
                "service '" + target_id + "' is not loaded (called by '" + caller.id +
                    "'; loaded: " + loaded_services(rt) + ")");
  // Everything the request views must outlive an asynchronous answer: keep it in one heap object
  // that the completion deletes.
  struct InternalCall {
    std::string method, target, host = "localhost";
    std::vector<std::pair<std::string, std::string>> header_storage;
    std::unique_ptr<MemoryBody> body;
    std::unique_ptr<BufferedResponse> response;
    Incoming in;
    RequestIdentity id;
  };
  auto call = std::make_unique<InternalCall>();
  call->method = std::string(to_view(req.method));
  call->target = std::string(to_view(req.target));
  for (size_t i = 0; i < req.header_count; ++i)
    call->header_storage.emplace_back(to_view(req.headers[i].name), to_view(req.headers[i].value));
  call->body = std::make_unique<MemoryBody>(std::string(to_view(req.body)));
  InternalCall* raw = call.get();
  call->response = std::make_unique<BufferedResponse>([raw, done, user](BufferedResponse& r) {
    std::unique_ptr<InternalCall> owned(raw);
    std::vector<ce_header> hs;
    hs.reserve(r.headers.size());
    for (auto& [k, v] : r.headers) hs.push_back({sv(k), sv(v)});
    done(user, r.status, hs.data(), hs.size(),
         ce_bytes{reinterpret_cast<const uint8_t*>(r.body.data()), r.body.size()});
  });
  Incoming& in = call->in;
  in.method = call->method;
  in.target = call->target;
  in.host = call->host;
  for (auto& [k, v] : call->header_storage) in.headers.push_back({sv(k), sv(v)});
  in.content_length = static_cast<int64_t>(req.body.len);
  in.body = call->body.get();
  in.response = call->response.get();
  in.request_id = make_request_id();
  call->id.auth_kind = CE_AUTH_NONE;
  call->id.service = target_id;
  call->id.account_id = req.account_id.len ? std::string(to_view(req.account_id)) : "000000000000";
  call->id.region = req.region.len ? std::string(to_view(req.region)) : rt.config.region;
  call.release();  // owned by the completion from here on
  add_request_id_headers(*raw->response, in.request_id, svc->protocol);
  invoke(rt, *svc, in, raw->id, CE_ROUTE_SIGV4_SERVICE, svc->id);
  return CE_OK;
}

}  // namespace ce::host
