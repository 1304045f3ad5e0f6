#include "lmdb_cursor.hpp"

#include <algorithm>

#include "lmdb_error.hpp"
#include "long_key.hpp"
#include "mdb_val.hpp"

namespace ce::lmdb {

namespace {
// Bounds around every stored key of a run: prefix + 16 x 0x00 sorts before its members (and after
// the plain key equal to the prefix), prefix + 16 x 0xff after them.
std::string run_floor(std::string_view prefix) {
  return std::string(prefix) + std::string(kKeyHashSize, '\0');
}
std::string run_ceiling(std::string_view prefix) {
  return std::string(prefix) + std::string(kKeyHashSize, '\xff');
}
}  // namespace

Cursor::Cursor(Txn& txn, std::uint32_t ks) : txn_(&txn), ks_(ks) {
  txn.attach(this);
}

Cursor::~Cursor() {
  if (txn_ != nullptr) {
    drop_handle(/*close=*/true);
    txn_->detach(this);
  } else if (mc_ != nullptr) {
    mdb_cursor_close(mc_);  // a read-only transaction's cursor outlived it
  }
}

void Cursor::drop_handle(bool close) {
  if (close && mc_ != nullptr) mdb_cursor_close(mc_);
  mc_ = nullptr;
}

void Cursor::on_txn_end() {
  txn_ = nullptr;
}

ce_status Cursor::ready(ce_error* err) {
  if (txn_ == nullptr) return fail(err, CE_INVALID, "cursor used after its transaction ended");
  bool present = false;
  if (ce_status s = txn_->resolve(ks_, &dbi_, &present, err); s != CE_OK) return s;
  if (!present) return CE_END;
  if (mc_ == nullptr || generation_ != txn_->generation()) {
    mc_ = nullptr;  // a replaced write transaction freed the old handle
    if (int rc = mdb_cursor_open(txn_->raw(), dbi_, &mc_); rc != 0) {
      return mdb_fail(err, rc, "cursor_open");
    }
    generation_ = txn_->generation();
  }
  return CE_OK;
}

int Cursor::get(MDB_cursor_op op, MDB_val* k, MDB_val* v) {
  return mdb_cursor_get(mc_, k, v, op);
}

int Cursor::stored_ge(std::string_view sk, MDB_val* k, MDB_val* v) {
  if (sk.empty()) return get(MDB_FIRST, k, v);  // LMDB rejects a zero-length seek key
  *k = val_of(sk);
  return get(MDB_SET_RANGE, k, v);
}

int Cursor::stored_gt(std::string_view sk, MDB_val* k, MDB_val* v) {
  int rc = stored_ge(sk, k, v);
  if (rc == 0 && view_of(*k) == sk) rc = get(MDB_NEXT, k, v);
  return rc;
}

int Cursor::stored_lt(std::string_view sk, MDB_val* k, MDB_val* v) {
  int rc = stored_ge(sk, k, v);
  if (rc == 0) return get(MDB_PREV, k, v);
  return rc == MDB_NOTFOUND ? get(MDB_LAST, k, v) : rc;
}

ce_status Cursor::load_run(std::string_view prefix, ce_error* err) {
  run_.clear();
  run_prefix_ = prefix;
  run_writes_ = txn_->writes();
  MDB_val k{}, v{};
  int rc = stored_gt(run_prefix_, &k, &v);
  for (; rc == 0; rc = get(MDB_NEXT, &k, &v)) {
    const std::string_view sk = view_of(k);
    if (sk.size() != kLongStoredKeySize || !sk.starts_with(run_prefix_)) break;
    Record rec;
    if (!decode_record(sk, view_of(v), &rec)) {
      return fail(err, CE_INTERNAL, "lmdb: unreadable record (unknown header byte)");
    }
    run_.push_back({rec.key, rec.value});
  }
  if (rc != 0 && rc != MDB_NOTFOUND) return mdb_fail(err, rc, "cursor");
  std::sort(run_.begin(), run_.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  return CE_OK;
}

ce_status Cursor::land(int rc, const MDB_val& k, const MDB_val& v, bool forward, Item* out,
                       ce_error* err) {
  if (rc == MDB_NOTFOUND) return CE_END;
  if (rc != 0) return mdb_fail(err, rc, "cursor");
  const std::string_view sk = view_of(k);
  Record rec;
  if (!decode_record(sk, view_of(v), &rec)) {
    return fail(err, CE_INTERNAL, "lmdb: unreadable record (unknown header byte)");
  }
  if (!is_long_key(rec.key)) {
    run_.clear();
    *out = {rec.key, rec.value};
    return CE_OK;
  }
  if (ce_status s = load_run(sk.substr(0, kInlineKeyMax), err); s != CE_OK) return s;
  if (run_.empty()) return fail(err, CE_INTERNAL, "lmdb: long-key run vanished while loading");
  run_pos_ = forward ? 0 : run_.size() - 1;
  *out = run_[run_pos_];
  return CE_OK;
}

ce_status Cursor::first_after(std::string_view key, bool strict, Item* out, ce_error* err) {
  MDB_val k{}, v{};
  if (!is_long_key(key)) {
    // For a key that fits inline, stored order and logical order agree (see long_key.hpp).
    const int rc = strict ? stored_gt(key, &k, &v) : stored_ge(key, &k, &v);
    return land(rc, k, v, true, out, err);
  }
  if (ce_status s = load_run(key.substr(0, kInlineKeyMax), err); s != CE_OK) return s;
  auto it = std::find_if(run_.begin(), run_.end(),
                         [&](const Item& i) { return strict ? i.key > key : i.key >= key; });
  if (it != run_.end()) {
    run_pos_ = static_cast<std::size_t>(it - run_.begin());
    *out = *it;
    return CE_OK;
  }
  const int rc = stored_gt(run_ceiling(run_prefix_), &k, &v);
  return land(rc, k, v, true, out, err);
}

ce_status Cursor::last_before(std::optional<std::string_view> key, Item* out, ce_error* err) {
  MDB_val k{}, v{};
  if (!key) return land(get(MDB_LAST, &k, &v), k, v, false, out, err);
  if (!is_long_key(*key)) return land(stored_lt(*key, &k, &v), k, v, false, out, err);
  if (ce_status s = load_run(key->substr(0, kInlineKeyMax), err); s != CE_OK) return s;
  auto it = std::find_if(run_.rbegin(), run_.rend(), [&](const Item& i) { return i.key < *key; });
  if (it != run_.rend()) {
    run_pos_ = static_cast<std::size_t>(run_.rend() - it) - 1;
    *out = *it;
    return CE_OK;
  }
  return land(stored_lt(run_floor(run_prefix_), &k, &v), k, v, false, out, err);
}

// The loaded run's views are good until the transaction writes (or regrows, which counts as one).
bool Cursor::run_is_fresh() const {
  return !run_.empty() && run_writes_ == txn_->writes() && current_ && is_long_key(*current_);
}

ce_status Cursor::finish(ce_status s, const Item& item, ce_bytes* out_key, ce_bytes* out_val) {
  if (s != CE_OK) {
    if (s == CE_END) {
      current_.reset();
      run_.clear();
    }
    return s;
  }
  current_.emplace(item.key);
  if (out_key != nullptr) *out_key = to_bytes(item.key);
  if (out_val != nullptr) *out_val = to_bytes(item.value);
  return CE_OK;
}

ce_status Cursor::seek(std::string_view key, ce_bytes* out_key, ce_bytes* out_val, ce_error* err) {
  ce_status s = ready(err);
  Item item;
  if (s == CE_OK) s = first_after(key, false, &item, err);
  return finish(s, item, out_key, out_val);
}

ce_status Cursor::last(ce_bytes* out_key, ce_bytes* out_val, ce_error* err) {
  ce_status s = ready(err);
  Item item;
  if (s == CE_OK) s = last_before(std::nullopt, &item, err);
  return finish(s, item, out_key, out_val);
}

ce_status Cursor::step(std::int32_t dir, ce_bytes* out_key, ce_bytes* out_val, ce_error* err) {
  if (dir == 0) return fail(err, CE_INVALID, "cursor_step: dir must be > 0 or < 0");
  ce_status s = ready(err);
  if (s == CE_OK && !current_) s = CE_END;  // unpositioned, or already past an end
  Item item;
  if (s == CE_OK && run_is_fresh()) {
    MDB_val k{}, v{};
    if (dir > 0 && run_pos_ + 1 < run_.size()) {
      item = run_[++run_pos_];
    } else if (dir < 0 && run_pos_ > 0) {
      item = run_[--run_pos_];
    } else if (dir > 0) {
      s = land(stored_gt(run_ceiling(run_prefix_), &k, &v), k, v, true, &item, err);
    } else {
      s = land(stored_lt(run_floor(run_prefix_), &k, &v), k, v, false, &item, err);
    }
  } else if (s == CE_OK) {
    const std::string from = *current_;
    s = dir > 0 ? first_after(from, true, &item, err) : last_before(from, &item, err);
  }
  return finish(s, item, out_key, out_val);
}

}  // namespace ce::lmdb
