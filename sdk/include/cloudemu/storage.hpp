// RAII wrappers over the host's mediated storage (ce_host_api_v1 kv_* / txn_* / cursor_* slots).
// Inside a plugin, failures are ce::StorageError exceptions; the service barrier converts them.
// NOT_FOUND and EXISTS are ordinary results (optional / bool), never exceptions.
#pragma once
#include <array>
#include <cloudemu/context.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ce {

struct StorageError : std::runtime_error {
  ce_status status;
  StorageError(ce_status s, const std::string& what) : std::runtime_error(what), status(s) {}
};

/// Throws StorageError unless s is CE_OK.
inline void check_storage(ce_status s, const ce_error& err, const char* what) {
  if (s != CE_OK) {
    throw StorageError(s, std::string(what) + ": " + status_name(s) +
                              (err.message[0] != '\0' ? std::string(" ") + err.message : ""));
  }
}

/// A keyspace id, scoped to the service that opened it (the host refuses foreign ids).
struct Keyspace {
  uint32_t id = 0;
};

/// Opens (creating) the service's keyspace `name`; the host stores it as "<service id>/<name>".
inline Keyspace open_keyspace(const ServiceContext& ctx, std::string_view name) {
  ce_error err = make_error();
  Keyspace ks;
  check_storage(ctx.api().keyspace_open(ctx.raw(), to_str(name), &ks.id, &err), err,
                "keyspace_open");
  return ks;
}

using KeyValue = std::pair<std::string_view, std::string_view>;

/// A positioned cursor. Views returned stay valid until the next cursor move or write in the txn.
/// Close (destroy) it before its transaction ends.
class Cursor {
 public:
  Cursor(const ce_host_api_v1* api, ce_cursor_host_ptr cur) noexcept : api_(api), cur_(cur) {}
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  Cursor(Cursor&& o) noexcept { swap(o); }
  Cursor& operator=(Cursor&& o) noexcept {
    Cursor tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  ~Cursor() {
    if (cur_ != nullptr) api_->cursor_close(cur_);
  }
  void swap(Cursor& o) noexcept {
    std::swap(api_, o.api_);
    std::swap(cur_, o.cur_);
  }

  /// First key >= key ("" = the first key).
  std::optional<KeyValue> seek(std::string_view key) {
    return result([&](ce_bytes* k, ce_bytes* v,
                      ce_error* e) { return api_->cursor_seek(cur_, to_bytes(key), k, v, e); },
                  "cursor_seek");
  }
  std::optional<KeyValue> first() { return seek({}); }
  std::optional<KeyValue> last() {
    return result(
        [&](ce_bytes* k, ce_bytes* v, ce_error* e) { return api_->cursor_last(cur_, k, v, e); },
        "cursor_last");
  }
  /// dir > 0: next key, dir < 0: previous key.
  std::optional<KeyValue> step(int32_t dir) {
    return result([&](ce_bytes* k, ce_bytes* v,
                      ce_error* e) { return api_->cursor_step(cur_, dir, k, v, e); },
                  "cursor_step");
  }
  std::optional<KeyValue> next() { return step(1); }
  std::optional<KeyValue> prev() { return step(-1); }

 private:
  template <typename Call>
  std::optional<KeyValue> result(Call&& call, const char* what) {
    ce_bytes k{}, v{};
    ce_error err = make_error();
    const ce_status s = call(&k, &v, &err);
    if (s == CE_END || s == CE_NOT_FOUND) return std::nullopt;
    check_storage(s, err, what);
    return KeyValue{to_view(k), to_view(v)};
  }
  const ce_host_api_v1* api_ = nullptr;
  ce_cursor_host_ptr cur_ = nullptr;
};

/// What ReadTxn and WriteTxn share. Move-only; the destructor aborts an unfinished transaction.
class Txn {
 public:
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  Txn(Txn&& o) noexcept : api_(o.api_), txn_(std::exchange(o.txn_, nullptr)) {}
  Txn& operator=(Txn&&) = delete;
  ~Txn() { abort(); }

  /// @return the value (valid until the next write in this txn or its end), nullopt if absent.
  std::optional<std::string_view> get(Keyspace ks, std::string_view key) {
    ce_bytes v{};
    ce_error err = make_error();
    const ce_status s = api_->kv_get(txn_, ks.id, to_bytes(key), &v, &err);
    if (s == CE_NOT_FOUND) return std::nullopt;
    check_storage(s, err, "kv_get");
    return to_view(v);
  }
  Cursor cursor(Keyspace ks) {
    ce_cursor_host_ptr cur = nullptr;
    ce_error err = make_error();
    check_storage(api_->cursor_open(txn_, ks.id, &cur, &err), err, "cursor_open");
    return Cursor(api_, cur);
  }
  /// Drops the transaction (idempotent). Reads need nothing else: a read txn has nothing to commit.
  void abort() noexcept {
    if (txn_ != nullptr) api_->txn_abort(std::exchange(txn_, nullptr));
  }
  ce_txn_host_ptr raw() const noexcept { return txn_; }

 protected:
  Txn(const ServiceContext& ctx, uint32_t flags) : api_(&ctx.api()) {
    ce_error err = make_error();
    check_storage(api_->txn_begin(ctx.raw(), flags, &txn_, &err), err, "txn_begin");
  }
  const ce_host_api_v1* api_ = nullptr;
  ce_txn_host_ptr txn_ = nullptr;
};

/// A snapshot read (MVCC: never blocks writers).
class ReadTxn : public Txn {
 public:
  explicit ReadTxn(const ServiceContext& ctx) : Txn(ctx, CE_TXN_READ_ONLY) {}
};

/// The single writer. Keep it short: no request-body or response I/O while it is open.
class WriteTxn : public Txn {
 public:
  explicit WriteTxn(const ServiceContext& ctx) : Txn(ctx, 0) {}

  void put(Keyspace ks, std::string_view key, std::string_view value) {
    ce_error err = make_error();
    check_storage(api_->kv_put(txn_, ks.id, to_bytes(key), to_bytes(value), 0, &err), err,
                  "kv_put");
  }
  /// Put only if absent. @return false (and nothing written) when the key exists.
  bool insert(Keyspace ks, std::string_view key, std::string_view value) {
    ce_error err = make_error();
    const ce_status s =
        api_->kv_put(txn_, ks.id, to_bytes(key), to_bytes(value), CE_PUT_NO_OVERWRITE, &err);
    if (s == CE_EXISTS) return false;
    check_storage(s, err, "kv_put");
    return true;
  }
  /// @return false when there was nothing to delete.
  bool del(Keyspace ks, std::string_view key) {
    ce_error err = make_error();
    const ce_status s = api_->kv_del(txn_, ks.id, to_bytes(key), &err);
    if (s == CE_NOT_FOUND) return false;
    check_storage(s, err, "kv_del");
    return true;
  }
  void clear(Keyspace ks) {
    ce_error err = make_error();
    check_storage(api_->kv_clear(txn_, ks.id, &err), err, "kv_clear");
  }
  /// Publishes a committed blob atomically with this transaction (see blob.hpp).
  void link_blob(const uint8_t* id) {
    ce_error err = make_error();
    check_storage(api_->blob_link(txn_, id, &err), err, "blob_link");
  }
  /// Drops a blob reference; its bytes go once this transaction commits.
  void unlink_blob(const uint8_t* id) {
    ce_error err = make_error();
    check_storage(api_->blob_unlink(txn_, id, &err), err, "blob_unlink");
  }
  /// Makes the writes visible. Throws StorageError (CE_CONFLICT is retryable: with_write_txn).
  void commit() {
    ce_error err = make_error();
    check_storage(api_->txn_commit(std::exchange(txn_, nullptr), &err), err, "txn_commit");
  }
};

/// Runs fn(WriteTxn&) and commits, retrying the whole function up to `retries` more times when a
/// multi-writer backend reports CE_CONFLICT. fn must therefore be safe to run again.
template <typename Fn>
auto with_write_txn(const ServiceContext& ctx, Fn&& fn, int retries = 3) {
  for (int attempt = 0;; ++attempt) {
    try {
      WriteTxn txn(ctx);
      if constexpr (std::is_void_v<std::invoke_result_t<Fn&, WriteTxn&>>) {
        fn(txn);
        txn.commit();
        return;
      } else {
        auto result = fn(txn);
        txn.commit();
        return result;
      }
    } catch (const StorageError& e) {
      if (e.status != CE_CONFLICT || attempt >= retries) throw;
    }
  }
}

}  // namespace ce
