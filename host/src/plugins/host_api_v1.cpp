// The C trampolines of ce_host_api_v1. Each one checks its handles, forwards to the C++ object
// behind them, and converts any exception into a status: nothing throws into a plugin.
#include <cloudemu/status.hpp>

#include "http/dispatcher.hpp"
#include "http/exchange.hpp"
#include "observability/log.hpp"
#include "plugins/registrar.hpp"
#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace {

template <typename Fn>
ce_status guarded(ce_error* err, const char* what, Fn&& fn) noexcept {
  try {
    return fn();
  } catch (const std::exception& e) {
    return fail(err, CE_INTERNAL, std::string(what) + ": " + e.what());
  } catch (...) {
    return fail(err, CE_INTERNAL, std::string(what) + ": unknown exception");
  }
}

StorageMediator* mediator(ce_service_ctx_s* ctx) {
  return ctx != nullptr && ctx->runtime != nullptr ? ctx->runtime->storage.get() : nullptr;
}

void warn_io_inside_write_txn(const char* what) {
  if (write_txn_open_on_this_thread())
    log_error("storage", std::string(what) +
                             " while a write transaction is open: keep write transactions short");
}

#define CE_NEED(cond) \
  if (!(cond)) return fail(err, CE_INVALID, std::string(__func__) + ": NULL or foreign handle")

ce_status api_register_service(ce_registrar_host_ptr reg, const ce_service_v1* svc, ce_error* err) {
  return guarded(err, "register_service", [&] { return register_service(reg, svc, err); });
}
ce_status api_register_storage(ce_registrar_host_ptr reg, const ce_storage_backend_v1* be,
                               ce_error* err) {
  return guarded(err, "register_storage", [&] { return register_storage(reg, be, err); });
}

void api_log(uint32_t level, ce_str component, ce_str message) {
  try {
    Logger::instance().log(static_cast<LogLevel>(level > 3 ? 3 : level), to_view(component),
                           to_view(message));
  } catch (...) {
  }
}

int64_t api_now_ms() {
  HostRuntime* rt = HostRuntime::current();
  return rt ? rt->clock.now_ms() : HostClock::system_now_ms();
}

ce_status api_timer_start(ce_service_ctx_host_ptr ctx, int64_t delay_ms, ce_task_fn fn, void* user,
                          uint64_t* out_id) {
  ce_error* err = nullptr;
  CE_NEED(ctx && ctx->runtime && fn);
  return guarded(nullptr, "timer_start", [&] {
    const uint64_t id = ctx->runtime->timers.start(
        delay_ms, [fn, user] { fn(user); }, ctx->owner);
    if (out_id) *out_id = id;
    return CE_OK;
  });
}

ce_status api_timer_cancel(ce_service_ctx_host_ptr ctx, uint64_t id) {
  if (ctx == nullptr || ctx->runtime == nullptr) return CE_INVALID;
  return ctx->runtime->timers.cancel(id) ? CE_OK : CE_NOT_FOUND;
}

ce_status api_post(ce_service_ctx_host_ptr ctx, ce_task_fn fn, void* user) {
  if (ctx == nullptr || ctx->runtime == nullptr || fn == nullptr) return CE_INVALID;
  return guarded(nullptr, "post", [&] {
    ctx->runtime->workers.post([fn, user] { fn(user); });
    return CE_OK;
  });
}

ce_status api_body_read(ce_body_host_ptr body, uint8_t* buf, size_t cap, size_t* out_n,
                        ce_error* err) {
  CE_NEED(body && out_n && (buf || cap == 0));
  warn_io_inside_write_txn("body_read");
  return guarded(err, "body_read", [&] { return body->read(buf, cap, out_n, err); });
}

ce_status api_resp_status(ce_response_host_ptr resp, uint32_t code) {
  return resp ? resp->set_status(code) : CE_INVALID;
}

ce_status api_resp_header(ce_response_host_ptr resp, ce_str name, ce_str value) {
  if (resp == nullptr) return CE_INVALID;
  return guarded(nullptr, "resp_header",
                 [&] { return resp->add_header(to_view(name), to_view(value)); });
}

ce_status api_resp_write(ce_response_host_ptr resp, ce_bytes data, ce_error* err) {
  CE_NEED(resp && (data.ptr || data.len == 0));
  warn_io_inside_write_txn("resp_write");
  return guarded(err, "resp_write", [&] { return resp->write(data.ptr, data.len, err); });
}

ce_status api_resp_finish(ce_response_host_ptr resp) {
  if (resp == nullptr) return CE_INVALID;
  return guarded(nullptr, "resp_finish", [&] { return resp->finish(); });
}

void api_resp_operation(ce_response_host_ptr resp, ce_str operation) {
  if (resp == nullptr) return;
  try {
    resp->operation = to_view(operation);
  } catch (...) {
  }
}

ce_status api_call_service(ce_service_ctx_host_ptr ctx, const ce_call_request* req,
                           ce_call_done_fn done, void* user, ce_error* err) {
  CE_NEED(ctx && ctx->runtime && req && done);
  return guarded(err, "call_service",
                 [&] { return call_service(*ctx->runtime, *ctx, *req, done, user, err); });
}

ce_status api_http_send(ce_service_ctx_host_ptr ctx, const ce_http_request* req,
                        ce_call_done_fn done, void* user, ce_error* err) {
  CE_NEED(ctx && ctx->runtime && req && done);
  return guarded(err, "http_send", [&] {
    OutboundRequest out;
    out.method = std::string(to_view(req->method));
    if (out.method.empty()) out.method = "GET";
    out.url = std::string(to_view(req->url));
    for (size_t i = 0; i < req->header_count; ++i)
      out.headers.emplace_back(to_view(req->headers[i].name), to_view(req->headers[i].value));
    out.body = std::string(to_view(req->body));
    out.timeout_ms = req->timeout_ms;
    ctx->runtime->outbound.send(std::move(out), [done, user](OutboundAnswer a) {
      std::vector<ce_header> hs;
      hs.reserve(a.headers.size());
      for (const auto& [k, v] : a.headers) hs.push_back({to_str(k), to_str(v)});
      done(user, a.status, hs.data(), hs.size(),
           ce_bytes{reinterpret_cast<const uint8_t*>(a.body.data()), a.body.size()});
    });
    return CE_OK;
  });
}

uint32_t api_max_key_size(ce_service_ctx_host_ptr ctx) {
  StorageMediator* m = mediator(ctx);
  return m ? m->max_key_size() : 0;
}

ce_status api_keyspace_open(ce_service_ctx_host_ptr ctx, ce_str name, uint32_t* out,
                            ce_error* err) {
  CE_NEED(mediator(ctx) && out);
  return guarded(err, "keyspace_open",
                 [&] { return mediator(ctx)->keyspace_open(*ctx, to_view(name), out, err); });
}

ce_status api_txn_begin(ce_service_ctx_host_ptr ctx, uint32_t flags, ce_txn_host_ptr* out,
                        ce_error* err) {
  CE_NEED(mediator(ctx) && out);
  return guarded(err, "txn_begin", [&] { return mediator(ctx)->txn_begin(*ctx, flags, out, err); });
}

ce_status api_txn_commit(ce_txn_host_ptr txn, ce_error* err) {
  CE_NEED(txn && mediator(txn->ctx));
  return guarded(err, "txn_commit", [&] { return mediator(txn->ctx)->txn_commit(txn, err); });
}

void api_txn_abort(ce_txn_host_ptr txn) {
  if (txn && mediator(txn->ctx)) mediator(txn->ctx)->txn_abort(txn);
}

ce_status api_kv_get(ce_txn_host_ptr txn, uint32_t ks, ce_bytes key, ce_bytes* out, ce_error* err) {
  CE_NEED(txn && out);
  return guarded(err, "kv_get", [&] { return mediator(txn->ctx)->get(txn, ks, key, out, err); });
}

ce_status api_kv_put(ce_txn_host_ptr txn, uint32_t ks, ce_bytes key, ce_bytes val, uint32_t flags,
                     ce_error* err) {
  CE_NEED(txn);
  return guarded(err, "kv_put",
                 [&] { return mediator(txn->ctx)->put(txn, ks, key, val, flags, err); });
}

ce_status api_kv_del(ce_txn_host_ptr txn, uint32_t ks, ce_bytes key, ce_error* err) {
  CE_NEED(txn);
  return guarded(err, "kv_del", [&] { return mediator(txn->ctx)->del(txn, ks, key, err); });
}

ce_status api_kv_clear(ce_txn_host_ptr txn, uint32_t ks, ce_error* err) {
  CE_NEED(txn);
  return guarded(err, "kv_clear", [&] { return mediator(txn->ctx)->clear(txn, ks, err); });
}

ce_status api_cursor_open(ce_txn_host_ptr txn, uint32_t ks, ce_cursor_host_ptr* out,
                          ce_error* err) {
  CE_NEED(txn && out);
  return guarded(err, "cursor_open",
                 [&] { return mediator(txn->ctx)->cursor_open(txn, ks, out, err); });
}

void api_cursor_close(ce_cursor_host_ptr cur) {
  if (cur && mediator(cur->ctx)) mediator(cur->ctx)->cursor_close(cur);
}

ce_status api_cursor_seek(ce_cursor_host_ptr cur, ce_bytes key, ce_bytes* k, ce_bytes* v,
                          ce_error* err) {
  CE_NEED(cur && k && v);
  return guarded(err, "cursor_seek",
                 [&] { return mediator(cur->ctx)->cursor_seek(cur, key, k, v, err); });
}

ce_status api_cursor_last(ce_cursor_host_ptr cur, ce_bytes* k, ce_bytes* v, ce_error* err) {
  CE_NEED(cur && k && v);
  return guarded(err, "cursor_last",
                 [&] { return mediator(cur->ctx)->cursor_last(cur, k, v, err); });
}

ce_status api_cursor_step(ce_cursor_host_ptr cur, int32_t dir, ce_bytes* k, ce_bytes* v,
                          ce_error* err) {
  CE_NEED(cur && k && v);
  return guarded(err, "cursor_step",
                 [&] { return mediator(cur->ctx)->cursor_step(cur, dir, k, v, err); });
}

ce_status api_blob_writer_open(ce_service_ctx_host_ptr ctx, ce_blob_writer_host_ptr* out,
                               ce_error* err) {
  CE_NEED(mediator(ctx) && out);
  return guarded(err, "blob_writer_open",
                 [&] { return mediator(ctx)->blob_writer_open(*ctx, out, err); });
}

ce_status api_blob_write(ce_blob_writer_host_ptr w, ce_bytes chunk, ce_error* err) {
  CE_NEED(w && (chunk.ptr || chunk.len == 0));
  return guarded(err, "blob_write", [&] { return mediator(w->ctx)->blob_write(w, chunk, err); });
}

ce_status api_blob_commit(ce_blob_writer_host_ptr w, uint8_t* id, uint64_t* size, ce_error* err) {
  CE_NEED(w && id);
  uint64_t ignored = 0;
  return guarded(err, "blob_commit",
                 [&] { return mediator(w->ctx)->blob_commit(w, id, size ? size : &ignored, err); });
}

void api_blob_abort(ce_blob_writer_host_ptr w) {
  if (w && mediator(w->ctx)) mediator(w->ctx)->blob_abort(w);
}

ce_status api_blob_link(ce_txn_host_ptr txn, const uint8_t* id, ce_error* err) {
  CE_NEED(txn && id);
  return guarded(err, "blob_link", [&] { return mediator(txn->ctx)->blob_link(txn, id, err); });
}

ce_status api_blob_unlink(ce_txn_host_ptr txn, const uint8_t* id, ce_error* err) {
  CE_NEED(txn && id);
  return guarded(err, "blob_unlink", [&] { return mediator(txn->ctx)->blob_unlink(txn, id, err); });
}

ce_status api_blob_reader_open(ce_service_ctx_host_ptr ctx, const uint8_t* id, uint64_t off,
                               uint64_t len, ce_blob_reader_host_ptr* out, uint64_t* size,
                               ce_error* err) {
  CE_NEED(mediator(ctx) && id && out);
  uint64_t ignored = 0;
  return guarded(err, "blob_reader_open", [&] {
    return mediator(ctx)->blob_reader_open(*ctx, id, off, len, out, size ? size : &ignored, err);
  });
}

ce_status api_blob_read(ce_blob_reader_host_ptr r, uint8_t* buf, size_t cap, size_t* n,
                        ce_error* err) {
  CE_NEED(r && n && (buf || cap == 0));
  return guarded(err, "blob_read",
                 [&] { return mediator(r->ctx)->blob_read(r, buf, cap, n, err); });
}

void api_blob_reader_close(ce_blob_reader_host_ptr r) {
  if (r && mediator(r->ctx)) mediator(r->ctx)->blob_reader_close(r);
}

ce_status api_chunk_data(ce_body_host_ptr body, ce_bytes data) {
  if (body == nullptr) return CE_INVALID;
  if (!body->signatures) return CE_NOT_FOUND;
  if (data.len == 0) return CE_OK;
  if (data.ptr == nullptr) return CE_INVALID;
  body->signatures->chunk_data({reinterpret_cast<const char*>(data.ptr), data.len});
  return CE_OK;
}

ce_status api_chunk_end(ce_body_host_ptr body, ce_str signature) {
  if (body == nullptr) return CE_INVALID;
  if (!body->signatures) return CE_NOT_FOUND;
  return body->signatures->chunk_end(to_view(signature)) ? CE_OK : CE_INVALID;
}

ce_status api_chunk_trailers_end(ce_body_host_ptr body, const ce_header* trailers, size_t count,
                                 ce_str signature) {
  if (body == nullptr || (trailers == nullptr && count > 0)) return CE_INVALID;
  if (!body->signatures) return CE_NOT_FOUND;
  try {
    std::vector<ce::aws_chunked::Trailer> copy;
    copy.reserve(count);
    for (size_t i = 0; i < count; ++i)
      copy.emplace_back(std::string(to_view(trailers[i].name)),
                        std::string(to_view(trailers[i].value)));
    return body->signatures->trailers_end(copy, to_view(signature)) ? CE_OK : CE_INVALID;
  } catch (...) {
    return CE_INTERNAL;
  }
}

#undef CE_NEED

const ce_host_api_v1 kHostApi = {
    sizeof(ce_host_api_v1),
    CE_ABI_MAJOR,
    CE_ABI_MINOR,
    "0.1.0",
    api_register_service,
    api_register_storage,
    api_log,
    api_now_ms,
    api_timer_start,
    api_timer_cancel,
    api_post,
    api_body_read,
    api_resp_status,
    api_resp_header,
    api_resp_write,
    api_resp_finish,
    api_resp_operation,
    api_call_service,
    api_max_key_size,
    api_keyspace_open,
    api_txn_begin,
    api_txn_commit,
    api_txn_abort,
    api_kv_get,
    api_kv_put,
    api_kv_del,
    api_kv_clear,
    api_cursor_open,
    api_cursor_close,
    api_cursor_seek,
    api_cursor_last,
    api_cursor_step,
    api_blob_writer_open,
    api_blob_write,
    api_blob_commit,
    api_blob_abort,
    api_blob_link,
    api_blob_unlink,
    api_blob_reader_open,
    api_blob_read,
    api_blob_reader_close,
    api_chunk_data,
    api_chunk_end,
    api_chunk_trailers_end,
    api_http_send,
};

}  // namespace

const ce_host_api_v1* HostRuntime::api() {
  return &kHostApi;
}

}  // namespace ce::host
