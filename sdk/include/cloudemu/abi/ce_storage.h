/* CloudEmu stable ABI: storage backends. Pure C. See docs/abi.md and
 * docs/writing-a-storage-backend.md.
 *
 * A backend keeps named keyspaces of ordered byte keys (bytewise order, like memcmp then length)
 * and a blob store for large bodies. Services never call a backend: the host's storage mediator
 * does, prefixing keyspace names and blob namespaces with the calling service's id.
 *
 * Transactions: at most one write transaction at a time (others wait in txn_begin); any number of
 * read transactions, each seeing the snapshot of its begin. A transaction belongs to the thread
 * that began it. Values and keys returned by get and cursors stay valid until the next write in the
 * same transaction or its end. */
#ifndef CLOUDEMU_ABI_CE_STORAGE_H
#define CLOUDEMU_ABI_CE_STORAGE_H
#include "ce_types.h"
#ifdef __cplusplus
extern "C" {
#endif

#define CE_STORE_KV (1u << 0)
#define CE_STORE_BLOB (1u << 1)
#define CE_STORE_DURABLE (1u << 2)      /* state survives a restart */
#define CE_STORE_MULTI_WRITER (1u << 3) /* may return CE_CONFLICT from commit */

#define CE_TXN_READ_ONLY (1u << 0)
#define CE_PUT_NO_OVERWRITE (1u << 0)

#define CE_BLOB_ID_SIZE 16
#define CE_BLOB_COLLECT_ALL (1u << 0)

typedef struct ce_backend_s* ce_backend_plugin_ptr;
typedef struct ce_txn_s* ce_txn_plugin_ptr;
typedef struct ce_cursor_s* ce_cursor_plugin_ptr;
typedef struct ce_blob_writer_s* ce_blob_writer_plugin_ptr;
typedef struct ce_blob_reader_s* ce_blob_reader_plugin_ptr;

/** The function table of one storage backend. Every function returns a ce_status and fills err
 * (when given) on CE_INVALID/CE_INTERNAL/CE_FULL/CE_UNSUPPORTED. None may throw. OWNERSHIP: plugin
 * owns the table (static); handles it returns are plugin-owned and released by the matching
 * close/abort/commit call made by the host. */
typedef struct ce_storage_backend_v1 {
  uint32_t struct_size; /* sizeof(ce_storage_backend_v1) as the plugin compiled it */
  const char* id;       /* "lmdb", "memory": what --storage selects */
  uint32_t caps;        /* CE_STORE_* bits */

  /** Opens the store. @param config_json {"data_dir": "...", "fsync": false, ...}.
   *  A store written in a newer on-disk format is refused with CE_UNSUPPORTED and a message naming
   *  both format versions. @return the backend handle through out, or a failure with err filled. */
  ce_status (*open)(ce_str config_json, ce_backend_plugin_ptr* out, ce_error* err);
  /** Closes the store; every transaction, cursor, writer and reader must be closed first. */
  void (*close)(ce_backend_plugin_ptr be);
  /** The longest key put accepts. Backends with a small native limit store longer keys
   * transparently (see lmdb) and report the logical limit here. */
  uint32_t (*max_key_size)(ce_backend_plugin_ptr be);

  /** Opens (creating if needed) the keyspace `name` and returns its id. Ids are stable for the life
   * of the backend handle; keyspaces are never closed. Thread-safe. */
  ce_status (*keyspace_open)(ce_backend_plugin_ptr be, ce_str name, uint32_t* out_ks,
                             ce_error* err);
  /** Writes into *out (NUL-terminated, truncated to cap) the names of all keyspaces that exist on
   *  disk, separated by '\n'; *out_len gets the full length needed. */
  ce_status (*keyspace_list)(ce_backend_plugin_ptr be, char* out, size_t cap, size_t* out_len,
                             ce_error* err);

  ce_status (*txn_begin)(ce_backend_plugin_ptr be, uint32_t flags, ce_txn_plugin_ptr* out,
                         ce_error* err);
  /** Makes the transaction's writes visible and durable (as durable as the backend is), and frees
   * it whatever the outcome. */
  ce_status (*txn_commit)(ce_txn_plugin_ptr txn, ce_error* err);
  /** Drops the transaction's writes and frees it. */
  void (*txn_abort)(ce_txn_plugin_ptr txn);

  /** @return CE_OK with *out_val set, or CE_NOT_FOUND. */
  ce_status (*get)(ce_txn_plugin_ptr txn, uint32_t ks, ce_bytes key, ce_bytes* out_val,
                   ce_error* err);
  /** @param flags CE_PUT_NO_OVERWRITE: return CE_EXISTS and leave the old value if the key exists.
   *  Empty keys are CE_INVALID; keys over max_key_size are CE_KEY_TOO_LONG. */
  ce_status (*put)(ce_txn_plugin_ptr txn, uint32_t ks, ce_bytes key, ce_bytes val, uint32_t flags,
                   ce_error* err);
  /** @return CE_OK, or CE_NOT_FOUND when there was nothing to delete. */
  ce_status (*del)(ce_txn_plugin_ptr txn, uint32_t ks, ce_bytes key, ce_error* err);
  /** Deletes every key of the keyspace inside the transaction. */
  ce_status (*clear)(ce_txn_plugin_ptr txn, uint32_t ks, ce_error* err);

  ce_status (*cursor_open)(ce_txn_plugin_ptr txn, uint32_t ks, ce_cursor_plugin_ptr* out,
                           ce_error* err);
  void (*cursor_close)(ce_cursor_plugin_ptr cur);
  /** Positions at the first key >= key (an empty key means the first key).
   *  @return CE_OK with out_key and out_val set, or CE_END when no such key exists. */
  ce_status (*cursor_seek)(ce_cursor_plugin_ptr cur, ce_bytes key, ce_bytes* out_key,
                           ce_bytes* out_val, ce_error* err);
  /** Positions at the last key. @return CE_OK, or CE_END when the keyspace is empty. */
  ce_status (*cursor_last)(ce_cursor_plugin_ptr cur, ce_bytes* out_key, ce_bytes* out_val,
                           ce_error* err);
  /** Moves one key forward (dir > 0) or back (dir < 0). @return CE_OK, or CE_END past either end.
   */
  ce_status (*cursor_step)(ce_cursor_plugin_ptr cur, int32_t dir, ce_bytes* out_key,
                           ce_bytes* out_val, ce_error* err);

  /** Blobs: bodies streamed outside any transaction. A committed blob is "pending" until a write
   *  transaction links it (blob_link); pending blobs older than the collector's grace period and
   *  blobs unlinked by a committed transaction are deleted by blob_collect. A crash therefore never
   *  leaves a half-written blob visible, and never leaks one for good. `ns` is the service id. */
  ce_status (*blob_writer_open)(ce_backend_plugin_ptr be, ce_str ns, ce_blob_writer_plugin_ptr* out,
                                ce_error* err);
  ce_status (*blob_write)(ce_blob_writer_plugin_ptr w, ce_bytes chunk, ce_error* err);
  /** Finishes the blob and frees the writer whatever the outcome.
   *  @param out_id receives CE_BLOB_ID_SIZE bytes. */
  ce_status (*blob_commit)(ce_blob_writer_plugin_ptr w, uint8_t* out_id, uint64_t* out_size,
                           ce_error* err);
  void (*blob_abort)(ce_blob_writer_plugin_ptr w);
  /** Marks a committed blob as referenced, atomically with the transaction. */
  ce_status (*blob_link)(ce_txn_plugin_ptr txn, ce_str ns, const uint8_t* id, ce_error* err);
  /** Drops the reference; the bytes go once the transaction commits (open readers keep reading). */
  ce_status (*blob_unlink)(ce_txn_plugin_ptr txn, ce_str ns, const uint8_t* id, ce_error* err);
  /** Opens a reader over [offset, offset+length) (length UINT64_MAX: to the end).
   *  @param out_size receives the blob's total size. @return CE_NOT_FOUND for an unknown blob. */
  ce_status (*blob_reader_open)(ce_backend_plugin_ptr be, ce_str ns, const uint8_t* id,
                                uint64_t offset, uint64_t length, ce_blob_reader_plugin_ptr* out,
                                uint64_t* out_size, ce_error* err);
  /** Reads up to cap bytes; *out_n == 0 means the range is exhausted. */
  ce_status (*blob_read)(ce_blob_reader_plugin_ptr r, uint8_t* buf, size_t cap, size_t* out_n,
                         ce_error* err);
  void (*blob_reader_close)(ce_blob_reader_plugin_ptr r);
  /** Deletes unlinked blobs, and pending blobs committed before pending_before_ms (epoch ms).
   *  An empty ns means every namespace. With CE_BLOB_COLLECT_ALL every blob of ns goes, linked or
   *  not (a service reset). @param out_deleted may be NULL. */
  ce_status (*blob_collect)(ce_backend_plugin_ptr be, ce_str ns, int64_t pending_before_ms,
                            uint32_t flags, uint64_t* out_deleted, ce_error* err);
} ce_storage_backend_v1;

#ifdef __cplusplus
}
#endif
#endif
