// Transactions and key-value calls of the lmdb backend.
//
// Map growth: LMDB refuses a put with MDB_MAP_FULL once the memory map is used up, and its size can
// only change while no transaction of the process is live. A write transaction therefore records
// every change it made (the write log, at the stored-key level). On MDB_MAP_FULL it aborts its LMDB
// transaction, waits until the other transactions of the process ended, doubles the map, begins a
// new LMDB transaction and replays the log, then retries the failed call. It keeps the backend's
// writer slot throughout, so no other writer commits in between and the replay rebuilds exactly
// the state the caller saw. Callers never see MDB_MAP_FULL; views returned before are stale,
// which the ABI already allows after a write.
#pragma once
#include <cloudemu/abi/ce_storage.h>
#include <lmdb.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "lmdb_env.hpp"

namespace ce::lmdb {

class Cursor;

class Txn {
 public:
  static ce_status begin(std::shared_ptr<Env> env, bool write, std::unique_ptr<Txn>* out,
                         ce_error* err);
  /// Aborts a transaction still live and gives back the writer slot.
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  /// Commits (a read transaction just ends). The object is finished afterwards either way.
  ce_status commit(ce_error* err);

  bool is_write() const noexcept { return write_; }
  Env& env() const noexcept { return *env_; }
  MDB_txn* raw() const noexcept { return txn_; }
  /// Changes when map growth replaced the LMDB transaction: cursors must be reopened.
  std::uint64_t generation() const noexcept { return generation_; }
  /// Changes on every write: views handed out before are stale.
  std::uint64_t writes() const noexcept { return writes_; }
  ce_status check_live(ce_error* err) const;

  /// The keyspace's DBI. present is false when the keyspace was created after this read
  /// transaction began: it is empty in this snapshot.
  ce_status resolve(std::uint32_t ks, MDB_dbi* dbi, bool* present, ce_error* err) const;

  ce_status get(std::uint32_t ks, std::string_view key, ce_bytes* out, ce_error* err);
  ce_status put(std::uint32_t ks, std::string_view key, std::string_view val, std::uint32_t flags,
                ce_error* err);
  ce_status del(std::uint32_t ks, std::string_view key, ce_error* err);
  ce_status clear(std::uint32_t ks, ce_error* err);

  /// Records of internal DBIs (the blob registry), stored key = key, value as given.
  ce_status raw_get(MDB_dbi dbi, std::string_view key, std::string_view* out, ce_error* err);
  ce_status raw_put(MDB_dbi dbi, std::string_view key, std::string_view val, ce_error* err);
  ce_status raw_del(MDB_dbi dbi, std::string_view key, ce_error* err);

  void attach(Cursor* c) { cursors_.push_back(c); }
  void detach(Cursor* c);

 private:
  enum class OpKind : std::uint8_t { put, del, drop };
  struct Op {
    OpKind kind;
    MDB_dbi dbi;
    std::string key;
    std::string val;
  };

  Txn(std::shared_ptr<Env> env, bool write) : env_(std::move(env)), write_(write) {}
  ce_status require_write(ce_error* err) const;
  /// Looks up a logical key; a long key whose record holds another full key fails loudly.
  ce_status find(MDB_dbi dbi, std::string_view key, const std::string& sk, std::string_view* val,
                 ce_error* err);
  int apply(const Op& op);
  ce_status mutate(Op op, ce_error* err);
  /// Replaces the LMDB transaction by one in a grown map with the log replayed. 0 or an LMDB code.
  int regrow(ce_error* err);
  void end_cursors();
  void finish();

  std::shared_ptr<Env> env_;
  bool write_;
  bool failed_ = false;  // a write failed half-way: LMDB only allows abort now
  MDB_txn* txn_ = nullptr;
  std::uint64_t generation_ = 0;
  std::uint64_t writes_ = 0;
  std::vector<Op> log_;
  std::vector<Cursor*> cursors_;
};

ce_status check_key(std::string_view key, ce_error* err);

}  // namespace ce::lmdb
