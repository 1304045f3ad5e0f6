/* CloudEmu stable ABI: what the host offers every plugin. Pure C. Append-only: see docs/abi.md.
 *
 * Every function is thread-safe unless it says otherwise, never throws, and returns CE_INVALID for
 * a NULL or foreign handle. Functions that take `ce_error* err` fill it on failure; err may be
 * NULL. */
#ifndef CLOUDEMU_ABI_CE_HOST_API_H
#define CLOUDEMU_ABI_CE_HOST_API_H
#include "ce_plugin.h"
#include "ce_service.h"
#include "ce_storage.h"
#ifdef __cplusplus
extern "C" {
#endif

typedef struct ce_host_txn_s* ce_txn_host_ptr;
typedef struct ce_host_cursor_s* ce_cursor_host_ptr;
typedef struct ce_host_blob_writer_s* ce_blob_writer_host_ptr;
typedef struct ce_host_blob_reader_s* ce_blob_reader_host_ptr;

/** Callback of timers and posted tasks; runs on a host worker thread. */
typedef void (*ce_task_fn)(void* user);

/** A request from one service to another (S3 -> SQS notification, SNS -> SQS delivery).
 *  OWNERSHIP: caller; the host copies what it needs before call_service returns. */
typedef struct ce_call_request {
  uint32_t struct_size;
  ce_str service; /* target service id, "sqs" */
  ce_str method;
  ce_str target; /* request-target: path and query, percent-encoded */
  const ce_header* headers;
  size_t header_count;
  ce_bytes body;
  ce_str account_id; /* "" = 000000000000 */
  ce_str region;     /* "" = the host's default region */
} ce_call_request;

/** Receives the answer of call_service, exactly once, on any thread.
 *  OWNERSHIP: host; the views are valid for the duration of the callback. */
typedef void (*ce_call_done_fn)(void* user, uint32_t http_status, const ce_header* headers,
                                size_t header_count, ce_bytes body);

/** ABI 1.3: an HTTP request to an outside endpoint (SNS HTTP/HTTPS subscriptions, webhooks).
 *  OWNERSHIP: caller; the host copies what it needs before http_send returns. */
typedef struct ce_http_request {
  uint32_t struct_size;
  ce_str method;
  ce_str url; /* http://host[:port]/path?query or https://...; https is not verified (test
                 endpoints are self-signed) */
  const ce_header* headers;
  size_t header_count;
  ce_bytes body;
  uint32_t timeout_ms; /* connect to last byte of the answer; 0 = 15000 */
} ce_http_request;

typedef struct ce_host_api_v1 {
  uint32_t
      struct_size; /* sizeof(ce_host_api_v1) as the host compiled it: check before using a slot */
  uint16_t abi_major;
  uint16_t abi_minor;
  const char* host_version;

  /* ---- registration (only during ce_plugin_descriptor.init) ---- */
  /** @param svc must stay valid until the library is unloaded. OWNERSHIP: plugin keeps svc.
   *  @return CE_EXISTS when the id or a route is taken (err names both plugins), CE_INVALID when
   * the table is too small or lacks a required slot. */
  ce_status (*register_service)(ce_registrar_host_ptr reg, const ce_service_v1* svc, ce_error* err);
  /** As register_service, for a storage backend. */
  ce_status (*register_storage)(ce_registrar_host_ptr reg, const ce_storage_backend_v1* backend,
                                ce_error* err);

  /* ---- logging and time ---- */
  /** Writes one structured log line. @param component e.g. "s3". OWNERSHIP: borrowed for the call.
   */
  void (*log)(uint32_t level, ce_str component, ce_str message);
  /** The host clock in epoch milliseconds. Tests move it forward (POST /_cloudemu/clock); use it
   * for every expiry, never the system clock. */
  int64_t (*now_ms)(void);
  /** Runs fn(user) once, on a worker thread, when the host clock reaches now + delay_ms.
   *  @param out_id may be NULL; else receives an id for timer_cancel. */
  ce_status (*timer_start)(ce_service_ctx_host_ptr ctx, int64_t delay_ms, ce_task_fn fn, void* user,
                           uint64_t* out_id);
  /** @return CE_OK if the timer will not run, CE_NOT_FOUND if it already ran or is running. */
  ce_status (*timer_cancel)(ce_service_ctx_host_ptr ctx, uint64_t id);
  /** Runs fn(user) soon on a worker thread (background work off the request path). */
  ce_status (*post)(ce_service_ctx_host_ptr ctx, ce_task_fn fn, void* user);

  /* ---- request and response (valid per ce_request's OWNERSHIP note) ---- */
  /** Pulls the next piece of the request body (transfer decoding done; aws-chunked is not decoded:
   *  use cloudemu/aws_chunked.hpp). Sends "100 Continue" first when the client expects it.
   *  @param out_n receives 0 at the end of the body. @return CE_CLOSED when the client went away.
   */
  ce_status (*body_read)(ce_body_host_ptr body, uint8_t* buf, size_t cap, size_t* out_n,
                         ce_error* err);
  /** Sets the status code (default 200). Only before the first resp_write. */
  ce_status (*resp_status)(ce_response_host_ptr resp, uint32_t code);
  /** Adds a header. Content-Length set here makes the body fixed-length; otherwise it is chunked
   *  (or Content-Length is computed when the whole body is one resp_write before resp_finish). */
  ce_status (*resp_header)(ce_response_host_ptr resp, ce_str name, ce_str value);
  /** Sends bytes; the first call sends the status line and headers. @return CE_CLOSED when the
   *  client went away (stop writing and call resp_finish). */
  ce_status (*resp_write)(ce_response_host_ptr resp, ce_bytes data, ce_error* err);
  /** Completes the response; exactly once per request, from any thread. The handle is invalid
   * after. */
  ce_status (*resp_finish)(ce_response_host_ptr resp);
  /** Names the operation for the access log ("PutObject"). */
  void (*resp_operation)(ce_response_host_ptr resp, ce_str operation);

  /* ---- calls to other services ---- */
  /** Sends an internal request to another loaded service, asynchronously.
   *  @return CE_OK (done will be called exactly once), or CE_NOT_FOUND with err naming the service
   *  when it is not loaded (done is not called). */
  ce_status (*call_service)(ce_service_ctx_host_ptr ctx, const ce_call_request* req,
                            ce_call_done_fn done, void* user, ce_error* err);

  /* ---- storage, mediated: a service sees only its own keyspaces ("<id>/<name>") and blobs ---- */
  uint32_t (*max_key_size)(ce_service_ctx_host_ptr ctx);
  /** @param name the keyspace's name within the service, "buckets". */
  ce_status (*keyspace_open)(ce_service_ctx_host_ptr ctx, ce_str name, uint32_t* out_ks,
                             ce_error* err);
  /** Write transactions are short: no request-body or response I/O while one is open. */
  ce_status (*txn_begin)(ce_service_ctx_host_ptr ctx, uint32_t flags, ce_txn_host_ptr* out,
                         ce_error* err);
  /** Frees the transaction whatever the outcome. */
  ce_status (*txn_commit)(ce_txn_host_ptr txn, ce_error* err);
  void (*txn_abort)(ce_txn_host_ptr txn);
  ce_status (*kv_get)(ce_txn_host_ptr txn, uint32_t ks, ce_bytes key, ce_bytes* out_val,
                      ce_error* err);
  ce_status (*kv_put)(ce_txn_host_ptr txn, uint32_t ks, ce_bytes key, ce_bytes val, uint32_t flags,
                      ce_error* err);
  ce_status (*kv_del)(ce_txn_host_ptr txn, uint32_t ks, ce_bytes key, ce_error* err);
  ce_status (*kv_clear)(ce_txn_host_ptr txn, uint32_t ks, ce_error* err);
  ce_status (*cursor_open)(ce_txn_host_ptr txn, uint32_t ks, ce_cursor_host_ptr* out,
                           ce_error* err);
  void (*cursor_close)(ce_cursor_host_ptr cur);
  ce_status (*cursor_seek)(ce_cursor_host_ptr cur, ce_bytes key, ce_bytes* out_key,
                           ce_bytes* out_val, ce_error* err);
  ce_status (*cursor_last)(ce_cursor_host_ptr cur, ce_bytes* out_key, ce_bytes* out_val,
                           ce_error* err);
  ce_status (*cursor_step)(ce_cursor_host_ptr cur, int32_t dir, ce_bytes* out_key,
                           ce_bytes* out_val, ce_error* err);
  ce_status (*blob_writer_open)(ce_service_ctx_host_ptr ctx, ce_blob_writer_host_ptr* out,
                                ce_error* err);
  ce_status (*blob_write)(ce_blob_writer_host_ptr w, ce_bytes chunk, ce_error* err);
  ce_status (*blob_commit)(ce_blob_writer_host_ptr w, uint8_t* out_id, uint64_t* out_size,
                           ce_error* err);
  void (*blob_abort)(ce_blob_writer_host_ptr w);
  ce_status (*blob_link)(ce_txn_host_ptr txn, const uint8_t* id, ce_error* err);
  ce_status (*blob_unlink)(ce_txn_host_ptr txn, const uint8_t* id, ce_error* err);
  ce_status (*blob_reader_open)(ce_service_ctx_host_ptr ctx, const uint8_t* id, uint64_t offset,
                                uint64_t length, ce_blob_reader_host_ptr* out, uint64_t* out_size,
                                ce_error* err);
  ce_status (*blob_read)(ce_blob_reader_host_ptr r, uint8_t* buf, size_t cap, size_t* out_n,
                         ce_error* err);
  void (*blob_reader_close)(ce_blob_reader_host_ptr r);

  /* ---- ABI 1.1: signed aws-chunked bodies (check with CE_HOST_HAS_SLOT) ---- */
  /* With x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], every chunk of the
   * body carries a signature chained from the request's. When the host verified the request's
   * signature (--enforce-sigv4) it can check the chain too; the service, which decodes the body,
   * shows it each chunk's decoded bytes, then that chunk's signature, and finally the trailer's.
   * Each returns CE_NOT_FOUND when the host does not verify this body (nothing to check: signatures
   * are not enforced, or the payload is not signed per chunk); call chunk_data with an empty view
   * first to find out. */
  /** Adds decoded bytes of the current chunk. */
  ce_status (*chunk_data)(ce_body_host_ptr body, ce_bytes data);
  /** Ends the current chunk. @return CE_OK when `signature` (64 hex) is the one expected, else
   *  CE_INVALID (answer 403 SignatureDoesNotMatch). */
  ce_status (*chunk_end)(ce_body_host_ptr body, ce_str signature);
  /** Checks the trailer signature over the trailing headers, as sent. @return as chunk_end. */
  ce_status (*chunk_trailers_end)(ce_body_host_ptr body, const ce_header* trailers, size_t count,
                                  ce_str signature);

  /* ---- ABI 1.3: outbound HTTP (check with CE_HOST_HAS_SLOT) ---- */
  /** Sends req to an outside endpoint, asynchronously. done runs exactly once, on a host thread:
   *  with the endpoint's status, headers and body (at most 1 MiB is kept), or with http_status 0
   *  and the reason as body when there was no answer (bad URL, refused, timeout, TLS failure,
   *  host shutting down). A service must not block waiting for it.
   *  @return CE_OK (done will be called), or CE_INVALID for a NULL argument (done is not). */
  ce_status (*http_send)(ce_service_ctx_host_ptr ctx, const ce_http_request* req,
                         ce_call_done_fn done, void* user, ce_error* err);
} ce_host_api_v1;

#ifdef __cplusplus
}
#endif
#endif
