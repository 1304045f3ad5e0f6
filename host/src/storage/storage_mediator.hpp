// Stands between services and the storage backend: a service sees only keyspaces named
// "<service>/..." and blobs of its own namespace, and never holds a backend handle.
#pragma once
#include <cloudemu/abi.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugins/registry.hpp"
#include "plugins/service_ctx.hpp"

struct ce_host_txn_s {
  ce::host::ServiceCtx* ctx;
  ce_txn_plugin_ptr inner;
  bool write;
};
struct ce_host_cursor_s {
  ce::host::ServiceCtx* ctx;
  ce_cursor_plugin_ptr inner;
};
struct ce_host_blob_writer_s {
  ce::host::ServiceCtx* ctx;
  ce_blob_writer_plugin_ptr inner;
};
struct ce_host_blob_reader_s {
  ce::host::ServiceCtx* ctx;
  ce_blob_reader_plugin_ptr inner;
};

namespace ce::host {

struct StorageStats {
  std::atomic<uint64_t> read_txns{0}, write_txns{0}, commits{0}, aborts{0}, blobs_written{0};
};

class StorageMediator {
 public:
  StorageMediator(const StorageRecord& backend, ce_backend_plugin_ptr handle)
      : backend_(backend), table_(backend.table), handle_(handle) {}
  ~StorageMediator();
  StorageMediator(const StorageMediator&) = delete;
  StorageMediator& operator=(const StorageMediator&) = delete;

  /// Opens the backend named by the config; on failure returns nullptr with err filled.
  static std::unique_ptr<StorageMediator> open(const StorageRecord& backend,
                                               std::string_view config_json, ce_error* err);

  const std::string& backend_id() const { return backend_.id; }
  uint32_t max_key_size() const;
  ce_status keyspace_open(ServiceCtx& ctx, std::string_view name, uint32_t* out, ce_error* err);
  ce_status txn_begin(ServiceCtx& ctx, uint32_t flags, ce_host_txn_s** out, ce_error* err);
  ce_status txn_commit(ce_host_txn_s* txn, ce_error* err);
  void txn_abort(ce_host_txn_s* txn);
  ce_status get(ce_host_txn_s* txn, uint32_t ks, ce_bytes key, ce_bytes* out, ce_error* err);
  ce_status put(ce_host_txn_s* txn, uint32_t ks, ce_bytes key, ce_bytes val, uint32_t flags,
                ce_error* err);
  ce_status del(ce_host_txn_s* txn, uint32_t ks, ce_bytes key, ce_error* err);
  ce_status clear(ce_host_txn_s* txn, uint32_t ks, ce_error* err);
  ce_status cursor_open(ce_host_txn_s* txn, uint32_t ks, ce_host_cursor_s** out, ce_error* err);
  void cursor_close(ce_host_cursor_s* cur);
  ce_status cursor_seek(ce_host_cursor_s* cur, ce_bytes key, ce_bytes* k, ce_bytes* v,
                        ce_error* err);
  ce_status cursor_last(ce_host_cursor_s* cur, ce_bytes* k, ce_bytes* v, ce_error* err);
  ce_status cursor_step(ce_host_cursor_s* cur, int32_t dir, ce_bytes* k, ce_bytes* v,
                        ce_error* err);
  ce_status blob_writer_open(ServiceCtx& ctx, ce_host_blob_writer_s** out, ce_error* err);
  ce_status blob_write(ce_host_blob_writer_s* w, ce_bytes chunk, ce_error* err);
  ce_status blob_commit(ce_host_blob_writer_s* w, uint8_t* id, uint64_t* size, ce_error* err);
  void blob_abort(ce_host_blob_writer_s* w);
  ce_status blob_link(ce_host_txn_s* txn, const uint8_t* id, ce_error* err);
  ce_status blob_unlink(ce_host_txn_s* txn, const uint8_t* id, ce_error* err);
  ce_status blob_reader_open(ServiceCtx& ctx, const uint8_t* id, uint64_t off, uint64_t len,
                             ce_host_blob_reader_s** out, uint64_t* size, ce_error* err);
  ce_status blob_read(ce_host_blob_reader_s* r, uint8_t* buf, size_t cap, size_t* n, ce_error* err);
  void blob_reader_close(ce_host_blob_reader_s* r);

  /// Deletes every keyspace and blob of one service ("" = every service). For test isolation.
  ce_status reset_service(std::string_view service_id, ce_error* err);
  /// Collects orphaned blobs: pending ones older than the grace period, and unlinked ones.
  ce_status collect_blobs(int64_t pending_before_ms, uint64_t* deleted, ce_error* err);

  const StorageStats& stats() const { return stats_; }

 private:
  bool owns(ServiceCtx& ctx, uint32_t ks);
  const StorageRecord& backend_;
  ce_storage_backend_v1 table_;
  ce_backend_plugin_ptr handle_;
  StorageStats stats_;
};

/// True when a write transaction is open on this thread (request I/O inside one is a bug).
bool write_txn_open_on_this_thread();

}  // namespace ce::host
