// Cursors of the lmdb backend, in exact bytewise order of logical keys.
//
// Stored order equals logical order except inside a "run": long keys sharing their first
// kInlineKeyMax bytes, stored as prefix + hash (long_key.hpp). A cursor that reaches a run loads
// it whole, sorts it by full key and walks it in memory; seeking to a long key loads its run and
// starts inside it. Every move starts from the current logical key (one B-tree seek), so a cursor
// stays correct across the writer's own puts and deletes and across map growth.
#pragma once
#include <lmdb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lmdb_txn.hpp"

namespace ce::lmdb {

class Cursor {
 public:
  Cursor(Txn& txn, std::uint32_t ks);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  ce_status seek(std::string_view key, ce_bytes* out_key, ce_bytes* out_val, ce_error* err);
  ce_status last(ce_bytes* out_key, ce_bytes* out_val, ce_error* err);
  ce_status step(std::int32_t dir, ce_bytes* out_key, ce_bytes* out_val, ce_error* err);

  /// The LMDB transaction ended or was replaced: forget (and when close, close) the handle.
  void drop_handle(bool close);
  /// The transaction object is gone; every later call is CE_INVALID.
  void on_txn_end();

 private:
  struct Item {
    std::string_view key;
    std::string_view value;
  };

  /// CE_OK with the handle ready, CE_END when the keyspace is absent from the snapshot.
  ce_status ready(ce_error* err);
  int get(MDB_cursor_op op, MDB_val* k, MDB_val* v);
  int stored_ge(std::string_view sk, MDB_val* k, MDB_val* v);
  int stored_gt(std::string_view sk, MDB_val* k, MDB_val* v);
  int stored_lt(std::string_view sk, MDB_val* k, MDB_val* v);
  ce_status load_run(std::string_view prefix, ce_error* err);
  ce_status land(int rc, const MDB_val& k, const MDB_val& v, bool forward, Item* out,
                 ce_error* err);
  ce_status first_after(std::string_view key, bool strict, Item* out, ce_error* err);
  ce_status last_before(std::optional<std::string_view> key, Item* out, ce_error* err);
  bool run_is_fresh() const;
  ce_status finish(ce_status s, const Item& item, ce_bytes* out_key, ce_bytes* out_val);

  Txn* txn_;
  std::uint32_t ks_;
  MDB_dbi dbi_ = 0;
  MDB_cursor* mc_ = nullptr;
  std::uint64_t generation_ = 0;
  std::optional<std::string> current_;  // unset: not positioned (or stepped past an end)

  std::vector<Item> run_;  // the sorted run holding current_, when current_ is a long key
  std::size_t run_pos_ = 0;
  std::string run_prefix_;
  std::uint64_t run_writes_ = 0;
};

}  // namespace ce::lmdb
