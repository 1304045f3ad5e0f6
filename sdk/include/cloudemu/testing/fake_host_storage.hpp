// The fake host's storage slots: the same mediation as the real host. Service "x" opening keyspace
// "items" gets backend keyspace "x/items"; its blobs live in namespace "x"; keyspace ids are local
// to the service, so a service cannot touch another's data even by guessing ids.
#pragma once
#include <cloudemu/status.hpp>
#include <cloudemu/testing/fake_host_core.hpp>
#include <string>

namespace ce::testing::fake_detail {

inline Service* as_svc(ce_service_ctx_host_ptr ctx) {
  return reinterpret_cast<Service*>(ctx);
}
inline Txn* as_txn(ce_txn_host_ptr t) {
  return reinterpret_cast<Txn*>(t);
}

inline uint32_t max_key_size(ce_service_ctx_host_ptr ctx) {
  Core& c = *as_svc(ctx)->core;
  return c.backend->max_key_size(c.be);
}

inline ce_status keyspace_open(ce_service_ctx_host_ptr ctx, ce_str name, uint32_t* out,
                               ce_error* err) {
  Service* svc = as_svc(ctx);
  if (svc == nullptr || name.len == 0) return fail(err, CE_INVALID, "keyspace_open: empty name");
  const std::string local(name.ptr, name.len);
  std::lock_guard lock(svc->core->mu);
  if (auto it = svc->keyspace_by_name.find(local); it != svc->keyspace_by_name.end()) {
    *out = it->second;
    return CE_OK;
  }
  const std::string full = svc->id + "/" + local;
  uint32_t backend_id = 0;
  if (ce_status s =
          svc->core->backend->keyspace_open(svc->core->be, to_str(full), &backend_id, err);
      s != CE_OK) {
    return s;
  }
  *out = static_cast<uint32_t>(svc->keyspaces.size());
  svc->keyspaces.push_back(backend_id);
  svc->keyspace_by_name[local] = *out;
  return CE_OK;
}

/// Maps a service-local keyspace id to the backend's, refusing ids the service never opened.
inline ce_status backend_ks(Txn* t, uint32_t ks, uint32_t* out, ce_error* err) {
  std::lock_guard lock(t->svc->core->mu);
  if (ks >= t->svc->keyspaces.size()) {
    return fail(
        err, CE_INVALID,
        "keyspace id " + std::to_string(ks) + " was not opened by service '" + t->svc->id + "'");
  }
  *out = t->svc->keyspaces[ks];
  return CE_OK;
}

inline ce_status txn_begin(ce_service_ctx_host_ptr ctx, uint32_t flags, ce_txn_host_ptr* out,
                           ce_error* err) {
  Service* svc = as_svc(ctx);
  ce_txn_plugin_ptr raw = nullptr;
  if (ce_status s = svc->core->backend->txn_begin(svc->core->be, flags, &raw, err); s != CE_OK)
    return s;
  const bool write = (flags & CE_TXN_READ_ONLY) == 0;
  if (write) ++write_txns_on_this_thread();
  *out = reinterpret_cast<ce_txn_host_ptr>(new Txn{svc, raw, write});
  return CE_OK;
}
inline void end_txn(Txn* t) {
  if (t->write) --write_txns_on_this_thread();
  delete t;
}
inline ce_status txn_commit(ce_txn_host_ptr h, ce_error* err) {
  Txn* t = as_txn(h);
  const ce_status s = t->svc->core->backend->txn_commit(t->txn, err);
  end_txn(t);
  return s;
}
inline void txn_abort(ce_txn_host_ptr h) {
  if (h == nullptr) return;
  Txn* t = as_txn(h);
  t->svc->core->backend->txn_abort(t->txn);
  end_txn(t);
}

inline ce_status kv_get(ce_txn_host_ptr h, uint32_t ks, ce_bytes key, ce_bytes* out,
                        ce_error* err) {
  Txn* t = as_txn(h);
  uint32_t id = 0;
  if (ce_status s = backend_ks(t, ks, &id, err); s != CE_OK) return s;
  return t->svc->core->backend->get(t->txn, id, key, out, err);
}
inline ce_status kv_put(ce_txn_host_ptr h, uint32_t ks, ce_bytes key, ce_bytes val, uint32_t flags,
                        ce_error* err) {
  Txn* t = as_txn(h);
  uint32_t id = 0;
  if (ce_status s = backend_ks(t, ks, &id, err); s != CE_OK) return s;
  return t->svc->core->backend->put(t->txn, id, key, val, flags, err);
}
inline ce_status kv_del(ce_txn_host_ptr h, uint32_t ks, ce_bytes key, ce_error* err) {
  Txn* t = as_txn(h);
  uint32_t id = 0;
  if (ce_status s = backend_ks(t, ks, &id, err); s != CE_OK) return s;
  return t->svc->core->backend->del(t->txn, id, key, err);
}
inline ce_status kv_clear(ce_txn_host_ptr h, uint32_t ks, ce_error* err) {
  Txn* t = as_txn(h);
  uint32_t id = 0;
  if (ce_status s = backend_ks(t, ks, &id, err); s != CE_OK) return s;
  return t->svc->core->backend->clear(t->txn, id, err);
}

// Cursors, blob writers and readers wrap nothing: the host handle is the backend's handle under
// the host-side type, so only calls that need the service (namespace, keyspace) are translated.
inline const ce_storage_backend_v1* be() {
  return Core::current().load()->backend;
}
template <typename To, typename From>
To cast(From p) {
  return reinterpret_cast<To>(p);
}
using PCur = ce_cursor_plugin_ptr;
using PWriter = ce_blob_writer_plugin_ptr;
using PReader = ce_blob_reader_plugin_ptr;

inline ce_status cursor_open(ce_txn_host_ptr h, uint32_t ks, ce_cursor_host_ptr* out,
                             ce_error* err) {
  Txn* t = as_txn(h);
  uint32_t id = 0;
  if (ce_status s = backend_ks(t, ks, &id, err); s != CE_OK) return s;
  PCur cur = nullptr;
  const ce_status s = t->svc->core->backend->cursor_open(t->txn, id, &cur, err);
  *out = cast<ce_cursor_host_ptr>(cur);
  return s;
}
inline void cursor_close(ce_cursor_host_ptr c) {
  be()->cursor_close(cast<PCur>(c));
}
inline ce_status cursor_seek(ce_cursor_host_ptr c, ce_bytes key, ce_bytes* k, ce_bytes* v,
                             ce_error* e) {
  return be()->cursor_seek(cast<PCur>(c), key, k, v, e);
}
inline ce_status cursor_last(ce_cursor_host_ptr c, ce_bytes* k, ce_bytes* v, ce_error* e) {
  return be()->cursor_last(cast<PCur>(c), k, v, e);
}
inline ce_status cursor_step(ce_cursor_host_ptr c, int32_t dir, ce_bytes* k, ce_bytes* v,
                             ce_error* e) {
  return be()->cursor_step(cast<PCur>(c), dir, k, v, e);
}

inline ce_status blob_writer_open(ce_service_ctx_host_ptr ctx, ce_blob_writer_host_ptr* out,
                                  ce_error* err) {
  Service* svc = as_svc(ctx);
  PWriter w = nullptr;
  const ce_status s = svc->core->backend->blob_writer_open(svc->core->be, to_str(svc->id), &w, err);
  *out = cast<ce_blob_writer_host_ptr>(w);
  return s;
}
inline ce_status blob_write(ce_blob_writer_host_ptr w, ce_bytes chunk, ce_error* err) {
  return be()->blob_write(cast<PWriter>(w), chunk, err);
}
inline ce_status blob_commit(ce_blob_writer_host_ptr w, uint8_t* id, uint64_t* size,
                             ce_error* err) {
  return be()->blob_commit(cast<PWriter>(w), id, size, err);
}
inline void blob_abort(ce_blob_writer_host_ptr w) {
  be()->blob_abort(cast<PWriter>(w));
}
inline ce_status blob_link(ce_txn_host_ptr h, const uint8_t* id, ce_error* err) {
  Txn* t = as_txn(h);
  return t->svc->core->backend->blob_link(t->txn, to_str(t->svc->id), id, err);
}
inline ce_status blob_unlink(ce_txn_host_ptr h, const uint8_t* id, ce_error* err) {
  Txn* t = as_txn(h);
  return t->svc->core->backend->blob_unlink(t->txn, to_str(t->svc->id), id, err);
}
inline ce_status blob_reader_open(ce_service_ctx_host_ptr ctx, const uint8_t* id, uint64_t off,
                                  uint64_t len, ce_blob_reader_host_ptr* out, uint64_t* size,
                                  ce_error* err) {
  Service* svc = as_svc(ctx);
  PReader r = nullptr;
  const ce_status s = svc->core->backend->blob_reader_open(svc->core->be, to_str(svc->id), id, off,
                                                           len, &r, size, err);
  *out = cast<ce_blob_reader_host_ptr>(r);
  return s;
}
inline ce_status blob_read(ce_blob_reader_host_ptr r, uint8_t* buf, size_t cap, size_t* n,
                           ce_error* e) {
  return be()->blob_read(cast<PReader>(r), buf, cap, n, e);
}
inline void blob_reader_close(ce_blob_reader_host_ptr r) {
  be()->blob_reader_close(cast<PReader>(r));
}

}  // namespace ce::testing::fake_detail
