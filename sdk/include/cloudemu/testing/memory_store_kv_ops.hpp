// C entry points of the in-memory backend for the store, transactions and key-value calls (see
// memory_store.hpp). Every one runs inside ce::barrier.
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <algorithm>
#include <cloudemu/barrier.hpp>
#include <cloudemu/testing/memory_store_blobs.hpp>
#include <cloudemu/testing/memory_store_kv.hpp>
#include <cloudemu/testing/memory_store_txn.hpp>
#include <cstring>
#include <nlohmann/json.hpp>

namespace ce::testing {

namespace memory_detail {

struct Store {
  KvStore kv;
  BlobStore blobs;
};

struct TxnHandle {
  Store& store;
  MemTxn txn;
};

struct CursorHandle {
  MemCursor cursor;
};

inline Store* as_store(ce_backend_plugin_ptr p) {
  return reinterpret_cast<Store*>(p);
}
inline TxnHandle* as_txn(ce_txn_plugin_ptr p) {
  return reinterpret_cast<TxnHandle*>(p);
}
inline CursorHandle* as_cursor(ce_cursor_plugin_ptr p) {
  return reinterpret_cast<CursorHandle*>(p);
}
inline BlobReader* as_reader(ce_blob_reader_plugin_ptr p) {
  return reinterpret_cast<BlobReader*>(p);
}

inline BlobId to_id(const std::uint8_t* id) {
  BlobId out;
  std::memcpy(out.data(), id, out.size());
  return out;
}

/// Frees a transaction and gives back what it held (its snapshot, or the writer slot).
inline void end_txn(TxnHandle* t) {
  if (t->txn.is_write()) {
    t->store.kv.release_writer();
  } else {
    t->store.kv.release_snapshot(t->txn.snapshot());
  }
  delete t;
}

// Void entry points have no ce_error to fill; a throw there is swallowed, not propagated.
template <typename Fn>
void quietly(const char* where, Fn&& fn) noexcept {
  ce_error ignored = make_error();
  barrier(where, &ignored, CE_INTERNAL, [&] {
    fn();
    return CE_OK;
  });
}

inline ce_status open(ce_str config_json, ce_backend_plugin_ptr* out, ce_error* err) {
  return barrier("memory.open", err, CE_INTERNAL, [&] {
    const std::string_view cfg = to_view(config_json);
    if (!cfg.empty() && !nlohmann::json::accept(cfg)) {
      return fail(err, CE_INVALID, "memory backend: config is not valid JSON");
    }
    *out = reinterpret_cast<ce_backend_plugin_ptr>(new Store());
    return CE_OK;
  });
}

inline void close(ce_backend_plugin_ptr be) {
  quietly("memory.close", [&] { delete as_store(be); });
}

inline std::uint32_t max_key_size(ce_backend_plugin_ptr) {
  return KvStore::kMaxKeySize;
}

inline ce_status keyspace_open(ce_backend_plugin_ptr be, ce_str name, std::uint32_t* out,
                               ce_error* err) {
  return barrier("memory.keyspace_open", err, CE_INTERNAL,
                 [&] { return as_store(be)->kv.keyspace_open(to_view(name), out, err); });
}

inline ce_status keyspace_list(ce_backend_plugin_ptr be, char* out, size_t cap, size_t* out_len,
                               ce_error* err) {
  return barrier("memory.keyspace_list", err, CE_INTERNAL, [&] {
    const std::string names = as_store(be)->kv.keyspace_names();
    copy_out(names, out, cap, out_len);
    return CE_OK;
  });
}

inline ce_status txn_begin(ce_backend_plugin_ptr be, std::uint32_t flags, ce_txn_plugin_ptr* out,
                           ce_error* err) {
  return barrier("memory.txn_begin", err, CE_INTERNAL, [&] {
    Store& store = *as_store(be);
    const bool write = (flags & CE_TXN_READ_ONLY) == 0;
    std::uint64_t snapshot = 0;
    if (write) {
      if (ce_status s = store.kv.acquire_writer(err, &snapshot); s != CE_OK) return s;
    } else {
      snapshot = store.kv.acquire_snapshot();
    }
    *out = reinterpret_cast<ce_txn_plugin_ptr>(
        new TxnHandle{store, MemTxn(store.kv, write, snapshot)});
    return CE_OK;
  });
}

inline ce_status txn_commit(ce_txn_plugin_ptr p, ce_error* err) {
  return barrier("memory.txn_commit", err, CE_INTERNAL, [&] {
    TxnHandle* t = as_txn(p);
    struct Release {
      TxnHandle* t;
      ~Release() { end_txn(t); }
    } release{t};
    if (!t->txn.is_write()) return CE_OK;
    t->store.kv.commit(t->txn.overlays());
    for (const BlobRefChange& c : t->txn.blob_changes())
      t->store.blobs.set_linked(c.ns, c.id, c.link);
    return CE_OK;
  });
}

inline void txn_abort(ce_txn_plugin_ptr p) {
  quietly("memory.txn_abort", [&] { end_txn(as_txn(p)); });
}

inline ce_status get(ce_txn_plugin_ptr p, std::uint32_t ks_id, ce_bytes key, ce_bytes* out_val,
                     ce_error* err) {
  return barrier("memory.get", err, CE_INTERNAL, [&] {
    MemTxn& txn = as_txn(p)->txn;
    Keyspace* ks = nullptr;
    if (ce_status s = txn.keyspace(ks_id, &ks, err); s != CE_OK) return s;
    if (ce_status s = MemTxn::check_key(to_view(key), err); s != CE_OK) return s;
    const std::string* v = txn.lookup(ks_id, *ks, to_view(key));
    if (v == nullptr) return CE_NOT_FOUND;
    *out_val = to_bytes(*v);
    return CE_OK;
  });
}

inline ce_status put(ce_txn_plugin_ptr p, std::uint32_t ks_id, ce_bytes key, ce_bytes val,
                     std::uint32_t flags, ce_error* err) {
  return barrier("memory.put", err, CE_INTERNAL, [&] {
    MemTxn& txn = as_txn(p)->txn;
    Keyspace* ks = nullptr;
    if (ce_status s = txn.require_write(err); s != CE_OK) return s;
    if (ce_status s = txn.keyspace(ks_id, &ks, err); s != CE_OK) return s;
    if (ce_status s = MemTxn::check_key(to_view(key), err); s != CE_OK) return s;
    if ((flags & CE_PUT_NO_OVERWRITE) != 0 && txn.lookup(ks_id, *ks, to_view(key)) != nullptr) {
      return CE_EXISTS;
    }
    txn.write(ks_id, to_view(key), std::string(to_view(val)));
    return CE_OK;
  });
}

inline ce_status del(ce_txn_plugin_ptr p, std::uint32_t ks_id, ce_bytes key, ce_error* err) {
  return barrier("memory.del", err, CE_INTERNAL, [&] {
    MemTxn& txn = as_txn(p)->txn;
    Keyspace* ks = nullptr;
    if (ce_status s = txn.require_write(err); s != CE_OK) return s;
    if (ce_status s = txn.keyspace(ks_id, &ks, err); s != CE_OK) return s;
    if (ce_status s = MemTxn::check_key(to_view(key), err); s != CE_OK) return s;
    if (txn.lookup(ks_id, *ks, to_view(key)) == nullptr) return CE_NOT_FOUND;
    txn.write(ks_id, to_view(key), std::nullopt);
    return CE_OK;
  });
}

inline ce_status clear(ce_txn_plugin_ptr p, std::uint32_t ks_id, ce_error* err) {
  return barrier("memory.clear", err, CE_INTERNAL, [&] {
    MemTxn& txn = as_txn(p)->txn;
    Keyspace* ks = nullptr;
    if (ce_status s = txn.require_write(err); s != CE_OK) return s;
    if (ce_status s = txn.keyspace(ks_id, &ks, err); s != CE_OK) return s;
    txn.clear(ks_id);
    return CE_OK;
  });
}

}  // namespace memory_detail
}  // namespace ce::testing
