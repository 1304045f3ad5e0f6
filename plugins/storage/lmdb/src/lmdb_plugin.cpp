// The `lmdb` storage plugin: the C entry points of the default, persistent backend. Each one runs
// inside ce::barrier so no exception crosses the ABI. The design is in docs/storage.md.
#include <cloudemu/abi/ce_host_api.h>
#include <cloudemu/abi/ce_plugin.h>

#include <cloudemu/barrier.hpp>
#include <cstring>
#include <memory>

#include "lmdb_blobs.hpp"
#include "lmdb_config.hpp"
#include "lmdb_cursor.hpp"
#include "lmdb_env.hpp"
#include "lmdb_txn.hpp"
#include "long_key.hpp"

namespace ce::lmdb {
namespace {

struct Backend {
  std::shared_ptr<Env> env;
};

Backend* backend(ce_backend_plugin_ptr p) {
  return reinterpret_cast<Backend*>(p);
}
Txn* txn(ce_txn_plugin_ptr p) {
  return reinterpret_cast<Txn*>(p);
}
Cursor* cursor(ce_cursor_plugin_ptr p) {
  return reinterpret_cast<Cursor*>(p);
}
BlobWriter* writer(ce_blob_writer_plugin_ptr p) {
  return reinterpret_cast<BlobWriter*>(p);
}
BlobReader* reader(ce_blob_reader_plugin_ptr p) {
  return reinterpret_cast<BlobReader*>(p);
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

ce_status open(ce_str config_json, ce_backend_plugin_ptr* out, ce_error* err) {
  return barrier("lmdb.open", err, CE_INTERNAL, [&] {
    Config cfg;
    if (ce_status s = parse_config(to_view(config_json), &cfg, err); s != CE_OK) return s;
    auto be = std::make_unique<Backend>();
    if (ce_status s = Env::open(cfg, &be->env, err); s != CE_OK) return s;
    *out = reinterpret_cast<ce_backend_plugin_ptr>(be.release());
    return CE_OK;
  });
}

void close(ce_backend_plugin_ptr be) {
  quietly("lmdb.close", [&] { delete backend(be); });
}

std::uint32_t max_key_size(ce_backend_plugin_ptr) {
  return kMaxKeySize;
}

ce_status keyspace_open(ce_backend_plugin_ptr be, ce_str name, std::uint32_t* out, ce_error* err) {
  return barrier("lmdb.keyspace_open", err, CE_INTERNAL,
                 [&] { return backend(be)->env->keyspace_open(to_view(name), out, err); });
}

ce_status keyspace_list(ce_backend_plugin_ptr be, char* out, size_t cap, size_t* out_len,
                        ce_error* err) {
  return barrier("lmdb.keyspace_list", err, CE_INTERNAL, [&] {
    std::string names;
    if (ce_status s = backend(be)->env->keyspace_list(&names, err); s != CE_OK) return s;
    copy_out(names, out, cap, out_len);
    return CE_OK;
  });
}

ce_status txn_begin(ce_backend_plugin_ptr be, std::uint32_t flags, ce_txn_plugin_ptr* out,
                    ce_error* err) {
  return barrier("lmdb.txn_begin", err, CE_INTERNAL, [&] {
    std::unique_ptr<Txn> t;
    const bool write = (flags & CE_TXN_READ_ONLY) == 0;
    if (ce_status s = Txn::begin(backend(be)->env, write, &t, err); s != CE_OK) return s;
    *out = reinterpret_cast<ce_txn_plugin_ptr>(t.release());
    return CE_OK;
  });
}

ce_status txn_commit(ce_txn_plugin_ptr p, ce_error* err) {
  return barrier("lmdb.txn_commit", err, CE_INTERNAL, [&] {
    std::unique_ptr<Txn> owned(txn(p));
    return owned->commit(err);
  });
}

void txn_abort(ce_txn_plugin_ptr p) {
  quietly("lmdb.txn_abort", [&] { delete txn(p); });
}

ce_status get(ce_txn_plugin_ptr p, std::uint32_t ks, ce_bytes key, ce_bytes* out_val,
              ce_error* err) {
  return barrier("lmdb.get", err, CE_INTERNAL,
                 [&] { return txn(p)->get(ks, to_view(key), out_val, err); });
}

ce_status put(ce_txn_plugin_ptr p, std::uint32_t ks, ce_bytes key, ce_bytes val,
              std::uint32_t flags, ce_error* err) {
  return barrier("lmdb.put", err, CE_INTERNAL,
                 [&] { return txn(p)->put(ks, to_view(key), to_view(val), flags, err); });
}

ce_status del(ce_txn_plugin_ptr p, std::uint32_t ks, ce_bytes key, ce_error* err) {
  return barrier("lmdb.del", err, CE_INTERNAL, [&] { return txn(p)->del(ks, to_view(key), err); });
}

ce_status clear(ce_txn_plugin_ptr p, std::uint32_t ks, ce_error* err) {
  return barrier("lmdb.clear", err, CE_INTERNAL, [&] { return txn(p)->clear(ks, err); });
}

ce_status cursor_open(ce_txn_plugin_ptr p, std::uint32_t ks, ce_cursor_plugin_ptr* out,
                      ce_error* err) {
  return barrier("lmdb.cursor_open", err, CE_INTERNAL, [&] {
    MDB_dbi dbi = 0;
    bool present = false;
    if (ce_status s = txn(p)->resolve(ks, &dbi, &present, err); s != CE_OK) return s;
    *out = reinterpret_cast<ce_cursor_plugin_ptr>(new Cursor(*txn(p), ks));
    return CE_OK;
  });
}

void cursor_close(ce_cursor_plugin_ptr c) {
  quietly("lmdb.cursor_close", [&] { delete cursor(c); });
}

ce_status cursor_seek(ce_cursor_plugin_ptr c, ce_bytes key, ce_bytes* out_key, ce_bytes* out_val,
                      ce_error* err) {
  return barrier("lmdb.cursor_seek", err, CE_INTERNAL,
                 [&] { return cursor(c)->seek(to_view(key), out_key, out_val, err); });
}

ce_status cursor_last(ce_cursor_plugin_ptr c, ce_bytes* out_key, ce_bytes* out_val, ce_error* err) {
  return barrier("lmdb.cursor_last", err, CE_INTERNAL,
                 [&] { return cursor(c)->last(out_key, out_val, err); });
}

ce_status cursor_step(ce_cursor_plugin_ptr c, std::int32_t dir, ce_bytes* out_key,
                      ce_bytes* out_val, ce_error* err) {
  return barrier("lmdb.cursor_step", err, CE_INTERNAL,
                 [&] { return cursor(c)->step(dir, out_key, out_val, err); });
}

ce_status blob_writer_open(ce_backend_plugin_ptr be, ce_str ns, ce_blob_writer_plugin_ptr* out,
                           ce_error* err) {
  return barrier("lmdb.blob_writer_open", err, CE_INTERNAL, [&] {
    std::unique_ptr<BlobWriter> w;
    if (ce_status s = lmdb::blob_writer_open(backend(be)->env, to_view(ns), &w, err); s != CE_OK) {
      return s;
    }
    *out = reinterpret_cast<ce_blob_writer_plugin_ptr>(w.release());
    return CE_OK;
  });
}

ce_status blob_write(ce_blob_writer_plugin_ptr w, ce_bytes chunk, ce_error* err) {
  return barrier("lmdb.blob_write", err, CE_INTERNAL,
                 [&] { return lmdb::blob_write(*writer(w), chunk, err); });
}

ce_status blob_commit(ce_blob_writer_plugin_ptr w, std::uint8_t* out_id, std::uint64_t* out_size,
                      ce_error* err) {
  return barrier("lmdb.blob_commit", err, CE_INTERNAL, [&] {
    return lmdb::blob_commit(std::unique_ptr<BlobWriter>(writer(w)), out_id, out_size, err);
  });
}

void blob_abort(ce_blob_writer_plugin_ptr w) {
  quietly("lmdb.blob_abort", [&] { delete writer(w); });
}

ce_status blob_link(ce_txn_plugin_ptr p, ce_str ns, const std::uint8_t* id, ce_error* err) {
  return barrier("lmdb.blob_link", err, CE_INTERNAL,
                 [&] { return blob_set_link(*txn(p), to_view(ns), id, true, err); });
}

ce_status blob_unlink(ce_txn_plugin_ptr p, ce_str ns, const std::uint8_t* id, ce_error* err) {
  return barrier("lmdb.blob_unlink", err, CE_INTERNAL,
                 [&] { return blob_set_link(*txn(p), to_view(ns), id, false, err); });
}

ce_status blob_reader_open(ce_backend_plugin_ptr be, ce_str ns, const std::uint8_t* id,
                           std::uint64_t offset, std::uint64_t length,
                           ce_blob_reader_plugin_ptr* out, std::uint64_t* out_size, ce_error* err) {
  return barrier("lmdb.blob_reader_open", err, CE_INTERNAL, [&] {
    std::unique_ptr<BlobReader> r;
    ce_status s = lmdb::blob_reader_open(backend(be)->env, to_view(ns), id, offset, length, &r,
                                         out_size, err);
    if (s == CE_OK) *out = reinterpret_cast<ce_blob_reader_plugin_ptr>(r.release());
    return s;
  });
}

ce_status blob_read(ce_blob_reader_plugin_ptr r, std::uint8_t* buf, size_t cap, size_t* out_n,
                    ce_error* err) {
  return barrier("lmdb.blob_read", err, CE_INTERNAL,
                 [&] { return lmdb::blob_read(*reader(r), buf, cap, out_n, err); });
}

void blob_reader_close(ce_blob_reader_plugin_ptr r) {
  quietly("lmdb.blob_reader_close", [&] { delete reader(r); });
}

ce_status blob_collect(ce_backend_plugin_ptr be, ce_str ns, std::int64_t pending_before_ms,
                       std::uint32_t flags, std::uint64_t* out_deleted, ce_error* err) {
  return barrier("lmdb.blob_collect", err, CE_INTERNAL, [&] {
    return lmdb::blob_collect(backend(be)->env, to_view(ns), pending_before_ms,
                              (flags & CE_BLOB_COLLECT_ALL) != 0, out_deleted, err);
  });
}

const ce_storage_backend_v1 kBackend = {
    sizeof(ce_storage_backend_v1),
    "lmdb",
    CE_STORE_KV | CE_STORE_BLOB | CE_STORE_DURABLE,
    &open,
    &close,
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

ce_status init(const ce_host_api_v1* host, ce_registrar_host_ptr reg, ce_error* err) noexcept {
  return barrier("lmdb.init", err, CE_INTERNAL, [&] {
    if (host == nullptr || host->register_storage == nullptr) {
      return fail(err, CE_INVALID, "lmdb: the host offers no register_storage");
    }
    // The clock stamps pending blobs, so tests that move the host clock age them too.
    if (host->now_ms != nullptr) set_clock(host->now_ms);
    return host->register_storage(reg, &kBackend, err);
  });
}

void shutdown() noexcept {
  set_clock(nullptr);
}

const ce_plugin_descriptor kDescriptor = {
    sizeof(ce_plugin_descriptor),
    CE_ABI_MAJOR,
    CE_ABI_MINOR,
    CE_PLUGIN_STORAGE,
    "lmdb",
    "0.1.0",
    "stable",
    &init,
    &shutdown,
};

}  // namespace
}  // namespace ce::lmdb

extern "C" __attribute__((visibility("default"))) const ce_plugin_descriptor* ce_plugin_entry() {
  return &ce::lmdb::kDescriptor;
}
