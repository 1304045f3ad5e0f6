/* CloudEmu stable ABI: basic types. Pure C; depends on <stddef.h> and <stdint.h> only.
 * Append-only: see docs/abi.md. Never reorder or reuse a field or a value. */
#ifndef CLOUDEMU_ABI_CE_TYPES_H
#define CLOUDEMU_ABI_CE_TYPES_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

/** A borrowed string view. Never assume NUL termination.
 *  OWNERSHIP: whoever passes it keeps it; valid for the duration of the call unless documented. */
typedef struct ce_str {
  const char* ptr;
  size_t len;
} ce_str;

/** A borrowed byte view. OWNERSHIP: as ce_str. */
typedef struct ce_bytes {
  const uint8_t* ptr;
  size_t len;
} ce_bytes;

/** A header (name, value); names compare case-insensitively. OWNERSHIP: as ce_str. */
typedef struct ce_header {
  ce_str name;
  ce_str value;
} ce_header;

/** Status of every ABI call. NOT_FOUND and EXISTS are ordinary outcomes, not failures. */
typedef int32_t ce_status;
#define CE_OK 0
#define CE_NOT_FOUND 1    /* key, keyspace, blob or service does not exist */
#define CE_EXISTS 2       /* put with CE_PUT_NO_OVERWRITE found a value */
#define CE_CONFLICT 3     /* retryable: a multi-writer backend lost a race */
#define CE_INVALID 4      /* bad argument (wrong handle, bad name, limit exceeded) */
#define CE_KEY_TOO_LONG 5 /* key longer than the backend's max_key_size */
#define CE_FULL 6         /* storage cannot grow any more (disk full) */
#define CE_UNSUPPORTED 7  /* the backend or host lacks the capability */
#define CE_INTERNAL 8     /* a bug or an I/O error; details in ce_error */
#define CE_PENDING 9      /* handle(): the response will be finished later (async) */
#define CE_CLOSED 10      /* the client went away; stop writing the response */
#define CE_END 11         /* cursor stepped past the first or last key */

/** Error details, owned by the caller, filled by the callee.
 *  The callee writes a NUL-terminated message (truncated to fit) and sets status.
 *  OWNERSHIP: caller. The callee never keeps a pointer to it past the call. */
typedef struct ce_error {
  uint32_t struct_size; /* sizeof(ce_error) as the caller compiled it */
  ce_status status;
  char message[1024];
} ce_error;

/** Log levels for ce_host_api_v1.log. */
#define CE_LOG_DEBUG 0u
#define CE_LOG_INFO 1u
#define CE_LOG_WARN 2u
#define CE_LOG_ERROR 3u

#ifdef __cplusplus
}
#endif
#endif
