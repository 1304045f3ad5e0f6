/* CloudEmu stable ABI: service plugins, requests and route claims. Pure C. See docs/abi.md. */
#ifndef CLOUDEMU_ABI_CE_SERVICE_H
#define CLOUDEMU_ABI_CE_SERVICE_H
#include "ce_types.h"
#ifdef __cplusplus
extern "C" {
#endif

/* Route claim kinds, in the order the router tries them (LocalStack's order). */
#define CE_ROUTE_SIGV4_SERVICE 1u /* value: the credential-scope service, "s3", "dynamodb" */
#define CE_ROUTE_TARGET_PREFIX 2u /* value: X-Amz-Target before the '.', "DynamoDB_20120810" */
#define CE_ROUTE_PATH_PREFIX 3u   /* value: a path prefix, "/2015-03-31/functions" */
#define CE_ROUTE_HOST_PATTERN \
  4u /* value: a Host pattern, '*' = one or more labels: "*.s3.*.amazonaws.com" */
#define CE_ROUTE_FORM_ACTION \
  5u /* value: a query-protocol Action (form body or query string), "SendMessage" */
#define CE_ROUTE_FALLBACK 6u /* value: ignored; the service that gets what nothing else claims */

/** One routing claim: data, not code. The host builds one table from all claims; two services
 *  claiming the same (kind, value) is a start-up error and the second is refused. */
typedef struct ce_route_claim {
  uint32_t kind;
  const char* value;
} ce_route_claim;

/* How the request was authenticated (ce_request.auth_kind). */
#define CE_AUTH_NONE 0u
#define CE_AUTH_HEADER 1u    /* Authorization: AWS4-HMAC-SHA256 ... */
#define CE_AUTH_PRESIGNED 2u /* X-Amz-Credential ... in the query string */

typedef struct ce_body_s* ce_body_host_ptr;
typedef struct ce_response_s* ce_response_host_ptr;

/** One HTTP request as the host parsed it.
 *  OWNERSHIP: host. Every view and the body handle are valid until handle() returns; the response
 *  handle until ce_host_api_v1.resp_finish is called (which may be later, see CE_PENDING). */
typedef struct ce_request {
  uint32_t struct_size;
  ce_str method;     /* "GET" */
  ce_str target;     /* raw request-target: "/bucket/a%20b?list-type=2" */
  ce_str path;       /* target before '?', still percent-encoded */
  ce_str query;      /* target after '?', still percent-encoded, "" if none */
  ce_str host;       /* Host header, with port */
  ce_str request_id; /* the id the host put in x-amz-request-id / x-amzn-RequestId */
  const ce_header* headers;
  size_t header_count;
  int64_t content_length; /* -1 when unknown (chunked transfer) */
  uint32_t auth_kind;     /* CE_AUTH_* */
  ce_str signing_service; /* credential-scope service, "" when unsigned */
  ce_str region;          /* credential-scope region, or the host's default region */
  ce_str access_key_id;   /* "" when unsigned */
  ce_str account_id;      /* 12 digits: from the access key, or "000000000000" */
  ce_str route_value;     /* the claim value that routed the request here */
  uint32_t route_kind;    /* the claim kind that routed the request here (CE_ROUTE_*) */
  ce_body_host_ptr body;
  ce_response_host_ptr response;
} ce_request;

#define CE_SERVICE_NEEDS_FORM_BODY \
  (1u << 0) /* the router may read a form body for CE_ROUTE_FORM_ACTION */

typedef struct ce_service_ctx_s* ce_service_ctx_host_ptr;
typedef struct ce_service_s* ce_service_plugin_ptr;

/** A service's function table. OWNERSHIP: plugin (static). */
typedef struct ce_service_v1 {
  uint32_t struct_size; /* sizeof(ce_service_v1) as the plugin compiled it */
  const char* id; /* "s3": what --services selects, the storage prefix, the internal-call name */
  const char*
      protocol; /* "rest-xml" | "json-1.0" | "json-1.1" | "query" | "rest-json": error shape */
  const ce_route_claim* routes;
  size_t route_count;
  uint32_t flags; /* CE_SERVICE_* */
  /** Creates the service instance once storage is open.
   *  @param ctx the service's identity for every host call it makes (storage, timers, calls, log);
   *         valid until destroy returns.
   *  @param config_json service options from the command line/environment, "{}" when none.
   *  @return CE_OK with *out set, or a failure with err filled (the service is then refused). */
  ce_status (*create)(ce_service_ctx_host_ptr ctx, ce_str config_json, ce_service_plugin_ptr* out,
                      ce_error* err);
  /** Destroys the instance; no handle() call is running or will run, and no timer will fire.
   *  The service may cancel its pending timers here (which frees their closures); the host drops
   *  those left when destroy returns. */
  void (*destroy)(ce_service_plugin_ptr svc);
  /** Handles one request, concurrently from several worker threads. AWS errors are responses.
   *  @return CE_OK once the response is finished (resp_finish called), CE_PENDING when the service
   * will call resp_finish later from any thread (the body handle is then invalid), or a failure:
   * the host answers 500 InternalError if nothing was sent yet, and closes the connection
   * otherwise. */
  ce_status (*handle)(ce_service_plugin_ptr svc, const ce_request* req, ce_error* err);
  /** Optional (NULL): called after the host wiped the service's keyspaces and blobs
   *  (POST /_cloudemu/reset), so the instance can drop caches. */
  void (*reset)(ce_service_plugin_ptr svc);

  /* ---- ABI 1.1 ---- */
  /** Optional (NULL = never). Asked for a GET or HEAD without a body, before handle(): nonzero lets
   *  the host run handle() on its network thread, which saves two thread hand-offs per request.
   *  Say yes only for requests whose handler neither blocks (no waiting on locks held across
   *  requests, on timers or on other services) nor does much work (a point read, not a scan), and
   *  which are safe to run twice: when the response outgrows the host's inline buffer, the host
   *  makes resp_write fail with CE_CLOSED, ignores the rest of that run and handles the request
   *  again on a worker thread. Called concurrently; must be cheap and must not read the body. */
  uint32_t (*answers_inline)(ce_service_plugin_ptr svc, const ce_request* req);

  /* ---- ABI 1.2 ---- */
  /** Optional (NULL = never). Asked for a request whose whole body (at most 64 KiB, sent with a
   *  Content-Length, no Expect: 100-continue) arrived together with its header, before handle():
   *  nonzero lets the host run handle() on its network thread, reading the body from memory.
   *  The response is buffered whole, whatever its size, and the request is never run twice, so
   *  writes may say yes; but the handler must not block (no waiting on other services, timers or
   *  locks held across requests) and must bound its work (a point write or a page of a query,
   *  not a whole-table operation). Called concurrently; must be cheap and must not read the body.
   */
  uint32_t (*answers_inline_with_body)(ce_service_plugin_ptr svc, const ce_request* req);
} ce_service_v1;

#ifdef __cplusplus
}
#endif
#endif
