// The fake host's ce_host_api_v1 table: registration, logging, the manual clock, timers, posted
// tasks, request/response handles and internal calls (storage slots: fake_host_storage.hpp).
#pragma once
#include <cloudemu/status.hpp>
#include <cloudemu/testing/fake_host_core.hpp>
#include <cloudemu/testing/fake_host_dispatch.hpp>
#include <cloudemu/testing/fake_host_storage.hpp>
#include <cstring>
#include <memory>
#include <string>

namespace ce::testing::fake_detail {

inline Core& core() {
  return *Core::current().load();
}

inline ce_status register_service(ce_registrar_host_ptr reg, const ce_service_v1* svc,
                                  ce_error* err) {
  Core& c = core();
  if (reg == nullptr || reg != c.registering) {
    return fail(err, CE_INVALID, "register_service called outside the plugin's init");
  }
  // The same checks the real registry makes (OBS CHECK_REQUIRED_VAL): a table too small for the
  // v1.0 slots or without create/destroy/handle is refused with a named error.
  if (svc == nullptr || svc->struct_size < offsetof(ce_service_v1, reset) || svc->id == nullptr ||
      svc->protocol == nullptr || svc->create == nullptr || svc->destroy == nullptr ||
      svc->handle == nullptr) {
    return fail(err, CE_INVALID, "service table is too small or lacks create/destroy/handle");
  }
  std::lock_guard lock(c.mu);
  for (const auto& other : c.services) {
    if (other->id == svc->id)
      return fail(err, CE_EXISTS, std::string("service id taken: ") + svc->id);
    for (size_t i = 0; i < svc->route_count; ++i) {
      for (size_t j = 0; j < other->table->route_count; ++j) {
        const ce_route_claim& a = svc->routes[i];
        const ce_route_claim& b = other->table->routes[j];
        if (a.kind == b.kind && std::strcmp(a.value, b.value) == 0) {
          return fail(err, CE_EXISTS,
                      std::string("route '") + a.value + "' of " + svc->id +
                          " is already claimed by " + other->id);
        }
      }
    }
  }
  auto s = std::make_unique<Service>();
  s->core = &c;
  s->table = svc;
  s->id = svc->id;
  c.services.push_back(std::move(s));
  return CE_OK;
}

inline ce_status register_storage(ce_registrar_host_ptr, const ce_storage_backend_v1*,
                                  ce_error* err) {
  return fail(err, CE_UNSUPPORTED, "the fake host uses its own storage backend");
}

inline void log(uint32_t level, ce_str component, ce_str message) {
  static constexpr const char* k_levels[] = {"debug", "info", "warn", "error"};
  core().log_line(std::string(level < 4 ? k_levels[level] : "?") + " " +
                  std::string(to_view(component)) + ": " + std::string(to_view(message)));
}
inline int64_t now_ms() {
  return core().now.load();
}

inline ce_status timer_start(ce_service_ctx_host_ptr ctx, int64_t delay_ms, ce_task_fn fn,
                             void* user, uint64_t* out_id) {
  if (fn == nullptr) return CE_INVALID;
  Core& c = core();
  std::lock_guard lock(c.mu);
  const uint64_t id = c.next_timer_id++;
  c.timers.push_back(Timer{id, c.now.load() + (delay_ms < 0 ? 0 : delay_ms), c.next_timer_seq++,
                           as_svc(ctx), fn, user});
  if (out_id != nullptr) *out_id = id;
  return CE_OK;
}
inline ce_status timer_cancel(ce_service_ctx_host_ptr, uint64_t id) {
  Core& c = core();
  std::lock_guard lock(c.mu);
  for (auto it = c.timers.begin(); it != c.timers.end(); ++it) {
    if (it->id == id) {
      c.timers.erase(it);
      return CE_OK;
    }
  }
  return CE_NOT_FOUND;
}
inline ce_status post(ce_service_ctx_host_ptr, ce_task_fn fn, void* user) {
  if (fn == nullptr) return CE_INVALID;
  core().post([fn, user] { fn(user); });
  return CE_OK;
}

inline void check_no_write_txn(const char* what) {
  if (write_txns_on_this_thread() > 0) {
    core().violation(std::string(what) + " while a write transaction is open on this thread");
  }
}
inline ce_status body_read(ce_body_host_ptr h, uint8_t* buf, size_t cap, size_t* out_n,
                           ce_error* err) {
  if (h == nullptr || out_n == nullptr) return fail(err, CE_INVALID, "body_read: null handle");
  check_no_write_txn("body_read");
  auto* b = reinterpret_cast<FakeBody*>(h);
  size_t n = b->data.size() - b->pos;
  if (n > cap) n = cap;
  if (n > b->chunk) n = b->chunk;
  if (n > 0) std::memcpy(buf, b->data.data() + b->pos, n);
  b->pos += n;
  *out_n = n;
  return CE_OK;
}

inline Exchange* ex(ce_response_host_ptr h) {
  return reinterpret_cast<Exchange*>(h);
}
inline ce_status checked(ce_status s, const std::string& violation) {
  if (s != CE_OK) core().violation(violation);
  return s;
}
inline ce_status resp_status(ce_response_host_ptr h, uint32_t code) {
  std::string v;
  return checked(ex(h)->set_status(code, &v), v);
}
inline ce_status resp_header(ce_response_host_ptr h, ce_str name, ce_str value) {
  std::string v;
  return checked(ex(h)->add_header(name, value, &v), v);
}
inline ce_status resp_write(ce_response_host_ptr h, ce_bytes data, ce_error* err) {
  check_no_write_txn("resp_write");
  std::string v;
  const ce_status s = checked(ex(h)->write(data, &v), v);
  return s == CE_OK ? s : fail(err, s, v);
}
inline ce_status resp_finish(ce_response_host_ptr h) {
  std::string v;
  return checked(ex(h)->finish(&v), v);
}
inline void resp_operation(ce_response_host_ptr h, ce_str op) {
  ex(h)->set_operation(std::string(to_view(op)));
}

inline ce_status call_service(ce_service_ctx_host_ptr, const ce_call_request* req,
                              ce_call_done_fn done, void* user, ce_error* err) {
  if (req == nullptr || done == nullptr)
    return fail(err, CE_INVALID, "call_service: null argument");
  Core& c = core();
  Service* target = c.find(to_view(req->service));
  if (target == nullptr || target->instance == nullptr) {
    return fail(err, CE_NOT_FOUND,
                "call_service: service '" + std::string(to_view(req->service)) + "' is not loaded");
  }
  HttpRequest in;
  in.method = to_view(req->method);
  in.target = to_view(req->target);
  for (size_t i = 0; i < req->header_count; ++i) {
    in.headers.emplace_back(to_view(req->headers[i].name), to_view(req->headers[i].value));
  }
  in.body.assign(to_view(req->body));
  if (req->account_id.len > 0) in.account_id = to_view(req->account_id);
  if (req->region.len > 0) in.region = to_view(req->region);
  // Asynchronous like the real host: the target runs from the task queue, not inside the caller.
  c.post([&c, target, in = std::move(in), done, user] {
    dispatch(c, *target, in, [done, user](const HttpResponse& r) {
      std::vector<ce_header> hs;
      for (const auto& [k, v] : r.headers) hs.push_back(ce_header{to_str(k), to_str(v)});
      done(user, r.status, hs.data(), hs.size(), to_bytes(r.body));
    });
  });
  return CE_OK;
}

inline ce_status http_send(ce_service_ctx_host_ptr, const ce_http_request* req,
                           ce_call_done_fn done, void* user, ce_error* err) {
  if (req == nullptr || done == nullptr) return fail(err, CE_INVALID, "http_send: null argument");
  Core& c = core();
  OutsideCall call;
  call.method = to_view(req->method);
  call.url = to_view(req->url);
  for (size_t i = 0; i < req->header_count; ++i)
    call.headers.emplace_back(to_view(req->headers[i].name), to_view(req->headers[i].value));
  call.body.assign(to_view(req->body));
  OutsideEndpoint endpoint;
  {
    std::lock_guard lock(c.mu);
    c.outside_calls.push_back(call);
    endpoint = c.outside_endpoint;
  }
  // Answered from the task queue, as the real host answers from its own thread.
  c.post([endpoint, call = std::move(call), done, user] {
    HttpResponse r;
    if (endpoint) {
      r = endpoint(call);
    } else {
      r.body = "the fake host has no outside endpoint (FakeHost::set_outside_endpoint)";
    }
    std::vector<ce_header> hs;
    for (const auto& [k, v] : r.headers) hs.push_back(ce_header{to_str(k), to_str(v)});
    done(user, r.status, hs.data(), hs.size(), to_bytes(r.body));
  });
  return CE_OK;
}

inline const ce_host_api_v1* api_table() {
  static const ce_host_api_v1 table = [] {
    ce_host_api_v1 t{};
    t.struct_size = sizeof(ce_host_api_v1);
    t.abi_major = CE_ABI_MAJOR;
    t.abi_minor = CE_ABI_MINOR;
    t.host_version = "fake-host";
    t.register_service = &register_service;
    t.register_storage = &register_storage;
    t.log = &log;
    t.now_ms = &now_ms;
    t.timer_start = &timer_start;
    t.timer_cancel = &timer_cancel;
    t.post = &post;
    t.body_read = &body_read;
    t.resp_status = &resp_status;
    t.resp_header = &resp_header;
    t.resp_write = &resp_write;
    t.resp_finish = &resp_finish;
    t.resp_operation = &resp_operation;
    t.call_service = &call_service;
    t.http_send = &http_send;
    t.max_key_size = &max_key_size;
    t.keyspace_open = &keyspace_open;
    t.txn_begin = &txn_begin;
    t.txn_commit = &txn_commit;
    t.txn_abort = &txn_abort;
    t.kv_get = &kv_get;
    t.kv_put = &kv_put;
    t.kv_del = &kv_del;
    t.kv_clear = &kv_clear;
    t.cursor_open = &cursor_open;
    t.cursor_close = &cursor_close;
    t.cursor_seek = &cursor_seek;
    t.cursor_last = &cursor_last;
    t.cursor_step = &cursor_step;
    t.blob_writer_open = &blob_writer_open;
    t.blob_write = &blob_write;
    t.blob_commit = &blob_commit;
    t.blob_abort = &blob_abort;
    t.blob_link = &blob_link;
    t.blob_unlink = &blob_unlink;
    t.blob_reader_open = &blob_reader_open;
    t.blob_read = &blob_read;
    t.blob_reader_close = &blob_reader_close;
    return t;
  }();
  return &table;
}

}  // namespace ce::testing::fake_detail
