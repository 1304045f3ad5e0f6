// The in-memory storage backend: the reference implementation of ce_storage_backend_v1 and the
// store behind the SDK's fake host. Header-only; every C entry point runs inside ce::barrier.
//
//   const ce_storage_backend_v1* be = ce::testing::memory_storage_backend();
//   ce::testing::set_memory_store_clock(&my_clock);  // optional: stamps pending blobs
//
// Semantics every backend must match are pinned by tests/storage_conformance; the design is in
// docs/storage.md and docs/writing-a-storage-backend.md. Each open() returns an independent,
// empty store; nothing survives close().
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <cloudemu/barrier.hpp>
#include <cloudemu/testing/memory_store_blobs.hpp>
#include <cloudemu/testing/memory_store_kv_ops.hpp>
#include <cstring>

namespace ce::testing {

namespace memory_detail {

inline ce_status cursor_open(ce_txn_plugin_ptr p, std::uint32_t ks_id, ce_cursor_plugin_ptr* out,
                             ce_error* err) {
  return barrier("memory.cursor_open", err, CE_INTERNAL, [&] {
    MemTxn& txn = as_txn(p)->txn;
    Keyspace* ks = nullptr;
    if (ce_status s = txn.keyspace(ks_id, &ks, err); s != CE_OK) return s;
    *out = reinterpret_cast<ce_cursor_plugin_ptr>(new CursorHandle{MemCursor(txn, ks_id, *ks)});
    return CE_OK;
  });
}

inline void cursor_close(ce_cursor_plugin_ptr c) {
  quietly("memory.cursor_close", [&] { delete as_cursor(c); });
}

inline ce_status cursor_seek(ce_cursor_plugin_ptr c, ce_bytes key, ce_bytes* out_key,
                             ce_bytes* out_val, ce_error* err) {
  return barrier("memory.cursor_seek", err, CE_INTERNAL,
                 [&] { return as_cursor(c)->cursor.seek(to_view(key), out_key, out_val); });
}

inline ce_status cursor_last(ce_cursor_plugin_ptr c, ce_bytes* out_key, ce_bytes* out_val,
                             ce_error* err) {
  return barrier("memory.cursor_last", err, CE_INTERNAL,
                 [&] { return as_cursor(c)->cursor.last(out_key, out_val); });
}

inline ce_status cursor_step(ce_cursor_plugin_ptr c, std::int32_t dir, ce_bytes* out_key,
                             ce_bytes* out_val, ce_error* err) {
  return barrier("memory.cursor_step", err, CE_INTERNAL, [&] {
    if (dir == 0) return fail(err, CE_INVALID, "cursor_step: dir must be > 0 or < 0");
    return as_cursor(c)->cursor.step(dir, out_key, out_val);
  });
}

// The writer does not know its store (the ABI passes none to blob_commit), so it carries it.
struct StoreBlobWriter {
  BlobWriter writer;
  Store* store;
};

inline ce_status blob_writer_open(ce_backend_plugin_ptr be, ce_str ns,
                                  ce_blob_writer_plugin_ptr* out, ce_error* err) {
  return barrier("memory.blob_writer_open", err, CE_INTERNAL, [&] {
    if (ce_status s = check_blob_ns(to_view(ns), err); s != CE_OK) return s;
    *out = reinterpret_cast<ce_blob_writer_plugin_ptr>(
        new StoreBlobWriter{BlobWriter{std::string(to_view(ns)), {}}, as_store(be)});
    return CE_OK;
  });
}

inline ce_status blob_write(ce_blob_writer_plugin_ptr w, ce_bytes chunk, ce_error* err) {
  return barrier("memory.blob_write", err, CE_INTERNAL, [&] {
    reinterpret_cast<StoreBlobWriter*>(w)->writer.bytes.append(to_view(chunk));
    return CE_OK;
  });
}

inline void blob_abort(ce_blob_writer_plugin_ptr w) {
  quietly("memory.blob_abort", [&] { delete reinterpret_cast<StoreBlobWriter*>(w); });
}

inline ce_status blob_ref(const char* where, ce_txn_plugin_ptr p, ce_str ns, const std::uint8_t* id,
                          bool link, ce_error* err) {
  return barrier(where, err, CE_INTERNAL, [&] {
    TxnHandle* t = as_txn(p);
    if (ce_status s = t->txn.require_write(err); s != CE_OK) return s;
    if (ce_status s = check_blob_ns(to_view(ns), err); s != CE_OK) return s;
    const BlobId bid = to_id(id);
    // The transaction's own earlier changes decide first: link-then-unlink in one transaction
    // leaves the blob unlinked, unlink-then-link is refused like a second unlink.
    auto& changes = t->txn.blob_changes();
    auto mine = std::find_if(changes.rbegin(), changes.rend(), [&](const BlobRefChange& c) {
      return c.id == bid && c.ns == to_view(ns);
    });
    const bool live =
        mine != changes.rend() ? mine->link : t->store.blobs.check_live(to_view(ns), bid) == CE_OK;
    if (!live) return CE_NOT_FOUND;
    changes.push_back({std::string(to_view(ns)), bid, link});
    return CE_OK;
  });
}

inline ce_status blob_link(ce_txn_plugin_ptr p, ce_str ns, const std::uint8_t* id, ce_error* err) {
  return blob_ref("memory.blob_link", p, ns, id, true, err);
}

inline ce_status blob_unlink(ce_txn_plugin_ptr p, ce_str ns, const std::uint8_t* id,
                             ce_error* err) {
  return blob_ref("memory.blob_unlink", p, ns, id, false, err);
}

inline ce_status blob_reader_open(ce_backend_plugin_ptr be, ce_str ns, const std::uint8_t* id,
                                  std::uint64_t offset, std::uint64_t length,
                                  ce_blob_reader_plugin_ptr* out, std::uint64_t* out_size,
                                  ce_error* err) {
  return barrier("memory.blob_reader_open", err, CE_INTERNAL, [&] {
    if (ce_status s = check_blob_ns(to_view(ns), err); s != CE_OK) return s;
    BlobReader r;
    ce_status s =
        as_store(be)->blobs.open_reader(to_view(ns), to_id(id), offset, length, &r, out_size, err);
    if (s == CE_OK)
      *out = reinterpret_cast<ce_blob_reader_plugin_ptr>(new BlobReader(std::move(r)));
    return s;
  });
}

inline ce_status blob_read(ce_blob_reader_plugin_ptr p, std::uint8_t* buf, size_t cap,
                           size_t* out_n, ce_error* err) {
  return barrier("memory.blob_read", err, CE_INTERNAL, [&] {
    BlobReader& r = *as_reader(p);
    const std::uint64_t n = std::min<std::uint64_t>(cap, r.end - r.pos);
    std::memcpy(buf, r.bytes->data() + r.pos, n);
    r.pos += n;
    *out_n = static_cast<size_t>(n);
    return CE_OK;
  });
}

inline void blob_reader_close(ce_blob_reader_plugin_ptr r) {
  quietly("memory.blob_reader_close", [&] { delete as_reader(r); });
}

inline ce_status blob_collect(ce_backend_plugin_ptr be, ce_str ns, std::int64_t pending_before_ms,
                              std::uint32_t flags, std::uint64_t* out_deleted, ce_error* err) {
  return barrier("memory.blob_collect", err, CE_INTERNAL, [&] {
    if (!to_view(ns).empty()) {
      if (ce_status s = check_blob_ns(to_view(ns), err); s != CE_OK) return s;
    }
    const std::uint64_t n = as_store(be)->blobs.collect(to_view(ns), pending_before_ms,
                                                        (flags & CE_BLOB_COLLECT_ALL) != 0);
    if (out_deleted != nullptr) *out_deleted = n;
    return CE_OK;
  });
}

inline ce_status blob_commit(ce_blob_writer_plugin_ptr w, std::uint8_t* out_id,
                             std::uint64_t* out_size, ce_error* err) {
  return barrier("memory.blob_commit", err, CE_INTERNAL, [&] {
    std::unique_ptr<StoreBlobWriter> owned(reinterpret_cast<StoreBlobWriter*>(w));
    const std::uint64_t size = owned->writer.bytes.size();
    const BlobId id = owned->store->blobs.commit(owned->writer);
    std::memcpy(out_id, id.data(), id.size());
    if (out_size != nullptr) *out_size = size;
    return CE_OK;
  });
}

}  // namespace memory_detail

/// The backend's function table (static, never freed).
inline const ce_storage_backend_v1* memory_storage_backend() noexcept {
  using namespace memory_detail;
  static const ce_storage_backend_v1 table = {
      sizeof(ce_storage_backend_v1),
      "memory",
      CE_STORE_KV | CE_STORE_BLOB,
      &memory_detail::open,
      &memory_detail::close,
      &max_key_size,
      &keyspace_open,
      &keyspace_list,
      &txn_begin,
      &txn_commit,
      &txn_abort,
      &get,
      &put,
      &del,
      &clear,
      &cursor_open,
      &cursor_close,
      &cursor_seek,
      &cursor_last,
      &cursor_step,
      &blob_writer_open,
      &blob_write,
      &blob_commit,
      &blob_abort,
      &blob_link,
      &blob_unlink,
      &blob_reader_open,
      &blob_read,
      &blob_reader_close,
      &blob_collect,
  };
  return &table;
}

}  // namespace ce::testing
