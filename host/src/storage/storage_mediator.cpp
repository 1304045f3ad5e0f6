#include "storage/storage_mediator.hpp"

#include <cloudemu/status.hpp>
#include <limits>
#include <memory>
#include <vector>

namespace ce::host {
namespace {

thread_local int t_write_txns_open = 0;

bool valid_keyspace_name(std::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.' || c == '/';
    if (!ok) return false;
  }
  return true;
}

ce_str as_str(std::string_view s) {
  return ce_str{s.data(), s.size()};
}

}  // namespace

bool write_txn_open_on_this_thread() {
  return t_write_txns_open > 0;
}

std::unique_ptr<StorageMediator> StorageMediator::open(const StorageRecord& backend,
                                                       std::string_view config_json,
                                                       ce_error* err) {
  ce_backend_plugin_ptr handle = nullptr;
  const ce_status st = backend.table.open(as_str(config_json), &handle, err);
  if (st != CE_OK || handle == nullptr) {
    if (st == CE_OK) fail(err, CE_INTERNAL, "open returned no handle");
    return nullptr;
  }
  return std::make_unique<StorageMediator>(backend, handle);
}

StorageMediator::~StorageMediator() {
  if (handle_ != nullptr) table_.close(handle_);
}

uint32_t StorageMediator::max_key_size() const {
  return table_.max_key_size(handle_);
}

bool StorageMediator::owns(ServiceCtx& ctx, uint32_t ks) {
  return ks < ctx.keyspaces.size() && ctx.keyspaces.test(ks);
}

ce_status StorageMediator::keyspace_open(ServiceCtx& ctx, std::string_view name, uint32_t* out,
                                         ce_error* err) {
  if (!valid_keyspace_name(name))
    return fail(err, CE_INVALID,
                "keyspace name '" + std::string(name) + "' is not [A-Za-z0-9._/-]{1,200}");
  const std::string full = ctx.id + "/" + std::string(name);
  uint32_t ks = 0;
  const ce_status st = table_.keyspace_open(handle_, as_str(full), &ks, err);
  if (st != CE_OK) return st;
  if (ks >= ctx.keyspaces.size())
    return fail(err, CE_INVALID,
                "backend returned keyspace id " + std::to_string(ks) + " beyond the host's limit");
  std::lock_guard lock(ctx.keyspaces_mutex);
  ctx.keyspaces.set(ks);
  *out = ks;
  return CE_OK;
}

ce_status StorageMediator::txn_begin(ServiceCtx& ctx, uint32_t flags, ce_host_txn_s** out,
                                     ce_error* err) {
  ce_txn_plugin_ptr inner = nullptr;
  const ce_status st = table_.txn_begin(handle_, flags, &inner, err);
  if (st != CE_OK) return st;
  const bool write = (flags & CE_TXN_READ_ONLY) == 0;
  *out = new ce_host_txn_s{&ctx, inner, write};
  if (write) {
    ++t_write_txns_open;
    ++stats_.write_txns;
  } else {
    ++stats_.read_txns;
  }
  return CE_OK;
}

ce_status StorageMediator::txn_commit(ce_host_txn_s* txn, ce_error* err) {
  std::unique_ptr<ce_host_txn_s> owned(txn);
  if (txn->write) --t_write_txns_open;
  ++stats_.commits;
  return table_.txn_commit(txn->inner, err);
}

void StorageMediator::txn_abort(ce_host_txn_s* txn) {
  std::unique_ptr<ce_host_txn_s> owned(txn);
  if (txn->write) --t_write_txns_open;
  ++stats_.aborts;
  table_.txn_abort(txn->inner);
}

#define CE_GUARD_KS(txn, ks)                                                           \
  if (!owns(*(txn)->ctx, ks))                                                          \
    return fail(err, CE_INVALID,                                                       \
                "keyspace id " + std::to_string(ks) + " was not opened by service '" + \
                    (txn)->ctx->id + "'");

ce_status StorageMediator::get(ce_host_txn_s* txn, uint32_t ks, ce_bytes key, ce_bytes* out,
                               ce_error* err) {
  CE_GUARD_KS(txn, ks);
  return table_.get(txn->inner, ks, key, out, err);
}

ce_status StorageMediator::put(ce_host_txn_s* txn, uint32_t ks, ce_bytes key, ce_bytes val,
                               uint32_t flags, ce_error* err) {
  CE_GUARD_KS(txn, ks);
  if (!txn->write) return fail(err, CE_INVALID, "put in a read-only transaction");
  return table_.put(txn->inner, ks, key, val, flags, err);
}

ce_status StorageMediator::del(ce_host_txn_s* txn, uint32_t ks, ce_bytes key, ce_error* err) {
  CE_GUARD_KS(txn, ks);
  if (!txn->write) return fail(err, CE_INVALID, "delete in a read-only transaction");
  return table_.del(txn->inner, ks, key, err);
}

ce_status StorageMediator::clear(ce_host_txn_s* txn, uint32_t ks, ce_error* err) {
  CE_GUARD_KS(txn, ks);
  if (!txn->write) return fail(err, CE_INVALID, "clear in a read-only transaction");
  return table_.clear(txn->inner, ks, err);
}

ce_status StorageMediator::cursor_open(ce_host_txn_s* txn, uint32_t ks, ce_host_cursor_s** out,
                                       ce_error* err) {
  CE_GUARD_KS(txn, ks);
  ce_cursor_plugin_ptr inner = nullptr;
  const ce_status st = table_.cursor_open(txn->inner, ks, &inner, err);
  if (st != CE_OK) return st;
  *out = new ce_host_cursor_s{txn->ctx, inner};
  return CE_OK;
}

#undef CE_GUARD_KS

void StorageMediator::cursor_close(ce_host_cursor_s* cur) {
  std::unique_ptr<ce_host_cursor_s> owned(cur);
  table_.cursor_close(cur->inner);
}

ce_status StorageMediator::cursor_seek(ce_host_cursor_s* cur, ce_bytes key, ce_bytes* k,
                                       ce_bytes* v, ce_error* err) {
  return table_.cursor_seek(cur->inner, key, k, v, err);
}

ce_status StorageMediator::cursor_last(ce_host_cursor_s* cur, ce_bytes* k, ce_bytes* v,
                                       ce_error* err) {
  return table_.cursor_last(cur->inner, k, v, err);
}

ce_status StorageMediator::cursor_step(ce_host_cursor_s* cur, int32_t dir, ce_bytes* k, ce_bytes* v,
                                       ce_error* err) {
  return table_.cursor_step(cur->inner, dir, k, v, err);
}

ce_status StorageMediator::blob_writer_open(ServiceCtx& ctx, ce_host_blob_writer_s** out,
                                            ce_error* err) {
  ce_blob_writer_plugin_ptr inner = nullptr;
  const ce_status st = table_.blob_writer_open(handle_, as_str(ctx.id), &inner, err);
  if (st != CE_OK) return st;
  *out = new ce_host_blob_writer_s{&ctx, inner};
  return CE_OK;
}

ce_status StorageMediator::blob_write(ce_host_blob_writer_s* w, ce_bytes chunk, ce_error* err) {
  return table_.blob_write(w->inner, chunk, err);
}

ce_status StorageMediator::blob_commit(ce_host_blob_writer_s* w, uint8_t* id, uint64_t* size,
                                       ce_error* err) {
  std::unique_ptr<ce_host_blob_writer_s> owned(w);
  ++stats_.blobs_written;
  return table_.blob_commit(w->inner, id, size, err);
}

void StorageMediator::blob_abort(ce_host_blob_writer_s* w) {
  std::unique_ptr<ce_host_blob_writer_s> owned(w);
  table_.blob_abort(w->inner);
}

ce_status StorageMediator::blob_link(ce_host_txn_s* txn, const uint8_t* id, ce_error* err) {
  if (!txn->write) return fail(err, CE_INVALID, "blob_link in a read-only transaction");
  return table_.blob_link(txn->inner, as_str(txn->ctx->id), id, err);
}

ce_status StorageMediator::blob_unlink(ce_host_txn_s* txn, const uint8_t* id, ce_error* err) {
  if (!txn->write) return fail(err, CE_INVALID, "blob_unlink in a read-only transaction");
  return table_.blob_unlink(txn->inner, as_str(txn->ctx->id), id, err);
}

ce_status StorageMediator::blob_reader_open(ServiceCtx& ctx, const uint8_t* id, uint64_t off,
                                            uint64_t len, ce_host_blob_reader_s** out,
                                            uint64_t* size, ce_error* err) {
  ce_blob_reader_plugin_ptr inner = nullptr;
  const ce_status st =
      table_.blob_reader_open(handle_, as_str(ctx.id), id, off, len, &inner, size, err);
  if (st != CE_OK) return st;
  *out = new ce_host_blob_reader_s{&ctx, inner};
  return CE_OK;
}

ce_status StorageMediator::blob_read(ce_host_blob_reader_s* r, uint8_t* buf, size_t cap, size_t* n,
                                     ce_error* err) {
  return table_.blob_read(r->inner, buf, cap, n, err);
}

void StorageMediator::blob_reader_close(ce_host_blob_reader_s* r) {
  std::unique_ptr<ce_host_blob_reader_s> owned(r);
  table_.blob_reader_close(r->inner);
}

ce_status StorageMediator::reset_service(std::string_view service_id, ce_error* err) {
  size_t needed = 0;
  std::string names(64 * 1024, '\0');
  ce_status st = table_.keyspace_list(handle_, names.data(), names.size(), &needed, err);
  if (st != CE_OK) return st;
  if (needed >= names.size()) {
    names.assign(needed + 1, '\0');
    st = table_.keyspace_list(handle_, names.data(), names.size(), &needed, err);
    if (st != CE_OK) return st;
  }
  names.resize(needed);
  const std::string prefix = service_id.empty() ? std::string() : std::string(service_id) + "/";
  std::vector<uint32_t> to_clear;
  std::size_t start = 0;
  while (start < names.size()) {
    std::size_t end = names.find('\n', start);
    if (end == std::string::npos) end = names.size();
    const std::string_view name(names.data() + start, end - start);
    start = end + 1;
    // Only service keyspaces ("svc/name"); a backend's own bookkeeping has no '/'.
    if (name.empty() || name.find('/') == std::string_view::npos) continue;
    if (!prefix.empty() && name.substr(0, prefix.size()) != prefix) continue;
    uint32_t ks = 0;
    st = table_.keyspace_open(handle_, as_str(name), &ks, err);
    if (st != CE_OK) return st;
    to_clear.push_back(ks);
  }
  ce_txn_plugin_ptr txn = nullptr;
  st = table_.txn_begin(handle_, 0, &txn, err);
  if (st != CE_OK) return st;
  for (uint32_t ks : to_clear) {
    st = table_.clear(txn, ks, err);
    if (st != CE_OK) {
      table_.txn_abort(txn);
      return st;
    }
  }
  st = table_.txn_commit(txn, err);
  if (st != CE_OK) return st;
  return table_.blob_collect(handle_, as_str(service_id), std::numeric_limits<int64_t>::max(),
                             CE_BLOB_COLLECT_ALL, nullptr, err);
}

ce_status StorageMediator::collect_blobs(int64_t pending_before_ms, uint64_t* deleted,
                                         ce_error* err) {
  return table_.blob_collect(handle_, ce_str{"", 0}, pending_before_ms, 0, deleted, err);
}

}  // namespace ce::host
