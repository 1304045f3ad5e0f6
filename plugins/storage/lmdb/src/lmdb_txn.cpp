#include "lmdb_txn.hpp"

#include <algorithm>
#include <utility>

#include "lmdb_cursor.hpp"
#include "lmdb_error.hpp"
#include "long_key.hpp"
#include "mdb_val.hpp"

namespace ce::lmdb {

ce_status check_key(std::string_view key, ce_error* err) {
  if (key.empty()) return fail(err, CE_INVALID, "empty key");
  if (key.size() > kMaxKeySize) {
    return fail(err, CE_KEY_TOO_LONG,
                "key of " + std::to_string(key.size()) + " bytes is over the 4096-byte limit");
  }
  return CE_OK;
}

ce_status Txn::begin(std::shared_ptr<Env> env, bool write, std::unique_ptr<Txn>* out,
                     ce_error* err) {
  if (write) {
    if (ce_status s = env->acquire_writer(err); s != CE_OK) return s;
  }
  std::unique_ptr<Txn> txn(new Txn(env, write));
  if (int rc = env->begin(write, &txn->txn_); rc != 0) {
    txn->txn_ = nullptr;
    if (write) env->release_writer();
    txn->write_ = false;  // nothing to give back in the destructor
    return mdb_fail(err, rc, "begin transaction");
  }
  *out = std::move(txn);
  return CE_OK;
}

Txn::~Txn() {
  if (txn_ != nullptr) {
    end_cursors();
    env_->end(txn_, write_, false);
    txn_ = nullptr;
  }
  finish();
}

void Txn::finish() {
  for (Cursor* c : cursors_) c->on_txn_end();
  cursors_.clear();
  if (write_) {
    write_ = false;
    env_->release_writer();
  }
}

void Txn::detach(Cursor* c) {
  std::erase(cursors_, c);
}

// LMDB frees a write transaction's cursors with the transaction; a read-only transaction's must be
// closed by us.
void Txn::end_cursors() {
  for (Cursor* c : cursors_) c->drop_handle(/*close=*/!write_);
}

ce_status Txn::check_live(ce_error* err) const {
  if (txn_ == nullptr) return fail(err, CE_INVALID, "transaction already ended");
  if (failed_) return fail(err, CE_INVALID, "transaction failed earlier; abort it");
  return CE_OK;
}

ce_status Txn::require_write(ce_error* err) const {
  if (ce_status s = check_live(err); s != CE_OK) return s;
  return write_ ? CE_OK : fail(err, CE_INVALID, "write in a read-only transaction");
}

ce_status Txn::commit(ce_error* err) {
  if (ce_status s = check_live(err); s != CE_OK) return s;  // the destructor aborts
  end_cursors();
  if (!write_) {
    env_->end(std::exchange(txn_, nullptr), false, false);
    return CE_OK;
  }
  for (;;) {
    const int rc = env_->end(std::exchange(txn_, nullptr), true, true);
    if (rc == 0) return CE_OK;
    if (rc != MDB_MAP_FULL) return mdb_fail(err, rc, "commit");
    // The free-page list did not fit: the transaction is gone, rebuild it in a larger map.
    if (int grown = regrow(err); grown != 0) {
      return grown == MDB_MAP_FULL ? CE_FULL : mdb_fail(err, grown, "commit after map growth");
    }
    end_cursors();
  }
}

ce_status Txn::resolve(std::uint32_t ks, MDB_dbi* dbi, bool* present, ce_error* err) const {
  if (ce_status s = check_live(err); s != CE_OK) return s;
  if (!env_->keyspace_dbi(ks, dbi)) {
    return fail(err, CE_INVALID, "unknown keyspace id " + std::to_string(ks));
  }
  unsigned flags = 0;
  *present = mdb_dbi_flags(txn_, *dbi, &flags) == 0;
  return CE_OK;
}

ce_status Txn::find(MDB_dbi dbi, std::string_view key, const std::string& sk, std::string_view* val,
                    ce_error* err) {
  MDB_val k = val_of(sk);
  MDB_val v{};
  if (int rc = mdb_get(txn_, dbi, &k, &v); rc != 0) return mdb_fail(err, rc, "get");
  Record rec;
  if (!decode_record(sk, view_of(v), &rec)) {
    return fail(err, CE_INTERNAL, "lmdb: unreadable record (unknown header byte)");
  }
  if (rec.key != key) {
    return fail(err, CE_INTERNAL,
                "lmdb: two long keys share a prefix and a 128-bit hash; refusing to mix them up");
  }
  *val = rec.value;
  return CE_OK;
}

ce_status Txn::get(std::uint32_t ks, std::string_view key, ce_bytes* out, ce_error* err) {
  if (ce_status s = check_key(key, err); s != CE_OK) return s;
  MDB_dbi dbi = 0;
  bool present = false;
  if (ce_status s = resolve(ks, &dbi, &present, err); s != CE_OK) return s;
  if (!present) return CE_NOT_FOUND;
  std::string_view val;
  if (ce_status s = find(dbi, key, stored_key(key), &val, err); s != CE_OK) return s;
  *out = to_bytes(val);
  return CE_OK;
}

ce_status Txn::put(std::uint32_t ks, std::string_view key, std::string_view val,
                   std::uint32_t flags, ce_error* err) {
  if (ce_status s = require_write(err); s != CE_OK) return s;
  if (ce_status s = check_key(key, err); s != CE_OK) return s;
  MDB_dbi dbi = 0;
  bool present = false;
  if (ce_status s = resolve(ks, &dbi, &present, err); s != CE_OK) return s;
  std::string sk = stored_key(key);
  // A long key's slot may hold another key with the same prefix and hash: check before replacing.
  if ((flags & CE_PUT_NO_OVERWRITE) != 0 || is_long_key(key)) {
    std::string_view old;
    ce_status s = find(dbi, key, sk, &old, err);
    if (s == CE_OK && (flags & CE_PUT_NO_OVERWRITE) != 0) return CE_EXISTS;
    if (s != CE_OK && s != CE_NOT_FOUND) return s;
  }
  return mutate(Op{OpKind::put, dbi, std::move(sk), encode_record(key, val)}, err);
}

ce_status Txn::del(std::uint32_t ks, std::string_view key, ce_error* err) {
  if (ce_status s = require_write(err); s != CE_OK) return s;
  if (ce_status s = check_key(key, err); s != CE_OK) return s;
  MDB_dbi dbi = 0;
  bool present = false;
  if (ce_status s = resolve(ks, &dbi, &present, err); s != CE_OK) return s;
  std::string sk = stored_key(key);
  std::string_view old;
  if (ce_status s = find(dbi, key, sk, &old, err); s != CE_OK) return s;
  return mutate(Op{OpKind::del, dbi, std::move(sk), {}}, err);
}

ce_status Txn::clear(std::uint32_t ks, ce_error* err) {
  if (ce_status s = require_write(err); s != CE_OK) return s;
  MDB_dbi dbi = 0;
  bool present = false;
  if (ce_status s = resolve(ks, &dbi, &present, err); s != CE_OK) return s;
  return mutate(Op{OpKind::drop, dbi, {}, {}}, err);
}

ce_status Txn::raw_get(MDB_dbi dbi, std::string_view key, std::string_view* out, ce_error* err) {
  if (ce_status s = check_live(err); s != CE_OK) return s;
  MDB_val k = val_of(key);
  MDB_val v{};
  if (int rc = mdb_get(txn_, dbi, &k, &v); rc != 0) return mdb_fail(err, rc, "get");
  *out = view_of(v);
  return CE_OK;
}

ce_status Txn::raw_put(MDB_dbi dbi, std::string_view key, std::string_view val, ce_error* err) {
  if (ce_status s = require_write(err); s != CE_OK) return s;
  return mutate(Op{OpKind::put, dbi, std::string(key), std::string(val)}, err);
}

ce_status Txn::raw_del(MDB_dbi dbi, std::string_view key, ce_error* err) {
  if (ce_status s = require_write(err); s != CE_OK) return s;
  std::string_view old;
  if (ce_status s = raw_get(dbi, key, &old, err); s != CE_OK) return s;
  return mutate(Op{OpKind::del, dbi, std::string(key), {}}, err);
}

int Txn::apply(const Op& op) {
  MDB_val k = val_of(op.key);
  switch (op.kind) {
    case OpKind::put: {
      MDB_val v = val_of(op.val);
      return mdb_put(txn_, op.dbi, &k, &v, 0);
    }
    case OpKind::del: {
      const int rc = mdb_del(txn_, op.dbi, &k, nullptr);
      return rc == MDB_NOTFOUND ? 0 : rc;
    }
    case OpKind::drop:
      return mdb_drop(txn_, op.dbi, 0);
  }
  return EINVAL;
}

ce_status Txn::mutate(Op op, ce_error* err) {
  for (;;) {
    const int rc = apply(op);
    if (rc == 0) {
      ++writes_;
      log_.push_back(std::move(op));
      return CE_OK;
    }
    if (rc != MDB_MAP_FULL) {
      failed_ = true;
      return mdb_fail(err, rc, "write");
    }
    if (int grown = regrow(err); grown != 0) {
      return grown == MDB_MAP_FULL ? CE_FULL : mdb_fail(err, grown, "write after map growth");
    }
  }
}

int Txn::regrow(ce_error* err) {
  for (;;) {
    if (txn_ != nullptr) {
      end_cursors();
      env_->end(std::exchange(txn_, nullptr), true, false);
    }
    ++generation_;
    ++writes_;
    if (env_->grow_map(err) != 0) {
      failed_ = true;
      return MDB_MAP_FULL;
    }
    if (int rc = env_->begin(true, &txn_); rc != 0) {
      txn_ = nullptr;
      failed_ = true;
      return rc;
    }
    int rc = 0;
    for (const Op& op : log_) {
      if ((rc = apply(op)) != 0) break;
    }
    if (rc == 0) return 0;
    if (rc != MDB_MAP_FULL) {
      failed_ = true;
      return rc;
    }
  }
}

}  // namespace ce::lmdb
